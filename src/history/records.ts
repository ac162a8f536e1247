import { AREAS } from "../routine/types.js";
import {
  LEVELS,
  PRESSURES,
  REACHES,
  SLEEPS,
  TECHNIQUES,
  VISIT_KINDS,
  type DiaryEntry,
  type DiaryEvent,
  type PainReport,
  type RecordEvent,
  type Records,
  type Visit,
  type VisitEvent,
} from "./types.js";

// Visits and diary entries: checking their lines in the log, and rebuilding what `visit list` and `diary list`
// show from them. Pure: events in, records out.

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === "string";
const orNull = (check: (v: unknown) => boolean) => (v: unknown) => v === null || v === undefined || check(v);
const oneOf = (list: readonly string[]) => (v: unknown) => isText(v) && list.includes(v);
const listOf = (list: readonly string[]) => (v: unknown) => Array.isArray(v) && v.every(oneOf(list));
const minutes = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 24 * 60;
const level = (v: unknown) => v === undefined || v === null || (typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 10);

/** A pain check-in as the log keeps it: back and leg 0-10 or null, reach one of REACHES or null. */
export function isPainShape(p: unknown): p is PainReport {
  if (!isObject(p)) return false;
  return level(p.back) && level(p.leg) && orNull(oneOf(REACHES))(p.reach);
}

/** True when `e` is a well-formed visit, visit-removed or diary line (its `type` already one of those). */
export function isRecordEvent(e: Record<string, unknown>): e is RecordEvent & Record<string, unknown> {
  if (!isText(e.id) || e.id === "" || !isText(e.at)) return false;
  switch (e.type) {
    case "visit":
      return (
        isText(e.date) &&
        DAY.test(e.date) &&
        orNull(oneOf(VISIT_KINDS))(e.kind) &&
        orNull(isText)(e.who) &&
        listOf(TECHNIQUES)(e.techniques) &&
        listOf(AREAS)(e.areas) &&
        orNull(oneOf(PRESSURES))(e.pressure) &&
        orNull(minutes)(e.minutes) &&
        orNull(isPainShape)(e.pain_before) &&
        orNull(isPainShape)(e.pain_after) &&
        orNull(isText)(e.note)
      );
    case "visit-removed":
      return true;
    case "diary":
      return (
        isText(e.date) &&
        DAY.test(e.date) &&
        orNull(isPainShape)(e.pain) &&
        orNull((w) => isObject(w) && level(w.back) && level(w.leg))(e.worst) &&
        orNull(oneOf(LEVELS))(e.tingling) &&
        orNull(oneOf(LEVELS))(e.numbness) &&
        orNull(oneOf(LEVELS))(e.weakness) &&
        orNull(minutes)(e.sitting_min) &&
        orNull(minutes)(e.walking_min) &&
        orNull(oneOf(SLEEPS))(e.sleep) &&
        (e.red_flags === undefined || (Array.isArray(e.red_flags) && e.red_flags.every(isText))) &&
        orNull(isText)(e.note)
      );
    default:
      return false;
  }
}

/**
 * Visits and diary entries from the log's record events in file order: a visit hidden by a later `visit-removed`
 * is left out; a repeated id keeps its first line (an import run twice adds nothing). Newest first: by the day
 * described, then by when it was written.
 */
export function buildRecords(events: Iterable<RecordEvent>): Records {
  const visits = new Map<string, { visit: Visit; at: string }>();
  const removed = new Set<string>();
  const diary = new Map<string, DiaryEntry>();
  for (const event of events) {
    if (event.type === "visit-removed") removed.add(event.id);
    else if (event.type === "visit") {
      if (!visits.has(event.id)) visits.set(event.id, { visit: visitOf(event), at: event.at });
    } else if (!diary.has(event.id)) diary.set(event.id, diaryOf(event));
  }
  const kept = [...visits.values()].filter(({ visit }) => !removed.has(visit.id));
  kept.sort((a, b) => newestFirst(a.visit.date, a.at, b.visit.date, b.at));
  const entries = [...diary.values()].sort((a, b) => newestFirst(a.date, a.at, b.date, b.at));
  return { visits: kept.map((k) => k.visit), diary: entries };
}

function newestFirst(dayA: string, atA: string, dayB: string, atB: string): number {
  if (dayA !== dayB) return dayA < dayB ? 1 : -1;
  return Date.parse(atB) - Date.parse(atA) || 0;
}

function pain(p: PainReport | null | undefined): PainReport | null {
  return p ? { back: p.back ?? null, leg: p.leg ?? null, reach: p.reach ?? null } : null;
}

/** Exactly the documented fields of a visit, whatever else a newer writer put in the line. */
function visitOf(e: VisitEvent): Visit {
  return {
    id: e.id,
    date: e.date,
    kind: e.kind ?? null,
    who: e.who ?? null,
    techniques: [...e.techniques],
    areas: [...e.areas],
    pressure: e.pressure ?? null,
    minutes: e.minutes ?? null,
    pain_before: pain(e.pain_before),
    pain_after: pain(e.pain_after),
    note: e.note ?? null,
  };
}

function diaryOf(e: DiaryEvent): DiaryEntry {
  return {
    id: e.id,
    date: e.date,
    at: e.at,
    pain: pain(e.pain),
    worst: e.worst ? { back: e.worst.back ?? null, leg: e.worst.leg ?? null } : null,
    tingling: e.tingling ?? null,
    numbness: e.numbness ?? null,
    weakness: e.weakness ?? null,
    sitting_min: e.sitting_min ?? null,
    walking_min: e.walking_min ?? null,
    sleep: e.sleep ?? null,
    red_flags: [...(e.red_flags ?? [])],
    note: e.note ?? null,
  };
}

/** Records on or after `since` (a `YYYY-MM-DD` day), for `--since`. */
export function recordsSince<T extends { date: string }>(records: readonly T[], since: string | undefined): T[] {
  return since === undefined ? [...records] : records.filter((r) => r.date >= since);
}
