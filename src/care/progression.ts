import { formatDuration } from "../routine/duration.js";
import { MAX_SEGMENT_S } from "../routine/structure.js";
import { MAX_REPS } from "../routine/schema.js";
import type { Step } from "../routine/types.js";
import { MAX_PACK_S, isPackKind } from "./heat-cold.js";
import { spreadOf } from "./pain-change.js";
import { dayNumber, dayInWords, recordedDay } from "../time.js";
import type { Session } from "../history/types.js";

// The dose rules of a programme (issue 15), pure: a step's dose follows the person's own response, session by
// session, and is derived from history alone, so the same history always gives the same doses.
//
// - Up one `step` when all hold: at least `every_days` days since its last change; at least two completed sessions
//   of the routine since then; none marked that step as hurting; none ended with the pain spreading further down
//   the leg; in none was pain after 2 or more points above pain before.
// - Back one `step` (never below `from`) after a session in which the pain spread further down the leg, or that
//   step was marked as hurting.
// - Holds when a session has no check-in to judge it by (pain before and after, with how far down the leg), and
//   says so. A session that cannot count as calm (no check-in, pain up 2 points) starts the count of calm sessions
//   again after it, so that it never blocks the dose for good.
// - Never past `to`, nor past `ceiling` (a routine's limits and the heat and cold rules, given by the caller).

/** Pain after this many points above pain before (back or leg) keeps a dose from going up. */
export const PAIN_RISE_HOLD = 2;
/** Completed calm sessions needed since the last change before a dose goes up. */
export const CALM_SESSIONS_TO_PROGRESS = 2;

/** How one step's dose may change: reps, or hold seconds. */
export interface DoseRule {
  unit: "reps" | "hold_s";
  from: number;
  to: number;
  step: number;
  /** Least days between two changes. */
  every_days: number;
  /** The highest dose a routine's limits and the heat and cold rules allow; `to` when not given. */
  ceiling?: number;
}

/** One change of a dose, kept for the review. */
export interface DoseChange {
  date: string;
  dose: number;
  previous: number | null;
  reason: string;
}

/** Today's dose of a step. */
export interface DoseToday {
  dose: number;
  previous: number;
  change: "up" | "down" | "same";
  reason: string;
  /** Every change since the programme started, its first entry the starting dose. */
  history: DoseChange[];
}

interface State {
  dose: number;
  lastChange: string;
  windowSince: string;
  calm: number;
  /** Why the count of calm sessions started again, shown while it is short. */
  holdNote: string | null;
  history: DoseChange[];
}

/**
 * Today's dose of the step titled `title`, from the sessions of its routine (any order; those before `start` are
 * left out) and the day `today` (`YYYY-MM-DD`).
 */
export function doseToday(rule: DoseRule, title: string, sessions: readonly Session[], start: string, today: string): DoseToday {
  const ordered = sessions
    .map((session) => ({ session, day: recordedDay(session.started_at) }))
    .filter((s): s is { session: Session; day: string } => s.day !== null && s.day >= start && s.day <= today)
    .sort((a, b) => a.session.started_at.localeCompare(b.session.started_at));
  const state: State = {
    dose: rule.from,
    lastChange: start,
    windowSince: start,
    calm: 0,
    holdNote: null,
    history: [{ date: start, dose: rule.from, previous: null, reason: "the programme starts" }],
  };
  for (const { session, day } of ordered) {
    const proposed = proposeUp(rule, state, day);
    if (proposed.up && acceptsUp(doneDose(session, title, rule.unit), state.dose, proposed.dose)) {
      changeDose(state, proposed.dose, day, proposed.reason);
      state.windowSince = day;
      state.calm = 0;
      state.holdNote = null;
    }
    judgeSession(rule, state, session, title, day);
  }
  const last = state.history.at(-1)!;
  if (state.history.length > 1 && last.date === today) {
    return { dose: state.dose, previous: last.previous ?? state.dose, change: last.dose > (last.previous ?? 0) ? "up" : "down", reason: last.reason, history: state.history };
  }
  const proposed = proposeUp(rule, state, today);
  return {
    dose: proposed.dose,
    previous: state.dose,
    change: proposed.up ? "up" : "same",
    reason: proposed.reason,
    history: state.history,
  };
}

/** The dose a session did of the step, when it says (segments carry `reps` or `hold_s`). */
function doneDose(session: Session, title: string, unit: DoseRule["unit"]): number | null {
  for (const segment of session.segments) {
    if (segment.title !== title) continue;
    const value = segment[unit];
    if (typeof value === "number") return value;
  }
  return null;
}

/** A session done at a lower dose than the one offered means the person kept the previous dose that day. */
function acceptsUp(done: number | null, current: number, proposed: number): boolean {
  return done === null || done >= proposed || done > current;
}

function changeDose(state: State, dose: number, day: string, reason: string): void {
  state.history.push({ date: day, dose, previous: state.dose, reason });
  state.dose = dose;
  state.lastChange = day;
}

/** Whether the dose goes up on `day`, to what, and why (or why not). */
function proposeUp(rule: DoseRule, state: State, day: string): { up: boolean; dose: number; reason: string } {
  const top = Math.min(rule.to, rule.ceiling ?? rule.to);
  const hold = (reason: string) => ({ up: false, dose: state.dose, reason });
  if (state.dose >= top) return hold(`at the top of the programme (${doseWords(top, rule.unit)})`);
  if (state.holdNote !== null && state.calm < CALM_SESSIONS_TO_PROGRESS) {
    return hold(`${state.holdNote}; ${countWords(CALM_SESSIONS_TO_PROGRESS)} calm sessions with check-ins are needed after it`);
  }
  const days = dayNumber(day) - dayNumber(state.lastChange);
  if (days < rule.every_days) {
    const changed = state.history.length > 1 ? "its last change" : "the start";
    return hold(`${plural(days, "day")} since ${changed} on ${dayInWords(state.lastChange)}; at least ${plural(rule.every_days, "day")} between increases`);
  }
  if (state.calm < CALM_SESSIONS_TO_PROGRESS) {
    return hold(`${countWords(state.calm)} calm ${state.calm === 1 ? "session" : "sessions"} since ${dayInWords(state.windowSince)}; ${countWords(CALM_SESSIONS_TO_PROGRESS)} are needed`);
  }
  const dose = Math.min(top, state.dose + rule.step);
  return { up: true, dose, reason: `${countWords(state.calm)} calm sessions since ${dayInWords(state.windowSince)}` };
}

/** What one session says about the step: a step back, a fresh count, or one more calm session. */
function judgeSession(rule: DoseRule, state: State, session: Session, title: string, day: string): void {
  const hurt = session.segments.some((s) => s.title === title && s.hurt === true);
  const spread = spreadOf(session.pain_before, session.pain_after) === true;
  if (hurt || spread) {
    const why = spread ? `the pain spread further down the leg on ${dayInWords(day)}` : `${title} was marked as hurting on ${dayInWords(day)}`;
    const lower = Math.max(rule.from, state.dose - rule.step);
    if (lower !== state.dose) changeDose(state, lower, day, why);
    restartCount(state, day, why);
    return;
  }
  if (session.status !== "completed") return;
  if (!judgeable(session)) {
    restartCount(state, day, `no pain check-in before and after the session on ${dayInWords(day)}`);
    return;
  }
  if (painRose(session)) {
    restartCount(state, day, `pain rose by ${PAIN_RISE_HOLD} points or more after the session on ${dayInWords(day)}`);
    return;
  }
  state.calm++;
}

function restartCount(state: State, day: string, note: string): void {
  state.windowSince = day;
  state.calm = 0;
  state.holdNote = note;
}

/** A session can be judged calm only with a level to compare (back or leg) and how far down the leg, before and after. */
function judgeable(session: Session): boolean {
  const b = session.pain_before;
  const a = session.pain_after;
  if (spreadOf(b, a) === null) return false;
  return (typeof b?.back === "number" && typeof a?.back === "number") || (typeof b?.leg === "number" && typeof a?.leg === "number");
}

function painRose(session: Session): boolean {
  return (["back", "leg"] as const).some((area) => {
    const b = session.pain_before?.[area];
    const a = session.pain_after?.[area];
    return typeof b === "number" && typeof a === "number" && a - b >= PAIN_RISE_HOLD;
  });
}

/** "7 reps", "25s hold". */
export function doseWords(dose: number, unit: DoseRule["unit"]): string {
  return unit === "reps" ? plural(dose, "rep") : `${formatDuration(dose)} hold`;
}

const WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

function countWords(n: number): string {
  return WORDS[n] ?? String(n);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * The highest dose a step allows whatever a programme says: a routine's limits (reps, the length of one segment) and
 * the heat and cold rule (an application at most 20 minutes).
 */
export function doseCeiling(step: Pick<Step, "kind" | "tempo_s">, unit: DoseRule["unit"]): number {
  if (unit === "reps") return step.tempo_s ? Math.min(MAX_REPS, Math.floor(MAX_SEGMENT_S / step.tempo_s)) : MAX_REPS;
  return isPackKind(step.kind) ? MAX_PACK_S : MAX_SEGMENT_S;
}
