import { describe, expect, it } from "vitest";
import { countSegments, expandPlan, isTooLarge, unroll } from "../../src/routine/plan.js";
import type { PlanOptions, RepeatGroup, Routine, RoutineStep, Segment, Step } from "../../src/routine/types.js";

function step(kind: Step["kind"], title: string, more: Partial<Step> = {}): Step {
  return { kind, title, sets: 1, cues: [], checks_s: [], ...more };
}

function repeat(times: number, ...steps: RoutineStep[]): RepeatGroup {
  return { kind: "repeat", times, steps };
}

function routine(steps: RoutineStep[], more: Partial<Routine> = {}): Routine {
  return { id: "test", name: "Test", tags: [], areas: [], equipment: [], sources: [], steps, ...more };
}

const NO_PAUSE: PlanOptions = { leadIn_s: 5, transition_s: 0 };
const PAUSE: PlanOptions = { leadIn_s: 5, transition_s: 5 };

/** Segments as short strings: kind, title, side, set and duration. */
function rows(segments: Segment[]): string[] {
  return segments.map((s) => [s.kind, s.title, s.side ?? "-", s.set ?? "-", s.duration_s ?? "manual"].join(" | "));
}

describe("expandPlan: sets and sides", () => {
  it("runs sets outside and sides inside, with a rest between sets (the design's example)", () => {
    const plan = expandPlan(routine([step("stretch", "Knee to chest", { duration_s: 30, sides: "both", sets: 2, rest_s: 10 })]), NO_PAUSE);
    expect(rows(plan.segments)).toEqual([
      "stretch | Knee to chest | left | 1 | 30",
      "stretch | Knee to chest | right | 1 | 30",
      "rest | Rest | - | - | 10",
      "stretch | Knee to chest | left | 2 | 30",
      "stretch | Knee to chest | right | 2 | 30",
    ]);
    expect(plan.segments.map((s) => s.sets)).toEqual([2, 2, 1, 2, 2]);
    expect(plan.segments.map((s) => s.step)).toEqual([0, 0, -1, 0, 0]);
    expect(plan.total_s).toBe(130);
  });

  it("adds no rest segment when rest is absent or 0", () => {
    for (const rest_s of [undefined, 0]) {
      const plan = expandPlan(routine([step("stretch", "S", { duration_s: 20, sets: 3, ...(rest_s === undefined ? {} : { rest_s }) })]), NO_PAUSE);
      expect(rows(plan.segments)).toEqual(["stretch | S | - | 1 | 20", "stretch | S | - | 2 | 20", "stretch | S | - | 3 | 20"]);
    }
  });

  it.each([
    ["both", null, ["left", "right"]],
    ["both", "left", ["left", "right"]],
    ["both", "right", ["right", "left"]],
    ["affected", "right", ["right"]],
    ["other", "right", ["left"]],
    ["affected", "left", ["left"]],
    ["other", "left", ["right"]],
    ["affected", null, ["left"]],
    ["other", null, ["right"]],
    ["left", "right", ["left"]],
    ["right", null, ["right"]],
    [undefined, "right", [null]],
  ] as const)("sides %s with affected side %s run %j", (sides, affectedSide, expected) => {
    const plan = expandPlan(
      routine([step("massage", "M", { duration_s: 60, ...(sides ? { sides } : {}) })]),
      { ...NO_PAUSE, affectedSide },
    );
    expect(plan.segments.map((s) => s.side)).toEqual(expected);
  });

  it("says which sides it used when no affected side is set", () => {
    const glide = step("exercise", "Glide", { duration_s: 50, sides: "affected" });
    const other = step("stretch", "Other", { duration_s: 30, sides: "other" });
    expect(expandPlan(routine([glide]), NO_PAUSE).notes).toEqual([
      'No affected side set: using left for "affected" steps. Set one with --side.',
    ]);
    expect(expandPlan(routine([glide, other]), NO_PAUSE).notes).toEqual([
      'No affected side set: using left for "affected" steps and right for "other" steps. Set one with --side.',
    ]);
    expect(expandPlan(routine([other]), NO_PAUSE).notes).toEqual([
      'No affected side set: using right for "other" steps. Set one with --side.',
    ]);
    expect(expandPlan(routine([glide]), { ...NO_PAUSE, affectedSide: "right" }).notes).toEqual([]);
    expect(expandPlan(routine([step("stretch", "S", { duration_s: 5, sides: "both" })]), NO_PAUSE).notes).toEqual([]);
  });
});

describe("expandPlan: transitions", () => {
  it("puts a transition between consecutive non-rest segments, never beside a rest", () => {
    const plan = expandPlan(
      routine([
        step("stretch", "Knee to chest", { duration_s: 30, sides: "both", sets: 2, rest_s: 10 }),
        step("exercise", "Bridge", { reps: 10 }),
        step("rest", "Lie still", { duration_s: 30 }),
        step("breathe", "Breathe", { duration_s: 60 }),
      ]),
      PAUSE,
    );
    expect(rows(plan.segments)).toEqual([
      "stretch | Knee to chest | left | 1 | 30",
      "transition | Switch sides | - | - | 5",
      "stretch | Knee to chest | right | 1 | 30",
      "rest | Rest | - | - | 10",
      "stretch | Knee to chest | left | 2 | 30",
      "transition | Switch sides | - | - | 5",
      "stretch | Knee to chest | right | 2 | 30",
      "transition | Next: Bridge | - | - | 5",
      "exercise | Bridge | - | 1 | manual",
      "rest | Lie still | - | - | 30",
      "breathe | Breathe | - | 1 | 60",
    ]);
    expect(plan.segments.filter((s) => s.kind === "transition").every((s) => s.step === -1 && s.sets === 1)).toBe(true);
    // 4 x 30 stretch + 10 rest + 3 x 5 transitions + 30 rest + 60 breathe; the manual bridge counts nothing.
    expect(plan.total_s).toBe(120 + 10 + 15 + 30 + 60);
  });

  it("names the next step between sets of a one-sided step without rest", () => {
    const plan = expandPlan(routine([step("stretch", "S", { duration_s: 20, sides: "left", sets: 2 })]), PAUSE);
    expect(rows(plan.segments)).toEqual([
      "stretch | S | left | 1 | 20",
      "transition | Next: S | - | - | 5",
      "stretch | S | left | 2 | 20",
    ]);
  });

  it("says switch sides from the second side of one set to the first of the next", () => {
    const plan = expandPlan(routine([step("stretch", "S", { duration_s: 20, sides: "both", sets: 2 })]), PAUSE);
    expect(plan.segments.filter((s) => s.kind === "transition").map((s) => s.title)).toEqual([
      "Switch sides",
      "Switch sides",
      "Switch sides",
    ]);
  });

  it("has no transition when the transition time is 0", () => {
    const plan = expandPlan(routine([step("stretch", "A", { duration_s: 5 }), step("stretch", "B", { duration_s: 5 })]), NO_PAUSE);
    expect(plan.segments.map((s) => s.kind)).toEqual(["stretch", "stretch"]);
    expect(plan.transition_s).toBe(0);
  });

  it("takes the routine's own transition over the default, and 0 there turns them off", () => {
    const steps = [step("stretch", "A", { duration_s: 5 }), step("stretch", "B", { duration_s: 5 })];
    expect(expandPlan(routine(steps, { transition_s: 8 }), PAUSE).segments[1]).toMatchObject({ kind: "transition", duration_s: 8 });
    expect(expandPlan(routine(steps, { transition_s: 0 }), PAUSE).segments).toHaveLength(2);
  });
});

describe("expandPlan: lead-in, timing and repeats", () => {
  it.each([
    [{}, {}, 5],
    [{ lead_in_s: 10 }, {}, 10],
    [{ lead_in_s: 10 }, { leadInOverride_s: 3 }, 3],
    [{ lead_in_s: 10 }, { leadInOverride_s: 0 }, 0],
    [{ lead_in_s: 0 }, {}, 0],
  ])("lead-in with routine %j and options %j is %i s", (own, opts, expected) => {
    const plan = expandPlan(routine([step("rest", "R", { duration_s: 5 })], own), { ...NO_PAUSE, ...opts });
    expect(plan.lead_in_s).toBe(expected);
    expect(plan.total_s).toBe(5);
  });

  it("times reps by tempo, and leaves reps without tempo and manual steps to the user", () => {
    const plan = expandPlan(
      routine([
        step("exercise", "Glide", { reps: 10, tempo_s: 5 }),
        step("exercise", "Bridge", { reps: 10 }),
        step("manual", "Walk around"),
      ]),
      NO_PAUSE,
    );
    expect(plan.segments.map((s) => [s.title, s.duration_s, s.reps, s.tempo_s])).toEqual([
      ["Glide", 50, 10, 5],
      ["Bridge", null, 10, null],
      ["Walk around", null, null, null],
    ]);
    expect(plan.total_s).toBe(50);
  });

  it("unrolls repeats, nested ones too, numbering steps in the unrolled list", () => {
    const r = routine([
      step("breathe", "Settle", { duration_s: 30 }),
      repeat(2, step("ice", "Cold pack", { duration_s: 300 }), repeat(2, step("rest", "Pack off", { duration_s: 60 }))),
    ]);
    const plan = expandPlan(r, NO_PAUSE);
    expect(plan.segments.map((s) => `${s.title}#${s.step}`)).toEqual([
      "Settle#0",
      "Cold pack#1",
      "Pack off#2",
      "Pack off#3",
      "Cold pack#4",
      "Pack off#5",
      "Pack off#6",
    ]);
    expect(plan.steps).toBe(7);
    expect(plan.total_s).toBe(30 + 2 * (300 + 120));
    expect(unroll(r.steps)).toHaveLength(7);
  });

  it("adds a skin check at 5 min to ice and heat of 6 min or more that give none", () => {
    const plan = expandPlan(
      routine([
        step("ice", "Long ice", { duration_s: 360 }),
        step("heat", "Short heat", { duration_s: 359 }),
        step("heat", "Own checks", { duration_s: 900, checks_s: [120, 600] }),
        step("massage", "Massage", { duration_s: 900 }),
      ]),
      NO_PAUSE,
    );
    expect(plan.segments.map((s) => s.checks_s)).toEqual([[300], [], [120, 600], []]);
  });

  it("copies cues, halfway, caution and breathing onto every segment of the step", () => {
    const plan = expandPlan(
      routine([
        step("breathe", "Slow", {
          duration_s: 120,
          inhale_s: 4,
          exhale_s: 6,
          cues: ["Sit tall."],
          halfway: "Halfway.",
          caution: "Stop if dizzy.",
          sets: 2,
        }),
      ]),
      NO_PAUSE,
    );
    expect(plan.segments[1]).toMatchObject({
      kind: "breathe",
      set: 2,
      sets: 2,
      cues: ["Sit tall."],
      halfway: "Halfway.",
      caution: "Stop if dizzy.",
      inhale_s: 4,
      exhale_s: 6,
      side: null,
    });
    plan.segments[0]!.cues.push("changed");
    expect(plan.segments[1]!.cues).toEqual(["Sit tall."]);
  });

  it("gives rest steps no set number", () => {
    const plan = expandPlan(routine([step("rest", "Lie still", { duration_s: 30 })]), NO_PAUSE);
    expect(plan.segments[0]).toMatchObject({ kind: "rest", set: null, sets: 1, step: 0 });
  });

  it("keeps the routine's id and name", () => {
    const plan = expandPlan(routine([step("rest", "R", { duration_s: 1 })], { id: "calm", name: "Calm" }), NO_PAUSE);
    expect([plan.id, plan.name]).toEqual(["calm", "Calm"]);
  });
});

describe("countSegments", () => {
  it("counts without expanding, transitions included as an upper bound", () => {
    const r = routine([
      step("stretch", "S", { duration_s: 30, sides: "both", sets: 2, rest_s: 10 }),
      repeat(3, step("rest", "R", { duration_s: 5 })),
      step("manual", "M"),
    ]);
    expect(countSegments(r)).toEqual({ segments: 5 + 3 + 1, seconds: 130 + 15 });
    expect(countSegments(r, 5)).toEqual({ segments: 9 + 8, seconds: 145 + 40 });
    expect(countSegments(r)).toEqual({
      segments: expandPlan(r, NO_PAUSE).segments.length,
      seconds: expandPlan(r, NO_PAUSE).total_s,
    });
  });

  it("sizes a huge nested repeat at once", () => {
    const huge = routine([repeat(1000, repeat(1000, repeat(1000, step("rest", "R", { duration_s: 1 }))))]);
    const size = countSegments(huge);
    expect(size.segments).toBe(1e9);
    expect(isTooLarge(size)).toBe(true);
    expect(() => expandPlan(huge, NO_PAUSE)).toThrow(/too large/);
  });

  it.each([
    [{ segments: 10_000, seconds: 86_400 }, false],
    [{ segments: 10_001, seconds: 1 }, true],
    [{ segments: 1, seconds: 86_401 }, true],
  ])("%j is too large: %s", (size, expected) => {
    expect(isTooLarge(size)).toBe(expected);
  });
});
