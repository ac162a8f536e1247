import { roundTo } from "../numbers.js";
import { computeStats, painSeries, weeklySummary, type PainPoint, type RoutineStats, type Stats, type WeekSummary } from "./stats.js";
import { clockTime, dayKey, dayNumber, localIso, recordedDay, shiftDay } from "../time.js";
import type { Side } from "../routine/types.js";
import { reportRecords, type ReportRecords } from "./report-records.js";
import type { DiaryEntry, Reach, Session, SessionStatus, Visit } from "./types.js";

/** What {@link buildReport} needs besides the sessions. */
export interface ReportOptions {
  now: Date;
  /** First day of the period, `YYYY-MM-DD`; the period ends today. */
  from: string;
  weeklyGoal: number;
  affectedSide: Side | null;
}

/** When something happened, on the clock where it was recorded. */
export interface Moment {
  /** `YYYY-MM-DD`. */
  day: string;
  /** `HH:MM`. */
  time: string;
  /** The routine's name. */
  routine: string;
}

/** A week of the adherence table; `goal_met` is null for a week the period holds only part of. */
export interface ReportWeek extends WeekSummary {
  goal_met: boolean | null;
}

/** Days at each end of the period whose pain before sessions is compared. */
export const TREND_DAYS = 14;

/**
 * Average pain before sessions in the first and in the last {@link TREND_DAYS} days of the period: where a person
 * started and where they are now. Null when the period is too short for two such spans, or either has no value.
 */
export interface Trend {
  first: number;
  last: number;
  /** Readings averaged at each end. */
  first_n: number;
  last_n: number;
}

/** One row of the session log. */
export interface ReportSession extends Moment {
  status: SessionStatus;
  active_s: number;
  back_before: number | null;
  back_after: number | null;
  leg_before: number | null;
  leg_after: number | null;
}

/** Everything the clinician's report shows, already worked out: the renderers only lay it out. */
/** Each progressed step of the programme and how its dose went, for the review (`soothe report`). */
export interface ReportDoses {
  programme: string;
  steps: { routine: string; step: string; unit: "reps" | "hold_s"; history: { date: string; dose: number; reason: string }[] }[];
}

export interface ReportData extends ReportRecords {
  /** The programme's doses over time, when a programme with progressions is set. */
  doses?: ReportDoses;
  /** When the report was made, local time with offset. */
  generated: string;
  /** The period, first and last day (today), `YYYY-MM-DD`. */
  from: string;
  to: string;
  affected_side: Side | null;
  goal: number;
  totals: {
    sessions: number;
    completed: number;
    stopped: number;
    interrupted: number;
    active_s: number;
    per_week: number;
    /** Days with at least one completed session. */
    days_practised: number;
    /** Whole weeks in the period, and those in which the weekly goal was met. */
    full_weeks: number;
    weeks_goal_met: number;
  };
  weeks: ReportWeek[];
  pain: Stats["pain"];
  trend: { back: Trend | null; leg: Trend | null };
  routines: RoutineStats[];
  /** Pain before (and after) each session, oldest first. */
  series: PainPoint[];
  /** Sessions after which pain reached further down the leg. */
  spread: (Moment & { before: Reach; after: Reach })[];
  /** Steps during which the user said "this hurts". */
  hurts: (Moment & { step: string; side: Side | null; set: number | null })[];
  notes: (Moment & { text: string })[];
  /** Every session of the period, oldest first. */
  sessions: ReportSession[];
}

/**
 * The report's figures for the sessions recorded from `from` to today (any order, any period: those outside it
 * are left out). Pure: the same sessions and options give the same report.
 */
export function buildReport(
  all: readonly Session[],
  options: ReportOptions,
  records: { visits: readonly Visit[]; diary: readonly DiaryEntry[] } = { visits: [], diary: [] },
): ReportData {
  const to = dayKey(options.now);
  const from = options.from <= to ? options.from : to;
  const dated = all
    .map((session) => ({ session, day: recordedDay(session.started_at) }))
    .filter((d): d is { session: Session; day: string } => d.day !== null && d.day >= from && d.day <= to)
    .sort((a, b) => a.day.localeCompare(b.day) || minutesOf(a.session) - minutesOf(b.session));
  const sessions = dated.map((d) => d.session);
  const stats = computeStats(sessions, { now: options.now, weeklyGoal: options.weeklyGoal, since: fromDate(from) });

  const weeks: ReportWeek[] = weeklySummary(sessions, from, to).map((w) => ({
    ...w,
    goal_met: w.days === 7 ? w.counted >= options.weeklyGoal : null,
  }));
  const full = weeks.filter((w) => w.goal_met !== null);

  const moment = (s: Session, day: string): Moment => ({ day, time: timeOf(s.started_at), routine: s.routine.name.trim() || s.routine.id });
  const spread: ReportData["spread"] = [];
  const hurts: ReportData["hurts"] = [];
  const notes: ReportData["notes"] = [];
  for (const { session, day } of dated) {
    if (session.spread === true && session.pain_before?.reach && session.pain_after?.reach) {
      spread.push({ ...moment(session, day), before: session.pain_before.reach, after: session.pain_after.reach });
    }
    for (const segment of session.segments) {
      if (segment.hurt) hurts.push({ ...moment(session, day), step: segment.title, side: segment.side, set: segment.set });
    }
    if (session.note !== null && session.note.trim() !== "") notes.push({ ...moment(session, day), text: session.note.trim() });
  }

  return {
    ...reportRecords(records.visits, records.diary, from, to),
    generated: localIso(options.now),
    from,
    to,
    affected_side: options.affectedSide,
    goal: options.weeklyGoal,
    totals: {
      sessions: sessions.length,
      completed: stats.completed,
      stopped: count(sessions, "stopped"),
      interrupted: count(sessions, "interrupted"),
      active_s: stats.active_s,
      per_week: stats.per_week,
      days_practised: new Set(dated.filter((d) => d.session.status === "completed").map((d) => d.day)).size,
      full_weeks: full.length,
      weeks_goal_met: full.filter((w) => w.goal_met).length,
    },
    weeks,
    pain: stats.pain,
    trend: { back: trend(sessions, from, to, "back"), leg: trend(sessions, from, to, "leg") },
    routines: stats.routines,
    series: painSeries(sessions),
    spread,
    hurts,
    notes,
    sessions: dated.map(({ session, day }) => ({
      ...moment(session, day),
      status: session.status,
      active_s: session.active_s,
      back_before: session.pain_before?.back ?? null,
      back_after: session.pain_after?.back ?? null,
      leg_before: session.pain_before?.leg ?? null,
      leg_after: session.pain_after?.leg ?? null,
    })),
  };
}

/** Days in the period, both ends included. */
export function periodDays(data: Pick<ReportData, "from" | "to">): number {
  return dayNumber(data.to) - dayNumber(data.from) + 1;
}

function trend(sessions: readonly Session[], from: string, to: string, area: "back" | "leg"): Trend | null {
  if (dayNumber(to) - dayNumber(from) + 1 < 2 * TREND_DAYS) return null;
  const firstEnd = shiftDay(from, TREND_DAYS - 1);
  const lastStart = shiftDay(to, -(TREND_DAYS - 1));
  const first: number[] = [];
  const last: number[] = [];
  for (const s of sessions) {
    const value = s.pain_before?.[area];
    const day = recordedDay(s.started_at);
    if (typeof value !== "number" || day === null) continue;
    if (day >= from && day <= firstEnd) first.push(value);
    if (day >= lastStart && day <= to) last.push(value);
  }
  if (first.length === 0 || last.length === 0) return null;
  const mean = (list: number[]) => roundTo(list.reduce((a, b) => a + b, 0) / list.length, 1);
  return { first: mean(first), last: mean(last), first_n: first.length, last_n: last.length };
}

function count(sessions: readonly Session[], status: SessionStatus): number {
  return sessions.filter((s) => s.status === status).length;
}

/** `HH:MM` on the clock where the session was recorded. */
function timeOf(at: string): string {
  const m = /T(\d{2}:\d{2})/.exec(at);
  if (m) return m[1]!;
  const date = new Date(at);
  return Number.isNaN(date.getTime())
    ? ""
    : clockTime(date);
}

function minutesOf(s: Session): number {
  const [h, m] = timeOf(s.started_at).split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function fromDate(day: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}
