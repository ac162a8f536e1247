import { EventEmitter } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MIN_INTERVAL_S, SNOOZE_S, parseEvery, parseTimes, remind, type RemindOptions } from "../../src/commands/remind.js";
import { CancelError, UserError } from "../../src/errors.js";
import type { StartProgram } from "../../src/programs.js";
import { makeDeps, type FakeDeps, promptsFor } from "../helpers/fake-deps.js";

// Reminders on a fake clock: minutes pass in a call, and nothing sleeps.

const runModule = vi.hoisted(() => ({ run: vi.fn(async (_ref: string, _opts: object, _deps: unknown) => 0) }));
vi.mock("../../src/commands/run.js", () => runModule);

const MINUTE = 60_000;

let f: FakeDeps;
let fakes: FakeDeps[] = [];
beforeEach(() => {
  vi.clearAllMocks();
});
afterEach(() => {
  for (const fake of fakes) fake.cleanup();
  fakes = [];
});

function setup(options: { tty?: boolean; answers?: (string | Error)[]; sound?: boolean } = {}) {
  const answers = [...(options.answers ?? [])];
  const asked: { message: string; choices: string[] }[] = [];
  const prompts = promptsFor({
    select: async (o) => {
      asked.push({ message: o.message, choices: o.choices.map((c) => c.name) });
      const answer = answers.shift();
      if (answer === undefined) return new Promise(() => {}); // left open, like a person away from the desk
      if (answer instanceof Error) throw answer;
      return answer as never;
    },
  });
  f = makeDeps({ tty: options.tty ?? false, prompts, settings: { sound: options.sound ?? true } });
  fakes.push(f);
  const spawned: { program: string; args: readonly string[] }[] = [];
  const spawn: StartProgram = (program, args) => {
    spawned.push({ program, args });
    return new EventEmitter() as unknown as ReturnType<StartProgram>;
  };
  return { asked, spawned, spawn };
}

let current: { done(): number | Error | undefined } | undefined;

/**
 * Lets the command run (it reads the routine from disk first) until it waits on the fake clock, has ended, or
 * `ready()` holds; fails after a few seconds rather than hanging.
 */
async function settle(ready: () => boolean = () => f.clock.pending > 0 || current?.done() !== undefined): Promise<void> {
  for (let waited = 0; !ready(); waited += 2) {
    if (waited > 5000) throw new Error(`the command did not get there; stdout: ${f.out()} stderr: ${f.err()}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** "08:45" for the fake clock's start plus `ms`, in local time as the command prints it. */
function hhmm(ms: number): string {
  const date = new Date(f.clock.wall().getTime() - f.clock.now() + ms);
  return `${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`;
}

/** Starts `soothe remind` and returns its result promise, with the state it settles in. */
function start(opts: RemindOptions, tools: { spawn: StartProgram; notifier?: boolean }) {
  let done: number | Error | undefined;
  const promise = remind(opts, f.deps, {
    which: (name) => (name === "notify-send" && tools.notifier ? "/usr/bin/notify-send" : null),
    spawn: tools.spawn,
  }).then(
    (code) => (done = code),
    (error: Error) => (done = error),
  );
  current = { done: () => done };
  return { promise, done: () => done };
}

describe("soothe remind without input", () => {
  it("prints one line a reminder and stops after --times", async () => {
    const { spawn } = setup();
    const r = start({ every: "45m", times: "2", input: false }, { spawn });
    await settle();
    expect(f.err()).toBe(`Break reminders: 2 reminders, every 45m, first at ${hhmm(45 * MINUTE)}. Ctrl-C to stop.\n`);
    f.clock.advance(45 * MINUTE - 1);
    await settle();
    expect(f.out()).toBe("");
    f.clock.advance(1);
    await settle();
    expect(f.out()).toBe(`[${hhmm(45 * MINUTE)}] Reminder 1 of 2: time for a break (soothe run desk-break)\n`);
    f.clock.advance(45 * MINUTE);
    await settle();
    expect(r.done()).toBe(0);
    expect(f.out().split("\n")[1]).toBe(`[${hhmm(90 * MINUTE)}] Reminder 2 of 2: time for a break (soothe run desk-break)`);
    expect(f.err()).toMatch(/Done: 2 reminders given\.\n$/);
    expect(f.clock.pending).toBe(0);
  });

  it("goes on until stopped without --times, and Ctrl-C ends it with 130", async () => {
    const { spawn } = setup();
    const r = start({ every: "20m", input: false }, { spawn });
    await settle();
    expect(f.err()).toContain("Break reminders: every 20m, first at");
    for (let i = 0; i < 3; i++) {
      f.clock.advance(20 * MINUTE);
      await settle();
    }
    expect(f.out().trimEnd().split("\n")).toHaveLength(3);
    expect(f.out()).toContain("Reminder 3: time for a break");
    f.signal("SIGINT");
    await settle();
    expect(r.done()).toBe(130);
    expect(f.err()).toMatch(/Stopped: 3 reminders given\.\n$/);
    expect(f.clock.pending).toBe(0);
  });

  it("SIGTERM ends it with 143", async () => {
    const { spawn } = setup();
    const r = start({ input: false }, { spawn });
    await settle();
    f.signal("SIGTERM");
    await settle();
    expect(r.done()).toBe(143);
    expect(f.out()).toBe("");
  });

  it("sends a desktop notification when notify-send exists", async () => {
    const { spawn, spawned } = setup();
    const r = start({ every: "1m", times: "1", input: false }, { spawn, notifier: true });
    await settle();
    f.clock.advance(MINUTE);
    await settle();
    expect(r.done()).toBe(0);
    expect(spawned).toEqual([
      { program: "/usr/bin/notify-send", args: ["--app-name=soothe", "Time for a break", "Desk break: soothe run desk-break"] },
    ]);
  });

  it("starts nothing when there is no notify-send", async () => {
    const { spawn, spawned } = setup();
    const r = start({ every: "1m", times: "1", input: false }, { spawn });
    await settle();
    f.clock.advance(MINUTE);
    await settle();
    expect(r.done()).toBe(0);
    expect(spawned).toEqual([]);
  });

  it("rings the bell on a terminal, unless the sound setting is off; never in a pipe", async () => {
    for (const [tty, sound, bell] of [
      [true, true, true],
      [true, false, false],
      [false, true, false],
    ] as const) {
      const { spawn } = setup({ tty, sound });
      const r = start({ every: "1m", times: "1", input: false }, { spawn });
      await settle();
      f.clock.advance(MINUTE);
      await settle();
      expect(r.done()).toBe(0);
      expect(f.out().includes("\u0007")).toBe(bell);
    }
  });

  it("offers the routine named with --routine", async () => {
    const { spawn } = setup();
    const r = start({ every: "1m", times: "1", routine: "nerve-glides", input: false }, { spawn });
    await settle();
    f.clock.advance(MINUTE);
    await settle();
    expect(r.done()).toBe(0);
    expect(f.out()).toContain("(soothe run nerve-glides)");
  });
});

describe("soothe remind on a terminal", () => {
  it("asks what to do: run now, snooze, skip or stop", async () => {
    const { spawn, asked } = setup({ tty: true, answers: ["stop"] });
    const r = start({ every: "45m" }, { spawn });
    await settle();
    f.clock.advance(45 * MINUTE);
    await settle();
    expect(r.done()).toBe(0);
    expect(asked).toEqual([
      {
        message: `Reminder 1 (${hhmm(45 * MINUTE)}): time for a break.`,
        choices: ["Run Desk break now", "Snooze 10 minutes", "Skip this one", "Stop the reminders"],
      },
    ]);
    expect(f.err()).toMatch(/Done: 1 reminder given\.\n$/);
  });

  it("skip waits a full interval for the next one", async () => {
    const { spawn, asked } = setup({ tty: true, answers: ["skip", "stop"] });
    const r = start({ every: "30m", times: "3" }, { spawn });
    await settle();
    f.clock.advance(30 * MINUTE);
    await settle();
    expect(f.err()).toContain(`Next break at ${hhmm(60 * MINUTE)}. Ctrl-C to stop.`);
    f.clock.advance(30 * MINUTE - 1);
    await settle();
    expect(asked).toHaveLength(1);
    f.clock.advance(1);
    await settle();
    expect(asked.map((a) => a.message)).toEqual([
      `Reminder 1 of 3 (${hhmm(30 * MINUTE)}): time for a break.`,
      `Reminder 2 of 3 (${hhmm(60 * MINUTE)}): time for a break.`,
    ]);
    expect(r.done()).toBe(0);
  });

  it("snooze brings the same reminder back in 10 minutes", async () => {
    const { spawn, asked } = setup({ tty: true, answers: ["snooze", "skip"] });
    const r = start({ every: "45m", times: "1" }, { spawn });
    await settle();
    f.clock.advance(45 * MINUTE);
    await settle();
    expect(f.err()).toContain(`Snoozed until ${hhmm(55 * MINUTE)}.`);
    f.clock.advance(SNOOZE_S * 1000);
    await settle();
    expect(asked.map((a) => a.message)).toEqual([
      `Reminder 1 of 1 (${hhmm(45 * MINUTE)}): time for a break.`,
      `Reminder 1 of 1 (${hhmm(55 * MINUTE)}): time for a break.`,
    ]);
    expect(r.done()).toBe(0);
    expect(f.err()).toMatch(/Done: 1 reminder given\.\n$/);
  });

  it("runs the routine now, then goes on reminding", async () => {
    const { spawn, asked } = setup({ tty: true, answers: ["run", "stop"] });
    const r = start({ every: "45m", routine: "nerve-glides" }, { spawn });
    await settle();
    f.clock.advance(45 * MINUTE);
    await settle();
    expect(runModule.run).toHaveBeenCalledWith("nerve-glides", {}, f.deps);
    f.clock.advance(45 * MINUTE);
    await settle();
    expect(asked).toHaveLength(2);
    expect(r.done()).toBe(0);
  });

  it("a routine stopped with Ctrl-C ends the reminders too", async () => {
    runModule.run.mockResolvedValueOnce(130);
    const { spawn } = setup({ tty: true, answers: ["run"] });
    const r = start({ every: "45m" }, { spawn });
    await settle();
    f.clock.advance(45 * MINUTE);
    await settle();
    expect(r.done()).toBe(130);
    expect(f.err()).toMatch(/Stopped: 1 reminder given\.\n$/);
  });

  it("Ctrl-C at the question ends it with 130", async () => {
    const { spawn } = setup({ tty: true, answers: [new CancelError()] });
    const r = start({ every: "45m" }, { spawn });
    await settle();
    f.clock.advance(45 * MINUTE);
    await settle();
    expect(r.done()).toBe(130);
    expect(f.clock.pending).toBe(0);
  });

  it("a stop signal while the question is open ends it", async () => {
    const { spawn, asked } = setup({ tty: true, answers: [] });
    const r = start({ every: "45m" }, { spawn });
    await settle();
    f.clock.advance(45 * MINUTE);
    await settle(() => asked.length === 1);
    f.signal("SIGHUP");
    await settle();
    expect(r.done()).toBe(129);
  });

  it("--no-input on a terminal prints lines instead of asking", async () => {
    const { spawn, asked } = setup({ tty: true });
    const r = start({ every: "1m", times: "1", input: false }, { spawn });
    await settle();
    f.clock.advance(MINUTE);
    await settle();
    expect(r.done()).toBe(0);
    expect(asked).toEqual([]);
    expect(f.out()).toContain("Reminder 1 of 1: time for a break");
  });
});

describe("options", () => {
  it.each([
    ["45m", 2700],
    ["1m", 60],
    ["1h30m", 5400],
    ["90", 90],
  ])("--every %s is %i seconds", (text, seconds) => {
    expect(parseEvery(text)).toBe(seconds);
  });

  it.each([
    ["30s", /--every: 30s is too short for the time between reminders \(at least 1m\)$/],
    ["45", /a plain number is seconds: did you mean 45m\?$/],
    ["soon", /^--every: bad duration "soon"/],
    ["0", /^--every: /],
  ])("--every %s is refused", (text, message) => {
    expect(() => parseEvery(text)).toThrow(UserError);
    expect(() => parseEvery(text)).toThrow(message);
  });

  it("the shortest interval is a minute", () => {
    expect(MIN_INTERVAL_S).toBe(60);
  });

  it.each([
    [undefined, null],
    ["1", 1],
    ["12", 12],
  ])("--times %s is %s", (text, times) => {
    expect(parseTimes(text)).toBe(times);
  });

  it.each(["0", "-1", "1.5", "two", ""])("--times %j is refused", (text) => {
    expect(() => parseTimes(text)).toThrow(`--times must be a whole number, 1 or more; got "${text}"`);
  });

  it("an unknown routine is reported at once, not at the first break", async () => {
    const { spawn } = setup();
    await expect(remind({ routine: "desk-brake", input: false }, f.deps, { which: () => null, spawn })).rejects.toThrow(
      'no routine with the id "desk-brake". Did you mean "desk-break"?',
    );
    expect(f.clock.pending).toBe(0);
  });
});
