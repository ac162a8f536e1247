import { quote } from "../text.js";

/** The longest single duration a routine may give (24 h). */
export const MAX_DURATION_S = 24 * 60 * 60;
/** Longest single segment (a set of one side, a rest, a transition) and the longest lead-in: 2 hours. */
export const MAX_SEGMENT_S = 2 * 60 * 60;

/**
 * A duration as text: whole numbers of hours, minutes and seconds in that order, each part optional but at least
 * one present (`45s`, `1m30s`, `15m`, `1h`), or plain digits for seconds. Spaces between parts are allowed.
 * Shared with the JSON Schema so that editors check the same form.
 */
export const DURATION_PATTERN = /^\s*(?:(\d+)|(?=\d)(?:(\d+)\s*[hH])?\s*(?:(\d+)\s*[mM])?\s*(?:(\d+)\s*[sS])?)\s*$/;

const HINT = "use seconds or a form like 45s, 1m30s, 15m";

/** How long a kind of duration may be, and what the sentence about it calls that duration. */
export interface DurationLimit {
  /** What the duration is, for the sentence: "one segment", "a lead-in". Left out, the sentence names nothing. */
  what?: string;
  /** Shortest allowed, in seconds (0 or 1 for a routine's values). */
  min_s: number;
  /** Longest allowed, in seconds. */
  max_s: number;
  /** Why the limit is there, said after the limit: "longer can burn or freeze the skin". */
  why?: string;
  /** Why the least is there, said after it when a value is too short. */
  shortWhy?: string;
  /** What to do instead, said last: "split it into sets or a repeat group". */
  advice?: string;
}

/** Any duration soothe reads, when nothing tighter applies: 1 s to 24 h. */
export const ANY_DURATION: DurationLimit = { min_s: 1, max_s: MAX_DURATION_S };

/**
 * The one sentence for a duration outside its limit, so that a routine, an option and a question all say it alike:
 * `3h is too long for one segment (at most 2h); split it into sets or a repeat group`,
 * `0s is too short for one segment (at least 1s)`. `subject` replaces the duration at the start when the length
 * comes from something else (`10 reps of 15m (2h30m)`); `advice` replaces the limit's own.
 */
export function durationLimitMessage(
  seconds: number,
  limit: DurationLimit,
  options: { subject?: string; advice?: string } = {},
): string {
  const subject = options.subject ?? (seconds < 0 ? `-${formatDuration(-seconds)}` : formatDuration(seconds));
  const what = limit.what ? ` for ${limit.what}` : "";
  if (seconds < limit.min_s) {
    return `${subject} is too short${what} (at least ${formatDuration(limit.min_s)})${limit.shortWhy ? `: ${limit.shortWhy}` : ""}`;
  }
  const why = limit.why ? `: ${limit.why}` : "";
  const advice = options.advice ?? limit.advice;
  return `${subject} is too long${what} (at most ${formatDuration(limit.max_s)})${why}${advice ? `; ${advice}` : ""}`;
}

/**
 * Seconds from a duration value (a number of seconds or a string like `1m30s`), or a message saying what is wrong.
 * `limit` is the allowed range; a plain number is the shortest allowed (0 or 1 s) with the 24-hour maximum.
 */
export function parseDuration(value: unknown, limit: DurationLimit | number = ANY_DURATION): number | string {
  const range = typeof limit === "number" ? { ...ANY_DURATION, min_s: limit } : limit;
  let seconds: number;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return `bad duration ${show(value)}; ${HINT}`;
    if (!Number.isInteger(value)) return `bad duration ${show(value)}; use whole seconds, or a form like 1m30s`;
    seconds = value;
  } else if (typeof value === "string") {
    const match = DURATION_PATTERN.exec(value);
    if (!match) return `bad duration ${show(value)}; ${HINT}`;
    const [, plain, h, m, s] = match;
    seconds = Number(plain ?? 0) + Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0);
  } else if (value === null || value === undefined) {
    return `missing duration; ${HINT}`;
  } else {
    return `bad duration ${show(value)}; ${HINT}`;
  }
  if (seconds < range.min_s || seconds > range.max_s) return durationLimitMessage(seconds, range);
  return seconds;
}

/** Compact duration for text: `45s`, `1m30s`, `15m`, `1h5m`; 0 is `0s`. Rounds to whole seconds. */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  if (total === 0) return "0s";
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h ? `${h}h` : ""}${m ? `${m}m` : ""}${s ? `${s}s` : ""}`;
}

/** Clock-style duration: `0:45`, `1:30`, `1:02:03`. Rounds to whole seconds; round up first for a countdown. */
export function formatClock(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

function show(value: unknown): string {
  // Quoted, short and on one line, without a fragment of an escape sequence: the caller's message is printed as it is.
  return quote(typeof value === "string" ? value : String(value), 30);
}
