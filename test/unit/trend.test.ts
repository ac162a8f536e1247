import { describe, expect, it } from "vitest";
import { isExpectedImprovement, painTrend, readingLevel, type PainReading } from "../../src/care/trend.js";
import { shiftDay } from "../../src/time.js";

const TODAY = "2026-12-01"; // a Tuesday

/** One reading a day from `first` for `days` days, at `level` (leg), or the level a function gives. */
function daily(first: string, days: number, level: number | ((i: number) => number)): PainReading[] {
  return Array.from({ length: days }, (_, i) => ({ day: shiftDay(first, i), back: null, leg: typeof level === "number" ? level : level(i) }));
}

describe("the trend rule", () => {
  it.each([
    [{ back: 3, leg: 6 }, 6],
    [{ back: 4, leg: null }, 4],
    [{ back: null, leg: null }, null],
  ])("a reading %j counts as %j (the worse area)", (reading, level) => {
    expect(readingLevel(reading)).toBe(level);
  });

  it.each([
    [6, 4.2, true],
    [6, 4.3, false],
    [10, 7, true],
    [0, 0, true],
    [0, 1, false],
  ])("from %d to %d is at least 30 %% better: %s", (first, last, expected) => {
    expect(isExpectedImprovement(first, last)).toBe(expected);
  });

  it("says nothing before four weeks, however the pain goes", () => {
    const trend = painTrend(daily(shiftDay(TODAY, -27), 28, 7), [], TODAY);
    expect(trend.see_doctor).toBe(false);
    expect(trend.first_week_avg).toBe(7);
    expect(trend.last_week_avg).toBe(7);
  });

  it("from four weeks on, says to see a doctor when the last 7 days are not 30 % below the first 7", () => {
    const flat = painTrend(daily(shiftDay(TODAY, -28), 29, 7), [], TODAY);
    expect(flat.see_doctor).toBe(true);
    // 6 falling to 4: a third lower, as expected.
    const easing = painTrend(daily(shiftDay(TODAY, -28), 29, (i) => (i < 7 ? 6 : 4)), [], TODAY);
    expect(easing.see_doctor).toBe(false);
    expect([easing.first_week_avg, easing.last_week_avg]).toEqual([6, 4]);
  });

  it("does not decide without readings in the last 7 days", () => {
    const trend = painTrend(daily(shiftDay(TODAY, -40), 10, 7), [], TODAY);
    expect(trend.last_week_avg).toBeNull();
    expect(trend.see_doctor).toBe(false);
  });

  it("groups readings and tolerance by calendar week (Monday to Sunday), empty weeks kept", () => {
    const readings: PainReading[] = [
      { day: "2026-11-16", back: 6, leg: 4 },
      { day: "2026-11-18", back: 5, leg: null },
      { day: "2026-12-01", back: 2, leg: 3 },
    ];
    const trend = painTrend(readings, [
      { day: "2026-11-17", sitting_min: 20, walking_min: 30 },
      { day: "2026-11-19", sitting_min: 25, walking_min: null },
    ], TODAY);
    expect(trend.weeks).toEqual([
      { start: "2026-11-16", avg: 5.5, readings: 2, sitting_min: 23, walking_min: 30 },
      { start: "2026-11-23", avg: null, readings: 0, sitting_min: null, walking_min: null },
      { start: "2026-11-30", avg: 3, readings: 1, sitting_min: null, walking_min: null },
    ]);
  });

  it("has nothing to say without readings", () => {
    expect(painTrend([], [], TODAY)).toEqual({ weeks: [], first_week_avg: null, last_week_avg: null, see_doctor: false });
  });
});
