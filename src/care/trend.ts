// Whether pain is easing over the weeks, and when to say calmly that it is time to see a doctor or physiotherapist.
// Most sciatica improves within 4 to 6 weeks; see a doctor when it is not improving after a few weeks, is getting
// worse, or stops normal activities [NHS-S]. A drop of about 30 % is the meaningful change used across soothe
// [FARRAR][OSTELO][IMMPACT]. stats, brief and the home screen decide through `painTrend`.

import { roundTo } from "../numbers.js";
import { dayNumber, mondayOf, shiftDay } from "../time.js";

/** Weeks after the first record from which a lack of improvement is worth a visit to a doctor or physiotherapist. */
export const SEE_DOCTOR_AFTER_WEEKS = 4;
/** The share by which the last week's average pain should be below the first week's by then. */
export const EXPECTED_DROP = 0.3;

/** One pain reading: a diary entry's pain now, or the check-in before a session, on the day it was recorded. */
export interface PainReading {
  /** `YYYY-MM-DD`. */
  day: string;
  back: number | null;
  leg: number | null;
}

/** One day's sitting and walking tolerance from the diary, in minutes. */
export interface ToleranceReading {
  day: string;
  sitting_min: number | null;
  walking_min: number | null;
}

/** A calendar week (Monday to Sunday) of the trend. */
export interface TrendWeek {
  /** Its Monday. */
  start: string;
  /** Average of the readings' levels (each reading counts its worse area), to 0.1; null without readings. */
  avg: number | null;
  readings: number;
  /** Average sitting and walking tolerance from the diary that week, whole minutes; null without entries. */
  sitting_min: number | null;
  walking_min: number | null;
}

/** The `trend` of `stats --json`. */
export interface PainTrend {
  weeks: TrendWeek[];
  /** Average over the first 7 days from the first reading, and over the last 7 days to today. */
  first_week_avg: number | null;
  last_week_avg: number | null;
  /** The first reading is 4 or more weeks old and the last week's average is not at least 30 % below the first's. */
  see_doctor: boolean;
}

/** The level of a reading: the worse of back and leg, so that easing in one does not hide the other. */
export function readingLevel(r: Pick<PainReading, "back" | "leg">): number | null {
  const known = [r.back, r.leg].filter((v): v is number => typeof v === "number");
  return known.length === 0 ? null : Math.max(...known);
}

/** Whether `last` is at least 30 % below `first`. */
export function isExpectedImprovement(first: number, last: number): boolean {
  return last <= first * (1 - EXPECTED_DROP) + 1e-9;
}

/**
 * Pain week by week from the readings (any order), with sitting and walking tolerance, from the week of the first
 * reading to today's; and whether it is time to see a doctor or physiotherapist.
 */
export function painTrend(readings: readonly PainReading[], tolerance: readonly ToleranceReading[], today: string): PainTrend {
  const levels = readings
    .map((r) => ({ day: r.day, level: readingLevel(r) }))
    .filter((r): r is { day: string; level: number } => r.level !== null && r.day <= today);
  if (levels.length === 0) return { weeks: [], first_week_avg: null, last_week_avg: null, see_doctor: false };
  const first = levels.reduce((min, r) => (r.day < min ? r.day : min), levels[0]!.day);
  const [firstWeekEnd, lastWeekStart] = [shiftDay(first, 6), shiftDay(today, -6)];
  const firstAvg = average(levels.filter((r) => r.day <= firstWeekEnd).map((r) => r.level), 1);
  const lastAvg = average(levels.filter((r) => r.day >= lastWeekStart).map((r) => r.level), 1);
  const oldEnough = dayNumber(today) - dayNumber(first) >= SEE_DOCTOR_AFTER_WEEKS * 7;
  return {
    weeks: trendWeeks(first, today, levels, tolerance),
    first_week_avg: firstAvg,
    last_week_avg: lastAvg,
    see_doctor: oldEnough && firstAvg !== null && lastAvg !== null && !isExpectedImprovement(firstAvg, lastAvg),
  };
}

/** Calendar weeks from the one holding `first` to the one holding `today`, with the levels and tolerance in each. */
export function trendWeeks(
  first: string,
  today: string,
  levels: readonly { day: string; level: number }[],
  tolerance: readonly ToleranceReading[],
): TrendWeek[] {
  // Each reading is put in its week once (a history of years holds hundreds of weeks and tens of thousands of them).
  const byWeek = <T extends { day: string }>(list: readonly T[]) => {
    const weeks = new Map<string, T[]>();
    for (const r of list) {
      const monday = mondayOf(r.day);
      const week = weeks.get(monday);
      if (week) week.push(r);
      else weeks.set(monday, [r]);
    }
    return weeks;
  };
  const levelWeeks = byWeek(levels);
  const toleranceWeeks = byWeek(tolerance);
  const weeks: TrendWeek[] = [];
  for (let monday = mondayOf(first); monday <= today; monday = shiftDay(monday, 7)) {
    const week = (levelWeeks.get(monday) ?? []).map((r) => r.level);
    const days = toleranceWeeks.get(monday) ?? [];
    weeks.push({
      start: monday,
      avg: average(week, 1),
      readings: week.length,
      sitting_min: average(days.map((d) => d.sitting_min).filter(isNumber), 0),
      walking_min: average(days.map((d) => d.walking_min).filter(isNumber), 0),
    });
  }
  return weeks;
}

const isNumber = (v: number | null): v is number => typeof v === "number";

function average(values: readonly number[], digits: number): number | null {
  return values.length === 0 ? null : roundTo(values.reduce((a, b) => a + b, 0) / values.length, digits);
}
