import { describe, expect, it } from "vitest";
import { applyDoses, doseNotes, doseSentence } from "../../src/programme/dose.js";
import type { TodayDose } from "../../src/programme/today.js";
import { expandPlan } from "../../src/routine/plan.js";
import { parseRoutine } from "../../src/routine/parse.js";
import type { Routine } from "../../src/routine/types.js";

const ROUTINE: Routine = parseRoutine(
  `name: Glides
steps:
  - exercise: Sciatic nerve glide
    reps: 10
    tempo: 5s
  - repeat: 2
    steps:
      - stretch: Hamstring stretch
        hold: 20s
  - exercise: Bridge
    reps: 8
`,
  "glides.yaml",
  "glides",
).routine!;

const up: TodayDose = { routine: "glides", step: "Sciatic nerve glide", reps: 7, previous: 6, change: "up", reason: "three calm sessions since 2 December" };
const hold: TodayDose = { routine: "glides", step: "Hamstring stretch", hold_s: 15, previous: 20, change: "down", reason: "the pain spread further down the leg on 3 December" };
const other: TodayDose = { routine: "other", step: "Bridge", reps: 3, previous: 3, change: "same", reason: "" };

describe("applyDoses", () => {
  it("sets today's dose on every step with the title, repeat groups included, and times reps by their tempo", () => {
    const { routine, doses } = applyDoses(ROUTINE, [up, hold, other]);
    const plan = expandPlan(routine, { leadIn_s: 0, transition_s: 0 });
    const byTitle = (title: string) => plan.segments.filter((s) => s.title === title);
    expect(byTitle("Sciatic nerve glide").map((s) => [s.reps, s.duration_s, s.dose])).toEqual([[7, 35, "reps"]]);
    expect(byTitle("Hamstring stretch").map((s) => [s.duration_s, s.dose])).toEqual([
      [15, "hold_s"],
      [15, "hold_s"],
    ]);
    // A step the programme does not progress is left as written, without a dose to record.
    expect(byTitle("Bridge").map((s) => [s.reps, s.dose])).toEqual([[8, undefined]]);
    expect(doses.map((d) => [d.step, d.dose, d.written])).toEqual([
      ["Sciatic nerve glide", 7, 10],
      ["Hamstring stretch", 15, 20],
    ]);
    // The routine given is not changed.
    expect(expandPlan(ROUTINE, { leadIn_s: 0, transition_s: 0 }).segments[0]!.reps).toBe(10);
  });

  it("keeps the previous dose today when asked, for an increase only: a step back always holds", () => {
    const { routine, doses } = applyDoses(ROUTINE, [up, hold], true);
    const plan = expandPlan(routine, { leadIn_s: 0, transition_s: 0 });
    expect(plan.segments.find((s) => s.title === "Sciatic nerve glide")?.reps).toBe(6);
    expect(plan.segments.find((s) => s.title === "Hamstring stretch")?.duration_s).toBe(15);
    expect(doses.map((d) => d.kept)).toEqual([true, false]);
  });

  it("says each change with its reason, and what the routine file says", () => {
    const { doses } = applyDoses(ROUTINE, [up, hold]);
    expect(doseSentence(doses[0]!)).toBe("Sciatic nerve glide: 7 reps, up from 6: three calm sessions since 2 December");
    expect(doseNotes(doses)).toEqual([
      "Programme: Sciatic nerve glide: 7 reps, up from 6: three calm sessions since 2 December (the routine says 10 reps).",
      "Programme: Hamstring stretch: 15s hold, down from 20s: the pain spread further down the leg on 3 December (the routine says 20s hold).",
    ]);
  });
});
