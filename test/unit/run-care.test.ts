// soothe run: the questions and reminders around a run (pain check-ins, the safety screen, the affected side,
// heat and cold) and the `!` key. Prompts are scripted fakes; time is a FakeClock; history is a real file.
import { writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { run, type RunOptions } from "../../src/commands/run.js";
import type { Input, Prompts, Settings } from "../../src/deps.js";
import { CancelError, UserError } from "../../src/errors.js";
import { localIso } from "../../src/time.js";
import { openHistory } from "../../src/history/store.js";
import type { HistoryEvent, SegmentRecord } from "../../src/history/types.js";
import { makeDeps, type FakeDeps } from "../helpers/fake-deps.js";

// Lead-in 2 s; left 10, switch 1, right 10; timed total 21 s, 23 s with the lead-in.
const STRETCH = `name: Stretch
lead_in: 2s
transition: 1s
steps:
  - stretch: Knee to chest
    hold: 10s
    sides: both
`;
const STRETCH_END_MS = 23_000;

// An affected-side step (no lead-in, no transitions): 10 s.
const AFFECTED = `name: Glide
lead_in: 0
transition: 0
steps:
  - exercise: Nerve glide
    duration: 10s
    sides: affected
`;

// A cold pack with its break, then a stretch; no lead-in, no transitions.
const PACK = `name: Pack then stretch
lead_in: 0
transition: 0
steps:
  - manual: Wrap a cold pack in a towel
  - ice: Cold pack
    duration: 10m
  - rest: Pack off
    duration: 10m
  - stretch: Knee to chest
    hold: 10s
`;
const ALL_PACK = `name: Just a pack
lead_in: 0
transition: 0
steps:
  - ice: Cold pack
    duration: 10m
`;

/** One question asked, and the answer given. */
interface Asked {
  type: keyof Prompts;
  message: string;
}

interface Fake extends FakeDeps {
  file(name: string, text: string): string;
  events(): Promise<HistoryEvent[]>;
  asked: Asked[];
  stdin: Input & PassThrough;
}

let fakes: FakeDeps[] = [];
afterEach(() => {
  for (const f of fakes) f.cleanup();
  fakes = [];
});

/**
 * Fake dependencies; `answers` are given to the prompts in order (an Error is thrown instead, a function is called
 * with the question), and running out of answers fails the test.
 */
function fake(options: { tty: boolean; settings?: Partial<Settings>; answers?: unknown[] }): Fake {
  const stdin = Object.assign(new PassThrough(), { isTTY: options.tty, setRawMode: () => stdin });
  const asked: Asked[] = [];
  const answers = [...(options.answers ?? [])];
  const answer =
    (type: keyof Prompts) =>
    async (o: { message: string }): Promise<never> => {
      asked.push({ type, message: o.message });
      if (answers.length === 0) throw new Error(`no answer scripted for ${type}: ${o.message}`);
      const next = answers.shift();
      if (next instanceof Error) throw next;
      return (typeof next === "function" ? await (next as (m: string) => unknown)(o.message) : next) as never;
    };
  const made = makeDeps({
    tty: options.tty,
    envVars: { LANG: "en_GB.UTF-8" },
    settings: { safety_shown: true, ...options.settings },
    stdin: stdin as unknown as Input,
  });
  fakes.push(made);
  const { deps } = made;
  deps.prompts = { select: answer("select"), confirm: answer("confirm"), input: answer("input"), number: answer("number") };
  deps.openHistory = async () => openHistory(deps.paths.historyFile);
  return {
    ...made,
    asked,
    stdin: stdin as unknown as Fake["stdin"],
    file: (name, text) => {
      const path = join(made.home, name);
      writeFileSync(path, text);
      return path;
    },
    events: async () => {
      let text: string;
      try {
        text = await readFile(deps.paths.historyFile, "utf8");
      } catch {
        return [];
      }
      return text
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => JSON.parse(l) as HistoryEvent);
    },
  };
}

/** Starts a run and yields (never sleeping) until its clock is ticking or it has finished. */
async function started(f: Fake, file: string, opts: RunOptions = {}): Promise<{ result: Promise<number> }> {
  const result = run(file, { sound: false, ...opts }, f.deps);
  let settled = false;
  result.then(
    () => (settled = true),
    () => (settled = true),
  );
  const giveUp = Date.now() + 10_000;
  while (f.clock.pending === 0 && !settled) {
    if (Date.now() > giveUp) throw new Error("the run never started its clock");
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { result };
}

/** The segments of the newest session in `events`. */
const segments = (events: HistoryEvent[]): SegmentRecord[] => {
  const session = events.filter((e) => e.type === "start").at(-1)?.session;
  return events.flatMap((e) => (e.type === "segment" && e.session === session ? [e.segment] : []));
};
const types = (events: HistoryEvent[]) => events.map((e) => e.type);

describe("pain check-ins on a terminal", () => {
  it("asks before and after, names the anchors, saves before in the start and after with the note after the end", async () => {
    let lastEventAtAfterQuestion: string | undefined;
    const f = fake({
      tty: true,
      answers: [
        6,
        7,
        "thigh",
        // The first question after the run: the session must be on disk already.
        async () => {
          lastEventAtAfterQuestion = (await f.events()).at(-1)?.type;
          return 3;
        },
        4,
        "calf",
        "  stiff after sitting  ",
      ],
    });
    const file = f.file("stretch.yaml", STRETCH);
    const { result } = await started(f, file);
    f.clock.advance(STRETCH_END_MS);
    expect(await result).toBe(0);

    expect(f.asked.map((a) => a.type)).toEqual(["number", "number", "select", "number", "number", "select", "input"]);
    expect(f.asked[0]!.message).toBe("Back pain now, 0-10 (0 no pain, 10 worst imaginable; Enter skips):");
    expect(f.asked[1]!.message).toBe("Leg pain now, 0-10 (0 no pain, 10 worst imaginable; Enter skips):");
    expect(f.asked[2]!.message).toBe("How far down your leg does the pain reach now?");
    expect(f.asked[3]!.message).toBe("Back pain after the routine, 0-10 (0 no pain, 10 worst imaginable; Enter skips):");
    expect(lastEventAtAfterQuestion).toBe("end");

    const events = await f.events();
    expect(types(events)).toEqual(["start", "segment", "segment", "end", "checkin"]);
    expect(events[0]).toMatchObject({ type: "start", pain_before: { back: 6, leg: 7, reach: "thigh" } });
    expect(events[4]).toMatchObject({ type: "checkin", pain_after: { back: 3, leg: 4, reach: "calf" }, note: "stiff after sitting" });

    const [session] = (await openHistory(f.deps.paths.historyFile).readSessions()).sessions;
    expect(session).toMatchObject({ spread: true, note: "stiff after sitting", pain_after: { back: 3, leg: 4, reach: "calf" } });

    const out = f.out();
    expect(out).toContain("Back pain went from 6 to 3: down 3 points (50 %), a meaningful drop.");
    expect(out).toContain("Leg pain went from 7 to 4: down 3 points (43 %), a meaningful drop.");
    expect(out).toContain("Your pain spread further down the leg (to the thigh before, to the calf now).");
    expect(out).toContain("ease off this routine");
    // The change comes after the summary that says the session is saved.
    expect(out.indexOf("Back pain went")).toBeGreaterThan(out.indexOf("Saved in your history."));
  });

  it("keeps nothing when every question is skipped", async () => {
    const f = fake({ tty: true, answers: [null, null, "skip", null, null, "skip", ""] });
    const { result } = await started(f, f.file("stretch.yaml", STRETCH));
    f.clock.advance(STRETCH_END_MS);
    expect(await result).toBe(0);
    const events = await f.events();
    expect(types(events)).toEqual(["start", "segment", "segment", "end"]);
    expect(events[0]).not.toHaveProperty("pain_before");
    expect(f.out()).not.toContain("pain went");
  });

  it.each([
    ["--no-checkin", { checkin: false }, {}],
    ["the pain_checkins setting off", {}, { pain_checkins: false }],
    ["--no-input", { input: false }, {}],
  ] as const)("asks nothing with %s", async (_name, opts, settings) => {
    const f = fake({ tty: true, settings });
    const { result } = await started(f, f.file("stretch.yaml", STRETCH), opts);
    f.clock.advance(STRETCH_END_MS);
    expect(await result).toBe(0);
    expect(f.asked).toEqual([]);
    expect(types(await f.events())).toEqual(["start", "segment", "segment", "end"]);
  });

  it("Ctrl-C at a question after the run: the session is saved whole, with what was answered", async () => {
    const f = fake({ tty: true, answers: [5, null, "skip", 2, new CancelError()] });
    const { result } = await started(f, f.file("stretch.yaml", STRETCH));
    f.clock.advance(STRETCH_END_MS);
    await expect(result).rejects.toThrow(CancelError);
    const events = await f.events();
    expect(types(events)).toEqual(["start", "segment", "segment", "end", "checkin"]);
    expect(events.at(-1)).toMatchObject({ pain_after: { back: 2, leg: null, reach: null } });
    expect(events.at(-1)).not.toHaveProperty("note");
  });

  it("does not ask after a run stopped with Ctrl-C", async () => {
    const f = fake({ tty: true, answers: [5, 5, "back"] });
    const { result } = await started(f, f.file("stretch.yaml", STRETCH));
    f.clock.advance(4000);
    f.stdin.emit("data", "\u0003");
    expect(await result).toBe(130);
    expect(f.asked).toHaveLength(3);
    expect(types(await f.events())).toEqual(["start", "segment", "end"]);
  });

  it("asks only what the flags leave out", async () => {
    const f = fake({ tty: true, answers: [1, 1, "back", ""] });
    const { result } = await started(f, f.file("stretch.yaml", STRETCH), { painBefore: "back=4" });
    f.clock.advance(STRETCH_END_MS);
    expect(await result).toBe(0);
    // No question before; after: back, leg, reach and the note.
    expect(f.asked.map((a) => a.type)).toEqual(["number", "number", "select", "input"]);
    const events = await f.events();
    expect(events[0]).toMatchObject({ pain_before: { back: 4, leg: null, reach: null } });
    expect(f.out()).toContain("Back pain went from 4 to 1: down 3 points (75 %), a meaningful drop.");
  });
});

describe("pain of 8 or more before a run", () => {
  it("on a terminal: the emergency signs in short, then a gentler routine is offered; switching runs it", async () => {
    let choices: string[] = [];
    const f = fake({ tty: true, answers: [3, 8, "skip", "id:flare-day", null, null, "skip", ""] });
    const select = f.deps.prompts.select;
    f.deps.prompts.select = async (o) => {
      if (o.message.startsWith("A gentler routine")) choices = o.choices.map((c) => c.name);
      return select(o);
    };
    const { result } = await started(f, f.file("stretch.yaml", STRETCH));
    const out = f.out().replace(/\s+/g, " ");
    expect(out).toContain("Your leg pain is 8 out of 10. With pain this bad, check these emergency signs first:");
    expect(out).toContain("Call emergency services or go to an emergency department now if you have:");
    expect(out).toContain("sciatica in both legs");
    expect(choices).toContain("Switch to Flare day (gentler, for a flare)");
    expect(choices).toContain("Go on with Stretch");
    expect(choices).toContain("Stop here: nothing starts");
    f.stdin.emit("data", "q");
    expect(await result).toBe(0);
    expect((await f.events())[0]).toMatchObject({ type: "start", routine: { id: "flare-day" }, pain_before: { back: 3, leg: 8 } });
  });

  it("on a terminal: going on runs the routine chosen; stopping starts nothing", async () => {
    const go = fake({ tty: true, answers: [9, null, "skip", "go", null, null, "skip", ""] });
    const { result } = await started(go, go.file("stretch.yaml", STRETCH));
    go.stdin.emit("data", "q");
    expect(await result).toBe(0);
    expect((await go.events())[0]).toMatchObject({ type: "start", routine: { id: "stretch" } });

    const stop = fake({ tty: true, answers: [9, null, "skip", "stop"] });
    expect(await run(stop.file("stretch.yaml", STRETCH), { sound: false }, stop.deps)).toBe(0);
    expect(stop.out()).toContain("Nothing started.");
    expect(await stop.events()).toEqual([]);
  });

  it("below 8 nothing is said or offered", async () => {
    const f = fake({ tty: true, answers: [7, 7, "skip", null, null, "skip", ""] });
    const { result } = await started(f, f.file("stretch.yaml", STRETCH));
    f.stdin.emit("data", "q");
    expect(await result).toBe(0);
    expect(f.out()).not.toContain("emergency");
  });

  it("piped, from --pain-before: the signs and the gentler routines by name, then the run goes on", async () => {
    const f = fake({ tty: false });
    const { result } = await started(f, f.file("stretch.yaml", STRETCH), { painBefore: "back=8" });
    f.clock.advance(STRETCH_END_MS);
    expect(await result).toBe(0);
    const out = f.out().replace(/\s+/g, " ");
    expect(out).toContain("Your back pain is 8 out of 10.");
    expect(out).toContain("numbness around your genitals or anus");
    expect(out).toContain("soothe run flare-day");
  });
});

describe("after a session in which the pain spread", () => {
  it("repeats the emergency signs in short and names the steps marked as hurting", async () => {
    const f = fake({ tty: true, settings: { pain_checkins: false } });
    const { result } = await started(f, f.file("two.yaml", TWO_STEPS), {
      painBefore: "leg=3,reach=buttock",
      painAfter: "leg=4,reach=calf",
    });
    f.clock.advance(2000 + 3000);
    f.stdin.emit("data", "!");
    f.stdin.emit("data", "s");
    f.clock.advance(60_000);
    expect(await result).toBe(0);
    const out = f.out().replace(/\s+/g, " ");
    expect(out).toContain("The pain spread further down your leg after this session.");
    expect(out).toContain("Call emergency services or go to an emergency department now if you have:");
    expect(out).toContain("weakness or numbness in both legs");
    expect(out).toContain("You marked this step as hurting: Knee to chest.");
  });

  it("says nothing of the kind when the pain did not spread", async () => {
    const f = fake({ tty: false });
    const { result } = await started(f, f.file("stretch.yaml", STRETCH), {
      painBefore: "leg=3,reach=calf",
      painAfter: "leg=4,reach=buttock",
    });
    f.clock.advance(STRETCH_END_MS);
    expect(await result).toBe(0);
    expect(f.out()).not.toContain("spread");
    expect(f.out()).not.toContain("emergency");
  });
});

describe("pain and a note from flags", () => {
  it("keeps --pain-before in the start, --pain-after and --note after the end, and states the change", async () => {
    const f = fake({ tty: false });
    const { result } = await started(f, f.file("stretch.yaml", STRETCH), {
      painBefore: "back=6,leg=7,reach=calf",
      painAfter: "back=5,leg=3,reach=thigh",
      note: "after a long drive",
    });
    f.clock.advance(STRETCH_END_MS);
    expect(await result).toBe(0);
    expect(f.asked).toEqual([]);
    const events = await f.events();
    expect(events[0]).toMatchObject({ type: "start", pain_before: { back: 6, leg: 7, reach: "calf" } });
    expect(events.slice(-2)).toMatchObject([
      { type: "end", status: "completed" },
      { type: "checkin", pain_after: { back: 5, leg: 3, reach: "thigh" }, note: "after a long drive" },
    ]);
    const out = f.out();
    expect(out).toContain("Back pain went from 6 to 5: down 1 point (17 %), a small change.");
    expect(out).toContain("Leg pain went from 7 to 3: down 4 points (57 %), a meaningful drop.");
    expect(out).toContain("pain moving back toward the spine is a good sign");
  });

  it.each([
    [{ painBefore: "back=12" }, '--pain-before "back=12": back "12" is not a level; use a whole number from 0 to 10 (0 no pain, 10 worst imaginable)'],
    [{ painAfter: "reach=knee" }, '--pain-after "reach=knee": reach "knee" is not a place; use one of none, back, buttock, thigh, calf, foot'],
    [{ painAfter: "lag=2" }, '--pain-after "lag=2": unknown part "lag" (did you mean "leg"?); the parts are back, leg and reach, like "back=6,leg=7,reach=thigh"'],
    [{ note: "x".repeat(1001) }, "--note is 1001 characters long; keep it to 1000 at most."],
  ])("refuses a bad value before the run starts, as a usage error (exit 2): %#", async (opts, message) => {
    const f = fake({ tty: false });
    const error = await run(f.file("stretch.yaml", STRETCH), opts, f.deps).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    expect((error as UserError).message).toBe(message);
    expect(await f.events()).toEqual([]);
    expect(f.out()).toBe("");
  });
});

describe("the safety screen on the first run", () => {
  it("piped: printed every time and never marked as seen; the run goes on", async () => {
    const f = fake({ tty: false, settings: { safety_shown: false } });
    const file = f.file("stretch.yaml", STRETCH);
    const first = await started(f, file);
    f.clock.advance(STRETCH_END_MS);
    expect(await first.result).toBe(0);
    expect(f.saved).toEqual([]);
    const out = f.out();
    expect(out).toContain("Please read these warning signs once. See them again any time: soothe safety");
    expect(out).toContain("sciatica in both legs");
    expect(out.indexOf("sciatica in both legs")).toBeLessThan(out.indexOf("Stretch: 1 step"));
    expect(f.asked).toEqual([]);

    const second = await started(f, file);
    f.clock.advance(STRETCH_END_MS);
    expect(await second.result).toBe(0);
    expect(f.out().split("sciatica in both legs")).toHaveLength(3);
    expect(f.saved).toEqual([]);
  });

  it("on a terminal: asks to go on, with no by default; no starts nothing and keeps the signs for next time", async () => {
    let asked: unknown;
    const f = fake({ tty: true, settings: { safety_shown: false }, answers: [false] });
    const confirm = f.deps.prompts.confirm;
    f.deps.prompts.confirm = async (o) => {
      asked = o;
      return confirm(o);
    };
    expect(await run(f.file("stretch.yaml", STRETCH), {}, f.deps)).toBe(0);
    expect(f.asked).toEqual([{ type: "confirm", message: "Go on to the routine?" }]);
    expect(asked).toEqual({ message: "Go on to the routine?", default: false });
    expect(f.out()).toContain("numbness around your genitals or anus");
    expect(f.out()).toContain("Nothing started.");
    expect(f.saved).toEqual([]);
    expect(await f.events()).toEqual([]);
  });

  it("on a terminal: yes marks the signs as read, then the run starts", async () => {
    const f = fake({ tty: true, settings: { safety_shown: false, pain_checkins: false }, answers: [true] });
    const { result } = await started(f, f.file("stretch.yaml", STRETCH));
    expect(f.saved).toEqual([{ safety_shown: true }]);
    f.clock.advance(STRETCH_END_MS);
    expect(await result).toBe(0);
  });
});

describe("the affected side", () => {
  it("on a terminal, asks once when a step needs it, keeps the answer and uses it", async () => {
    const f = fake({ tty: true, settings: { pain_checkins: false }, answers: ["right"] });
    const file = f.file("glide.yaml", AFFECTED);
    const first = await started(f, file);
    f.clock.advance(10_000);
    expect(await first.result).toBe(0);
    expect(f.asked).toEqual([{ type: "select", message: "Which side does your sciatica affect? Steps for that side use it." }]);
    expect(f.saved).toEqual([{ affected_side: "right" }]);
    expect(segments(await f.events())[0]?.side).toBe("right");

    const second = await started(f, file);
    f.clock.advance(10_000);
    expect(await second.result).toBe(0);
    expect(f.asked).toHaveLength(1);
  });

  it("not sure: left for this run, nothing kept", async () => {
    const f = fake({ tty: true, settings: { pain_checkins: false }, answers: ["unsure"] });
    const { result } = await started(f, f.file("glide.yaml", AFFECTED));
    f.clock.advance(10_000);
    expect(await result).toBe(0);
    expect(f.saved).toEqual([]);
    expect(segments(await f.events())[0]?.side).toBe("left");
  });

  it("not sure: says plainly what it will do", async () => {
    const f = fake({ tty: true, settings: { pain_checkins: false }, answers: ["unsure"] });
    const { result } = await started(f, f.file("glide.yaml", AFFECTED));
    f.clock.advance(10_000);
    expect(await result).toBe(0);
    expect(f.out().replace(/\s+/g, " ")).toContain(
      "Not sure: steps for the affected side use your left side this time (steps for the other side, your right). soothe asks again next time.",
    );
  });

  it("both legs, new or getting worse: shows the emergency signs, starts nothing and says to get help now", async () => {
    const f = fake({ tty: true, settings: { pain_checkins: false }, answers: ["both", "new"] });
    expect(await run(f.file("glide.yaml", AFFECTED), { sound: false }, f.deps)).toBe(0);
    expect(f.asked.map((q) => q.message)).toEqual([
      "Which side does your sciatica affect? Steps for that side use it.",
      "Is the pain in both legs new, or getting worse?",
    ]);
    const out = f.out().replace(/\s+/g, " ");
    expect(out).toContain("Sciatica in both legs can be an emergency.");
    expect(out).toContain("new trouble controlling your bowels");
    expect(out).toContain("Nothing started. Sciatica in both legs that is new or getting worse needs help now");
    expect(f.saved).toEqual([]);
    expect(await f.events()).toEqual([]);
  });

  it("both legs, long-standing and checked: affected steps run on both sides, and nothing is kept", async () => {
    const f = fake({ tty: true, settings: { pain_checkins: false }, answers: ["both", "checked"] });
    const { result } = await started(f, f.file("glide.yaml", AFFECTED));
    f.clock.advance(20_000);
    expect(await result).toBe(0);
    expect(segments(await f.events()).map((s) => s.side)).toEqual(["left", "right"]);
    expect(f.saved).toEqual([]);
    expect(f.err()).toContain('Both legs: "affected" and "other" steps run on both sides, left first.');
  });

  it("piped: uses left and says so, without asking", async () => {
    const f = fake({ tty: false });
    const { result } = await started(f, f.file("glide.yaml", AFFECTED));
    f.clock.advance(10_000);
    expect(await result).toBe(0);
    expect(f.err()).toContain('No affected side set: using left for "affected" steps.');
    expect(segments(await f.events())[0]?.side).toBe("left");
  });

  it("does not ask for a routine that only uses both sides", async () => {
    const f = fake({ tty: true, settings: { pain_checkins: false } });
    const { result } = await started(f, f.file("stretch.yaml", STRETCH));
    f.clock.advance(STRETCH_END_MS);
    expect(await result).toBe(0);
    expect(f.asked).toEqual([]);
  });
});

describe("when not to do a routine, at the start of every run", () => {
  const AVOID = `${STRETCH}avoid_if: [During a flare, "On a fresh injury (first 6 weeks)"]\n`;
  it.each([
    ["piped", false],
    ["on a terminal", true],
  ])("%s: says its avoid_if sentences before anything starts", async (_name, tty) => {
    const f = fake({ tty, settings: { pain_checkins: false } });
    const { result } = await started(f, f.file("avoid.yaml", AVOID), { input: false });
    f.stdin.end();
    f.clock.advance(STRETCH_END_MS + 1000);
    expect(await result).toBe(0);
    const out = f.out();
    expect(out).toContain("Leave this routine out:\n- During a flare\n- On a fresh injury (first 6 weeks)\n");
    expect(out.indexOf("Leave this routine out:")).toBeLessThan(out.indexOf("Knee to chest"));
  });

  it("says nothing of the kind for a routine without avoid_if", async () => {
    const f = fake({ tty: false });
    const { result } = await started(f, f.file("plain.yaml", STRETCH));
    f.stdin.end();
    f.clock.advance(STRETCH_END_MS + 1000);
    expect(await result).toBe(0);
    expect(f.out()).not.toContain("Leave this routine out");
  });
});

describe("heat and cold in a run", () => {
  /** History with one cold pack that ended `minutes` before the fake clock's start. */
  function withColdPackEnded(f: Fake, minutes: number): void {
    const store = openHistory(f.deps.paths.historyFile);
    const ended = new Date(f.clock.wall().getTime() - minutes * 60_000);
    const started = new Date(ended.getTime() - 600_000);
    store.append({ v: 1, session: "old", at: localIso(started), type: "start", routine: { id: "p", name: "P" }, planned_s: 600, pid: 1, host: "h" });
    store.append({
      v: 1,
      session: "old",
      at: localIso(ended),
      type: "segment",
      segment: { title: "Cold pack", kind: "ice", side: null, set: 1, planned_s: 600, active_s: 600, outcome: "done" },
    });
    store.append({ v: 1, session: "old", at: localIso(ended), type: "end", status: "completed" });
  }

  it("piped: prints the reminder (numb skin, a barrier) and warns on stderr when the last cold pack ended under an hour ago", async () => {
    const f = fake({ tty: false });
    withColdPackEnded(f, 25);
    const { result } = await started(f, f.file("pack.yaml", PACK));
    f.stdin.end();
    f.clock.advance(20 * 60_000 + 10_000);
    expect(await result).toBe(0);
    const out = f.out();
    expect(out).toContain("Never use heat or cold on numb skin");
    expect(out).toContain("Wrap a cold pack in a damp towel");
    expect(out.indexOf("numb skin")).toBeLessThan(out.indexOf("Pack then stretch: "));
    expect(f.err()).toContain("Your last cold pack ended 25 minutes ago.");
    expect(f.err()).toContain("check that your skin has its normal colour, warmth and feeling again");
    // Piped runs do not ask: the pack is run (the manual step needs a person and is skipped).
    expect(segments(await f.events()).filter((s) => s.kind === "ice")).toMatchObject([{ outcome: "done" }]);
  });

  it("no warning when the last one ended an hour ago or more", async () => {
    const f = fake({ tty: false });
    withColdPackEnded(f, 61);
    const { result } = await started(f, f.file("pack.yaml", PACK));
    f.clock.advance(20 * 60_000 + 10_000);
    expect(await result).toBe(0);
    expect(f.err()).not.toContain("ended");
  });

  it("on a terminal: a skin check rings the bell and shows the check", async () => {
    const f = fake({ tty: true, settings: { pain_checkins: false }, answers: [true] });
    const { result } = await started(f, f.file("pack.yaml", PACK), { sound: true });
    f.stdin.emit("data", "\r"); // the manual step: pack wrapped
    const bells = () => f.out().split("\u0007").length - 1;
    f.clock.advance(5 * 60_000 - 500);
    const before = bells();
    expect(f.out()).not.toContain("Skin check");
    f.clock.advance(1000); // the default skin check, 5 minutes into a 10-minute pack
    expect(bells()).toBe(before + 1);
    expect(f.out()).toContain("Skin check: slide a hand under the pack and feel your skin.");
    expect(f.out()).not.toContain("look");
    f.stdin.emit("data", "q");
    expect(await result).toBe(0);
  });

  it("on a terminal: the warning and the reminder come before the question; yes runs the pack", async () => {
    let shownBeforeQuestion = "";
    const f = fake({
      tty: true,
      settings: { pain_checkins: false },
      answers: [
        () => {
          shownBeforeQuestion = f.out();
          return true;
        },
      ],
    });
    withColdPackEnded(f, 10);
    const { result } = await started(f, f.file("pack.yaml", PACK));
    expect(f.asked).toEqual([{ type: "confirm", message: "Use the cold pack (towel in place, normal feeling in that skin)?" }]);
    expect(shownBeforeQuestion).toContain("Your last cold pack ended 10 minutes ago.");
    expect(shownBeforeQuestion).toContain("numb skin");
    expect(shownBeforeQuestion).toContain("diabetes, or poor circulation");
    f.stdin.emit("data", "\r"); // the manual step: pack wrapped
    f.clock.advance(20 * 60_000 + 10_000);
    expect(await result).toBe(0);
    expect(segments(await f.events()).map((s) => [s.kind, s.outcome])).toEqual([
      ["manual", "done"],
      ["ice", "done"],
      ["rest", "done"],
      ["stretch", "done"],
    ]);
  });

  it("on a terminal: no leaves the packs, their break and getting them ready out, and says so", async () => {
    const f = fake({ tty: true, settings: { pain_checkins: false }, answers: [false] });
    const { result } = await started(f, f.file("pack.yaml", PACK));
    expect(f.out()).toContain("Leaving out the cold steps in this run.");
    f.clock.advance(10_000);
    expect(await result).toBe(0);
    expect(segments(await f.events()).map((s) => [s.kind, s.outcome, s.note ?? ""])).toEqual([
      ["manual", "skipped", "left out: no heat or cold this time"],
      ["ice", "skipped", "left out: no heat or cold this time"],
      ["rest", "skipped", "left out: no heat or cold this time"],
      ["stretch", "done", ""],
    ]);
    expect(f.out()).toContain("Time in steps and rests: 10s of 10s");
    expect(f.out()).toContain("Skipped: Cold pack (left out)");
  });

  it("on a terminal: no to a routine that is all packs starts nothing", async () => {
    const f = fake({ tty: true, settings: { pain_checkins: false }, answers: [false] });
    expect(await run(f.file("just-a-pack.yaml", ALL_PACK), {}, f.deps)).toBe(0);
    expect(f.out()).toContain("Nothing started.");
    expect(await f.events()).toEqual([]);
  });
});

// Two sets of both sides with a rest between, then a second step; lead-in 2 s, transitions 1 s.
const TWO_STEPS = `name: Two steps
lead_in: 2s
transition: 1s
steps:
  - stretch: Knee to chest
    hold: 10s
    sides: both
    sets: 2
    rest: 5s
  - exercise: Bridge
    duration: 10s
`;

describe("the ! key (this hurts)", () => {
  it("pauses and asks; s skips the whole step (all sides and sets), kept as hurting; c carries on; q stops", async () => {
    const f = fake({ tty: true, settings: { pain_checkins: false } });
    const { result } = await started(f, f.file("two.yaml", TWO_STEPS));
    f.clock.advance(2000 + 3000); // 3 s into the left side, set 1
    f.stdin.emit("data", "!");
    expect(f.out()).toContain("THIS HURTS · s skip this step · q stop · c carry on");
    expect(f.out()).toContain("whole step: all its sides and sets.");
    f.clock.advance(60_000); // nothing moves while the choice waits
    f.stdin.emit("data", "s");
    // On to "Next: Bridge" (1 s) and Bridge, running again.
    f.clock.advance(1000 + 2000);
    f.stdin.emit("data", "h"); // h works as ! does
    f.stdin.emit("data", "c");
    f.clock.advance(1000);
    f.stdin.emit("data", "!");
    f.stdin.emit("data", "q");
    expect(await result).toBe(0);
    const skipped = "it hurt: skipped with its step";
    expect(segments(await f.events()).map((s) => [s.title, s.side, s.outcome, s.active_s, s.hurt ?? false, s.note ?? null])).toEqual([
      ["Knee to chest", "left", "skipped", 3, true, null],
      ["Knee to chest", "right", "skipped", 0, false, skipped],
      ["Rest", null, "skipped", 0, false, skipped],
      ["Knee to chest", "left", "skipped", 0, false, skipped],
      ["Knee to chest", "right", "skipped", 0, false, skipped],
      ["Bridge", null, "stopped", 3, true, null],
    ]);
    expect(f.out()).toContain("You marked 2 steps as hurting");
  });

  it("the next run of the routine says at each such step that it hurt last time", async () => {
    const f = fake({ tty: true, settings: { pain_checkins: false } });
    const file = f.file("two.yaml", TWO_STEPS);
    const first = await started(f, file);
    f.clock.advance(2000 + 3000);
    f.stdin.emit("data", "!");
    f.stdin.emit("data", "s");
    f.stdin.emit("data", "q");
    expect(await first.result).toBe(0);

    const piped = fake({ tty: false });
    piped.deps.paths = f.deps.paths;
    piped.deps.openHistory = f.deps.openHistory;
    const second = await started(piped, file);
    piped.clock.advance(120_000);
    expect(await second.result).toBe(0);
    const lines = piped.out().split("\n");
    const start = lines.findIndex((l) => l.includes("Start: Knee to chest (left"));
    expect(lines[start + 1]).toMatch(/This step hurt last time: go gently, or skip it\./);
    const bridge = lines.findIndex((l) => l.includes("Start: Bridge"));
    expect(lines[bridge + 1]).not.toMatch(/hurt last time/);
  });

  it("during a pack it says to take the pack off, not to ease out of a position", async () => {
    const f = fake({ tty: true, settings: { pain_checkins: false }, answers: [true] });
    const { result } = await started(f, f.file("pack.yaml", ALL_PACK));
    f.clock.advance(3000);
    f.stdin.emit("data", "!");
    expect(f.out()).toContain("Take the pack off now, then choose.");
    expect(f.out()).not.toContain("Ease out of the position");
    f.stdin.emit("data", "q");
    expect(await result).toBe(0);
  });
});
