import { painTrend, type PainTrend } from "../care/trend.js";
import type { Side } from "../routine/types.js";
import { roundTo } from "../numbers.js";
import { computeStats, helpScore, type RoutineStats } from "./stats.js";
import { painReadings, techniqueTable, toleranceReadings, type TechniqueStats } from "./techniques.js";
import { dayKey, localIso, recordedDay } from "../time.js";
import { REACHES, type DiaryEntry, type Reach, type Session, type SymptomLevel, type Visit } from "./types.js";

/** The preferences the brief shows, from the settings. */
export interface BriefPreferences {
  pressure: "light" | "medium" | "firm" | null;
  techniques_liked: string[];
  techniques_avoid: string[];
  focus_areas: string[];
  avoid_areas: string[];
}

/** What the brief needs besides the records. */
export interface BriefOptions {
  now: Date;
  /** First day covered, `YYYY-MM-DD`; the period ends today. */
  from: string;
  affectedSide: Side | null;
  preferences: BriefPreferences;
}

/** Back and leg levels; null where unknown. */
export interface Levels {
  back: number | null;
  leg: number | null;
}

/** A routine or a technique with what it did to pain, for "what helps" and "what has not helped". */
export interface HelpRow {
  kind: "routine" | "technique";
  name: string;
  /** Sessions or visits. */
  count: number;
  pain_count: number;
  avg_back_change: number | null;
  avg_leg_change: number | null;
  meaningful: number;
  /** Sessions after which pain spread further down the leg (routines only). */
  spread: number;
}

/** Days of the period on which the diary recorded each level of a symptom. */
export type LevelDays = Record<SymptomLevel, number>;

/** Everything the brief shows, already worked out: the renderers only lay it out. */
export interface BriefData {
  generated: string;
  from: string;
  to: string;
  where: {
    side: Side | null;
    /** An emergency sign about both legs was noted in the period. */
    both_legs: boolean;
    /** Furthest down the leg pain reached in the period, and in the latest reading. */
    furthest: Reach | null;
    latest: Reach | null;
  };
  how_much: { now: Levels | null; now_day: string | null; average: Levels; worst: Levels; trend: PainTrend; readings: number };
  symptoms: { tingling: LevelDays; numbness: LevelDays; weakness: LevelDays; red_flags: { date: string; signs: string[] }[] };
  limits: {
    /** Sitting and walking tolerance, first and latest diary values in the period. */
    sitting: { first: number; latest: number } | null;
    walking: { first: number; latest: number } | null;
    nights_woken: number;
    nights: number;
  };
  helped: HelpRow[];
  not_helped: HelpRow[];
  /** Steps marked "this hurts" during a run, most often first. */
  hurts: { step: string; routine: string; times: number }[];
  visits: number;
  preferences: BriefPreferences;
}

/**
 * The brief's figures for the period from `from` to today: pure, the same records and options give the same brief.
 * The trend looks at every record, as its rule is about the whole course since the first one.
 */
export function buildBrief(
  all: { sessions: readonly Session[]; visits: readonly Visit[]; diary: readonly DiaryEntry[] },
  options: BriefOptions,
): BriefData {
  const to = dayKey(options.now);
  const inPeriod = (day: string | null) => day !== null && day >= options.from && day <= to;
  const sessions = all.sessions.filter((s) => inPeriod(recordedDay(s.started_at)));
  const visits = all.visits.filter((v) => inPeriod(v.date));
  const diary = all.diary.filter((e) => inPeriod(e.date));
  const readings = painReadings(diary, sessions).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const latest = readings.at(-1) ?? null;
  const reaches = [
    ...diary.map((e) => ({ day: e.date, at: e.at, reach: e.pain?.reach ?? null })),
    ...sessions.map((s) => ({ day: recordedDay(s.started_at)!, at: s.started_at, reach: s.pain_before?.reach ?? null })),
  ].filter((r): r is { day: string; at: string; reach: Reach } => r.reach !== null);
  reaches.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : Date.parse(a.at) - Date.parse(b.at)));
  return {
    generated: localIso(options.now),
    from: options.from,
    to,
    where: {
      side: options.affectedSide,
      both_legs: diary.some((e) => e.red_flags.includes("both-legs")),
      furthest: reaches.reduce<Reach | null>((far, r) => (far === null || REACHES.indexOf(r.reach) > REACHES.indexOf(far) ? r.reach : far), null),
      latest: reaches.at(-1)?.reach ?? null,
    },
    how_much: {
      now: latest ? { back: latest.back, leg: latest.leg } : null,
      now_day: latest?.day ?? null,
      average: { back: mean(readings.map((r) => r.back)), leg: mean(readings.map((r) => r.leg)) },
      worst: worstOf(readings, diary),
      trend: painTrend(painReadings(all.diary, all.sessions), toleranceReadings(all.diary), to),
      readings: readings.length,
    },
    symptoms: {
      tingling: levelDays(diary, "tingling"),
      numbness: levelDays(diary, "numbness"),
      weakness: levelDays(diary, "weakness"),
      red_flags: diary.filter((e) => e.red_flags.length > 0).map((e) => ({ date: e.date, signs: [...e.red_flags] })).reverse(),
    },
    limits: limitsOf(diary),
    ...helpRows(sessions, visits, all, options.now),
    hurts: hurtSteps(sessions),
    visits: visits.length,
    preferences: options.preferences,
  };
}

function mean(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => typeof v === "number");
  return known.length === 0 ? null : roundTo(known.reduce((a, b) => a + b, 0) / known.length, 1);
}

function worstOf(readings: readonly Levels[], diary: readonly DiaryEntry[]): Levels {
  const max = (values: (number | null | undefined)[]) => {
    const known = values.filter((v): v is number => typeof v === "number");
    return known.length === 0 ? null : Math.max(...known);
  };
  return {
    back: max([...readings.map((r) => r.back), ...diary.map((e) => e.worst?.back)]),
    leg: max([...readings.map((r) => r.leg), ...diary.map((e) => e.worst?.leg)]),
  };
}

function levelDays(diary: readonly DiaryEntry[], key: "tingling" | "numbness" | "weakness"): LevelDays {
  const days: LevelDays = { none: 0, some: 0, "a-lot": 0 };
  for (const e of diary) {
    const level = e[key];
    if (level !== null) days[level]++;
  }
  return days;
}

function limitsOf(diary: readonly DiaryEntry[]): BriefData["limits"] {
  const oldest = [...diary].reverse();
  const span = (key: "sitting_min" | "walking_min") => {
    const known = oldest.filter((e) => e[key] !== null);
    return known.length === 0 ? null : { first: known[0]![key]!, latest: known.at(-1)![key]! };
  };
  const nights = diary.filter((e) => e.sleep !== null);
  return { sitting: span("sitting_min"), walking: span("walking_min"), nights_woken: nights.filter((e) => e.sleep === "woken").length, nights: nights.length };
}

/** Routines and techniques split into what helped (an average drop with a meaningful one) and what has not. */
function helpRows(
  sessions: readonly Session[],
  visits: readonly Visit[],
  all: { sessions: readonly Session[]; diary: readonly DiaryEntry[] },
  now: Date,
): { helped: HelpRow[]; not_helped: HelpRow[] } {
  const routines = computeStats(sessions, { now, weeklyGoal: 1 }).routines.map(routineRow);
  const techniques = techniqueTable(visits, all.diary, all.sessions).map(techniqueRow);
  const rows = [...routines, ...techniques].filter((r) => r.pain_count > 0);
  const helped = (r: HelpRow) => (helpScore(r) ?? 0) < 0 && r.meaningful > 0 && r.spread === 0;
  const order = (a: HelpRow, b: HelpRow) => (helpScore(a) ?? 0) - (helpScore(b) ?? 0) || b.count - a.count;
  return { helped: rows.filter(helped).sort(order), not_helped: rows.filter((r) => !helped(r)).sort((a, b) => order(b, a)) };
}

function routineRow(r: RoutineStats): HelpRow {
  return {
    kind: "routine",
    name: r.name.trim() || r.id,
    count: r.sessions,
    pain_count: r.pain_sessions,
    avg_back_change: r.avg_back_change,
    avg_leg_change: r.avg_leg_change,
    meaningful: r.meaningful,
    spread: r.spread,
  };
}

function techniqueRow(t: TechniqueStats): HelpRow {
  return {
    kind: "technique",
    name: t.technique,
    count: t.visits,
    pain_count: t.pain_visits,
    avg_back_change: t.avg_back_change,
    avg_leg_change: t.avg_leg_change,
    meaningful: t.meaningful,
    spread: 0,
  };
}

function hurtSteps(sessions: readonly Session[]): BriefData["hurts"] {
  const counts = new Map<string, { step: string; routine: string; times: number }>();
  for (const s of sessions) {
    for (const segment of s.segments) {
      if (!segment.hurt) continue;
      const routine = s.routine.name.trim() || s.routine.id;
      const key = `${routine}\u0000${segment.title}`;
      const entry = counts.get(key) ?? { step: segment.title, routine, times: 0 };
      entry.times++;
      counts.set(key, entry);
    }
  }
  return [...counts.values()].sort((a, b) => b.times - a.times || a.step.localeCompare(b.step));
}
