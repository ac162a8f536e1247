// The session runner on a fake clock: history events as they happen, actions, stop signals, a failing listener.
import { describe, expect, it } from "vitest";
import type { HistoryEvent } from "../../src/history/types.js";
import { FakeClock } from "../../src/session/clock.js";
import { SessionRunner, exerciseSeconds, type RunnerDeps } from "../../src/session/runner.js";
import { planOf, seg } from "../helpers/plans.js";

/** Hold 10 s; Bridge (manual); Rest 5 s; no lead-in. */
const PLAN = planOf([seg("stretch", "Hold", 10), seg("exercise", "Bridge", null, { step: 1 }), seg("rest", "Rest", 5, { step: -1 })], 0, 2);

function setup(options: { input?: boolean; failOn?: HistoryEvent["type"] } = {}) {
  const clock = new FakeClock();
  const events: HistoryEvent[] = [];
  const stops = new Set<(code: number) => void>();
  const deps: RunnerDeps = {
    clock,
    pid: 7,
    hostname: "h",
    store: {
      append: (event) => {
        if (event.type === options.failOn) throw new Error("disk full");
        events.push(event);
      },
    },
    onStop: (handler) => {
      stops.add(handler);
      return () => stops.delete(handler);
    },
  };
  const runner = new SessionRunner(PLAN, deps, { input: options.input ?? true, painBefore: null, leaveOut: new Map() });
  return { clock, events, runner, signal: (code: number) => [...stops].forEach((h) => h(code)), stops };
}

describe("SessionRunner", () => {
  it("saves the start at once, each segment as it ends, and the end; returns how it went", async () => {
    const { clock, events, runner } = setup();
    const done = runner.run();
    expect(events.map((e) => e.type)).toEqual(["start"]);
    expect(events[0]).toMatchObject({ routine: { id: "test", name: "Test routine" }, planned_s: 15, pid: 7, host: "h" });
    clock.advance(10_000);
    expect(events.map((e) => e.type)).toEqual(["start", "segment"]);
    clock.advance(4000);
    runner.act("complete"); // Bridge done after 4 s
    clock.advance(5000);
    const outcome = await done;
    expect(outcome).toMatchObject({ code: 0, status: "completed", session: runner.session });
    expect(events.map((e) => (e.type === "segment" ? `${e.segment.title} ${e.segment.outcome}` : e.type))).toEqual([
      "start",
      "Hold done",
      "Bridge done",
      "Rest done",
      "end",
    ]);
    expect(events.every((e) => e.session === runner.session)).toBe(true);
    expect(exerciseSeconds(PLAN, outcome.records, new Map())).toBe(19);
  });

  it("maps keys to the engine: pause, skip, + and -", async () => {
    const { clock, runner } = setup();
    const done = runner.run();
    runner.act("add");
    expect(runner.engine.snapshot().remaining_s).toBe(20);
    runner.act("take");
    runner.act("take");
    expect(runner.engine.snapshot().remaining_s).toBe(1);
    runner.act("toggle-pause");
    expect(runner.engine.paused).toBe(true);
    runner.act("toggle-pause");
    runner.act("skip");
    expect(runner.engine.snapshot().segment?.title).toBe("Bridge");
    runner.act("stop");
    expect((await done).code).toBe(0);
    clock.advance(1000);
  });

  it("a stop signal stops and saves with its exit code, and is unsubscribed after", async () => {
    const { clock, events, runner, signal, stops } = setup();
    const done = runner.run();
    clock.advance(3000);
    signal(143);
    const outcome = await done;
    expect(outcome).toMatchObject({ code: 143, status: "stopped" });
    expect(events.at(-2)).toMatchObject({ type: "segment", segment: { title: "Hold", outcome: "stopped", active_s: 3 } });
    expect(events.at(-1)).toMatchObject({ type: "end", status: "stopped" });
    expect(stops.size).toBe(0);
    signal(130);
    expect(outcome.code).toBe(143);
  });

  it("Ctrl-C as an action stops with 130; a second stop changes nothing", async () => {
    const { runner } = setup();
    const done = runner.run();
    runner.act("interrupt");
    runner.act("stop");
    expect((await done).code).toBe(130);
  });

  it("while 'this hurts' waits, only its answers count", async () => {
    const { clock, runner } = setup();
    const seen: boolean[] = [];
    runner.onHurt(({ open }) => seen.push(open));
    const done = runner.run();
    clock.advance(2000);
    runner.act("hurt");
    runner.act("back"); // ignored
    runner.act("add"); // ignored
    expect(runner.engine.snapshot().remaining_s).toBe(8);
    runner.act("skip");
    expect(seen).toEqual([true, false]);
    expect(runner.engine.records[0]).toMatchObject({ title: "Hold", outcome: "skipped", hurt: true });
    runner.act("hurt");
    runner.act("stop");
    expect(await done).toMatchObject({ code: 0, status: "stopped" });
  });

  it("a listener that throws abandons the session and run() rejects with its error", async () => {
    const { clock, runner, stops } = setup({ failOn: "segment" });
    const done = runner.run();
    clock.advance(10_000);
    await expect(done).rejects.toThrow("disk full");
    expect(stops.size).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it("without input a manual step is skipped at once", async () => {
    const { clock, runner } = setup({ input: false });
    const done = runner.run();
    clock.advance(15_000);
    const outcome = await done;
    expect(outcome.records.map((r) => r.outcome)).toEqual(["done", "skipped", "done"]);
  });
});
