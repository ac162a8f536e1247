import { afterEach, describe, expect, it } from "vitest";
import {
  computeStats,
  helpScore,
  minutesByDay,
  painSeries,
  streaks,
  weeklySummary,
} from "../../src/history/stats.js";
import { roundTo } from "../../src/numbers.js";
import { dayKey, mondayOf, recordedDay, shiftDay, weekdayOf } from "../../src/time.js";
import { sessionsOf, type SessionSpec } from "../helpers/history-data.js";

/** A session recorded at exactly this local time text (its own offset), completed unless said otherwise. */
function at(id: string, startText: string, extra: Partial<SessionSpec> = {}): SessionSpec {
  return { id, at: new Date(startText), startText, ...extra };
}

const stats = (specs: SessionSpec[], now: Date, weeklyGoal = 5) => computeStats(sessionsOf(specs), { now, weeklyGoal });

describe("streaks by calendar day", () => {
  it("is 0 and 0 without any completed session", () => {
    expect(streaks([], "2026-11-25")).toEqual({ current: 0, longest: 0 });
  });

  it("runs across the end of a month, a year and a leap day", () => {
    expect(streaks(["2026-01-30", "2026-01-31", "2026-02-01", "2026-02-02"], "2026-02-02")).toEqual({ current: 4, longest: 4 });
    expect(streaks(["2026-12-30", "2026-12-31", "2027-01-01"], "2027-01-01")).toEqual({ current: 3, longest: 3 });
    expect(streaks(["2028-02-28", "2028-02-29", "2028-03-01"], "2028-03-01")).toEqual({ current: 3, longest: 3 });
    // 2026 has no 29 February: the 28th and 1 March are neighbours.
    expect(streaks(["2026-02-28", "2026-03-01"], "2026-03-01")).toEqual({ current: 2, longest: 2 });
    // 30 April and 2 May are not.
    expect(streaks(["2026-04-30", "2026-05-02"], "2026-05-02")).toEqual({ current: 1, longest: 1 });
  });

  it("keeps the current streak alive until today is over, and ends it after a missed day", () => {
    const days = ["2026-11-21", "2026-11-22", "2026-11-23"];
    expect(streaks(days, "2026-11-23").current).toBe(3);
    expect(streaks(days, "2026-11-24").current).toBe(3);
    expect(streaks(days, "2026-11-25").current).toBe(0);
    expect(streaks(days, "2026-11-25").longest).toBe(3);
  });

  it("finds the longest run anywhere in the history, in any order, counting a day once", () => {
    const days = ["2026-10-05", "2026-10-01", "2026-10-02", "2026-10-02", "2026-10-03", "2026-11-20", "2026-11-21"];
    expect(streaks(days, "2026-11-21")).toEqual({ current: 2, longest: 3 });
  });

  it("counts only completed sessions", () => {
    const now = new Date(2026, 10, 25, 20, 0);
    const result = stats(
      [
        at("a", "2026-11-23T08:00:00.000+01:00"),
        at("b", "2026-11-24T08:00:00.000+01:00", { status: "stopped" }),
        at("c", "2026-11-25T08:00:00.000+01:00", { status: "interrupted" }),
      ],
      now,
    );
    expect(result.streak).toEqual({ current: 0, longest: 1 });
  });

  it("counts a session that reached its end only when at least half of its exercise time was done", () => {
    const now = new Date(2026, 10, 25, 20, 0);
    const result = stats(
      [
        at("a", "2026-11-23T08:00:00.000+01:00"),
        // Reached its end with two of three steps skipped: a third of the exercise time.
        at("b", "2026-11-24T08:00:00.000+01:00", { outcomes: ["done", "skipped", "skipped"], minutes: 1 }),
        // Two of three done: counts.
        at("c", "2026-11-25T08:00:00.000+01:00", { outcomes: ["done", "done", "skipped"], minutes: 2 }),
      ],
      now,
    );
    expect(result.completed).toBe(3);
    expect(result.counted.sessions).toBe(2);
    expect(result.streak).toEqual({ current: 1, longest: 1 });
    expect(result.week.sessions).toBe(2);
  });

  it("puts a session on the day of the clock it was recorded on, whatever its offset", () => {
    // 23:30 on 31 March in New York is 1 April in UTC; 00:15 on 1 April in Tokyo is still 31 March in UTC.
    const specs = [
      at("ny", "2026-03-31T23:30:00.000-05:00"),
      at("tokyo", "2026-04-01T00:15:00.000+09:00"),
      at("utc", "2026-03-30T12:00:00.000Z"),
    ];
    expect(sessionsOf(specs).map((s) => recordedDay(s.started_at)).sort()).toEqual(["2026-03-30", "2026-03-31", "2026-04-01"]);
    expect(stats(specs, new Date(2026, 3, 1, 12)).streak).toEqual({ current: 3, longest: 3 });
    expect(stats(specs, new Date(2026, 3, 2, 12)).streak).toEqual({ current: 3, longest: 3 });
    expect(stats(specs, new Date(2026, 3, 3, 12)).streak).toEqual({ current: 0, longest: 3 });
  });
});

describe("in other time zones", () => {
  const saved = process.env.TZ;
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  const zones = ["UTC", "America/Los_Angeles", "Europe/London", "Asia/Kolkata", "Pacific/Auckland", "Pacific/Kiritimati"];

  it.each(zones)("gives the same figures for the same history when the process runs in %s", (zone) => {
    process.env.TZ = zone;
    const specs = [
      at("a", "2026-03-29T00:30:00.000+00:00"),
      at("b", "2026-03-30T23:59:00.000+01:00"),
      at("c", "2026-03-31T07:00:00.000-07:00"),
      at("d", "2026-04-01T06:00:00.000+13:00"),
    ];
    // Local noon on Wednesday 1 April wherever the process is.
    const result = stats(specs, new Date(2026, 3, 1, 12));
    expect(result.streak).toEqual({ current: 4, longest: 4 });
    expect(result.week).toEqual({ start: "2026-03-30", sessions: 3, goal: 5 });
  });

  it("counts days, not 24-hour spans, across a daylight-saving change", () => {
    process.env.TZ = "Europe/London";
    // Clocks go forward at 01:00 on Sunday 29 March 2026: that day has 23 hours.
    const specs = [28, 29, 30].map((d) => ({ id: `d${d}`, at: new Date(2026, 2, d, 0, 30) }));
    const result = stats(specs, new Date(2026, 2, 30, 23, 59));
    expect(result.streak).toEqual({ current: 3, longest: 3 });
    expect(sessionsOf(specs).map((s) => s.started_at).sort()).toEqual([
      "2026-03-28T00:30:00.000+00:00",
      "2026-03-29T00:30:00.000+00:00",
      "2026-03-30T00:30:00.000+01:00",
    ]);
    // The week that holds the change starts on Monday 23 March, and the next one on the 30th.
    expect(mondayOf(dayKey(new Date(2026, 2, 29, 23)))).toBe("2026-03-23");
    expect(result.week.start).toBe("2026-03-30");
  });

  it("counts days where midnight itself was skipped by a daylight-saving change", () => {
    // In 2018 São Paulo went from 23:59:59 on 3 November straight to 01:00 on the 4th.
    process.env.TZ = "America/Sao_Paulo";
    const specs = [3, 4, 5].map((d) => ({ id: `d${d}`, at: new Date(2018, 10, d, 9) }));
    expect(stats(specs, new Date(2018, 10, 5, 18)).streak).toEqual({ current: 3, longest: 3 });
  });
});

describe("weeks from Monday to Sunday", () => {
  it("knows the Monday of any day, across month and year ends", () => {
    expect(mondayOf("2026-11-23")).toBe("2026-11-23"); // a Monday
    expect(mondayOf("2026-11-29")).toBe("2026-11-23"); // its Sunday
    expect(mondayOf("2026-11-30")).toBe("2026-11-30");
    expect(mondayOf("2026-03-01")).toBe("2026-02-23");
    expect(mondayOf("2027-01-01")).toBe("2026-12-28");
    expect(mondayOf("1970-01-01")).toBe("1969-12-29");
    expect(weekdayOf("2026-11-25")).toBe(2); // Wednesday
    expect(shiftDay("2028-02-28", 1)).toBe("2028-02-29");
    expect(shiftDay("2026-12-31", 1)).toBe("2027-01-01");
  });

  it("counts this week's completed sessions from Monday 00:00 to Sunday 23:59", () => {
    const specs = [
      at("sun-before", "2026-11-22T23:55:00.000+01:00"),
      at("mon", "2026-11-23T00:05:00.000+01:00"),
      at("wed", "2026-11-25T08:00:00.000+01:00"),
      at("wed-stopped", "2026-11-25T18:00:00.000+01:00", { status: "stopped" }),
      at("sun", "2026-11-29T23:59:00.000+01:00"),
    ];
    expect(stats(specs, new Date(2026, 10, 29, 23, 59), 4).week).toEqual({ start: "2026-11-23", sessions: 3, goal: 4 });
    expect(stats(specs, new Date(2026, 10, 23, 0, 1)).week.sessions).toBe(3);
    // One minute into the next Monday the week is new and empty.
    expect(stats(specs, new Date(2026, 10, 30, 0, 1)).week).toEqual({ start: "2026-11-30", sessions: 0, goal: 5 });
  });

  it("splits a period into weeks, with the days of each inside it", () => {
    const sessions = sessionsOf([
      at("before", "2026-10-27T09:00:00.000+01:00", { before: [9, 9, null] }),
      at("first", "2026-10-28T09:00:00.000+01:00", { before: [6, 4, null], minutes: 10 }),
      at("sun", "2026-11-08T23:59:00.000+01:00", { before: [5, null, null], status: "stopped", minutes: 4 }),
      at("mon", "2026-11-09T00:00:00.000+01:00", { before: [4, 3, null], minutes: 5 }),
      at("mon2", "2026-11-09T19:00:00.000+01:00", { before: [3, null, null], minutes: 5 }),
      at("after", "2026-11-11T09:00:00.000+01:00"),
    ]);
    const weeks = weeklySummary(sessions, "2026-10-28", "2026-11-10");
    expect(weeks).toEqual([
      { start: "2026-10-26", days: 5, sessions: 1, completed: 1, counted: 1, active_s: 600, avg_back_before: 6, avg_leg_before: 4 },
      { start: "2026-11-02", days: 7, sessions: 1, completed: 0, counted: 0, active_s: 240, avg_back_before: 5, avg_leg_before: null },
      { start: "2026-11-09", days: 2, sessions: 2, completed: 2, counted: 2, active_s: 600, avg_back_before: 3.5, avg_leg_before: 3 },
    ]);
  });

  it("averages sessions a week over the period, from the first session's day to today", () => {
    const specs = Array.from({ length: 14 }, (_, i) => at(`s${i}`, `2026-11-${String(16 + i).padStart(2, "0")}T08:00:00.000+01:00`));
    // 16 to 29 November: 14 days, 2 weeks.
    expect(stats(specs, new Date(2026, 10, 29, 20)).per_week).toBe(7);
    // Asked from 1 November: 29 days.
    const since = computeStats(sessionsOf(specs), { now: new Date(2026, 10, 29, 20), weeklyGoal: 5, since: new Date(2026, 10, 1) });
    expect(since.per_week).toBe(3.4);
    // A first week counts as a whole week, not as a burst of 14 a week.
    expect(stats(specs.slice(0, 2), new Date(2026, 10, 17, 20)).per_week).toBe(2);
  });
});

describe("pain figures with missing values", () => {
  const specs = [
    // Back 6 -> 4, no leg values: counts for back only (a meaningful drop of 2 points).
    at("a", "2026-11-20T08:00:00.000+01:00", { before: [6, null, null], after: [4, null, null] }),
    // Back has no after, leg 7 -> 6: counts for leg only (1 point, 14 %: not meaningful).
    at("b", "2026-11-21T08:00:00.000+01:00", { before: [5, 7, "calf"], after: [null, 6, "thigh"] }),
    // Leg 8 -> 4, back not asked.
    at("c", "2026-11-22T08:00:00.000+01:00", { before: [null, 8, "thigh"], after: [null, 4, "foot"] }),
    // Before only, and no check-in at all: left out of every average.
    at("d", "2026-11-23T08:00:00.000+01:00", { before: [9, 9, null] }),
    at("e", "2026-11-24T08:00:00.000+01:00"),
  ];

  it("averages each area over the sessions that have both its values", () => {
    const { pain } = stats(specs, new Date(2026, 10, 25, 12));
    expect(pain).toEqual({
      sessions: 3,
      avg_back_change: -2,
      avg_leg_change: -2.5,
      meaningful: 2,
      meaningful_share: 0.67,
      spread: 1,
      spread_known: 2,
    });
  });

  it("gives nulls, not zeros, when there is nothing to average", () => {
    const { pain, routines } = stats([at("e", "2026-11-24T08:00:00.000+01:00")], new Date(2026, 10, 25, 12));
    expect(pain).toEqual({
      sessions: 0,
      avg_back_change: null,
      avg_leg_change: null,
      meaningful: 0,
      meaningful_share: null,
      spread: 0,
      spread_known: 0,
    });
    expect(routines[0]).toMatchObject({ avg_back_change: null, avg_leg_change: null, meaningful: 0, pain_sessions: 0 });
  });

  it("rounds half away from zero, and never to -0", () => {
    expect(roundTo(-0.05, 1)).toBe(-0.1);
    expect(roundTo(0.05, 1)).toBe(0.1);
    expect(Object.is(roundTo(-0.04, 1), 0)).toBe(true);
    expect(roundTo(2 / 3, 2)).toBe(0.67);
  });

  it("lists pain before each session, oldest first on the recorded clock, with the values after", () => {
    const points = painSeries(sessionsOf(specs));
    expect(points.map((p) => [p.day, p.back, p.leg, p.back_after, p.leg_after])).toEqual([
      ["2026-11-20", 6, null, 4, null],
      ["2026-11-21", 5, 7, null, 6],
      ["2026-11-22", null, 8, null, 4],
      ["2026-11-23", 9, 9, null, null],
    ]);
    expect(points[0]!.minutes).toBe(8 * 60);
  });

  it("adds active minutes by recorded day, every status included", () => {
    const minutes = minutesByDay(
      sessionsOf([
        at("a", "2026-11-20T08:00:00.000+01:00", { minutes: 10 }),
        at("b", "2026-11-20T23:30:00.000-08:00", { minutes: 5, status: "stopped" }),
        at("c", "2026-11-21T08:00:00.000+01:00", { minutes: 3, status: "interrupted" }),
      ]),
    );
    expect([...minutes.entries()].sort()).toEqual([
      ["2026-11-20", 15],
      ["2026-11-21", 3],
    ]);
  });
});

describe("what helps, routine by routine", () => {
  const routine = (id: string): [string, string] => [id, id.toUpperCase()];
  const specs = [
    // "big" helps back by 3 and leg by 1: score -2.
    at("b1", "2026-11-01T08:00:00.000+01:00", { routine: routine("big"), before: [7, 5, null], after: [4, 4, null] }),
    // "small" helps by 1 in both: score -1, one session stopped.
    at("s1", "2026-11-02T08:00:00.000+01:00", { routine: routine("small"), before: [6, 6, "thigh"], after: [5, 5, "calf"] }),
    at("s2", "2026-11-03T08:00:00.000+01:00", { routine: routine("small"), before: [6, 6, null], after: [5, 5, null], status: "stopped" }),
    // "worse" makes pain worse.
    at("w1", "2026-11-04T08:00:00.000+01:00", { routine: routine("worse"), before: [3, 3, null], after: [5, 4, null] }),
    // "unknown" has no check-ins after: cannot be ranked, comes last.
    at("u1", "2026-11-05T08:00:00.000+01:00", { routine: routine("unknown"), before: [3, 3, null] }),
    at("u2", "2026-11-06T08:00:00.000+01:00", { routine: routine("unknown") }),
    // "leg" only has leg values: -2, tied with "big"; more meaningful drops... both 1, so more sessions, then id.
    at("l1", "2026-11-07T08:00:00.000+01:00", { routine: routine("leg"), before: [null, 6, null], after: [null, 4, null] }),
  ];

  it("orders by the average change, best first, routines without data last", () => {
    const rows = stats(specs, new Date(2026, 10, 8, 12)).routines;
    expect(rows.map((r) => r.id)).toEqual(["big", "leg", "small", "worse", "unknown"]);
    expect(rows.map((r) => helpScore(r))).toEqual([-2, -2, -1, 1.5, null]);
  });

  it("fills every documented field of a row", () => {
    const rows = stats(specs, new Date(2026, 10, 8, 12)).routines;
    expect(rows.find((r) => r.id === "small")).toEqual({
      id: "small",
      name: "SMALL",
      sessions: 2,
      completed: 1,
      active_s: 720,
      pain_sessions: 2,
      avg_back_change: -1,
      avg_leg_change: -1,
      meaningful: 0,
      spread: 1,
      spread_known: 1,
    });
    expect(rows.find((r) => r.id === "big")!.meaningful).toBe(1);
  });

  it("breaks ties by meaningful drops, then sessions, then id", () => {
    const tie = [
      at("x1", "2026-11-01T08:00:00.000+01:00", { routine: routine("b-two"), before: [4, null, null], after: [3, null, null] }),
      at("x2", "2026-11-02T08:00:00.000+01:00", { routine: routine("b-two"), before: [10, null, null], after: [9, null, null] }),
      at("y1", "2026-11-03T08:00:00.000+01:00", { routine: routine("a-one"), before: [10, null, null], after: [9, null, null] }),
      at("z1", "2026-11-04T08:00:00.000+01:00", { routine: routine("c-meaningful"), before: [6, null, null], after: [3, null, null] }),
      at("z2", "2026-11-05T08:00:00.000+01:00", { routine: routine("c-meaningful"), before: [5, null, null], after: [6, null, null] }),
    ];
    // All average -1; c-meaningful has one meaningful drop (3 points, 50 %), b-two has two sessions, a-one one.
    expect(stats(tie, new Date(2026, 10, 8, 12)).routines.map((r) => r.id)).toEqual(["c-meaningful", "b-two", "a-one"]);
  });

  it("names a routine by its newest session", () => {
    const renamed = [
      at("o", "2026-11-01T08:00:00.000+01:00", { routine: ["r", "Old name"] }),
      at("n", "2026-11-02T08:00:00.000+01:00", { routine: ["r", "New name"] }),
    ];
    expect(stats(renamed, new Date(2026, 10, 8, 12)).routines[0]!.name).toBe("New name");
  });
});

describe("stats --json shape", () => {
  it("has the documented keys and totals", () => {
    const result = stats(
      [
        at("a", "2026-11-20T08:00:00.000+01:00", { minutes: 10 }),
        at("b", "2026-11-21T08:00:00.000+01:00", { minutes: 2.5, status: "stopped" }),
      ],
      new Date(2026, 10, 21, 12),
    );
    expect(Object.keys(result)).toEqual(["sessions", "completed", "active_s", "per_week", "counted", "streak", "week", "pain", "routines"]);
    expect(result.counted).toEqual({
      sessions: 1,
      rule:
        "A session counts toward streaks and the weekly goal when it reached its end with at least half of its planned " +
        "exercise time done (rests, manual steps and transitions are not exercise time).",
    });
    expect(result).toMatchObject({ sessions: 2, completed: 1, active_s: 750, streak: { current: 1, longest: 1 } });
  });
});
