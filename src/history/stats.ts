import { COUNTING_RULE, countsTowardGoal } from "../care/effort.js";
import { isMeaningfulDrop } from "../care/pain-change.js";
import { dayKey, dayNumber, dayOfNumber, mondayOf, recordedDay, recordedMinutes, shiftDay } from "../time.js";
import type { PainReport, Session } from "./types.js";
import { roundTo } from "../numbers.js";

/** Per-area pain figures: the average change after minus before (negative is better), over sessions with both. */
export interface RoutineStats {
  id: string;
  name: string;
  /** Sessions of this routine, all statuses. */
  sessions: number;
  completed: number;
  active_s: number;
  /** Sessions with a before and an after value for back or leg. */
  pain_sessions: number;
  /** Average of after minus before over sessions with both back values; null without any. */
  avg_back_change: number | null;
  avg_leg_change: number | null;
  /** Sessions with a meaningful drop (2 points and 30 %, care/pain-change) in back or leg pain. */
  meaningful: number;
  /** Sessions after which pain reached further down the leg. */
  spread: number;
  /** Sessions whose reach was recorded before and after: those for which `spread` is known. */
  spread_known: number;
}

/** What `soothe stats --json` prints. */
export interface Stats {
  /** Sessions of every status. */
  sessions: number;
  completed: number;
  /** Active seconds over all sessions, to 0.1 s. */
  active_s: number;
  /** Sessions a week on average over the period (from --since, or the first session, to today), to 0.1. */
  per_week: number;
  /** Sessions that count toward streaks and the weekly goal, and the rule in words (care/effort). */
  counted: { sessions: number; rule: string };
  /** Runs of calendar days with at least one session that counts. */
  streak: { current: number; longest: number };
  /** Sessions that count, this week (Monday to Sunday, local), against the weekly goal; `start` is its Monday. */
  week: { start: string; sessions: number; goal: number };
  pain: {
    /** Sessions with a before and an after value for back or leg. */
    sessions: number;
    avg_back_change: number | null;
    avg_leg_change: number | null;
    /** Sessions with a meaningful drop in back or leg pain, and their share of `sessions` (0 to 1). */
    meaningful: number;
    meaningful_share: number | null;
    /** Sessions after which pain reached further down the leg, and sessions where that is known. */
    spread: number;
    spread_known: number;
  };
  /** One row a routine, what helped most first. */
  routines: RoutineStats[];
}

/** What {@link computeStats} needs besides the sessions. */
export interface StatsOptions {
  /** Now, for today, yesterday and this week (local time of the process). */
  now: Date;
  weeklyGoal: number;
  /** Start of the period asked for (`--since`); else the period starts at the first session. */
  since?: Date;
}

/**
 * The figures of `soothe stats` from sessions in any order. A session counts on the calendar day it was recorded
 * on (see time.ts); today and this week are the process's local ones. Day arithmetic never meets a clock, so
 * daylight saving and month ends cannot shift it.
 */
export function computeStats(sessions: readonly Session[], options: StatsOptions): Stats {
  const completed = sessions.filter((s) => s.status === "completed");
  const counted = sessions.filter(countsTowardGoal);
  const active = sessions.reduce((sum, s) => sum + s.active_s, 0);
  const today = dayKey(options.now);
  const countedDays = counted.map((s) => recordedDay(s.started_at)).filter((d): d is string => d !== null);

  const weekStart = mondayOf(today);
  const weekEnd = shiftDay(weekStart, 6);
  const thisWeek = countedDays.filter((day) => day >= weekStart && day <= weekEnd).length;

  const pain = painSummary(sessions);

  return {
    sessions: sessions.length,
    completed: completed.length,
    active_s: roundTo(active, 1),
    per_week: perWeek(sessions, today, options.since),
    counted: { sessions: counted.length, rule: COUNTING_RULE },
    streak: streaks(countedDays, today),
    week: { start: weekStart, sessions: thisWeek, goal: options.weeklyGoal },
    pain: {
      sessions: pain.sessions,
      avg_back_change: pain.avgBack,
      avg_leg_change: pain.avgLeg,
      meaningful: pain.meaningful,
      meaningful_share: pain.sessions > 0 ? roundTo(pain.meaningful / pain.sessions, 2) : null,
      spread: sessions.filter((s) => s.spread === true).length,
      spread_known: sessions.filter((s) => s.spread !== null).length,
    },
    routines: routineTable(sessions),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Days and weeks

/**
 * Streaks of days that count (`days` holds the recorded day, `YYYY-MM-DD`, of each session that counts): `current`
 * is the run ending today, or ending yesterday when today has none yet; `longest` the longest run ever.
 */
export function streaks(days: Iterable<string>, today: string): { current: number; longest: number } {
  const numbers = [...new Set(days)].map(dayNumber).sort((a, b) => a - b);
  const counted = new Set(numbers);
  let longest = 0;
  let run = 0;
  numbers.forEach((n, i) => {
    run = i > 0 && numbers[i - 1] === n - 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
  });
  let day = dayNumber(today);
  if (!counted.has(day)) day--;
  let current = 0;
  while (counted.has(day)) {
    current++;
    day--;
  }
  return { current, longest };
}

/** Sessions a week on average: from `since` (else the first session's day) to today, both days included. */
function perWeek(sessions: readonly Session[], today: string, since?: Date): number {
  if (sessions.length === 0) return 0;
  let first = since !== undefined ? dayKey(since) : today;
  if (since === undefined) {
    for (const s of sessions) {
      const day = recordedDay(s.started_at);
      if (day !== null && day < first) first = day;
    }
  }
  const days = dayNumber(today) - dayNumber(first) + 1;
  return roundTo(sessions.length / Math.max(1, days / 7), 1);
}

/** Active minutes on each recorded day (`YYYY-MM-DD`), every status counted: time spent is time spent. */
export function minutesByDay(sessions: readonly Session[]): Map<string, number> {
  const days = new Map<string, number>();
  for (const s of sessions) {
    const key = recordedDay(s.started_at);
    if (key !== null) days.set(key, (days.get(key) ?? 0) + s.active_s / 60);
  }
  return days;
}

/** One week of the adherence table. */
export interface WeekSummary {
  /** Its Monday, `YYYY-MM-DD`. */
  start: string;
  /** Days of the week inside the period (7 but for the first and the last week). */
  days: number;
  sessions: number;
  completed: number;
  /** Sessions that count toward the weekly goal (care/effort). */
  counted: number;
  active_s: number;
  /** Average pain before the sessions of the week; null without values. */
  avg_back_before: number | null;
  avg_leg_before: number | null;
}

/**
 * Weeks (Monday to Sunday) from the one holding day `from` to the one holding day `to` (`YYYY-MM-DD`), oldest
 * first, each with the sessions recorded on its days inside the period.
 */
export function weeklySummary(sessions: readonly Session[], from: string, to: string): WeekSummary[] {
  const weeks: WeekSummary[] = [];
  const index = new Map<string, { summary: WeekSummary; back: number[]; leg: number[] }>();
  const first = dayNumber(from);
  const last = dayNumber(to);
  for (let monday = dayNumber(mondayOf(from)); monday <= last; monday += 7) {
    const summary: WeekSummary = {
      start: dayOfNumber(monday),
      days: Math.min(monday + 6, last) - Math.max(monday, first) + 1,
      sessions: 0,
      completed: 0,
      counted: 0,
      active_s: 0,
      avg_back_before: null,
      avg_leg_before: null,
    };
    weeks.push(summary);
    index.set(summary.start, { summary, back: [], leg: [] });
  }
  for (const s of sessions) {
    const day = recordedDay(s.started_at);
    if (day === null || day < from || day > to) continue;
    const entry = index.get(mondayOf(day));
    if (!entry) continue;
    entry.summary.sessions++;
    if (s.status === "completed") entry.summary.completed++;
    if (countsTowardGoal(s)) entry.summary.counted++;
    entry.summary.active_s += s.active_s;
    if (isLevel(s.pain_before?.back)) entry.back.push(s.pain_before.back);
    if (isLevel(s.pain_before?.leg)) entry.leg.push(s.pain_before.leg);
  }
  for (const { summary, back, leg } of index.values()) {
    summary.active_s = roundTo(summary.active_s, 1);
    summary.avg_back_before = average(back);
    summary.avg_leg_before = average(leg);
  }
  return weeks;
}

// ---------------------------------------------------------------------------------------------------------------
// Pain

/** One reading for the pain charts: the check-ins of a session, placed on the clock where it was recorded. */
export interface PainPoint {
  /** The session's `started_at`. */
  at: string;
  /** Recorded day, `YYYY-MM-DD`, and minutes after its midnight. */
  day: string;
  minutes: number;
  back: number | null;
  leg: number | null;
  back_after: number | null;
  leg_after: number | null;
}

/**
 * Pain before each session that has a value, oldest first: the level a person starts from is the one that shows
 * a trend; the values after ride along for charts that show what a session did.
 */
export function painSeries(sessions: readonly Session[]): PainPoint[] {
  const points: PainPoint[] = [];
  for (const s of sessions) {
    const day = recordedDay(s.started_at);
    const back = s.pain_before?.back;
    const leg = s.pain_before?.leg;
    if (day === null || !(isLevel(back) || isLevel(leg))) continue;
    const backAfter = s.pain_after?.back;
    const legAfter = s.pain_after?.leg;
    points.push({
      at: s.started_at,
      day,
      minutes: recordedMinutes(s.started_at) ?? 0,
      back: isLevel(back) ? back : null,
      leg: isLevel(leg) ? leg : null,
      back_after: isLevel(backAfter) ? backAfter : null,
      leg_after: isLevel(legAfter) ? legAfter : null,
    });
  }
  return points.sort((a, b) => dayNumber(a.day) - dayNumber(b.day) || a.minutes - b.minutes || Date.parse(a.at) - Date.parse(b.at));
}

/** After minus before for one area, or null when either value is missing. */
export function painChange(before: PainReport | null, after: PainReport | null, area: "back" | "leg"): number | null {
  const b = before?.[area];
  const a = after?.[area];
  return isLevel(b) && isLevel(a) ? a - b : null;
}

/** Whether a session shows a meaningful drop in back or leg pain. */
export function sessionMeaningful(s: Session): boolean {
  return (["back", "leg"] as const).some((area) => {
    const b = s.pain_before?.[area];
    const a = s.pain_after?.[area];
    return isLevel(b) && isLevel(a) && isMeaningfulDrop(b, a);
  });
}

function painSummary(sessions: readonly Session[]) {
  const back: number[] = [];
  const leg: number[] = [];
  let withPain = 0;
  let meaningful = 0;
  for (const s of sessions) {
    const b = painChange(s.pain_before, s.pain_after, "back");
    const l = painChange(s.pain_before, s.pain_after, "leg");
    if (b !== null) back.push(b);
    if (l !== null) leg.push(l);
    if (b === null && l === null) continue;
    withPain++;
    if (sessionMeaningful(s)) meaningful++;
  }
  return { sessions: withPain, avgBack: average(back), avgLeg: average(leg), meaningful };
}

function routineTable(sessions: readonly Session[]): RoutineStats[] {
  const groups = new Map<string, Session[]>();
  for (const s of sessions) {
    const list = groups.get(s.routine.id);
    if (list) list.push(s);
    else groups.set(s.routine.id, [s]);
  }
  const rows: RoutineStats[] = [];
  for (const [id, list] of groups) {
    const newest = list.reduce((a, b) => (Date.parse(b.started_at) > Date.parse(a.started_at) ? b : a));
    const pain = painSummary(list);
    rows.push({
      id,
      name: newest.routine.name,
      sessions: list.length,
      completed: list.filter((s) => s.status === "completed").length,
      active_s: roundTo(
        list.reduce((sum, s) => sum + s.active_s, 0),
        1,
      ),
      pain_sessions: pain.sessions,
      avg_back_change: pain.avgBack,
      avg_leg_change: pain.avgLeg,
      meaningful: pain.meaningful,
      spread: list.filter((s) => s.spread === true).length,
      spread_known: list.filter((s) => s.spread !== null).length,
    });
  }
  return rows.sort(byHelp);
}

/** How much a routine helped: the mean of its average back and leg changes (lower is better); null without data. */
export function helpScore(row: Pick<RoutineStats, "avg_back_change" | "avg_leg_change">): number | null {
  const known = [row.avg_back_change, row.avg_leg_change].filter((v): v is number => v !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0) / known.length;
}

/** What helped most first; routines without pain data last; then more meaningful drops, more sessions, id. */
function byHelp(a: RoutineStats, b: RoutineStats): number {
  const sa = helpScore(a);
  const sb = helpScore(b);
  if (sa !== null && sb !== null && sa !== sb) return sa - sb;
  if (sa === null && sb !== null) return 1;
  if (sa !== null && sb === null) return -1;
  return b.meaningful - a.meaningful || b.sessions - a.sessions || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

// ---------------------------------------------------------------------------------------------------------------
// Numbers

function isLevel(v: number | null | undefined): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

function average(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return roundTo(values.reduce((a, b) => a + b, 0) / values.length, 1);
}
