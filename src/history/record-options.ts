import { cleanText } from "../clean.js";
import { UsageError } from "../errors.js";
import { closestMatches, quote } from "../text.js";
import { isEmptyPain, parsePainLevels } from "./pain.js";
import { dayKey, localIso } from "../time.js";
import { AREAS } from "../routine/types.js";
import {
  LEVELS,
  PRESSURES,
  SLEEPS,
  TECHNIQUES,
  VISIT_KINDS,
  type DiaryEntry,
  type PainReport,
  type Visit,
  type WorstPain,
} from "./types.js";

// The options of `visit add` and `diary add`, read from text. Pure: each returns the value or throws a UsageError
// (exit 2) that names the option, says what was wrong and lists what is allowed.

/** Longest free text kept (a note, who a visit was with). */
export const MAX_TEXT_CHARS = 1000;

/** `--date`: `YYYY-MM-DD`, a real day, not after today. */
export function parseDay(text: string, now: Date, flag = "--date"): string {
  const trimmed = text.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const day = new Date(y, mo - 1, d);
    if (day.getFullYear() === y && day.getMonth() === mo - 1 && day.getDate() === d) {
      if (trimmed > dayKey(now)) throw new UsageError(`${flag} ${trimmed} is in the future; give a day up to today (${dayKey(now)})`);
      return trimmed;
    }
  }
  throw new UsageError(`${flag} takes a day as YYYY-MM-DD, such as ${dayKey(now)}; got ${quote(text)}`);
}

/** One value from a closed list, case ignored. */
export function parseChoice<T extends string>(text: string, allowed: readonly T[], flag: string): T {
  const word = text.trim().toLowerCase();
  if ((allowed as readonly string[]).includes(word)) return word as T;
  throw new UsageError(`${flag} ${quote(text)} is not allowed${hint(word, allowed)}; use one of ${allowed.join(", ")}`);
}

/** A comma list from a closed list: each value once, in the order given. */
export function parseChoices<T extends string>(text: string, allowed: readonly T[], flag: string): T[] {
  const words = text
    .split(",")
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w !== "");
  const chosen: T[] = [];
  for (const word of words) {
    if (!(allowed as readonly string[]).includes(word)) {
      throw new UsageError(`${flag}: ${quote(word)} is not allowed${hint(word, allowed)}; use one or more of ${allowed.join(", ")}, separated by commas`);
    }
    if (!chosen.includes(word as T)) chosen.push(word as T);
  }
  return chosen;
}

/** Whole minutes from 0 to 1440 (a day). */
export function parseMinutes(text: string, flag: string): number {
  const trimmed = text.trim();
  if (/^\d{1,4}$/.test(trimmed) && Number(trimmed) <= 1440) return Number(trimmed);
  throw new UsageError(`${flag} takes whole minutes from 0 to 1440, such as 30; got ${quote(text)}`);
}

/** Pain in the form of `run --pain-before` (`back=6,leg=7,reach=thigh`); null when every part is left out. */
export function parsePain(text: string, flag: string): PainReport | null {
  const parsed = parsePainLevels(text);
  if (typeof parsed === "string") throw new UsageError(`${flag} ${quote(text)}: ${parsed}`);
  return isEmptyPain(parsed) ? null : parsed;
}

/** `--worst`: back and leg only (`back=7,leg=8`). */
export function parseWorst(text: string, flag = "--worst"): WorstPain | null {
  const parsed = parsePain(text, flag);
  if (parsed?.reach != null) throw new UsageError(`${flag} takes back and leg only, like "back=7,leg=8"; how far it reaches goes in --pain`);
  return parsed === null ? null : { back: parsed.back, leg: parsed.leg };
}

/** Free text: controls removed, trimmed, null when empty; too long is refused rather than cut. */
export function parseText(text: string, flag: string): string | null {
  const kept = cleanText(text).trim();
  if (kept.length > MAX_TEXT_CHARS) throw new UsageError(`${flag} is ${kept.length} characters; keep it under ${MAX_TEXT_CHARS}`);
  return kept === "" ? null : kept;
}

function hint(word: string, allowed: readonly string[]): string {
  const [near] = closestMatches(word, allowed, 1);
  return near ? ` (did you mean "${near}"?)` : "";
}

/** What `visit add` was given: each field present only when its option was. */
export type VisitDraft = Partial<Omit<Visit, "id">>;

/** The options of `visit add`, as commander hands them over. */
export interface VisitAddOptions {
  date?: string;
  kind?: string;
  who?: string;
  technique?: string;
  areas?: string;
  pressure?: string;
  minutes?: string;
  painBefore?: string;
  painAfter?: string;
  note?: string;
}

/** Reads every option given to `visit add`; a bad one throws a UsageError before anything is asked or written. */
export function readVisitOptions(opts: VisitAddOptions, now: Date): VisitDraft {
  const draft: VisitDraft = {};
  if (opts.date !== undefined) draft.date = parseDay(opts.date, now);
  if (opts.kind !== undefined) draft.kind = parseChoice(opts.kind, VISIT_KINDS, "--kind");
  if (opts.who !== undefined) draft.who = parseText(opts.who, "--who");
  if (opts.technique !== undefined) draft.techniques = parseChoices(opts.technique, TECHNIQUES, "--technique");
  if (opts.areas !== undefined) draft.areas = parseChoices(opts.areas, AREAS, "--areas");
  if (opts.pressure !== undefined) draft.pressure = parseChoice(opts.pressure, PRESSURES, "--pressure");
  if (opts.minutes !== undefined) draft.minutes = parseMinutes(opts.minutes, "--minutes");
  if (opts.painBefore !== undefined) draft.pain_before = parsePain(opts.painBefore, "--pain-before");
  if (opts.painAfter !== undefined) draft.pain_after = parsePain(opts.painAfter, "--pain-after");
  if (opts.note !== undefined) draft.note = parseText(opts.note, "--note");
  return draft;
}

/** A visit from a draft: what was not given is unknown (null, or no techniques or areas); the day is today. */
export function completeVisit(draft: VisitDraft, id: string, now: Date): Visit {
  return {
    id,
    date: draft.date ?? dayKey(now),
    kind: draft.kind ?? null,
    who: draft.who ?? null,
    techniques: draft.techniques ?? [],
    areas: draft.areas ?? [],
    pressure: draft.pressure ?? null,
    minutes: draft.minutes ?? null,
    pain_before: draft.pain_before ?? null,
    pain_after: draft.pain_after ?? null,
    note: draft.note ?? null,
  };
}

/** What `diary add` was given: each field present only when its option was. */
export type DiaryDraft = Partial<Omit<DiaryEntry, "id" | "at" | "red_flags">>;

/** The options of `diary add`, as commander hands them over. */
export interface DiaryAddOptions {
  date?: string;
  pain?: string;
  worst?: string;
  tingling?: string;
  numbness?: string;
  weakness?: string;
  sittingMin?: string;
  walkingMin?: string;
  sleep?: string;
  note?: string;
  /** Leg pain in both legs. */
  bothLegs?: boolean;
  /** `true` to go through the emergency signs; a comma list of the signs present, or "none". */
  redFlags?: boolean | string;
}

/** Reads every option given to `diary add`; a bad one throws a UsageError before anything is asked or written. */
export function readDiaryOptions(opts: DiaryAddOptions, now: Date): DiaryDraft {
  const draft: DiaryDraft = {};
  if (opts.date !== undefined) draft.date = parseDay(opts.date, now);
  if (opts.pain !== undefined) draft.pain = parsePain(opts.pain, "--pain");
  if (opts.worst !== undefined) draft.worst = parseWorst(opts.worst);
  if (opts.tingling !== undefined) draft.tingling = parseChoice(opts.tingling, LEVELS, "--tingling");
  if (opts.numbness !== undefined) draft.numbness = parseChoice(opts.numbness, LEVELS, "--numbness");
  if (opts.weakness !== undefined) draft.weakness = parseChoice(opts.weakness, LEVELS, "--weakness");
  if (opts.sittingMin !== undefined) draft.sitting_min = parseMinutes(opts.sittingMin, "--sitting-min");
  if (opts.walkingMin !== undefined) draft.walking_min = parseMinutes(opts.walkingMin, "--walking-min");
  if (opts.sleep !== undefined) draft.sleep = parseChoice(opts.sleep, SLEEPS, "--sleep");
  if (opts.note !== undefined) draft.note = parseText(opts.note, "--note");
  return draft;
}

/** `--red-flags`: "ask" to go through them, else the signs present (none for "none"); undefined when not given. */
export function readRedFlagsOption(value: boolean | string | undefined, ids: readonly string[]): "ask" | string[] | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return "ask";
  if (value.trim().toLowerCase() === "none") return [];
  return parseChoices(value, ids, "--red-flags");
}

/** A diary entry from a draft: what was not given is unknown (null); the day is today. */
export function completeDiary(draft: DiaryDraft, id: string, now: Date, redFlags: readonly string[]): DiaryEntry {
  return {
    id,
    date: draft.date ?? dayKey(now),
    at: localIso(now),
    pain: draft.pain ?? null,
    worst: draft.worst ?? null,
    tingling: draft.tingling ?? null,
    numbness: draft.numbness ?? null,
    weakness: draft.weakness ?? null,
    sitting_min: draft.sitting_min ?? null,
    walking_min: draft.walking_min ?? null,
    sleep: draft.sleep ?? null,
    red_flags: [...redFlags],
    note: draft.note ?? null,
  };
}
