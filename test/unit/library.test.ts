// The built-in routines: each one valid, sourced and described, and every number inside the ranges of the fact
// sheet the library is built from (heat and cold within their limits above all).
import { readFileSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { formatProblem } from "../../src/errors.js";
import { parseRoutine } from "../../src/routine/parse.js";
import { DEFAULT_CHECK_AT_S, MIN_PACK_GAP_S } from "../../src/care/heat-cold.js";
import { expandPlan, unroll } from "../../src/routine/plan.js";
import { STEP_KINDS, type Routine, type Step } from "../../src/routine/types.js";

const ROUTINES = fileURLToPath(new URL("../../routines/", import.meta.url));
const files = readdirSync(ROUTINES).filter((name) => name.endsWith(".yaml"));

/** Each built-in routine, parsed, with every problem found (warnings too). */
const library = files.map((name) => {
  const file = join(ROUTINES, name);
  const result = parseRoutine(readFileSync(file, "utf8"), name, basename(name, ".yaml"));
  return { name, routine: result.routine, problems: result.problems.map(formatProblem) };
});
const routines = library.flatMap((r) => (r.routine ? [r.routine] : []));

/** Source keys of the fact sheet; a routine cites these or a web address. */
const SOURCE_KEYS = new Set(
  [
    "NHS-S NHS-LBP NHS-BP NHSI-EX HEAL GSTT MAYO-15 MAYO-BR MAYO-S SH-HAM SH-HAM2 SH-HAMV SH-ICE SPH-PIR SU ESK MSD",
    "VW VW-C MBJ PEAK FLOSS NICE ACP HARV KIN SN-ANAT AHMP CTM FFC MPFT-C MPFT-H GWENT SFH HK NEB CC COCH-H",
    "LOTH GIRFT CPA FARRAR OSTELO IMMPACT PMC9299931 HSE-DSE SSP",
  ]
    .join(" ")
    .split(" "),
);

interface Range {
  /** Seconds one set of one side lasts (a hold, or reps times tempo). */
  hold_s?: [number, number];
  reps?: [number, number];
  tempo_s?: [number, number];
  sets?: [number, number];
}

/**
 * The fact sheet's ranges by exercise, matched on the step's title. A stretch or exercise that matches none fails
 * the test: a new exercise needs its figures from the fact sheet first.
 */
const RANGES: [RegExp, Range, string][] = [
  [/knee to chest/i, { hold_s: [5, 30], sets: [1, 5] }, "20-30 s, 3 times [HEAL]; 5 s [MAYO-15]; 10 s x 3-5 [SU]"],
  [/knee rolls/i, { reps: [8, 10], tempo_s: [4, 6] }, "8-10 reps, a breath a side [NHS-LBP]; 2 s a side [NHSI-EX]"],
  [/pelvic tilt/i, { reps: [5, 15], tempo_s: [2, 5] }, "10-15 rocks [NHS-LBP]; 2 s [NHSI-EX]; 5 s, from 5 a day [MAYO-15]"],
  [/bottom to heels/i, { reps: [8, 10], tempo_s: [4, 6] }, "a deep breath each, 8-10 reps [NHS-LBP]"],
  [/bridge/i, { reps: [1, 10], sets: [1, 3] }, "3 x 10 once a day [MSD]"],
  [/figure-4|piriformis stretch/i, { hold_s: [10, 30], sets: [1, 3] }, "about 30 s, a set of 3 [SPH-PIR]; 10-20 s x 3 [SU]"],
  [/seated glute/i, { hold_s: [10, 15] }, "10-15 s [ESK]"],
  [/hamstring/i, { hold_s: [10, 30], sets: [1, 3] }, "15-30 s, 3 a leg [SH-HAM]; from 10 s [SH-HAM2]"],
  [/nerve glide/i, { reps: [5, 10], tempo_s: [3, 5] }, "about 10 slow reps [PEAK]; about 5 s a cycle [FLOSS]"],
];

const inRange = (value: number | undefined, range: [number, number] | undefined) =>
  range === undefined || (value !== undefined && value >= range[0] && value <= range[1]);

const steps = (routine: Routine): Step[] => unroll(routine.steps);

describe("the built-in library", () => {
  it("has at least 8 routines, each valid with no warning at all", () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const { name, routine, problems } of library) {
      expect(problems, name).toEqual([]);
      expect(routine, name).toBeDefined();
    }
  });

  it.each(routines.map((r) => [r.id, r] as const))("%s: sources, areas, equipment, and a description of who it is for and when not", (_id, routine) => {
    expect(routine.sources.length).toBeGreaterThan(0);
    for (const source of routine.sources) {
      expect(SOURCE_KEYS.has(source) || /^https:\/\/\S+$/.test(source), `${source} is a fact-sheet key or an address`).toBe(true);
    }
    expect(routine.sources.some((s) => SOURCE_KEYS.has(s))).toBe(true);
    expect(routine.areas.length).toBeGreaterThan(0);
    expect(routine.equipment.length).toBeGreaterThan(0);
    const description = routine.description ?? "";
    expect(description.length).toBeGreaterThan(100);
    expect(description, "who it is for").toMatch(/\bfor\b/);
  });

  it.each(routines.map((r) => [r.id, r] as const))("%s: when not to do it in avoid_if, red flags included, not in the description", (_id, routine) => {
    const avoid = routine.avoid_if ?? [];
    expect(avoid.length, "avoid_if").toBeGreaterThan(0);
    expect(avoid.join(" "), "the red flags").toMatch(/red-flag|urgent|emergency/);
    for (const sentence of avoid) expect(sentence.length).toBeLessThanOrEqual(200);
    expect(routine.description ?? "", "no \"Not if ...\" left in the description").not.toMatch(/\bnot (if|during|a substitute)\b|\bnot on (a fresh|numb|bruised)|do not use/i);
  });

  it.each(routines.map((r) => [r.id, r] as const))("%s: massage near the sciatic nerve says how to keep off it [SN-ANAT]", (_id, routine) => {
    const near = steps(routine).filter(
      (s) => s.kind === "massage" && /buttock|glute|piriformis|hip|thigh/i.test([s.title, ...s.cues].join(" ")),
    );
    for (const step of near) {
      const caution = (step.caution ?? "").replace(/\s+/g, " ");
      for (const words of [/\b(ball|roller) off\b|off the (ball|roller)/, /tingling/, /pins and needles/, /numbness/, /sit bone/, /outer hip/]) {
        expect(caution, `"${step.title}"`).toMatch(words);
      }
    }
    if (near.length > 0) expect(routine.sources).toContain("SN-ANAT");
    // "Go gently when the nerve is irritated" is the massage studio's advice [CTM].
    if (steps(routine).some((s) => /gently when the nerve/i.test(s.caution ?? ""))) expect(routine.sources).toContain("CTM");
  });

  it("Glute release starts on the upper, outer part of the buttock", () => {
    const glute = routines.find((r) => r.id === "glute-release")!;
    const first = steps(glute).find((s) => s.kind === "massage")!;
    expect([first.title, first.cues[0]].join(" ")).toMatch(/upper, outer/);
    expect(first.cues.join(" ")).not.toMatch(/middle of/);
  });

  it.each(routines.map((r) => [r.id, r] as const))("%s: a caution on every step that moves, presses or warms", (_id, routine) => {
    for (const step of steps(routine)) {
      if (["stretch", "exercise", "massage", "ice", "heat"].includes(step.kind)) {
        expect(step.caution, `${step.kind} "${step.title}"`).toBeTruthy();
      }
    }
  });

  it.each(routines.map((r) => [r.id, r] as const))("%s: every stretch and exercise inside the fact sheet's ranges", (_id, routine) => {
    for (const step of steps(routine)) {
      if (step.kind !== "stretch" && step.kind !== "exercise") continue;
      const found = RANGES.find(([pattern]) => pattern.test(step.title));
      expect(found, `"${step.title}" has figures in the fact sheet`).toBeDefined();
      const [, range, why] = found!;
      const what = `"${step.title}" (${why})`;
      if (range.hold_s && step.reps === undefined) expect(inRange(step.duration_s, range.hold_s), `${what}: hold ${step.duration_s}`).toBe(true);
      if (range.reps) expect(inRange(step.reps, range.reps), `${what}: reps ${step.reps}`).toBe(true);
      if (range.tempo_s && step.tempo_s !== undefined) expect(inRange(step.tempo_s, range.tempo_s), `${what}: tempo ${step.tempo_s}`).toBe(true);
      expect(inRange(step.sets, range.sets ?? [1, 3]), `${what}: sets ${step.sets}`).toBe(true);
      if (/nerve glide/i.test(step.title)) expect(step.sides, `${what}: on the affected leg`).toBe("affected");
    }
  });

  it.each(routines.map((r) => [r.id, r] as const))("%s: massage 30 s to 1 min an area, away from the spine", (_id, routine) => {
    for (const step of steps(routine).filter((s) => s.kind === "massage")) {
      // Roll slowly about 30 s to 1 min per area [HARV].
      expect(inRange(step.duration_s, [30, 60]), `"${step.title}": ${step.duration_s} s`).toBe(true);
      expect(step.title).not.toMatch(/spine/i);
    }
  });

  it.each(routines.map((r) => [r.id, r] as const))("%s: heat and cold within their limits", (_id, routine) => {
    const plan = expandPlan(routine, { affectedSide: null, leadIn_s: 5, transition_s: 5 });
    plan.segments.forEach((segment, i) => {
      if (segment.kind !== "ice" && segment.kind !== "heat") return;
      // 10-15 min, never over 20 [MPFT-C/H]; 15-20 [SFH].
      expect(segment.duration_s).toBeGreaterThanOrEqual(10 * 60);
      expect(segment.duration_s).toBeLessThanOrEqual(20 * 60);
      // A skin check by 5 min [GWENT].
      expect(segment.checks_s.length).toBeGreaterThan(0);
      expect(Math.min(...segment.checks_s)).toBeLessThanOrEqual(DEFAULT_CHECK_AT_S);
      // The next application, of either kind, comes at least 20 minutes later [NEB].
      let gap = 0;
      for (const later of plan.segments.slice(i + 1)) {
        if (later.kind === "ice" || later.kind === "heat") {
          expect(gap, `break after "${segment.title}"`).toBeGreaterThanOrEqual(MIN_PACK_GAP_S);
          break;
        }
        if (later.kind !== "transition") gap += later.duration_s ?? 0;
      }
    });
  });

  it("together uses every kind of step, and the exercises, massage and walk the library promises", () => {
    const all = routines.flatMap(steps);
    for (const kind of STEP_KINDS) expect(all.some((s) => s.kind === kind), kind).toBe(true);
    const has = (kind: string, title: RegExp) => all.some((s) => s.kind === kind && title.test(s.title));
    expect(has("exercise", /nerve glide/i)).toBe(true);
    expect(has("exercise", /bridge/i)).toBe(true);
    expect(has("massage", /ball/i)).toBe(true);
    expect(has("massage", /roller/i)).toBe(true);
    expect(has("manual", /walk/i)).toBe(true);
    expect(routines.some((r) => r.steps.some((s) => s.kind === "repeat"))).toBe(true);
  });

  it("has a weekly workstation check of manual steps: chair, feet, screen, keyboard and mouse, getting up", () => {
    const check = routines.find((r) => r.id === "workstation-check");
    expect(steps(check!).every((s) => s.kind === "manual")).toBe(true);
    expect(steps(check!).map((s) => s.title)).toEqual([
      "Chair height and back support",
      "Feet and legs",
      "Screen height and distance",
      "Keyboard and mouse",
      "Getting up regularly",
    ]);
    // From the fact sheet's Workstation section.
    expect(check?.sources).toEqual(expect.arrayContaining(["https://www.hse.gov.uk/msd/dse/", "NHS-S"]));
  });

  it("keeps the desk break to a chair and 3 to 5 minutes", () => {
    const desk = routines.find((r) => r.id === "desk-break");
    expect(desk?.equipment).toEqual(["chair"]);
    const plan = expandPlan(desk!, { affectedSide: null, leadIn_s: 5, transition_s: 5 });
    expect(plan.total_s).toBeGreaterThanOrEqual(3 * 60);
    expect(plan.total_s).toBeLessThanOrEqual(5 * 60);
  });
});
