import { isMeaningfulDrop } from "../care/pain-change.js";
import { painTrend, type PainReading, type PainTrend, type ToleranceReading } from "../care/trend.js";
import { roundTo } from "../numbers.js";
import { helpScore } from "./stats.js";
import { recordedDay, shiftDay } from "../time.js";
import { TECHNIQUES, type DiaryEntry, type PainReport, type Session, type Technique, type Visit } from "./types.js";

/** One row of `stats --json` `techniques`: what visits using a technique did to pain, as routines are compared. */
export interface TechniqueStats {
  technique: Technique;
  /** Visits that used it (a visit with two techniques counts for both). */
  visits: number;
  /** Visits with a before and an after value for back or leg. */
  pain_visits: number;
  /** Average of after minus before (negative is better), over visits with both values; null without any. */
  avg_back_change: number | null;
  avg_leg_change: number | null;
  /** Visits with a meaningful drop (care/pain-change.ts) in back or leg pain. */
  meaningful: number;
  /** Average of the next day's pain minus the pain before the visit, from the diary or else a check-in. */
  next_day_back_change: number | null;
  next_day_leg_change: number | null;
}

/** Pain readings for the trend: each diary entry's pain now, and each session's check-in before it. */
export function painReadings(diary: readonly DiaryEntry[], sessions: readonly Session[]): PainReading[] {
  const readings: PainReading[] = [];
  for (const e of diary) if (e.pain) readings.push({ day: e.date, back: e.pain.back, leg: e.pain.leg });
  for (const s of sessions) {
    const day = recordedDay(s.started_at);
    if (day !== null && s.pain_before) readings.push({ day, back: s.pain_before.back, leg: s.pain_before.leg });
  }
  return readings;
}

/** Sitting and walking tolerance from the diary. */
export function toleranceReadings(diary: readonly DiaryEntry[]): ToleranceReading[] {
  return diary.map((e) => ({ day: e.date, sitting_min: e.sitting_min, walking_min: e.walking_min }));
}

/**
 * The pain the day after `day`: the diary entry for that day (the latest written, when there are several), else the
 * first check-in before a session recorded that day; null when there is neither.
 */
export function nextDayPain(day: string, diary: readonly DiaryEntry[], sessions: readonly Session[]): PainReport | null {
  const next = shiftDay(day, 1);
  const entry = diary.filter((e) => e.date === next && e.pain).sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];
  if (entry?.pain) return entry.pain;
  const checkin = sessions
    .filter((s) => s.pain_before && recordedDay(s.started_at) === next)
    .sort((a, b) => Date.parse(a.started_at) - Date.parse(b.started_at))[0];
  return checkin?.pain_before ?? null;
}

/** One row a technique used in any visit, what helped most first (as routines are ordered). */
export function techniqueTable(visits: readonly Visit[], diary: readonly DiaryEntry[], sessions: readonly Session[]): TechniqueStats[] {
  const rows: TechniqueStats[] = [];
  for (const technique of TECHNIQUES) {
    const used = visits.filter((v) => v.techniques.includes(technique));
    if (used.length === 0) continue;
    const change = { back: [] as number[], leg: [] as number[] };
    const nextDay = { back: [] as number[], leg: [] as number[] };
    let painVisits = 0;
    let meaningful = 0;
    for (const visit of used) {
      const after = nextDayPain(visit.date, diary, sessions);
      let any = false;
      let drop = false;
      for (const area of ["back", "leg"] as const) {
        const before = visit.pain_before?.[area] ?? null;
        const now = visit.pain_after?.[area] ?? null;
        if (before !== null && now !== null) {
          change[area].push(now - before);
          any = true;
          drop ||= isMeaningfulDrop(before, now);
        }
        const later = after?.[area] ?? null;
        if (before !== null && later !== null) nextDay[area].push(later - before);
      }
      if (any) painVisits++;
      if (drop) meaningful++;
    }
    rows.push({
      technique,
      visits: used.length,
      pain_visits: painVisits,
      avg_back_change: mean(change.back),
      avg_leg_change: mean(change.leg),
      meaningful,
      next_day_back_change: mean(nextDay.back),
      next_day_leg_change: mean(nextDay.leg),
    });
  }
  return rows.sort(byHelp);
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : roundTo(values.reduce((a, b) => a + b, 0) / values.length, 1);
}

function byHelp(a: TechniqueStats, b: TechniqueStats): number {
  const sa = helpScore(a);
  const sb = helpScore(b);
  if (sa !== null && sb !== null && sa !== sb) return sa - sb;
  if (sa === null && sb !== null) return 1;
  if (sa !== null && sb === null) return -1;
  return b.meaningful - a.meaningful || b.visits - a.visits || TECHNIQUES.indexOf(a.technique) - TECHNIQUES.indexOf(b.technique);
}

/** What `stats` adds about visits and the diary: techniques compared, and pain and tolerance week by week. */
export interface TherapistStats {
  techniques: TechniqueStats[];
  trend: PainTrend;
}

/**
 * Techniques over the visits on or after `since` (a `YYYY-MM-DD` day; all when undefined), each judged by the next
 * day from every record; the trend over every record, as its rule is about the whole course since the first one.
 */
export function therapistStats(
  all: { sessions: readonly Session[]; visits: readonly Visit[]; diary: readonly DiaryEntry[] },
  since: string | undefined,
  today: string,
): TherapistStats {
  const visits = since === undefined ? all.visits : all.visits.filter((v) => v.date >= since);
  return {
    techniques: techniqueTable(visits, all.diary, all.sessions),
    trend: painTrend(painReadings(all.diary, all.sessions), toleranceReadings(all.diary), today),
  };
}
