import * as fs from "node:fs";
import { dirname } from "node:path";
import { createInterface } from "node:readline";
import { countsAsApplication } from "../care/heat-cold.js";
import { UserError } from "../errors.js";
import { buildRecords, isPainShape, isRecordEvent } from "./records.js";
import { buildSessions, isProcessAlive, type IsAlive } from "./sessions.js";
import type { SegmentKind } from "../routine/types.js";
import {
  type HistoryEvent,
  type HistoryStore,
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

const NEWLINE = 0x0a;
/** Sessions `lastEnded` looks back through: enough to cover the last hours of anyone's use. */
const RECENT_SESSIONS = 20;
const FILE_MODE = 0o600;
const FOLDER_MODE = 0o700;

/**
 * The JSON Lines history at `file`. Appends are one synchronous write each and never look at more than the
 * last byte; reads skip damaged lines (with one warning) and leave them, like everything else, in the file.
 */
export function openHistory(file: string, options: HistoryOptions = {}): HistoryStore {
  const isAlive = options.isAlive ?? isProcessAlive;
  const chunkSize = Math.max(1, options.chunkSize ?? 64 * 1024);
  return {
    file,
    append(event: HistoryEvent): void {
      appendLine(file, `${JSON.stringify(event)}\n`);
    },
    appendRecord(event: RecordEvent): void {
      appendLine(file, `${JSON.stringify(event)}\n`);
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
      let sessions = buildSessions(read.events, isAlive).filter((s) => wanted(s.routine.id, s.started_at));
      if (query.limit !== undefined) sessions = sessions.slice(0, query.limit);
      const warnings = read.damaged.length > 0 ? [damagedWarning(file, read.damaged, read.fromEnd)] : [];
      return { sessions, warnings };
    },
    async lastEnded(kinds) {
      const found = new Map<SegmentKind, Date>();
      // Sessions imported later may sit after newer ones, so look at every event read, not just the last few.
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

/**
 * Makes sure a session can be saved before it starts: creates the folder (0700) and the file (0600) if needed
 * and opens it for appending. Throws a UserError that says where and why when that fails.
 */
export function checkWritable(file: string): void {
  const fd = openForAppend(file);
  fs.closeSync(fd);
}

/**
 * A warning when the last line of the history is damaged (a write cut short by a power loss or a full disk),
 * else null. A run calls this before it starts, so the person hears of it once, there; reading only the last
 * line keeps that as cheap at 20,000 sessions as at 1 (damage further up is reported by the commands that read
 * everything). A missing or unreadable file gives null: {@link checkWritable} speaks for that.
 */
export function lastLineWarning(file: string, chunkSize = 64 * 1024): string | null {
  let fd: number;
  try {
    fd = openForReading(file);
  } catch {
    return null;
  }
  try {
    let position = fs.fstatSync(fd).size;
    let tail = Buffer.alloc(0);
    // Bytes of the last line, without its newline; a final newline ends the line before it.
    while (position > 0) {
      const length = Math.min(chunkSize, position);
      position -= length;
      const chunk = Buffer.alloc(length);
      readFully(fd, chunk, position);
      tail = Buffer.concat([chunk, tail]);
      const body = tail.at(-1) === NEWLINE ? tail.subarray(0, -1) : tail;
      const newline = body.lastIndexOf(NEWLINE);
      if (newline !== -1 || position === 0) {
        const line = body.subarray(newline + 1).toString("utf8");
        if (parseLine(line).kind !== "damaged") return null;
        return `${file}: 1 damaged line (the last line, cut short as it was written?) is left in the file; this session starts on a fresh line`;
      }
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

function appendLine(file: string, line: string): void {
  const fd = openForAppend(file);
  try {
    // A line torn by a power loss has no newline; start on a fresh line so the new event stays whole.
    // Only the last byte is read: an append costs the same however long the file is.
    const { size } = fs.fstatSync(fd);
    let text = line;
    if (size > 0) {
      const last = Buffer.alloc(1);
      if (fs.readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== NEWLINE) text = `\n${line}`;
    }
    // One write call with O_APPEND: lines from two runs in two terminals never interleave.
    const bytes = Buffer.from(text, "utf8");
    const written = fs.writeSync(fd, bytes, 0, bytes.length);
    if (written !== bytes.length) {
      throw Object.assign(new Error(`only ${written} of ${bytes.length} bytes were written`), { code: "ENOSPC" });
    }
  } catch (error) {
    throw fileError("cannot write to the history file", file, error);
  } finally {
    fs.closeSync(fd);
  }
}

/** Opens for appending, creating the folder and the file with private modes when they are missing. */
function openForAppend(file: string): number {
  // 'a+' rather than 'a': the torn-line check reads the last byte. Writes still always go to the end.
  try {
    return fs.openSync(file, "a+", FILE_MODE);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT" && code !== "ENOTDIR") {
      throw fileError("cannot open the history file", file, error);
    }
  }
  const folder = dirname(file);
  try {
    // The mode applies only to folders created now: an existing folder is the user's business.
    fs.mkdirSync(folder, { recursive: true, mode: FOLDER_MODE });
  } catch (error) {
    throw fileError("cannot create the history folder", folder, error);
  }
  try {
    return fs.openSync(file, "a+", FILE_MODE);
  } catch (error) {
    throw fileError("cannot open the history file", file, error);
  }
}

const REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
  ENOTDIR: "part of the path is a file, not a folder",
  EISDIR: "it is a folder, not a file",
  EEXIST: "a file of that name is in the way",
  ELOOP: "too many symbolic links",
};

function fileError(what: string, path: string, error: unknown): UserError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = (code && REASONS[code]) ?? (error instanceof Error ? error.message : String(error));
  return new UserError(
    `${what} ${path}: ${reason}. Fix that, or set SOOTHE_HOME to a folder you can write to.`,
    1,
    { cause: error },
  );
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
  | { kind: "ignored" }
  | { kind: "damaged" };

/** The whole file, streamed line by line. */
async function readForward(file: string): Promise<ReadResult> {
  const result: ReadResult = { events: [], records: [], damaged: [], fromEnd: false };
  let stream: fs.ReadStream;
  try {
    const fd = openForReading(file);
    stream = fs.createReadStream("", { fd, encoding: "utf8" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return result;
    throw readError(file, error);
  }
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

/**
 * Reads from the end in chunks until `limit` wanted start lines are in hand. Every event of a session comes
 * after its start line, so by then everything those sessions need has been read; sessions of runs that
 * overlapped simply interleave.
 */
function readBackward(file: string, chunkSize: number, wanted: (start: StartEvent) => boolean, limit: number): ReadResult {
  const result: ReadResult = { events: [], records: [], damaged: [], fromEnd: true };
  let fd: number;
  try {
    fd = openForReading(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return result;
    throw readError(file, error);
  }
  const reversed: HistoryEvent[] = [];
  let found = 0;
  let fromEnd = 0;
  let first = true;
  const take = (bytes: Buffer) => {
    // The empty piece after the final newline is not a line.
    if (first && bytes.length === 0) {
      first = false;
      return;
    }
    first = false;
    fromEnd++;
    const parsed = parseLine(bytes.toString("utf8"));
    if (parsed.kind === "damaged") result.damaged.push(fromEnd);
    else if (parsed.kind === "event") {
      reversed.push(parsed.event);
      if (parsed.event.type === "start" && wanted(parsed.event)) found++;
    }
  };
  try {
    let position = fs.fstatSync(fd).size;
    let carry = Buffer.alloc(0);
    while (position > 0 && found < limit) {
      const length = Math.min(chunkSize, position);
      position -= length;
      const chunk = Buffer.alloc(length);
      readFully(fd, chunk, position);
      const buffer = carry.length > 0 ? Buffer.concat([chunk, carry]) : chunk;
      let end = buffer.length;
      while (found < limit && end > 0) {
        const newline = buffer.lastIndexOf(NEWLINE, end - 1);
        if (newline === -1) break;
        take(buffer.subarray(newline + 1, end));
        end = newline;
      }
      carry = buffer.subarray(0, end);
    }
    // The first line of the file has no newline before it.
    if (found < limit && position === 0 && (carry.length > 0 || !first)) take(carry);
  } catch (error) {
    throw readError(file, error);
  } finally {
    fs.closeSync(fd);
  }
  result.events = reversed.reverse();
  return result;
}

/** Opens a regular file for reading (a folder opens fine on Linux, then fails on the first read). */
function openForReading(file: string): number {
  const fd = fs.openSync(file, "r");
  if (!fs.fstatSync(fd).isFile()) {
    fs.closeSync(fd);
    throw Object.assign(new Error(`${file} is not a file`), { code: "EISDIR" });
  }
  return fd;
}

function readFully(fd: number, buffer: Buffer, position: number): void {
  let offset = 0;
  while (offset < buffer.length) {
    const n = fs.readSync(fd, buffer, offset, buffer.length - offset, position + offset);
    if (n === 0) throw new Error("the file got shorter while it was read");
    offset += n;
  }
}

function readError(file: string, error: unknown): UserError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = (code && REASONS[code]) ?? (error instanceof Error ? error.message : String(error));
  return new UserError(`cannot read the history file ${file}: ${reason}.`, 1, { cause: error });
}

/**
 * One line of the log. Blank lines are ignored quietly (two runs that both found a torn last line may each
 * start a fresh line). Events from a newer soothe (v > 1, or a type this version does not know) are ignored
 * and stay in the file. Anything else that is not a well-formed event is damaged.
 */
export function parseLine(line: string): Parsed {
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
  if (value.type === "visit" || value.type === "visit-removed" || value.type === "diary") {
    return isRecordEvent(value) ? { kind: "record", record: value } : { kind: "damaged" };
  }
  if (value.type !== "start" && value.type !== "segment" && value.type !== "end" && value.type !== "checkin") {
    return { kind: "ignored" };
  }
  return isEvent(value) ? { kind: "event", event: value } : { kind: "damaged" };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isString = (v: unknown): v is string => typeof v === "string";

function isEvent(e: Record<string, unknown>): e is HistoryEvent & Record<string, unknown> {
  if (!isString(e.session) || e.session === "" || !isString(e.at)) return false;
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
