import { doseCeiling, doseToday, type DoseChange, type DoseRule } from "../care/progression.js";
import { dayNumber, mondayOf, recordedDay, weekdayOf } from "../time.js";
import type { Session } from "../history/types.js";
import type { Routine } from "../routine/types.js";
import { stepsTitled } from "./references.js";
import { WEEKDAYS, type Frequency, type Programme, type ProgressRule } from "./types.js";

/** A review this many days away or closer is shown by `today`. */
export const REVIEW_NEAR_DAYS = 7;

/** A routine due today, and how many times it is done. */
export interface TodayItem {
  routine: string;
  due: number;
  done: number;
}

/** Today's dose of one progressed step (`today --json`). */
export interface TodayDose {
  routine: string;
  step: string;
  reps?: number;
  hold_s?: number;
  previous: number;
  change: "up" | "down" | "same";
  reason: string;
}

/** What is due and done today, the doses, and what else today should say. */
export interface Today {
  date: string;
  programme: string;
  items: TodayItem[];
  doses: TodayDose[];
  /** Whole days since the last session of a routine of the programme; null when there was none. */
  days_since_last: number | null;
  /** The review day when it is near (or past); null otherwise. */
  review_near: string | null;
  /** The programme has not started yet. */
  not_started: boolean;
}

/** Today's dose of each progressed step, with its history of changes. */
export interface StepDose {
  rule: ProgressRule;
  dose: TodayDose;
  history: DoseChange[];
}

/** The rule of a progression with the ceiling its routine's steps allow (a routine's limits, heat and cold). */
export function ruleFor(rule: ProgressRule, routine: Routine | undefined): DoseRule {
  const steps = routine ? stepsTitled(routine, rule.step) : [];
  const ceilings = steps.map((step) => doseCeiling(step, rule.dose.unit));
  return ceilings.length > 0 ? { ...rule.dose, ceiling: Math.min(...ceilings) } : rule.dose;
}

/** Today's dose of every progressed step, from history. Pure. */
export function stepDoses(programme: Programme, routines: ReadonlyMap<string, Routine>, sessions: readonly Session[], today: string): StepDose[] {
  return programme.progress.map((rule) => {
    const own = sessions.filter((s) => s.routine.id === rule.routine);
    const result = doseToday(ruleFor(rule, routines.get(rule.routine)), rule.step, own, programme.start, today);
    const dose: TodayDose = { routine: rule.routine, step: rule.step, previous: result.previous, change: result.change, reason: result.reason };
    dose[rule.dose.unit] = result.dose;
    return { rule, dose, history: result.history };
  });
}

/** What `soothe today` shows, for the day `today` (`YYYY-MM-DD`). Pure. */
export function buildToday(programme: Programme, routines: ReadonlyMap<string, Routine>, sessions: readonly Session[], today: string): Today {
  const days = sessions.map((s) => ({ s, day: recordedDay(s.started_at) })).filter((x): x is { s: Session; day: string } => x.day !== null);
  const notStarted = today < programme.start;
  const items = programme.routines.map(({ routine, frequency }) => {
    const mine = days.filter((x) => x.s.routine.id === routine && x.s.status === "completed" && x.day >= programme.start);
    const done = mine.filter((x) => x.day === today).length;
    const earlierThisWeek = new Set(mine.filter((x) => x.day >= mondayOf(today) && x.day < today).map((x) => x.day)).size;
    return { routine, due: notStarted ? 0 : dueToday(frequency, today, earlierThisWeek), done };
  });
  const ids = new Set(programme.routines.map((r) => r.routine));
  const last = days.filter((x) => ids.has(x.s.routine.id) && x.day <= today).map((x) => x.day).sort().at(-1);
  const review = programme.review;
  const reviewNear = review !== null && dayNumber(review) - dayNumber(today) <= REVIEW_NEAR_DAYS ? review : null;
  return {
    date: today,
    programme: programme.name,
    items,
    doses: stepDoses(programme, routines, sessions, today).map((d) => d.dose),
    days_since_last: last === undefined ? null : dayNumber(today) - dayNumber(last),
    review_near: reviewNear,
    not_started: notStarted,
  };
}

/** How many times a routine is due on `today`; a weekly count is due on any day until the week has it. */
export function dueToday(frequency: Frequency, today: string, earlierThisWeek: number): number {
  if ("per_day" in frequency) return frequency.per_day;
  if ("days" in frequency) return frequency.days.includes(WEEKDAYS[weekdayOf(today)]!) ? 1 : 0;
  return earlierThisWeek < frequency.per_week ? 1 : 0;
}

/** The routine to run next: the first due and not yet done, in the programme's order; null when all are done. */
export function nextDue(today: Pick<Today, "items">): string | null {
  return today.items.find((item) => item.done < item.due)?.routine ?? null;
}

/** `today --json`: exactly the documented shape. */
export function todayJson(today: Today): Pick<Today, "date" | "programme" | "items" | "doses"> {
  return { date: today.date, programme: today.programme, items: today.items, doses: today.doses };
}

/** `remind --programme` spreads what is still due over the day until this hour. */
export const REMIND_UNTIL_HOUR = 21;
/** And never reminds more often than this. */
export const REMIND_MIN_GAP_S = 30 * 60;

/**
 * Reminders that follow the programme: as many as sessions still due today, for the routine due next, spread evenly
 * over what is left of the day until REMIND_UNTIL_HOUR (at least REMIND_MIN_GAP_S apart). Null when nothing is due.
 */
export function remindPlan(today: Pick<Today, "items">, now: Date): { routine: string; times: number; interval_s: number } | null {
  const routine = nextDue(today);
  if (routine === null) return null;
  const times = today.items.reduce((n, item) => n + Math.max(0, item.due - item.done), 0);
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate(), REMIND_UNTIL_HOUR);
  const left_s = Math.max(0, (end.getTime() - now.getTime()) / 1000);
  return { routine, times, interval_s: Math.max(REMIND_MIN_GAP_S, Math.floor(left_s / times)) };
}
