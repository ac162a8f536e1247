import { describe, expect, it } from "vitest";
import { applyDoses } from "../../src/programme/dose.js";
import { expandPlan } from "../../src/routine/plan.js";
import { parseRoutine } from "../../src/routine/parse.js";
import { FakeClock } from "../../src/session/clock.js";
import { SessionEngine } from "../../src/session/engine.js";

const ROUTINE = parseRoutine(
  "name: G\nsteps:\n  - exercise: Sciatic nerve glide\n    reps: 10\n    tempo: 1s\n  - stretch: Hamstring stretch\n    hold: 20s\n  - stretch: Knee to chest\n    hold: 3s\n",
  "g.yaml",
  "g",
).routine!;

describe("SessionEngine: a dose a programme set", () => {
  it("is kept on the records of the progressed steps only: reps, or seconds held", () => {
    const { routine } = applyDoses(ROUTINE, [
      { routine: "g", step: "Sciatic nerve glide", reps: 4, previous: 3, change: "up", reason: "two calm sessions since 1 December" },
      { routine: "g", step: "Hamstring stretch", hold_s: 5, previous: 5, change: "same", reason: "" },
    ]);
    const clock = new FakeClock(1000);
    const engine = new SessionEngine(expandPlan(routine, { leadIn_s: 0, transition_s: 0 }), clock);
    engine.start();
    clock.advance(4000 + 5000 + 3000 + 100);
    expect(engine.records.map((r) => [r.title, r.outcome, r.reps, r.hold_s])).toEqual([
      ["Sciatic nerve glide", "done", 4, undefined],
      ["Hamstring stretch", "done", undefined, 5],
      ["Knee to chest", "done", undefined, undefined],
    ]);
  });
});
