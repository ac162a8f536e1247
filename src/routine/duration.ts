import { quote } from "../text.js";

/** The longest single duration a routine may give (24 h). */
export const MAX_DURATION_S = 24 * 60 * 60;

/**
 * A duration as text: whole numbers of hours, minutes and seconds in that order, each part optional but at least
 * one present (`45s`, `1m30s`, `15m`, `1h`), or plain digits for seconds. Spaces between parts are allowed.
 * Shared with the JSON Schema so that editors check the same form.
 */
export const DURATION_PATTERN = /^\s*(?:(\d+)|(?=\d)(?:(\d+)\s*[hH])?\s*(?:(\d+)\s*[mM])?\s*(?:(\d+)\s*[sS])?)\s*$/;

const HINT = "use seconds or a form like 45s, 1m30s, 15m";

/**
 * Seconds from a routine's duration value (a number of seconds or a string like `1m30s`), or a message saying what
 * is wrong. `min` is the shortest allowed: 1 s for a segment, 0 for `lead_in` and `transition`.
 */
export function parseDuration(value: unknown, min = 1): number | string {
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
  if (seconds < min) {
    return min === 1
      ? `bad duration ${show(value)}; a step lasts at least 1s`
      : `bad duration ${show(value)}; ${min === 0 ? "it cannot be negative" : `use ${formatDuration(min)} or more`}`;
  }
  if (seconds > MAX_DURATION_S) return `bad duration ${show(value)}; at most 24h`;
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

/**
 * Time spent, to the minute, as `stats` and `report` show it: `45m`, `13h31m`; under a minute in seconds (`40s`), so
 * that something done never reads as nothing.
 */
export function formatActive(seconds: number): string {
  return formatDuration(seconds < 60 ? seconds : Math.round(seconds / 60) * 60);
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
