import { jsonProblem } from "../json-problem.js";
import { STEP_KINDS } from "../routine/types.js";
import { roundTenth } from "./sessions.js";
import { isTimestamp, localIso } from "../time.js";
import { CsvSyntaxError, HISTORY_CSV_COLUMNS, csvBoolean, csvNumber, csvTime, fromInert, readCsv, type HistoryCsvColumn } from "./csv.js";
import { IMPORT_HOST, REACHES, type HistoryEvent, type HistoryStore, type ImportMark, type PainReport, type Reach, type RoutineRef, type SegmentRecord, type Session, type SessionStatus } from "./types.js";

/**
 * A session read from an import file and checked field by field, ready to become events; what history derives
 * (active time, spread) is left to be derived again.
 */
export interface ImportedSession extends Omit<Session, "active_s" | "spread"> {
  /** Its place in the file, from 1. */
  record: number;
}

/** The first bad record of an import file: which record (and line, for CSV), which field, what is wrong. */
export class ImportError extends Error {
  override name = "ImportError";
  constructor(
    readonly record: number | null,
    readonly field: string | null,
    readonly problem: string,
    readonly line: number | null = null,
  ) {
    const where = [
      record !== null ? `record ${record}${line !== null ? ` (line ${line})` : ""}` : line !== null ? `line ${line}` : "",
      field !== null ? `field ${field}` : "",
    ]
      .filter(Boolean)
      .join(", ");
    super(where ? `${where}: ${problem}` : problem);
  }
}

/** Which reader an import file needs: by its extension, else by its first character. */
export function detectFormat(file: string, text: string): "json" | "csv" {
  if (/\.json$/i.test(file)) return "json";
  if (/\.csv$/i.test(file)) return "csv";
  return /^\uFEFF?\s*[[{]/.test(text) ? "json" : "csv";
}

/**
 * Every record of a `history --json` array or a `history --csv` table, checked; throws ImportError for the first
 * bad one (so that nothing is written when any is bad), including an id that appears twice in the file.
 */
export function parseImport(text: string, format: "json" | "csv", now: Date = new Date()): ImportedSession[] {
  const sessions = format === "json" ? parseJson(text) : parseCsvText(text);
  const seen = new Map<string, number>();
  for (const s of sessions) {
    // History reads from its end on the promise that no session starts after the time it was written.
    if (Date.parse(s.started_at) > now.getTime()) {
      throw new ImportError(
        s.record,
        "started_at",
        `${show(s.started_at)} is in the future (it is now ${localIso(now)}); check the clock of the machine that wrote the file`,
      );
    }
    const first = seen.get(s.id);
    if (first !== undefined) {
      throw new ImportError(s.record, "id", `${show(s.id)} is also the id of record ${first}; each session must appear once`);
    }
    seen.set(s.id, s.record);
  }
  return sessions;
}

// ---------------------------------------------------------------------------------------------------------------
// JSON: what `soothe history --json` prints

function parseJson(text: string): ImportedSession[] {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    const problem = jsonProblem(text.replace(/^\uFEFF/, ""), error);
    const where = problem.col === null ? "" : ` at column ${problem.col}`;
    throw new ImportError(null, null, `this is not valid JSON${where}: ${problem.words}`, problem.line);
  }
  if (!Array.isArray(value)) {
    throw new ImportError(null, null, "expected an array of sessions, as `soothe history --json` prints");
  }
  return value.map((item, index) => jsonSession(item, index + 1));
}

function jsonSession(item: unknown, record: number): ImportedSession {
  const fail = (field: string | null, problem: string): never => {
    throw new ImportError(record, field, problem);
  };
  if (!isRecord(item)) return fail(null, `expected a session object, got ${kindOf(item)}`);
  const id = identifier(item.id, "id", fail);
  if (!isRecord(item.routine)) fail("routine", `expected { "id", "name" }, got ${kindOf(item.routine)}`);
  const routine = item.routine as Record<string, unknown>;
  const routineRef: RoutineRef = {
    id: identifier(routine.id, "routine.id", fail),
    name: text(routine.name, "routine.name", 1000, fail),
  };
  const status = statusOf(item.status, "status", fail);
  const started = timestamp(item.started_at, "started_at", fail);
  if (!("ended_at" in item)) fail("ended_at", "missing; use null for a session that did not end");
  const ended = item.ended_at === null ? null : timestamp(item.ended_at, "ended_at", fail);
  checkEnd(status, started, ended, fail);
  const planned = seconds(item.planned_s, "planned_s", fail);
  const active = seconds(item.active_s, "active_s", fail);
  if (!Array.isArray(item.segments)) fail("segments", `expected an array, got ${kindOf(item.segments)}`);
  const segments = (item.segments as unknown[]).map((s, i) => segmentOf(s, `segments[${i}]`, fail));
  // History keeps a session's active time as the sum of its segments': a file that says otherwise is refused,
  // never quietly given the other number.
  const sum = roundTenth(segments.reduce((total, s) => total + s.active_s, 0));
  if (Math.abs(roundTenth(active) - sum) > 1e-6) {
    fail("active_s", `${show(active)} is not the sum of the segments' active_s (${sum}); a session's active time is the time of its segments`);
  }
  const before = painOf(item.pain_before, "pain_before", fail);
  const after = painOf(item.pain_after, "pain_after", fail);
  const note = item.note === undefined || item.note === null ? null : text(item.note, "note", 10_000, fail);
  if (!(item.spread === undefined || item.spread === null || typeof item.spread === "boolean")) {
    fail("spread", `expected true, false or null, got ${kindOf(item.spread)}`);
  }
  return {
    record,
    id,
    routine: routineRef,
    started_at: started,
    ended_at: ended,
    status,
    planned_s: planned,
    segments,
    pain_before: before,
    pain_after: after,
    note,
  };
}

const OUTCOMES = ["done", "skipped", "stopped"] as const;
const SIDES = ["left", "right"] as const;
const KINDS: readonly string[] = STEP_KINDS;

function segmentOf(value: unknown, path: string, fail: Fail): SegmentRecord {
  if (!isRecord(value)) return fail(path, `expected a segment object, got ${kindOf(value)}`);
  const title = text(value.title, `${path}.title`, 1000, fail);
  if (typeof value.kind !== "string" || !KINDS.includes(value.kind)) {
    fail(`${path}.kind`, `expected one of ${KINDS.join(", ")}, got ${show(value.kind)}`);
  }
  if (!(value.side === null || (SIDES as readonly unknown[]).includes(value.side))) {
    fail(`${path}.side`, `expected "left", "right" or null, got ${show(value.side)}`);
  }
  if (!(value.set === null || (Number.isInteger(value.set) && (value.set as number) >= 1))) {
    fail(`${path}.set`, `expected a whole number from 1, or null, got ${show(value.set)}`);
  }
  const planned = value.planned_s === null ? null : seconds(value.planned_s, `${path}.planned_s`, fail);
  const active = seconds(value.active_s, `${path}.active_s`, fail);
  if (!(OUTCOMES as readonly unknown[]).includes(value.outcome)) {
    fail(`${path}.outcome`, `expected "done", "skipped" or "stopped", got ${show(value.outcome)}`);
  }
  const segment: SegmentRecord = {
    title,
    kind: value.kind as SegmentRecord["kind"],
    side: value.side as SegmentRecord["side"],
    set: value.set as number | null,
    planned_s: planned,
    active_s: active,
    outcome: value.outcome as SegmentRecord["outcome"],
  };
  if (value.note !== undefined) segment.note = text(value.note, `${path}.note`, 1000, fail);
  for (const dose of ["reps", "hold_s"] as const) {
    const n = value[dose];
    if (n === undefined) continue;
    if (!(typeof n === "number" && Number.isInteger(n) && n >= 1)) fail(`${path}.${dose}`, `expected a whole number from 1, got ${show(n)}`);
    segment[dose] = n as number;
  }
  if (value.hurt !== undefined) {
    if (typeof value.hurt !== "boolean") fail(`${path}.hurt`, `expected true or false, got ${show(value.hurt)}`);
    if (value.hurt === true) segment.hurt = true;
  }
  // The dose a programme set, kept so that doses worked out from an imported history stay the same.
  for (const key of ["reps", "hold_s"] as const) {
    const dose = value[key];
    if (dose === undefined) continue;
    if (!(Number.isInteger(dose) && (dose as number) >= 1)) fail(`${path}.${key}`, `expected a whole number from 1, got ${show(dose)}`);
    segment[key] = dose as number;
  }
  return segment;
}

function painOf(value: unknown, path: string, fail: Fail): PainReport | null {
  if (value === undefined || value === null) return null;
  if (!isRecord(value)) return fail(path, `expected { "back", "leg", "reach" } or null, got ${kindOf(value)}`);
  return {
    back: level(value.back, `${path}.back`, fail),
    leg: level(value.leg, `${path}.leg`, fail),
    reach: reachOf(value.reach, `${path}.reach`, fail),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// CSV: what `soothe history --csv` prints

const REQUIRED_COLUMNS: HistoryCsvColumn[] = ["id", "routine", "status", "started_at"];
/** Seconds of synthetic segments may not exceed this many segments a session. */
const MAX_SEGMENTS = 10_000;

function parseCsvText(text: string): ImportedSession[] {
  let records;
  try {
    records = readCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new ImportError(null, null, error.message.replace(/^line \d+: /, ""), error.line);
    throw error;
  }
  const header = records.shift();
  if (!header) throw new ImportError(null, null, "the file is empty; expected a header line and one line a session");
  const columns = new Map<string, number>();
  header.fields.forEach((name, i) => {
    const key = name.trim();
    if (key !== "" && !columns.has(key)) columns.set(key, i);
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.has(c));
  if (missing.length > 0) {
    throw new ImportError(
      null,
      null,
      `the header has no ${missing.join(", ")} column${missing.length === 1 ? "" : "s"}; expected the columns of \`soothe history --csv\`: ${HISTORY_CSV_COLUMNS.join(",")}`,
      header.line,
    );
  }
  return records.map((row, index) => csvSession(row.fields, columns, index + 1, row.line, header.fields.length));
}

function csvSession(
  fields: string[],
  columns: Map<string, number>,
  record: number,
  line: number,
  width: number,
): ImportedSession {
  const fail = (field: string | null, problem: string): never => {
    throw new ImportError(record, field, problem, line);
  };
  if (fields.length !== width) {
    fail(null, `has ${fields.length} field${fields.length === 1 ? "" : "s"} but the header has ${width}; a comma or quote may be missing`);
  }
  const get = (column: HistoryCsvColumn): string | undefined => {
    const i = columns.get(column);
    return i === undefined ? undefined : fields[i];
  };
  const has = (column: HistoryCsvColumn) => {
    const v = get(column);
    return v !== undefined && v.trim() !== "";
  };
  const number = (column: HistoryCsvColumn): number | null => {
    const n = csvNumber(get(column));
    return n === undefined ? fail(column, `expected a number, got ${show(get(column)?.trim())}`) : n;
  };

  const id = identifier(fromInert(get("id") ?? ""), "id", fail);
  const routineId = identifier(fromInert(get("routine") ?? ""), "routine", fail);
  const name = has("routine_name") ? text(fromInert(get("routine_name")!), "routine_name", 1000, fail) : routineId;
  const status = statusOf(get("status")?.trim(), "status", fail);
  const started = timestamp(csvTime(get("started_at") ?? ""), "started_at", fail);
  const ended = has("ended_at") ? timestamp(csvTime(get("ended_at")!), "ended_at", fail) : null;
  checkEnd(status, started, ended, fail);

  let active = number("active_s");
  if (active === null) {
    const minutes = number("minutes");
    active = minutes === null ? 0 : minutes * 60;
  }
  seconds(active, has("active_s") ? "active_s" : "minutes", fail);
  const planned = number("planned_s") ?? active;
  seconds(planned, "planned_s", fail);
  const count = (column: HistoryCsvColumn) => {
    const n = number(column) ?? 0;
    if (!Number.isInteger(n) || n < 0 || n > MAX_SEGMENTS) fail(column, `expected a whole number from 0 to ${MAX_SEGMENTS}, got ${show(get(column))}`);
    return n;
  };
  const done = count("segments_done");
  const skipped = count("segments_skipped");

  const pain = (when: "before" | "after"): PainReport | null => {
    const cols = [`back_${when}`, `leg_${when}`, `reach_${when}`] as HistoryCsvColumn[];
    if (!cols.some(has)) return null;
    const levelOf = (column: HistoryCsvColumn) => level(number(column), column, fail);
    const reach = has(cols[2]!) ? reachOf(get(cols[2]!)!.trim(), cols[2]!, fail) : null;
    return { back: levelOf(cols[0]!), leg: levelOf(cols[1]!), reach };
  };
  if (csvBoolean(get("spread")) === undefined) fail("spread", `expected true, false or empty, got ${show(get("spread")?.trim())}`);
  const noteText = get("note");
  const note = noteText === undefined || noteText === "" ? null : text(fromInert(noteText), "note", 10_000, fail);

  return {
    record,
    id,
    routine: { id: routineId, name },
    started_at: started,
    ended_at: ended,
    status,
    planned_s: planned,
    segments: csvSegments(done, skipped, active),
    pain_before: pain("before"),
    pain_after: pain("after"),
    note,
  };
}

/** Title of the segments a CSV import stands in for: a CSV keeps counts and time, not each step. */
export const CSV_SEGMENT_TITLE = "(step from a CSV import)";

/**
 * Segments that give back the counts and active time of a CSV row: `done` done segments sharing the active time
 * (to 0.1 s, the last one takes the rest), `skipped` skipped ones, and a stopped one for time without any done.
 */
function csvSegments(done: number, skipped: number, active: number): SegmentRecord[] {
  const make = (outcome: SegmentRecord["outcome"], active_s: number): SegmentRecord => ({
    title: CSV_SEGMENT_TITLE,
    kind: "exercise",
    side: null,
    set: null,
    planned_s: null,
    active_s,
    outcome,
  });
  const tenths = Math.round(active * 10);
  const segments: SegmentRecord[] = [];
  if (done > 0) {
    const each = Math.floor(tenths / done);
    for (let i = 0; i < done; i++) segments.push(make("done", (i === done - 1 ? tenths - each * (done - 1) : each) / 10));
  } else if (tenths > 0) {
    segments.push(make("stopped", tenths / 10));
  }
  for (let i = 0; i < skipped; i++) segments.push(make("skipped", 0));
  return segments;
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

/** What an import will do: sessions to add (oldest first), sessions to finish, and those it leaves out, with why. */
export interface ImportPlan {
  add: ImportedSession[];
  /**
   * The events missing from sessions an earlier import of the same file left cut short (a full disk, a kill):
   * what is in the history is the start of what the file says, and the rest is written now.
   */
  finish: HistoryEvent[][];
  /** Already in the history (same id). */
  present: number;
  /** Still running when the file was written: imported once they have ended and are exported again. */
  running: number;
  /** When the newest session already in the history started, for the mark after the block; null: none. */
  before: string | null;
}

/**
 * Leaves out sessions already present (finishing those an earlier import left cut short, when `existing` gives
 * them) and those still running; the rest oldest first, as a run would have written them.
 */
export function planImport(
  sessions: readonly ImportedSession[],
  existing: ReadonlySet<string> | ReadonlyMap<string, Session>,
): ImportPlan {
  const plan: ImportPlan = { add: [], finish: [], present: 0, running: 0, before: null };
  for (const s of sessions) {
    if (existing.has(s.id)) {
      const missing = existing instanceof Map ? missingEvents(s, existing.get(s.id)!) : [];
      if (missing.length > 0) plan.finish.push(missing);
      else plan.present++;
    } else if (s.status === "running") plan.running++;
    else plan.add.push(s);
  }
  plan.add.sort((a, b) => Date.parse(a.started_at) - Date.parse(b.started_at) || a.record - b.record);
  if (existing instanceof Map) {
    for (const session of existing.values()) {
      if (plan.before === null || Date.parse(session.started_at) > Date.parse(plan.before)) plan.before = session.started_at;
    }
  }
  return plan;
}

/**
 * The events of `s` that `have` lacks, when `have` is the start of `s` as an import writes it (start, segments,
 * end, check-in, in that order) cut short; else none (it is another session, or whole).
 */
export function missingEvents(s: ImportedSession, have: Session): HistoryEvent[] {
  const events = sessionEvents(s);
  const got = have.segments;
  if (got.length > s.segments.length || got.some((segment, i) => !sameSegment(segment, s.segments[i]!))) return [];
  let missing = events.slice(1 + got.length);
  if (have.ended_at !== null) {
    if (got.length !== s.segments.length) return [];
    missing = missing.filter((e) => e.type !== "end");
  }
  if (have.pain_after !== null || have.note !== null) missing = missing.filter((e) => e.type !== "checkin");
  return missing;
}

const SEGMENT_FIELDS = ["title", "kind", "side", "set", "planned_s", "active_s", "outcome", "note", "hurt", "reps", "hold_s"] as const;

function sameSegment(a: SegmentRecord, b: SegmentRecord): boolean {
  return SEGMENT_FIELDS.every((field) => (a[field] ?? null) === (b[field] ?? null));
}

export { IMPORT_HOST } from "./types.js";

/** The events a run would have written for a session: start, segments, end, check-in. */
export function sessionEvents(s: ImportedSession): HistoryEvent[] {
  const base = { v: 1 as const, session: s.id };
  const later = s.ended_at ?? s.started_at;
  const events: HistoryEvent[] = [
    {
      ...base,
      type: "start",
      at: s.started_at,
      routine: { id: s.routine.id, name: s.routine.name },
      planned_s: s.planned_s,
      pid: 0,
      host: IMPORT_HOST,
      ...(s.pain_before ? { pain_before: s.pain_before } : {}),
    },
    ...s.segments.map((segment): HistoryEvent => ({ ...base, type: "segment", at: later, segment })),
  ];
  if ((s.status === "completed" || s.status === "stopped") && s.ended_at !== null) {
    events.push({ ...base, type: "end", at: s.ended_at, status: s.status });
  }
  if (s.pain_after !== null || s.note !== null) {
    events.push({
      ...base,
      type: "checkin",
      at: later,
      ...(s.pain_after ? { pain_after: s.pain_after } : {}),
      ...(s.note !== null ? { note: s.note } : {}),
    });
  }
  return events;
}

/** An import that stopped part-way: how many of its sessions were written before the failure. */
export class ImportWriteError extends Error {
  override name = "ImportWriteError";
  constructor(
    readonly written: number,
    readonly total: number,
    readonly failure: unknown,
  ) {
    super(failure instanceof Error ? failure.message : String(failure), { cause: failure });
  }
}

/**
 * Writes a plan through the store: first what sessions cut short by an earlier import lack, then each new session
 * in one write (so that it lands whole, or, cut short by a full disk or a kill, is finished by importing the same
 * file again), oldest first, then the mark that ends the block. The caller holds the history's lock. Yields now
 * and then so that a progress spinner can turn. A failure is an ImportWriteError saying how many were written.
 */
export async function writeImport(
  store: Pick<HistoryStore, "appendAll" | "markImport" | "size">,
  plan: Pick<ImportPlan, "add" | "finish" | "before">,
  now: Date,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const sessions = plan.add;
  let written = 0;
  try {
    for (const events of plan.finish) store.appendAll(events);
    // A torn last line gets its newline now, so that the block holds exactly the lines written below.
    store.appendAll([]);
    const from = store.size();
    let bytes = 0;
    let lines = 0;
    for (; written < sessions.length; ) {
      const events = sessionEvents(sessions[written]!);
      bytes += store.appendAll(events);
      lines += events.length;
      written++;
      if (written % 100 === 0) {
        onProgress?.(written, sessions.length);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    if (sessions.length > 0) {
      const mark: ImportMark = { v: 1, type: "import", at: localIso(now), sessions: sessions.length, before: plan.before };
      // Only a block nobody else wrote into can be skipped by a reader.
      if (store.size() - from === bytes) Object.assign(mark, { bytes, lines, newest: sessions.at(-1)!.started_at });
      store.markImport(mark);
    }
  } catch (error) {
    throw new ImportWriteError(written, sessions.length, error);
  }
  onProgress?.(sessions.length, sessions.length);
}

// ---------------------------------------------------------------------------------------------------------------
// Field checks

type Fail = (field: string | null, problem: string) => never;

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const STATUSES: readonly string[] = ["completed", "stopped", "interrupted", "running"];

function identifier(value: unknown, field: string, fail: Fail): string {
  if (typeof value !== "string" || value.trim() === "") return fail(field, `expected a non-empty text, got ${show(value)}`);
  if (value.length > 200) return fail(field, `is ${value.length} characters long; at most 200`);
  if (CONTROL.test(value)) return fail(field, "holds control characters");
  return value;
}

function text(value: unknown, field: string, max: number, fail: Fail): string {
  if (typeof value !== "string") return fail(field, `expected a text, got ${kindOf(value)}`);
  if (value.length > max) return fail(field, `is ${value.length} characters long; at most ${max}`);
  return value;
}

function timestamp(value: unknown, field: string, fail: Fail): string {
  if (!isTimestamp(value)) {
    return fail(field, `expected a date and time with its offset such as 2026-11-25T08:01:02.345+01:00, got ${show(value)}`);
  }
  return value;
}

function statusOf(value: unknown, field: string, fail: Fail): SessionStatus {
  if (typeof value !== "string" || !STATUSES.includes(value)) {
    return fail(field, `expected completed, stopped, interrupted or running, got ${show(value)}`);
  }
  return value as SessionStatus;
}

function checkEnd(status: SessionStatus, started: string, ended: string | null, fail: Fail): void {
  if (ended !== null && Date.parse(ended) < Date.parse(started)) {
    fail("ended_at", `${show(ended)} is before the start, ${show(started)}`);
  }
  if ((status === "completed" || status === "stopped") && ended === null) {
    fail("ended_at", `a ${status} session needs the time it ended`);
  }
  if ((status === "interrupted" || status === "running") && ended !== null) {
    fail("ended_at", `an ${status === "running" ? "unfinished (running)" : "interrupted"} session has no end; expected null or empty`);
  }
}

function seconds(value: unknown, field: string, fail: Fail): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 7 * 24 * 3600) {
    return fail(field, `expected seconds, a number from 0 to 604800, got ${show(value)}`);
  }
  return value;
}

function level(value: unknown, field: string, fail: Fail): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 10) {
    return fail(field, `expected a pain level from 0 to 10, or nothing, got ${show(value)}`);
  }
  return value;
}

function reachOf(value: unknown, field: string, fail: Fail): Reach | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string" || !(REACHES as readonly string[]).includes(value)) {
    return fail(field, `expected one of ${REACHES.join(", ")}, got ${show(value)}`);
  }
  return value as Reach;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return show(value);
}

/** A value in a message: JSON-quoted, control characters out, at most 40 characters. */
function show(value: unknown): string {
  if (value === undefined) return "nothing";
  let out = typeof value === "string" ? JSON.stringify(value) : String(JSON.stringify(value) ?? String(value));
  out = out.replace(/[\u0000-\u001f\u007f-\u009f]/g, "");
  return out.length > 40 ? `${out.slice(0, 39)}…` : out;
}
