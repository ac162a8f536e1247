import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Command } from "commander";
import { home } from "../../src/commands/home.js";
import { newRoutine } from "../../src/commands/new.js";
import type { Prompts } from "../../src/deps.js";
import { CancelError, UserError } from "../../src/errors.js";
import { parseRoutine } from "../../src/routine/parse.js";
import { schemaLine } from "../../src/routine/user-routines.js";
import { makeDeps, type FakeDeps } from "../helpers/fake-deps.js";

// The builder with scripted answers. Typed answers go through each question's own check, as the real prompt does:
// `type: ["abc", "1m"]` means "abc" must be refused (its message is kept) and "1m" accepted. Enter on an empty
// answer takes the question's default, as the real prompt does.

type Step =
  | { ask: RegExp; pick: unknown }
  | { ask: RegExp; type: string[] }
  | { ask: RegExp; fail: Error };

let fakes: FakeDeps[] = [];
afterEach(() => {
  for (const f of fakes) f.cleanup();
  fakes = [];
});

function builder(script: Step[], options: { tty?: boolean } = {}) {
  const steps = [...script];
  const refused: string[] = [];
  const asked: string[] = [];
  const defaults: (string | undefined)[] = [];
  const next = (message: string, kind: "select" | "input"): Step => {
    asked.push(message);
    const step = steps.shift();
    if (!step) throw new Error(`unexpected question: ${message}`);
    if (!step.ask.test(message)) throw new Error(`asked "${message}", expected ${String(step.ask)}`);
    if ("fail" in step) throw step.fail;
    if (kind === "select" && !("pick" in step)) throw new Error(`"${message}" is a choice, not typed`);
    if (kind === "input" && !("type" in step)) throw new Error(`"${message}" is typed, not a choice`);
    return step;
  };
  const prompts: Prompts = {
    select: async (o) => {
      const step = next(o.message, "select") as { pick: unknown };
      const values = o.choices.map((c) => c.value);
      if (!values.includes(step.pick as never)) throw new Error(`"${String(step.pick)}" is not a choice of "${o.message}"`);
      return step.pick as never;
    },
    input: async (o) => {
      defaults.push(o.default);
      const step = next(o.message, "input") as { type: string[] };
      for (const typed of step.type) {
        const value = typed === "" && o.default !== undefined ? o.default : typed;
        const verdict = o.validate ? o.validate(value) : true;
        if (verdict === true) return value;
        refused.push(verdict);
      }
      throw new Error(`every answer to "${o.message}" was refused: ${refused.join(" | ")}`);
    },
    confirm: async () => {
      throw new Error("not asked");
    },
    number: async () => {
      throw new Error("not asked");
    },
  };
  const f = makeDeps({ tty: options.tty ?? true, prompts });
  fakes.push(f);
  return { f, refused, asked, defaults, left: () => steps.length };
}

const KNEE_TO_CHEST: Step[] = [
  { ask: /^What kind is step 1\?/, pick: "stretch" },
  { ask: /^Title of this stretch step/, type: ["Knee to chest"] },
  { ask: /^Timed how\?/, pick: "time" },
  { ask: /^How long, for one side and one set\?/, type: [""] },
  { ask: /^Which side\?/, pick: "both" },
  { ask: /^How many sets\?/, type: ["2"] },
  { ask: /^Rest between sets\?/, type: [""] },
  { ask: /^A cue/, type: ["Lie on your back, knees bent."] },
  { ask: /^Cue 2/, type: [""] },
];

describe("soothe new", () => {
  it("builds a routine from the answers, shows its plan, and saves a file that validates", async () => {
    const { f, left } = builder([
      { ask: /^Name of the routine/, type: ["Lunch stretch"] },
      { ask: /^Id /, type: [""] },
      { ask: /^What is it for\?/, type: ["For my lunch break."] },
      ...KNEE_TO_CHEST,
      { ask: /^What kind is step 2\?/, pick: "breathe" },
      { ask: /^Title of this breathe step/, type: ["Slow breathing"] },
      { ask: /^How long\?/, type: ["1m"] },
      { ask: /^Breathe in/, type: ["4"] },
      { ask: /^Breathe out/, type: ["6s"] },
      { ask: /^How many sets\?/, type: [""] },
      { ask: /^A cue/, type: [""] },
      { ask: /^What kind is step 3\?/, pick: "\u0000done" },
      { ask: /^Save lunch-stretch\?/, pick: "save" },
    ]);
    expect(await newRoutine(undefined, {}, f.deps)).toBe(0);
    expect(left()).toBe(0);
    const file = join(f.deps.paths.routinesDir, "lunch-stretch.yaml");
    expect(readFileSync(file, "utf8")).toBe(
      [
        schemaLine(),
        "name: Lunch stretch",
        "description: For my lunch break.",
        "steps:",
        "  - stretch: Knee to chest",
        "    hold: 30s",
        "    sides: both",
        "    sets: 2",
        "    rest: 10s",
        "    cues:",
        "      - Lie on your back, knees bent.",
        "  - breathe: Slow breathing",
        "    duration: 1m",
        "    inhale: 4s",
        "    exhale: 6s",
        "",
      ].join("\n"),
    );
    const parsed = parseRoutine(readFileSync(file, "utf8"), file, "lunch-stretch");
    expect(parsed.problems).toEqual([]);
    expect(parsed.routine?.name).toBe("Lunch stretch");
    const out = f.out();
    expect(out).toContain('Added step 1: stretch "Knee to chest", 30s, each side, 2 sets, 10s rest, 1 cue\n');
    expect(out).toContain('Added step 2: breathe "Slow breathing", 1m, in 4s, out 6s\n');
    expect(out).toMatch(/Lunch stretch\nTotal 3m25s in 2 steps, plus 5s to get ready\./);
    expect(out).toContain(`Saved lunch-stretch: ${file}\nRun it with: soothe run lunch-stretch\nChange it with: soothe edit lunch-stretch\n`);
  });

  it("checks every answer as it is given", async () => {
    const { f, refused } = builder([
      { ask: /^Name of the routine/, type: ["   ", "x".repeat(121), "Ice and move"] },
      { ask: /^Id /, type: ["Ice And Move", "../ice", "desk-break", "ice-and-move"] },
      { ask: /^What is it for\?/, type: [""] },
      { ask: /^What kind is step 1\?/, pick: "ice" },
      { ask: /^Title of this ice step/, type: ["", "Cold pack"] },
      { ask: /^How long\?/, type: ["soon", "0", "25m", "15m"] },
      { ask: /^Which side\?/, pick: "none" },
      { ask: /^How many sets\?/, type: ["0", "two", "2"] },
      { ask: /^Rest between sets\?/, type: ["0", "15m", "20m"] },
      { ask: /^A cue/, type: [""] },
      { ask: /^What kind is step 2\?/, pick: "\u0000done" },
      { ask: /^Save ice-and-move\?/, pick: "save" },
    ]);
    expect(await newRoutine(undefined, {}, f.deps)).toBe(0);
    expect(refused).toEqual([
      "this cannot be empty",
      "at most 120 characters (this is 121)",
      expect.stringMatching(/^use lowercase letters, digits and dashes/),
      expect.stringMatching(/^use lowercase letters, digits and dashes/),
      '"desk-break" is taken; choose another id',
      "this cannot be empty",
      expect.stringMatching(/^not a duration: "soon"/),
      expect.stringMatching(/at least 1s/),
      "25m is too long for one ice or heat application (at most 20m): longer can burn or freeze the skin; split it with a repeat and a rest",
      expect.stringMatching(/^a whole number from 1 to \d+$/),
      expect.stringMatching(/^a whole number from 1 to \d+$/),
      "0s is too short for a rest between ice or heat sets (at least 20m): two packs, hot or cold, need that long between them for the skin to recover",
      "15m is too short for a rest between ice or heat sets (at least 20m): two packs, hot or cold, need that long between them for the skin to recover",
    ]);
    const file = join(f.deps.paths.routinesDir, "ice-and-move.yaml");
    expect(parseRoutine(readFileSync(file, "utf8"), file, "ice-and-move").problems).toEqual([]);
  });

  it("a breath cannot be longer than its step", async () => {
    const { f, refused } = builder([
      { ask: /^Name/, type: ["Breath"] },
      { ask: /^Id /, type: [""] },
      { ask: /^What is it for/, type: [""] },
      { ask: /^What kind is step 1/, pick: "breathe" },
      { ask: /^Title/, type: ["Box"] },
      { ask: /^How long\?/, type: ["10s"] },
      { ask: /^Breathe in/, type: ["11s", "6s"] },
      { ask: /^Breathe out/, type: ["5s", ""] },
      { ask: /^How many sets/, type: [""] },
      { ask: /^A cue/, type: [""] },
      { ask: /^What kind is step 2/, pick: "\u0000done" },
      { ask: /^Save/, pick: "save" },
    ]);
    expect(await newRoutine(undefined, {}, f.deps)).toBe(0);
    expect(refused).toEqual([
      "11s is too long for breathing in (at most 10s): one breath cannot be longer than the step",
      "5s is too long for breathing out (at most 4s): one breath cannot be longer than the step",
    ]);
    expect(readFileSync(join(f.deps.paths.routinesDir, "breath.yaml"), "utf8")).toContain("    inhale: 6s\n");
  });

  it("reps with a tempo, reps without one, a manual step", async () => {
    const { f } = builder([
      { ask: /^Name/, type: ["Reps"] },
      { ask: /^What is it for/, type: [""] },
      { ask: /^What kind is step 1/, pick: "exercise" },
      { ask: /^Title/, type: ["Sciatic nerve glide"] },
      { ask: /^Timed how/, pick: "reps" },
      { ask: /^How many reps/, type: ["10"] },
      { ask: /^How long does one rep take/, type: ["5s"] },
      { ask: /^Which side/, pick: "affected" },
      { ask: /^How many sets/, type: [""] },
      { ask: /^A cue/, type: [""] },
      { ask: /^What kind is step 2/, pick: "exercise" },
      { ask: /^Title/, type: ["Bridge"] },
      { ask: /^Timed how/, pick: "reps" },
      { ask: /^How many reps/, type: [""] },
      { ask: /^How long does one rep take/, type: [""] },
      { ask: /^Which side/, pick: "none" },
      { ask: /^How many sets/, type: [""] },
      { ask: /^A cue/, type: [""] },
      { ask: /^What kind is step 3/, pick: "manual" },
      { ask: /^Title/, type: ["Walk around the room"] },
      { ask: /^Which side/, pick: "none" },
      { ask: /^How many sets/, type: [""] },
      { ask: /^A cue/, type: [""] },
      { ask: /^What kind is step 4/, pick: "\u0000done" },
      { ask: /^Save reps\?/, pick: "save" },
    ]);
    // The id given on the command line: no question for it.
    expect(await newRoutine("reps", {}, f.deps)).toBe(0);
    const text = readFileSync(join(f.deps.paths.routinesDir, "reps.yaml"), "utf8");
    expect(text).toContain("  - exercise: Sciatic nerve glide\n    reps: 10\n    tempo: 5s\n    sides: affected\n");
    expect(text).toContain("  - exercise: Bridge\n    reps: 10\n  - manual: Walk around the room\n");
    expect(f.out()).toContain('Added step 2: exercise "Bridge", 10 reps, untimed');
    expect(f.out()).toContain('Added step 3: manual "Walk around the room", done when you say');
  });

  it("after the plan, a step can still be added", async () => {
    const { f } = builder([
      { ask: /^Name/, type: ["Two"] },
      { ask: /^Id /, type: [""] },
      { ask: /^What is it for/, type: [""] },
      ...KNEE_TO_CHEST,
      { ask: /^What kind is step 2/, pick: "\u0000done" },
      { ask: /^Save two\?/, pick: "more" },
      { ask: /^What kind is step 2/, pick: "rest" },
      { ask: /^Title of this rest step/, type: ["Lie still"] },
      { ask: /^How long\?/, type: [""] },
      { ask: /^A cue/, type: [""] },
      { ask: /^What kind is step 3/, pick: "\u0000done" },
      { ask: /^Save two\?/, pick: "save" },
    ]);
    expect(await newRoutine(undefined, {}, f.deps)).toBe(0);
    expect(readFileSync(join(f.deps.paths.routinesDir, "two.yaml"), "utf8")).toMatch(/ {2}- rest: Lie still\n {4}duration: 30s\n$/);
  });

  it("offers to finish first once there is a step", async () => {
    const seen: string[][] = [];
    const { f } = builder([
      { ask: /^Name/, type: ["X"] },
      { ask: /^Id /, type: [""] },
      { ask: /^What is it for/, type: [""] },
      ...KNEE_TO_CHEST,
      { ask: /^What kind is step 2/, pick: "\u0000done" },
      { ask: /^Save x\?/, pick: "discard" },
    ]);
    const select = f.deps.prompts.select.bind(f.deps.prompts);
    f.deps.prompts.select = async (o) => {
      seen.push(o.choices.map((c) => c.name));
      return select(o);
    };
    expect(await newRoutine(undefined, {}, f.deps)).toBe(0);
    expect(seen[0]).toEqual(["stretch", "exercise", "massage", "ice", "heat", "breathe", "rest", "manual"]);
    const second = seen.find((names, i) => i > 0 && names.includes("stretch") && names.length === 9);
    expect(second?.[0]).toBe("No more steps: show the plan");
  });

  it("discard saves nothing", async () => {
    const { f } = builder([
      { ask: /^Name/, type: ["Gone"] },
      { ask: /^Id /, type: [""] },
      { ask: /^What is it for/, type: [""] },
      ...KNEE_TO_CHEST,
      { ask: /^What kind is step 2/, pick: "\u0000done" },
      { ask: /^Save gone\?/, pick: "discard" },
    ]);
    expect(await newRoutine(undefined, {}, f.deps)).toBe(0);
    expect(f.out()).toMatch(/Discarded; nothing was saved\.\n$/);
    expect(existsSync(f.deps.paths.routinesDir)).toBe(false);
  });

  it("Ctrl-C at any question saves nothing", async () => {
    const { f } = builder([
      { ask: /^Name/, type: ["Gone"] },
      { ask: /^Id /, type: [""] },
      { ask: /^What is it for/, type: [""] },
      ...KNEE_TO_CHEST.slice(0, 4),
      { ask: /^Which side/, fail: new CancelError() },
    ]);
    await expect(newRoutine(undefined, {}, f.deps)).rejects.toBeInstanceOf(CancelError);
    expect(existsSync(f.deps.paths.routinesDir)).toBe(false);
  });

  it("suggests a free id from the name", async () => {
    const { f, asked, defaults } = builder([
      { ask: /^Name/, type: ["Desk break"] },
      { ask: /^Id /, type: [""] },
      { ask: /^What is it for/, fail: new CancelError() },
    ]);
    mkdirSync(f.deps.paths.routinesDir, { recursive: true });
    writeFileSync(join(f.deps.paths.routinesDir, "desk-break-2.yaml"), "name: Mine\nsteps: []\n");
    await expect(newRoutine(undefined, {}, f.deps)).rejects.toBeInstanceOf(CancelError);
    expect(asked[1]).toMatch(/^Id /);
    // desk-break is built in and desk-break-2 is the user's: the next free one is offered.
    expect(defaults[1]).toBe("desk-break-3");
  });

  it("needs a terminal, and says what to do instead", async () => {
    const { f } = builder([], { tty: false });
    const error = await newRoutine(undefined, {}, f.deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(1);
    expect((error as Error).message).toMatch(/soothe new asks its questions on a terminal.*soothe copy <routine> <new-id>.*soothe import <file>/);
  });

  it("refuses an id that is taken, before asking anything", async () => {
    const { f } = builder([]);
    await expect(newRoutine("desk-break", {}, f.deps)).rejects.toThrow('"desk-break" is a built-in routine; choose another id');
    mkdirSync(f.deps.paths.routinesDir, { recursive: true });
    writeFileSync(join(f.deps.paths.routinesDir, "mine.yaml"), "name: Mine\nsteps: []\n");
    await expect(newRoutine("mine", {}, f.deps)).rejects.toThrow(/^you already have a routine "mine"/);
    expect(f.out()).toBe("");
  });
});

describe("Create a routine, from the home menu", () => {
  it("runs the builder and comes back to the menu", async () => {
    const { f, left } = builder([
      { ask: /^What would you like to do\?/, pick: "new" },
      { ask: /^Name/, type: ["From the menu"] },
      { ask: /^Id /, type: [""] },
      { ask: /^What is it for/, type: [""] },
      ...KNEE_TO_CHEST,
      { ask: /^What kind is step 2/, pick: "\u0000done" },
      { ask: /^Save from-the-menu\?/, pick: "save" },
      { ask: /^What would you like to do\?/, pick: "quit" },
    ]);
    expect(await home(new Command("soothe"), f.deps)).toBe(0);
    expect(left()).toBe(0);
    expect(existsSync(join(f.deps.paths.routinesDir, "from-the-menu.yaml"))).toBe(true);
  });
});
