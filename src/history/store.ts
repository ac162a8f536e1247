import * as fs from "node:fs";
import { dirname } from "node:path";
import { createInterface } from "node:readline";
import { countsAsApplication } from "../care/heat-cold.js";
import { UserError } from "../errors.js";
import { isProcessAlive } from "../files/alive.js";
import { lock } from "../files/lock.js";
import { ensureFolder, reasonOf } from "../files/open.js";
import { HISTORY_ROLE, HistoryAppender, linesBetween, linesFromEnd, openHistoryForReading } from "./file.js";
import { buildRecords, isPainShape, isRecordEvent } from "./records.js";
import { buildSessions, type IsAlive } from "./sessions.js";
import { isTimestamp } from "../time.js";
import type { SegmentKind } from "../routine/types.js";
import {
  IMPORT_HOST,
  type HistoryEvent,
  type HistoryStore,
  type ImportMark,
  type RecordEvent,
  type SessionQuery,
  type StartEvent,
} from "./types.js";

/** Options for {@link openHistory}; tests inject `isAlive` and a small `chunkSize`. */
export interface HistoryOptions {
  /** Decides `running` versus `interrupted` for a session without an end. */
  isAlive?: IsAlive;
  /** Bytes read per step when a limited query reads from the end of the file. */
  chunkSize?: number;
}

/** Sessions `lastEnded` looks back through: enough to cover the last hours of anyone's use. */
const RECENT_SESSIONS = 20;
/** An import of many thousand sessions holds the lock for a few seconds; others wait this long for it. */
const IMPORT_LOCK_WAIT_MS = 120_000;

/**
 * The JSON Lines history at `file`. Appends are one synchronous write each and never look at more than the
 * last byte; reads skip damaged lines (with one warning) and leave them, like everything else, in the file.
 * Sessions come newest first by start time, wherever an import put them in the file.
 */
export function openHistory(file: string, options: HistoryOptions = {}): HistoryStore {
  const isAlive = options.isAlive ?? isProcessAlive;
  const chunkSize = Math.max(1, options.chunkSize ?? 64 * 1024);
  return {
    file,
    append(event: HistoryEvent): void {
      appendText(file, `${JSON.stringify(event)}\n`);
    },
    appendAll(events: readonly HistoryEvent[]): number {
      return appendText(file, events.map((event) => `${JSON.stringify(event)}\n`).join(""));
    },
    size(): number {
      const fd = openHistoryForReading(file);
      if (fd === null) return 0;
      try {
        return fs.fstatSync(fd).size;
      } finally {
        fs.closeSync(fd);
      }
    },
    markImport(mark: ImportMark): void {
      appendText(file, `${JSON.stringify(mark)}\n`);
    },
    async locked<T>(fn: () => Promise<T>): Promise<T> {
      ensureFolder(dirname(file), HISTORY_ROLE, "the history folder");
      const held = await lock(file, { role: HISTORY_ROLE, timeoutMs: IMPORT_LOCK_WAIT_MS });
      try {
        return await fn();
      } finally {
        held.release();
      }
    },
    appendRecord(event: RecordEvent): void {
      appendText(file, `${JSON.stringify(event)}\n`);
    },
    async readRecords() {
      const read = await readForward(file);
      const warnings = read.damaged.length > 0 ? [damagedWarning(file, read.damaged, read.fromEnd)] : [];
      return { ...buildRecords(read.records), warnings };
    },
    async readSessions(query: SessionQuery = {}) {
      const wanted = queryFilter(query);
      const read =
        query.limit === undefined
          ? await readForward(file)
          : readBackward(file, chunkSize, (start) => wanted(start.routine.id, start.at), query.limit);
      let sessions = newestFirst(buildSessions(read.events, isAlive)).filter((s) => wanted(s.routine.id, s.started_at));
      if (query.limit !== undefined) sessions = sessions.slice(0, query.limit);
      const warnings = read.damaged.length > 0 ? [damagedWarning(file, read.damaged, read.fromEnd)] : [];
      return { sessions, warnings };
    },
    async lastEnded(kinds) {
      const found = new Map<SegmentKind, Date>();
      for (const event of readBackward(file, chunkSize, () => true, RECENT_SESSIONS).events) {
        if (event.type !== "segment" || !kinds.includes(event.segment.kind) || !countsAsApplication(event.segment)) continue;
        const at = new Date(event.at);
        if (Number.isNaN(at.getTime())) continue;
        const kind = event.segment.kind;
        const known = found.get(kind);
        if (!known || at > known) found.set(kind, at);
      }
      return found;
    },
  };
}

/** By start time, newest first; sessions that started at the same moment keep their order. */
function newestFirst<T extends { started_at: string }>(sessions: T[]): T[] {
  return sessions
    .map((session, index) => ({ session, index, at: Date.parse(session.started_at) }))
    .sort((a, b) => b.at - a.at || a.index - b.index)
    .map(({ session }) => session);
}

/**
 * Makes sure a session can be saved before it starts: creates the folder (0700) and the file (0600) if needed
 * and opens it for appending. Throws a UserError that says where and why when that fails: a place that is not a
 * regular file, a file that is not a soothe history, a folder that cannot be made.
 */
export function checkWritable(file: string): void {
  new HistoryAppender(file).close();
}

/**
 * A warning when the last line of the history is damaged (a write cut short by a power loss or a full disk),
 * else null. A run calls this before it starts, so the person hears of it once, there; reading only the last
 * line keeps that as cheap at 20,000 sessions as at 1, and a last line of any length is read once (damage further
 * up is reported by the commands that read everything). A missing or unusable file gives null: {@link checkWritable}
 * speaks for that.
 */
export function lastLineWarning(file: string, chunkSize = 64 * 1024): string | null {
  let fd: number | null;
  try {
    fd = openHistoryForReading(file);
  } catch {
    return null;
  }
  if (fd === null) return null;
  try {
    for (const { bytes: line } of linesFromEnd(fd, chunkSize)) {
      if (line !== null && parseLine(line.toString("utf8")).kind !== "damaged") return null;
      return `${file}: 1 damaged line (the last line, cut short as it was written?) is left in the file; this session starts on a fresh line`;
    }
    return null;
  } catch {
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

function appendText(file: string, text: string): number {
  const appender = new HistoryAppender(file);
  try {
    return appender.write(text);
  } finally {
    appender.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

interface ReadResult {
  /** Events of runs in file order. */
  events: HistoryEvent[];
  /** Visits and diary entries in file order (read forward only). */
  records: RecordEvent[];
  /** Line numbers of damaged lines, from the top or (when `fromEnd`) counted from the end, 1 = last line. */
  damaged: number[];
  fromEnd: boolean;
}

type Parsed =
  | { kind: "event"; event: HistoryEvent }
  | { kind: "record"; record: RecordEvent }
  | { kind: "mark"; before: number; block: { bytes: number; lines: number; newest: number } | null }
  | { kind: "ignored" }
  | { kind: "damaged" };

/** The whole file, streamed line by line. */
async function readForward(file: string): Promise<ReadResult> {
  const result: ReadResult = { events: [], records: [], damaged: [], fromEnd: false };
  const fd = openHistoryForReading(file);
  if (fd === null) return result;
  const stream = fs.createReadStream("", { fd, encoding: "utf8" });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let number = 0;
  try {
    for await (const line of lines) {
      number++;
      const parsed = parseLine(line);
      if (parsed.kind === "event") result.events.push(parsed.event);
      else if (parsed.kind === "record") result.records.push(parsed.record);
      else if (parsed.kind === "damaged") result.damaged.push(number);
    }
  } catch (error) {
    throw readError(file, error);
  } finally {
    lines.close();
    stream.destroy();
  }
  return result;
}

/** An import's block of sessions skipped while reading from the end: where it is, and its newest session. */
interface Skipped {
  start: number;
  end: number;
  newest: number;
  /** The number, counted from the end, of the line after the block (its mark). */
  fromEnd: number;
  lines: number;
}

/**
 * Reads from the end until the `limit` newest wanted sessions are in hand: every event of a session comes after
 * its start line, and nothing further up can have started later. Runs write their starts in time order, so the
 * start of a run bounds everything above it. Sessions an import added sit in a block, oldest first, followed by a
 * mark. When nothing else was written inside the block, the mark gives its length and newest session: the block
 * is skipped, and read only if that session could be among the newest. Otherwise the mark says when the newest
 * session above the block started: inside the block, that and the session read bound what is above. (A block
 * without its mark, cut short, bounds nothing: reading goes on.)
 */
function readBackward(file: string, chunkSize: number, wanted: (start: StartEvent) => boolean, limit: number): ReadResult {
  const result: ReadResult = { events: [], records: [], damaged: [], fromEnd: true };
  const fd = openHistoryForReading(file);
  if (fd === null) return result;
  const reversed: HistoryEvent[] = [];
  const newest: number[] = [];
  const skipped: Skipped[] = [];
  const state = { above: null as number | null, fromEnd: 0 };
  const take = (parsed: Parsed, number: number): boolean => {
    if (parsed.kind === "damaged") result.damaged.push(number);
    if (parsed.kind !== "event") return false;
    reversed.push(parsed.event);
    const start = parsed.event;
    if (start.type !== "start") return false;
    const at = Date.parse(start.at);
    const bound = start.host !== IMPORT_HOST ? at : state.above === null ? Infinity : Math.max(at, state.above);
    if (wanted(start)) keepNewest(newest, at, limit);
    return newest.length >= limit && newest[limit - 1]! >= bound;
  };
  try {
    for (let end: number | undefined, restart: number | null = null; ; end = restart, restart = null) {
      let stopped = false;
      for (const { bytes, at } of linesFromEnd(fd, chunkSize, end)) {
        const parsed: Parsed = bytes === null ? { kind: "damaged" } : parseLine(bytes.toString("utf8"));
        state.fromEnd++;
        if (parsed.kind === "mark" && parsed.block !== null && blockFits(fd, at - parsed.block.bytes, at)) {
          skipped.push({ start: at - parsed.block.bytes, end: at, newest: parsed.block.newest, fromEnd: state.fromEnd, lines: parsed.block.lines });
          state.fromEnd += parsed.block.lines;
          restart = at - parsed.block.bytes;
          break;
        }
        if (parsed.kind === "mark") state.above = parsed.before;
        if (take(parsed, state.fromEnd)) {
          stopped = true;
          break;
        }
      }
      if (stopped || restart === null) break;
    }
    result.events = readSkipped(fd, skipped, newest, limit, result.damaged, wanted).concat(reversed.reverse());
  } catch (error) {
    throw readError(file, error);
  } finally {
    fs.closeSync(fd);
  }
  return result;
}

/**
 * Whether bytes `start` to `end` can be the block a mark describes: whole lines, the first an event. (A file edited
 * by hand since may not be; then the block is read like any other lines.)
 */
function blockFits(fd: number, start: number, end: number): boolean {
  if (start < 0 || end - start < 2) return false;
  const edge = Buffer.alloc(1);
  const byteAt = (at: number) => (fs.readSync(fd, edge, 0, 1, at) === 1 ? edge[0] : -1);
  return (start === 0 || byteAt(start - 1) === 0x0a) && byteAt(start) === 0x7b && byteAt(end - 1) === 0x0a;
}

/** Events of the skipped blocks whose newest session could be among the `limit` newest, in file order. */
function readSkipped(
  fd: number,
  skipped: Skipped[],
  newest: number[],
  limit: number,
  damaged: number[],
  wanted: (start: StartEvent) => boolean,
): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  for (const block of [...skipped].sort((a, b) => b.newest - a.newest)) {
    if (newest.length >= limit && block.newest <= newest[limit - 1]!) continue;
    const lines = linesBetween(fd, block.start, block.end);
    lines.forEach((bytes, i) => {
      const parsed = parseLine(bytes.toString("utf8"));
      if (parsed.kind === "damaged") damaged.push(block.fromEnd + (lines.length - i));
      if (parsed.kind !== "event") return;
      events.push(parsed.event);
      if (parsed.event.type === "start" && wanted(parsed.event)) keepNewest(newest, Date.parse(parsed.event.at), limit);
    });
  }
  return events;
}

/** Keeps the `limit` largest times, largest first. */
function keepNewest(newest: number[], at: number, limit: number): void {
  let i = newest.length;
  while (i > 0 && newest[i - 1]! < at) i--;
  if (i >= limit) return;
  newest.splice(i, 0, at);
  if (newest.length > limit) newest.pop();
}

function readError(file: string, error: unknown): UserError {
  if (error instanceof UserError) return error;
  return new UserError(`cannot read the history file ${file}: ${reasonOf(error)}.`, 1, { cause: error });
}

/**
 * One line of the log. Blank lines are ignored quietly (two runs that both found a torn last line may each
 * start a fresh line). Events from a newer soothe (v > 1, or a type this version does not know) are ignored
 * and stay in the file. Anything else that is not a well-formed event is damaged.
 */
export function parseLine(line: string): Parsed {
  if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
  if (line.trim() === "") return { kind: "ignored" };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { kind: "damaged" };
  }
  if (!isRecord(value) || typeof value.v !== "number" || !Number.isInteger(value.v) || value.v < 1) {
    return { kind: "damaged" };
  }
  if (value.v > 1) return { kind: "ignored" };
  if (value.type === "import") return parseMark(value);
  if (value.type === "visit" || value.type === "visit-removed" || value.type === "diary") {
    return isRecordEvent(value) ? { kind: "record", record: value } : { kind: "damaged" };
  }
  if (value.type !== "start" && value.type !== "segment" && value.type !== "end" && value.type !== "checkin") {
    return { kind: "ignored" };
  }
  return isEvent(value) ? { kind: "event", event: value } : { kind: "damaged" };
}

/** The mark after an import's block (see ImportMark). */
function parseMark(value: Record<string, unknown>): Parsed {
  const { before, bytes, lines, newest } = value;
  if (before !== null && !isTimestamp(before)) return { kind: "damaged" };
  const whole = (n: unknown): n is number => typeof n === "number" && Number.isInteger(n) && n > 0;
  const block = whole(bytes) && whole(lines) && isTimestamp(newest) ? { bytes, lines, newest: Date.parse(newest) } : null;
  return { kind: "mark", before: before === null ? -Infinity : Date.parse(before), block };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isString = (v: unknown): v is string => typeof v === "string";

function isEvent(e: Record<string, unknown>): e is HistoryEvent & Record<string, unknown> {
  if (!isString(e.session) || e.session === "" || !isTimestamp(e.at)) return false;
  switch (e.type) {
    case "start":
      return (
        isRecord(e.routine) &&
        isString(e.routine.id) &&
        isString(e.routine.name) &&
        isNumber(e.planned_s) &&
        isNumber(e.pid) &&
        isString(e.host) &&
        (e.pain_before === undefined || isPainShape(e.pain_before))
      );
    case "segment": {
      const s = e.segment;
      return (
        isRecord(s) &&
        isString(s.title) &&
        isString(s.kind) &&
        (s.side === null || isString(s.side)) &&
        (s.set === null || isNumber(s.set)) &&
        (s.planned_s === null || isNumber(s.planned_s)) &&
        isNumber(s.active_s) &&
        isString(s.outcome) &&
        (s.note === undefined || isString(s.note)) &&
        (s.hurt === undefined || typeof s.hurt === "boolean")
      );
    }
    case "end":
      return e.status === "completed" || e.status === "stopped";
    case "checkin":
      return (e.pain_after === undefined || isPainShape(e.pain_after)) && (e.note === undefined || isString(e.note));
    default:
      return false;
  }
}

/** Whether a session of routine `id` started at `at` passes the query's filters. */
function queryFilter(query: SessionQuery): (id: string, at: string) => boolean {
  const since = query.since?.getTime();
  return (id, at) => (query.routine === undefined || id === query.routine) && (since === undefined || Date.parse(at) >= since);
}

/** `history.jsonl: skipped 2 damaged lines (lines 5, 9); they are left in the file`. */
function damagedWarning(file: string, lines: number[], fromEnd: boolean): string {
  const count = lines.length;
  const sorted = [...lines].sort((a, b) => a - b);
  const shown = sorted.slice(0, 10).join(", ") + (count > 10 ? ` and ${count - 10} more` : "");
  let where: string;
  if (fromEnd) where = count === 1 && sorted[0] === 1 ? "the last line" : `${count === 1 ? "line" : "lines"} ${shown} counted from the end`;
  else where = `${count === 1 ? "line" : "lines"} ${shown}`;
  const noun = count === 1 ? "line" : "lines";
  const left = count === 1 ? "it is" : "they are";
  return `${file}: skipped ${count} damaged ${noun} (${where}); ${left} left in the file`;
}
