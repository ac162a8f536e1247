import { describe, expect, it } from "vitest";
import { packGapErrors } from "../../src/routine/cross-step.js";
import { misplacedKey } from "../../src/routine/step-checks.js";
import { planTooLarge } from "../../src/routine/structure.js";
import type { RepeatGroup, Routine, RoutineStep, Step } from "../../src/routine/types.js";

const step = (kind: Step["kind"], duration_s: number, more: Partial<Step> = {}): Step => ({
  kind,
  title: kind,
  duration_s,
  sets: 1,
  cues: [],
  checks_s: [],
  ...more,
});
const repeat = (times: number, steps: RoutineStep[]): RepeatGroup => ({ kind: "repeat", times, steps });
const routine = (steps: RoutineStep[]): Routine => ({ id: "r", name: "R", tags: [], areas: [], equipment: [], sources: [], steps });

describe("planTooLarge", () => {
  it("is null for a routine within the limits", () => {
    expect(planTooLarge(routine([step("stretch", 30), repeat(3, [step("rest", 10)])]))).toBeNull();
  });

  it("points at the innermost repeat group too large on its own, and says by how much", () => {
    const inner = repeat(20_000, [step("rest", 1)]);
    const outer = repeat(2, [step("stretch", 30), inner]);
    const found = planTooLarge(routine([step("stretch", 30), outer]));
    expect(found?.step).toBe(inner);
    expect(found?.message).toBe("routine too long: it comes to 40,003 segments (at most 10,000); lower a repeat count or sets");
  });

  it("points at the top-level step where the total goes over a day", () => {
    const first = repeat(12, [step("rest", 3600)]);
    const second = repeat(13, [step("rest", 3600)]);
    const found = planTooLarge(routine([first, second]));
    expect(found?.step).toBe(second);
    expect(found?.message).toMatch(/^routine too long: it comes to 25h.* \(at most 24h\)/);
  });
});

describe("packGapErrors", () => {
  it("says once a place where a pack follows another too soon, at the step or at its rest between sets", () => {
    const first = step("ice", 15 * 60);
    const second = step("ice", 15 * 60);
    const sets = step("heat", 15 * 60, { sets: 2, rest_s: 60 });
    const places = { step: new WeakMap<RoutineStep, number>([[first, 10], [second, 20], [sets, 30]]), rest: new WeakMap<Step, number>([[sets, 35]]) };
    const offsets = packGapErrors(routine([first, second, step("rest", 30 * 60), sets]), places).map((w) => w.offset);
    expect(offsets).toEqual([20, 35]);
    const once = packGapErrors(routine([repeat(3, [first])]), places);
    expect(once).toHaveLength(1);
  });
});

describe("misplacedKey", () => {
  it.each([
    ["tempo", "manual", '"tempo" does not belong in a manual step: it has no duration and lasts until you say it is done'],
    ["steps", "stretch", '"steps" belongs in a repeat group, like - repeat: 2 with steps: under it'],
    ["inhale", "stretch", '"inhale" does not belong in a stretch step; it is for breathe steps'],
  ] as const)("%s in a %s step", (key, kind, message) => {
    expect(misplacedKey(key, kind, ["stretch", "hold"])).toBe(message);
  });
});
