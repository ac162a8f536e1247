import { describe, expect, it } from "vitest";
import { buildToday, dueToday, nextDue } from "../../src/programme/today.js";
import type { Session } from "../../src/history/types.js";
import type { Programme } from "../../src/programme/types.js";

// 2026-12-01 is a Tuesday; its week starts on Monday 2026-11-30.
describe("dueToday", () => {
  it.each([
    ["per_day", { per_day: 3 }, "2026-12-01", 0, 3],
    ["days, a listed day", { days: ["mon", "tue"] as ("mon" | "tue")[] }, "2026-12-01", 0, 1],
    ["days, another day", { days: ["mon", "wed"] as ("mon" | "wed")[] }, "2026-12-01", 0, 0],
    ["per_week, the week not yet full", { per_week: 2 }, "2026-12-01", 1, 1],
    ["per_week, the week full", { per_week: 2 }, "2026-12-01", 2, 0],
  ])("%s", (_name, frequency, day, earlier, due) => {
    expect(dueToday(frequency, day, earlier)).toBe(due);
  });
});

function session(routine: string, at: string, status: Session["status"] = "completed"): Session {
  return {
    id: `${routine}-${at}`,
    routine: { id: routine, name: routine },
    started_at: at,
    ended_at: at,
    status,
    planned_s: 60,
    active_s: 60,
    segments: [],
    pain_before: null,
    pain_after: null,
    spread: null,
    note: null,
  };
}

const PROGRAMME: Programme = {
  name: "P",
  prescribed_by: null,
  start: "2026-11-25",
  review: "2026-12-06",
  routines: [
    { routine: "glides", frequency: { per_day: 2 } },
    { routine: "mobility", frequency: { per_week: 2 } },
  ],
  progress: [],
};

describe("buildToday", () => {
  const sessions = [
    session("glides", "2026-12-01T08:00:00.000+01:00"),
    session("glides", "2026-12-01T09:00:00.000+01:00", "stopped"),
    session("mobility", "2026-11-30T08:00:00.000+01:00"),
    session("mobility", "2026-11-30T18:00:00.000+01:00"),
    session("other", "2026-12-01T10:00:00.000+01:00"),
  ];

  it("counts completed sessions today; a weekly routine done twice on one day counts one day of its week", () => {
    const today = buildToday(PROGRAMME, new Map(), sessions, "2026-12-01");
    expect(today.items).toEqual([
      { routine: "glides", due: 2, done: 1 },
      { routine: "mobility", due: 1, done: 0 },
    ]);
    expect(nextDue(today)).toBe("glides");
    expect(today.days_since_last).toBe(0);
    expect(today.review_near).toBe("2026-12-06");
  });

  it("says how many days since the last session, and leaves out a far review and routines outside the programme", () => {
    const today = buildToday({ ...PROGRAMME, review: "2027-01-12" }, new Map(), sessions.slice(2), "2026-12-03");
    expect(today.days_since_last).toBe(3);
    expect(today.review_near).toBeNull();
  });

  it("has nothing due before the start", () => {
    const today = buildToday(PROGRAMME, new Map(), [], "2026-11-20");
    expect(today.not_started).toBe(true);
    expect(today.items.every((item) => item.due === 0)).toBe(true);
    expect(nextDue(today)).toBeNull();
  });
});
