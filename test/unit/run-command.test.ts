import { mkdirSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { run, type RunOptions } from "../../src/commands/run.js";
import type { Input } from "../../src/deps.js";
import { UserError } from "../../src/errors.js";
import { openHistory } from "../../src/history/store.js";
import type { HistoryEvent } from "../../src/history/types.js";
import { makeDeps, type FakeDeps } from "../helpers/fake-deps.js";

const ROUTINE = `name: Quick test
lead_in: 5s
transition: 5s
steps:
  - stretch: Knee to chest
    hold: 10s
    sides: both
  - exercise: Bridge
    reps: 10
    sides: affected
  - rest: Lie still
    duration: 20s
`;
// Plan: lead-in 5; left 10, transition 5, right 10, transition 5, Bridge (manual), rest 20 (no transition beside a
// rest). Timed total 50 s; 55 s with the lead-in.
const PLAN_END_MS = 55_000;

interface Fake extends FakeDeps {
  stdin: Input & { raw: boolean[] } & PassThrough;
  signalHandlers(): number;
  events(): Promise<HistoryEvent[]>;
}

let fakes: FakeDeps[] = [];
let file: string;

afterEach(() => {
  for (const f of fakes) f.cleanup();
  fakes = [];
});

function fake(tty: boolean): Fake {
  const raw: boolean[] = [];
  const stdin = Object.assign(new PassThrough(), {
    isTTY: tty,
    raw,
    setRawMode(mode: boolean) {
      raw.push(mode);
      return stdin;
    },
  });
  let handlers = 0;
  const made = makeDeps({
    tty,
    envVars: { LANG: "en_GB.UTF-8" },
    // The questions before and after a run (safety screen, side, pain) have tests of their own below.
    settings: { lead_in: 3, transition: 5, safety_shown: true, pain_checkins: false, ...(tty ? { affected_side: "left" } : {}) },
    stdin: stdin as unknown as Input,
  });
  fakes.push(made);
  const { deps } = made;
  deps.openHistory = async () => openHistory(deps.paths.historyFile);
  const onSignal = deps.onSignal;
  deps.onSignal = (handler) => {
    handlers += 1;
    const off = onSignal(handler);
    return () => {
      handlers -= 1;
      off();
    };
  };
  file = join(made.home, "quick-test.yaml");
  writeFileSync(file, ROUTINE);
  return {
    ...made,
    stdin: stdin as unknown as Fake["stdin"],
    signalHandlers: () => handlers,
    events: async () =>
      (await readFile(deps.paths.historyFile, "utf8"))
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as HistoryEvent),
  };
}

/**
 * Starts a run and waits (yielding to I/O, never sleeping) until its session clock is ticking. The run's promise
 * comes back in an object: returned bare from an async function it would be awaited.
 */
async function started(f: Fake, opts: RunOptions = {}): Promise<{ result: Promise<number> }> {
  const result = run(file, opts, f.deps);
  let failed: unknown = null;
  result.catch((error: unknown) => (failed = error));
  const giveUp = Date.now() + 10_000;
  while (f.clock.pending === 0) {
    if (failed) throw failed;
    if (Date.now() > giveUp) throw new Error("the run never started its clock");
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { result };
}

describe("soothe run, piped", () => {
  it("writes a start event, one event per segment as it ends, and an end event; the end comes on the plan's deadline", async () => {
    const f = fake(false);
    const { result } = await started(f);
    let events = await f.events();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      v: 1,
      type: "start",
      routine: { id: "quick-test", name: "Quick test" },
      planned_s: 50,
      pid: 4242,
      host: "test-host",
      at: expect.stringMatching(/^2026-11-25T\d\d:00:00\.000[+-]\d\d:\d\d$/),
    });
    f.clock.advance(5000 + 10_000);
    events = await f.events();
    expect(events.at(-1)).toMatchObject({ type: "segment", segment: { title: "Knee to chest", side: "left", outcome: "done" } });
    f.clock.advance(PLAN_END_MS - 15_000 - 1);
    expect((await f.events()).some((e) => e.type === "end")).toBe(false);
    f.clock.advance(1);
    expect(await result).toBe(0);

    events = await f.events();
    const session = events[0]!.session;
    expect(events.every((e) => e.session === session)).toBe(true);
    expect(events.map((e) => (e.type === "segment" ? `${e.segment.title}:${e.segment.side}:${e.segment.outcome}` : e.type))).toEqual([
      "start",
      "Knee to chest:left:done",
      "Knee to chest:right:done",
      "Bridge:left:skipped",
      "Lie still:null:done",
      "end",
    ]);
    expect(events.at(-1)).toMatchObject({ type: "end", status: "completed" });
    expect(events.find((e) => e.type === "segment" && e.segment.title === "Bridge")).toMatchObject({
      segment: { outcome: "skipped", planned_s: null, note: expect.stringContaining("needs a person") as unknown },
    });
    // The end is stamped on the plan's timeline: 55 s after the start.
    expect(Date.parse(events.at(-1)!.at) - Date.parse(events[0]!.at)).toBe(PLAN_END_MS);

    const out = f.out();
    expect(out).not.toContain("\u001b");
    expect(out).not.toContain("\u0007");
    expect(out).toContain("[00:05] Start: Knee to chest (left) 10s");
    expect(out).toContain("[00:15] Done: Knee to chest (left) 10s");
    expect(out).toContain("[00:15] Switch sides 5s");
    expect(out).toContain("[00:35] Skipped: Bridge (left, needs a person)");
    expect(out).toContain("Well done: Quick test complete.");
    expect(out).toContain("Segments: 3 done · 1 skipped");
    expect(f.signalHandlers()).toBe(0);
    expect(f.clock.pending).toBe(0);
  });

  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
    ["SIGHUP", 129],
  ] as const)("%s saves the segment in progress as stopped and returns %i", async (signal, code) => {
    const f = fake(false);
    const { result } = await started(f);
    f.clock.advance(5000 + 10_000 + 5000 + 7300);
    f.signal(signal);
    expect(await result).toBe(code);
    const events = await f.events();
    expect(events.slice(-2)).toMatchObject([
      { type: "segment", segment: { side: "right", outcome: "stopped", active_s: 7.3, planned_s: 10 } },
      { type: "end", status: "stopped" },
    ]);
    expect(f.out()).toContain("Stopped: Quick test.");
    expect(f.out()).toContain("Segments: 1 done · 0 skipped · 1 stopped");
  });

  it("uses the --lead-in given, and shows the plan's notes before starting", async () => {
    const f = fake(false);
    const { result } = await started(f, { leadIn: "0" });
    expect(f.out()).not.toContain("Get ready");
    f.clock.advance(PLAN_END_MS - 5000);
    expect(await result).toBe(0);
    expect(f.err()).toContain("No affected side set");
  });

  it("starts with the affected side from --side, else from the settings", async () => {
    for (const [opts, setting, first] of [
      [{ side: "right" }, null, "right"],
      [{}, "right", "right"],
      [{ side: "left" }, "right", "left"],
    ] as const) {
      const f = fake(false);
      const settings = await f.deps.loadSettings();
      f.deps.loadSettings = async () => ({ ...settings, affected_side: setting });
      const { result } = await started(f, opts);
      f.clock.advance(PLAN_END_MS);
      expect(await result).toBe(0);
      const sides = (await f.events()).flatMap((e) => (e.type === "segment" ? [e.segment.side] : []));
      expect(sides[0]).toBe(first);
      expect(f.err()).not.toContain("No affected side set");
    }
  });

  it("refuses a bad --lead-in before anything starts", async () => {
    const f = fake(false);
    await expect(run(file, { leadIn: "soon" }, f.deps)).rejects.toThrow(UserError);
    await expect(run(file, { leadIn: "soon" }, f.deps)).rejects.toThrow(/--lead-in/);
    await expect(f.events()).rejects.toThrow(/ENOENT/);
  });

  it("refuses a --lead-in over the routine limit, in the same words as a routine file", async () => {
    const f = fake(false);
    await expect(run(file, { leadIn: "3h" }, f.deps)).rejects.toThrow("--lead-in: 3h is too long for a lead-in (at most 2h)");
    await expect(f.events()).rejects.toThrow(/ENOENT/);
  });

  it("refuses to start when the session could not be saved", async () => {
    const f = fake(false);
    f.deps.paths = { ...f.deps.paths, historyFile: join(file, "history.jsonl") };
    await expect(run(file, {}, f.deps)).rejects.toThrow(UserError);
    expect(f.out()).toBe("");
  });
});

describe("soothe run on a damaged history", () => {
  it("warns once about a torn last line before it starts, keeps it, and writes the session on fresh lines", async () => {
    const f = fake(false);
    const earlier = JSON.stringify({ v: 1, type: "end", session: "old", at: "2026-11-24T08:00:00.000+01:00", status: "completed" });
    const torn = '{"v":1,"type":"segment","session":"old","at":"2026-11-2';
    mkdirSync(dirname(f.deps.paths.historyFile), { recursive: true });
    writeFileSync(f.deps.paths.historyFile, `${earlier}\n${torn}`);
    const { result } = await started(f);
    expect(f.err().split("\n")[0]).toBe(
      `soothe: warning: ${f.deps.paths.historyFile}: 1 damaged line (the last line, cut short as it was written?) is left in the file; this session starts on a fresh line`,
    );
    f.clock.advance(PLAN_END_MS);
    expect(await result).toBe(0);
    const lines = (await readFile(f.deps.paths.historyFile, "utf8")).split("\n");
    expect(lines.slice(0, 2)).toEqual([earlier, torn]);
    expect(lines.at(-1)).toBe("");
    const events = lines.slice(2, -1).map((l) => JSON.parse(l) as HistoryEvent);
    expect(events.map((e) => e.type)).toEqual(["start", "segment", "segment", "segment", "segment", "end"]);
    expect(f.err().match(/warning/g)).toHaveLength(1);
  });
});

describe("soothe run, on a terminal", () => {
  it("draws the live screen, and q stops, saves and gives the terminal back", async () => {
    const f = fake(true);
    const { result } = await started(f);
    expect(f.stdin.raw).toEqual([true]);
    f.clock.advance(5000 + 4000);
    expect(f.out()).toContain("\u001b[?1049h");
    expect(f.out()).toContain("Knee to chest");
    expect(f.out()).toContain("\u0007");
    f.stdin.emit("data", "q");
    expect(await result).toBe(0);
    const out = f.out();
    expect(out.lastIndexOf("\u001b[?25h")).toBeGreaterThan(out.lastIndexOf("\u001b[?25l"));
    expect(out.lastIndexOf("\u001b[?1049l")).toBeGreaterThan(out.lastIndexOf("\u001b[?1049h"));
    expect(f.stdin.raw.at(-1)).toBe(false);
    expect(f.stdin.isPaused()).toBe(true);
    expect(out.slice(out.lastIndexOf("\u001b[?1049l"))).toContain("Stopped: Quick test.");
    const events = await f.events();
    expect(events.slice(-2)).toMatchObject([
      { type: "segment", segment: { side: "left", outcome: "stopped", active_s: 4 } },
      { type: "end", status: "stopped" },
    ]);
  });

  it("Ctrl-C as a key stops with 130; keys pause, skip and finish a manual step", async () => {
    const f = fake(true);
    const { result } = await started(f, { sound: false });
    f.stdin.emit("data", "s"); // skip the lead-in
    f.clock.advance(2000);
    f.stdin.emit("data", " "); // pause
    f.clock.advance(60_000);
    f.stdin.emit("data", " "); // resume
    f.stdin.emit("data", "\u001b[C"); // skip left, at 2 s
    f.stdin.emit("data", "s"); // skip the transition
    f.clock.advance(10_000 + 5000);
    f.clock.advance(3000); // on Bridge, 3 s
    f.stdin.emit("data", "\r");
    f.clock.advance(1000);
    f.stdin.emit("data", "\u0003");
    expect(await result).toBe(130);
    const segments = (await f.events()).flatMap((e) => (e.type === "segment" ? [e.segment] : []));
    expect(segments.map((s) => [s.title, s.side, s.outcome, s.active_s])).toEqual([
      ["Knee to chest", "left", "skipped", 2],
      ["Knee to chest", "right", "done", 10],
      ["Bridge", "left", "done", 3],
      ["Lie still", null, "stopped", 1],
    ]);
    expect(f.out()).not.toContain("\u0007");
  });

  it("a history that fails mid-run ends the run with the error, and the terminal is given back", async () => {
    const f = fake(true);
    const real = openHistory(f.deps.paths.historyFile);
    let appends = 0;
    f.deps.openHistory = async () => ({
      ...real,
      append(event) {
        appends += 1;
        if (appends === 2) throw new UserError("cannot write history.jsonl: no space left on the device");
        real.append(event);
      },
    });
    const { result } = await started(f);
    f.clock.advance(5000 + 10_000);
    await expect(result).rejects.toThrow(/no space left/);
    const out = f.out();
    expect(out.lastIndexOf("\u001b[?1049l")).toBeGreaterThan(out.lastIndexOf("\u001b[?1049h"));
    expect(f.stdin.raw.at(-1)).toBe(false);
    expect(f.signalHandlers()).toBe(0);
    expect(f.clock.pending).toBe(0);
  });

  it("on a dumb terminal prints plain lines without cursor movement, asks nothing, and still reads keys", async () => {
    const f = fake(true);
    f.deps.env = { ...f.deps.env, TERM: "dumb" };
    // Check-ins on, and no affected side: the questions would come here, and the fake prompts fail if asked.
    const loaded = await f.deps.loadSettings();
    f.deps.loadSettings = async () => ({ ...loaded, pain_checkins: true, affected_side: null });
    const { result } = await started(f, { sound: false });
    expect(f.stdin.raw).toEqual([true]);
    f.clock.advance(5000 + 2000);
    f.stdin.emit("data", " ");
    f.clock.advance(30_000);
    f.stdin.emit("data", " ");
    f.stdin.emit("data", "!");
    f.stdin.emit("data", "c");
    f.stdin.emit("data", "q");
    expect(await result).toBe(0);
    expect(f.stdin.raw.at(-1)).toBe(false);
    const out = f.out();
    expect(out).not.toContain("\u001b");
    expect(out).toContain("[00:05] Start: Knee to chest (left) 10s");
    expect(out).toContain("[00:07] Paused. Press space to go on.");
    expect(out).toContain("[00:37] Going on.");
    expect(out).toContain("This hurts: s skips this step (all its sides and sets), q stops the routine, c or Enter carries on.");
    expect(out).toContain("[00:37] Stopped: Knee to chest (left) 2s");
    expect(out).toMatch(/Stopped: Quick test\.\n/);
    const events = await f.events();
    expect(events.at(-1)).toMatchObject({ type: "end", status: "stopped" });
  });

  it("a run skipped to its end is not called complete; one mostly done is", async () => {
    const skipped = fake(true);
    skipped.deps.env = { ...skipped.deps.env, TERM: "dumb" };
    const first = await started(skipped, { sound: false });
    for (let i = 0; i < 12; i++) skipped.stdin.emit("data", "s"); // lead-in, each segment and transition, the rest
    expect(await first.result).toBe(0);
    expect(skipped.out()).toContain("Reached the end of Quick test, with most of it skipped.");
    expect(skipped.out()).not.toContain("Well done");

    const done = fake(true);
    done.deps.env = { ...done.deps.env, TERM: "dumb" };
    const second = await started(done, { sound: false });
    done.clock.advance(5000 + 10_000 + 5000 + 10_000 + 5000);
    done.stdin.emit("data", "\r"); // Bridge done
    done.clock.advance(20_000);
    expect(await second.result).toBe(0);
    expect(done.out()).toContain("Well done: Quick test complete.");
  });

  it("--no-input on a terminal runs plain, without reading keys", async () => {
    const f = fake(true);
    const { result } = await started(f, { input: false, sound: false });
    expect(f.stdin.raw).toEqual([]);
    f.clock.advance(PLAN_END_MS);
    expect(await result).toBe(0);
    expect(f.out()).not.toContain("\u001b[?1049h");
    expect(f.out()).toContain("Skipped: Bridge (left, needs a person)");
  });
});
