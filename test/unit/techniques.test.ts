import { describe, expect, it } from "vitest";
import { buildRecords } from "../../src/history/records.js";
import { nextDayPain, painReadings, techniqueTable } from "../../src/history/techniques.js";
import { diaryEvent, visitEvent } from "../helpers/record-data.js";
import { buildSessions } from "../../src/history/sessions.js";
import { sessionEvents } from "../helpers/history-data.js";

const records = buildRecords([
  // Deep tissue twice: 6→4 and 8→5 on the back; the day after the first, the diary says back 5.
  visitEvent("v1", "2026-11-10", { techniques: ["deep-tissue", "trigger-point"], pain_before: { back: 6, leg: 7, reach: null }, pain_after: { back: 4, leg: 7, reach: null } }),
  visitEvent("v2", "2026-11-20", { techniques: ["deep-tissue"], pain_before: { back: 8, leg: null, reach: null }, pain_after: { back: 5, leg: null, reach: null } }),
  // Swedish once, pain up by one.
  visitEvent("v3", "2026-11-24", { techniques: ["swedish"], pain_before: { back: 3, leg: 3, reach: null }, pain_after: { back: 4, leg: 3, reach: null } }),
  // Sports without pain values.
  visitEvent("v4", "2026-11-25", { techniques: ["sports"], pain_before: null, pain_after: null }),
  diaryEvent("d1", "2026-11-11", { pain: { back: 5, leg: 6, reach: null } }),
]);
// The day after the second deep-tissue visit there is no diary entry, only a check-in before a run.
const sessions = buildSessions(
  sessionEvents({ id: "s1", at: new Date(2026, 10, 21, 9, 0, 0), before: [7, null, null], after: [5, null, null] }),
  () => false,
);

describe("techniques compared", () => {
  it("counts visits per technique, average change before to after, meaningful drops, and the next day", () => {
    const rows = techniqueTable(records.visits, records.diary, sessions);
    expect(rows.map((r) => r.technique)).toEqual(["deep-tissue", "trigger-point", "swedish", "sports"]);
    expect(rows[0]).toEqual({
      technique: "deep-tissue",
      visits: 2,
      pain_visits: 2,
      avg_back_change: -2.5,
      avg_leg_change: 0,
      meaningful: 2,
      // Next day: diary 5 after 6 (−1); check-in 7 after 8 (−1).
      next_day_back_change: -1,
      next_day_leg_change: -1,
    });
    expect(rows[1]).toMatchObject({ technique: "trigger-point", visits: 1, avg_back_change: -2, meaningful: 1 });
    expect(rows[2]).toMatchObject({ technique: "swedish", avg_back_change: 1, meaningful: 0, next_day_back_change: null });
    expect(rows[3]).toMatchObject({ technique: "sports", visits: 1, pain_visits: 0, avg_back_change: null });
  });

  it("the next day is the diary's entry, else the first check-in that day", () => {
    expect(nextDayPain("2026-11-10", records.diary, sessions)).toEqual({ back: 5, leg: 6, reach: null });
    expect(nextDayPain("2026-11-20", records.diary, sessions)).toEqual({ back: 7, leg: null, reach: null });
    expect(nextDayPain("2026-11-24", records.diary, sessions)).toBeNull();
  });

  it("pain readings come from the diary's pain now and the check-in before each session", () => {
    expect(painReadings(records.diary, sessions)).toEqual([
      { day: "2026-11-11", back: 5, leg: 6 },
      { day: "2026-11-21", back: 7, leg: null },
    ]);
  });
});
