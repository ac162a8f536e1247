import { describe, expect, it } from "vitest";
import { countsTowardGoal, exerciseTime, mostlyDone, type EffortSegment } from "../../src/care/effort.js";

const seg = (kind: string, planned_s: number | null, active_s: number): EffortSegment => ({ kind, planned_s, active_s });

describe("how much of a session was done", () => {
  it.each([
    ["all done", [seg("stretch", 60, 60), seg("ice", 600, 600)], true],
    ["exactly half", [seg("stretch", 60, 60), seg("stretch", 60, 0)], true],
    ["under half", [seg("stretch", 60, 59), seg("stretch", 60, 0)], false],
    ["most skipped, rests done in full", [seg("stretch", 60, 0), seg("stretch", 60, 0), seg("rest", 600, 600)], false],
    ["time added with + on one step does not make up for others", [seg("stretch", 30, 300), seg("stretch", 30, 0), seg("stretch", 30, 0)], false],
    ["a pack is exercise time", [seg("ice", 900, 100), seg("stretch", 60, 60)], false],
    ["manual steps and rests only: nothing to measure", [seg("manual", null, 5), seg("rest", 30, 0)], true],
    ["no segments (an imported session)", [], true],
  ] as const)("%s -> %s", (_name, segments, expected) => {
    expect(mostlyDone(segments)).toBe(expected);
  });

  it("adds up planned and done exercise time, each step capped at its plan", () => {
    expect(exerciseTime([seg("stretch", 30, 40), seg("rest", 10, 10), seg("breathe", 60, 20), seg("manual", null, 99)])).toEqual({
      planned_s: 90,
      done_s: 50,
    });
  });

  it.each([
    ["completed", [seg("stretch", 60, 60)], true],
    ["completed", [seg("stretch", 60, 10)], false],
    ["stopped", [seg("stretch", 60, 60)], false],
    ["interrupted", [seg("stretch", 60, 60)], false],
  ] as const)("a %s session with %j counts toward the goal: %s", (status, segments, expected) => {
    expect(countsTowardGoal({ status, segments })).toBe(expected);
  });
});
