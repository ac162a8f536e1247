import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { dosedForRun } from "../../src/commands/programme.js";
import { openHistory } from "../../src/history/store.js";
import { resolveRoutine } from "../../src/routine/catalog.js";
import { expandPlan } from "../../src/routine/plan.js";
import { record } from "../helpers/history-data.js";
import { makeDeps, promptsFor, type FakeDeps } from "../helpers/fake-deps.js";

let f: FakeDeps | undefined;
afterEach(() => f?.cleanup());

/** A programme on glides since 20 November, and two calm sessions of it: today (25 November) its reps go up, 2 to 3. */
async function setUp(keep: boolean) {
  const asked: string[] = [];
  f = makeDeps({
    tty: true,
    prompts: promptsFor({
      confirm: async ({ message }) => {
        asked.push(message);
        return keep;
      },
    }),
  });
  const { deps } = f;
  deps.openHistory = async () => openHistory(deps.paths.historyFile);
  mkdirSync(deps.paths.routinesDir, { recursive: true });
  writeFileSync(join(deps.paths.routinesDir, "glides.yaml"), "name: Glides\nsteps:\n  - exercise: Sciatic nerve glide\n    reps: 10\n    tempo: 1s\n");
  writeFileSync(
    join(deps.paths.configDir, "programme.yaml"),
    "name: P\nstart: 2026-11-20\nroutines:\n  - routine: glides\n    per_day: 2\nprogress:\n  - routine: glides\n    step: Sciatic nerve glide\n    reps: { from: 2, to: 5, step: 1 }\n    every: 1d\n",
  );
  const calm = { routine: ["glides", "Glides"] as [string, string], titles: ["Sciatic nerve glide"], outcomes: ["done" as const], before: [4, 4, "thigh"] as [number, number, "thigh"], after: [3, 3, "thigh"] as [number, number, "thigh"] };
  record(await deps.openHistory(), [
    { id: "s1", at: new Date(2026, 10, 21, 9), ...calm },
    { id: "s2", at: new Date(2026, 10, 22, 9), ...calm },
  ]);
  const { routine } = await resolveRoutine("glides", deps.paths);
  return { deps, routine, asked, fake: f };
}

describe("run with a programme", () => {
  it.each([
    [false, 3],
    [true, 2],
  ])("says the change and its reason; keeping the previous dose today is %s, so the run does %i reps", async (keep, reps) => {
    const { deps, routine, asked, fake } = await setUp(keep);
    const dosed = await dosedForRun(routine, true, true, deps);
    expect(fake.err()).toContain("Sciatic nerve glide: 3 reps, up from 2: two calm sessions since 20 November");
    expect(asked).toEqual(["Keep the previous dose today instead?"]);
    expect(expandPlan(dosed.routine, { leadIn_s: 0, transition_s: 0 }).segments[0]).toMatchObject({ reps, duration_s: reps, dose: "reps" });
  });

  it("for --dry-run, asks nothing and gives the notes for the plan", async () => {
    const { deps, routine, asked } = await setUp(false);
    const dosed = await dosedForRun(routine, false, true, deps);
    expect(asked).toEqual([]);
    expect(dosed.notes).toEqual(["Programme: Sciatic nerve glide: 3 reps, up from 2: two calm sessions since 20 November (the routine says 10 reps)."]);
  });
});
