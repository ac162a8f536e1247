import { afterEach, describe, expect, it } from "vitest";
import { remind } from "../../src/commands/remind.js";
import { openHistory } from "../../src/history/store.js";
import { WORKSTATION_HINT, isCheckDue, workstationCheckDue } from "../../src/history/weekly.js";
import { FakeClock } from "../../src/session/clock.js";
import { makeDeps, type FakeDeps } from "../helpers/fake-deps.js";
import { record } from "../helpers/history-data.js";

const NOW = new Date(2026, 11, 1, 9, 0, 0);
let fake: FakeDeps | undefined;
afterEach(() => fake?.cleanup());

function setup(lastCheck: Date | null, status: "completed" | "stopped" = "completed"): FakeDeps {
  fake = makeDeps({ clock: new FakeClock(0, NOW.getTime()) });
  const store = openHistory(fake.deps.paths.historyFile, { isAlive: () => false });
  if (lastCheck) record(store, [{ id: "w1", at: lastCheck, routine: ["workstation-check", "Workstation check"], status }]);
  record(store, [{ id: "d1", at: new Date(2026, 10, 30, 9, 0, 0), routine: ["desk-break", "Desk break"] }]);
  fake.deps.openHistory = async () => store;
  return fake;
}

describe("the weekly workstation check", () => {
  it.each([
    [null, true],
    ["2026-11-25", false],
    ["2026-11-24", true],
    ["2026-12-01", false],
  ])("last done %j: due on 2026-12-01 is %s", (last, due) => {
    expect(isCheckDue(last, "2026-12-01")).toBe(due);
  });

  it("is due when never completed, or completed a week ago or more", async () => {
    expect(await workstationCheckDue(setup(null).deps)).toBe(true);
    fake!.cleanup();
    expect(await workstationCheckDue(setup(new Date(2026, 10, 27, 12)).deps)).toBe(false);
    fake!.cleanup();
    expect(await workstationCheckDue(setup(new Date(2026, 10, 23, 12)).deps)).toBe(true);
    fake!.cleanup();
    expect(await workstationCheckDue(setup(new Date(2026, 10, 28, 12), "stopped").deps)).toBe(true);
  });

  it("remind suggests it when due, and says nothing of it otherwise", async () => {
    for (const [last, shown] of [
      [null, true],
      [new Date(2026, 10, 29, 12), false],
    ] as const) {
      const f = setup(last);
      const running = remind({ every: "1m", times: "1", input: false }, f.deps, { which: () => null, spawn: () => { throw new Error("no"); } });
      const clock = f.deps.clock as FakeClock;
      for (let i = 0; clock.pending === 0 && i < 2000; i++) await new Promise((r) => setTimeout(r, 2));
      clock.advance(60_000);
      expect(await running).toBe(0);
      expect(f.err().includes(WORKSTATION_HINT)).toBe(shown);
      f.cleanup();
    }
    fake = undefined;
  });
});
