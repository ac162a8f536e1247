import * as fs from "node:fs";
import { dirname } from "node:path";
import { UserError } from "../errors.js";
import { ensureFolder, fileError, openRegular, type FileRole } from "../files/open.js";

/**
 * The history file itself: opened only as a regular file (see files/open.ts) and only when it is a soothe history,
 * appended to in whole writes, and read from the end in chunks that cope with lines of any length.
 */

export const HISTORY_ROLE: FileRole = { name: "the history file", fix: "set SOOTHE_HOME to a folder you can write to" };

const NEWLINE = 0x0a;
/** Bytes of the head looked at to tell a soothe history from another file. */
const HEAD_BYTES = 64;
/** No event soothe writes comes near this; a longer line is damaged, and is skipped without being put together. */
export const MAX_LINE_BYTES = 1024 * 1024;

/** Opens the history for appending: its folder made (0700) and the file created (0600) when missing. */
export function openHistoryForAppend(file: string): number {
  ensureFolder(dirname(file), HISTORY_ROLE, "the history folder");
  const fd = openRegular(file, "append", { role: HISTORY_ROLE });
  return checked(file, fd);
}

/** Opens the history for reading; null when there is none yet. */
export function openHistoryForReading(file: string): number | null {
  const fd = openRegular(file, "read", { role: HISTORY_ROLE });
  return fd === null ? null : checked(file, fd);
}

function checked(file: string, fd: number): number {
  try {
    if (!looksLikeHistory(readHead(fd))) {
      throw new UserError(
        `${file} is not a soothe history: its first line is not a soothe event, so soothe will neither read it nor add ` +
          `to it. If it is a link, point it at your history.jsonl; or ${HISTORY_ROLE.fix}.`,
      );
    }
    return fd;
  } catch (error) {
    fs.closeSync(fd);
    throw fileError("read", file, error, HISTORY_ROLE);
  }
}

function readHead(fd: number): Buffer {
  const size = Math.min(fs.fstatSync(fd).size, HEAD_BYTES);
  const head = Buffer.alloc(size);
  let offset = 0;
  while (offset < size) {
    const n = fs.readSync(fd, head, offset, size - offset, offset);
    if (n === 0) break;
    offset += n;
  }
  return head.subarray(0, offset);
}

/**
 * Whether the start of a file is a soothe history: empty, or its first line that is not blank begins as an event
 * (`{"v":1,...`), whole or cut short. A UTF-8 byte order mark is allowed.
 */
export function looksLikeHistory(head: Buffer): boolean {
  const text = head.toString("utf8").replace(/^\uFEFF/, "");
  const first = text.split("\n").find((line) => line.trim() !== "");
  if (first === undefined || /^\s*\{\s*"v"\s*:\s*\d/.test(first)) return true;
  try {
    const value: unknown = JSON.parse(first);
    return typeof value === "object" && value !== null && typeof (value as { v?: unknown }).v === "number";
  } catch {
    return false;
  }
}

/** Appends to the history: whole texts in single writes, each starting on a fresh line. */
export class HistoryAppender {
  private readonly fd: number;
  private fresh: boolean;

  constructor(readonly file: string) {
    this.fd = openHistoryForAppend(file);
    try {
      // A line torn by a power loss has no newline; start on a fresh line so the new text stays whole.
      // Only the last byte is read: an append costs the same however long the file is.
      const { size } = fs.fstatSync(this.fd);
      const last = Buffer.alloc(1);
      this.fresh = size === 0 || (fs.readSync(this.fd, last, 0, 1, size - 1) === 1 && last[0] === NEWLINE);
    } catch (error) {
      fs.closeSync(this.fd);
      throw fileError("read", file, error, HISTORY_ROLE);
    }
  }

  /**
   * Writes `text` (whole lines) in one write call with O_APPEND: lines from two processes never interleave.
   * A write cut short (a full disk) throws, naming the cause.
   */
  write(text: string): number {
    const bytes = Buffer.from(this.fresh ? text : `\n${text}`, "utf8");
    let written = 0;
    try {
      written = fs.writeSync(this.fd, bytes, 0, bytes.length);
      if (written !== bytes.length) {
        throw Object.assign(new Error(`only ${written} of ${bytes.length} bytes were written`), { code: "ENOSPC" });
      }
    } catch (error) {
      this.fresh = written === 0 ? this.fresh : false;
      throw fileError("write to", this.file, error, HISTORY_ROLE);
    }
    this.fresh = true;
    return written;
  }

  /** The size of the file now. */
  size(): number {
    return fs.fstatSync(this.fd).size;
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

/** A line read from the end: its bytes without the newline (null when longer than MAX_LINE_BYTES), and where it starts. */
export interface LineFromEnd {
  bytes: Buffer | null;
  at: number;
}

/**
 * The lines of an open file before byte `end` (the whole file when absent), from the last to the first, each as
 * bytes without its newline (the empty piece after a final newline is not a line). A line longer than
 * MAX_LINE_BYTES comes as null, without being put together: each byte is read once whatever the lines are like.
 */
export function* linesFromEnd(fd: number, chunkSize: number, end?: number): Generator<LineFromEnd> {
  let position = end ?? fs.fstatSync(fd).size;
  let pieces: Buffer[] = [];
  let length = 0;
  let tooLong = false;
  let first = true;
  const line = (head: Buffer): Buffer | null => {
    const whole = tooLong || length + head.length > MAX_LINE_BYTES ? null : Buffer.concat([head, ...pieces]);
    pieces = [];
    length = 0;
    tooLong = false;
    return whole;
  };
  while (position > 0) {
    const size = Math.min(chunkSize, position);
    position -= size;
    const chunk = Buffer.alloc(size);
    readFully(fd, chunk, position);
    let stop = chunk.length;
    for (let newline = chunk.lastIndexOf(NEWLINE, stop - 1); newline !== -1; newline = chunk.lastIndexOf(NEWLINE, stop - 1)) {
      const bytes = line(chunk.subarray(newline + 1, stop));
      stop = newline;
      if (!(first && bytes !== null && bytes.length === 0)) yield { bytes, at: position + newline + 1 };
      first = false;
      if (stop === 0) break;
    }
    if (stop > 0) {
      if (length + stop > MAX_LINE_BYTES) {
        tooLong = true;
        pieces = [];
      } else if (!tooLong) pieces.unshift(chunk.subarray(0, stop));
      length += stop;
    }
  }
  if (length > 0 || tooLong || !first) yield { bytes: line(Buffer.alloc(0)), at: 0 };
}

/** The lines of bytes `start` to `end` of an open file, in file order (a region read whole, such as an import block). */
export function linesBetween(fd: number, start: number, end: number): Buffer[] {
  const region = Buffer.alloc(end - start);
  readFully(fd, region, start);
  const lines: Buffer[] = [];
  let from = 0;
  for (let newline = region.indexOf(NEWLINE); newline !== -1; newline = region.indexOf(NEWLINE, from)) {
    lines.push(region.subarray(from, newline));
    from = newline + 1;
  }
  if (from < region.length) lines.push(region.subarray(from));
  return lines;
}

/** Reads exactly `buffer.length` bytes at `position`. */
export function readFully(fd: number, buffer: Buffer, position: number): void {
  let offset = 0;
  while (offset < buffer.length) {
    const n = fs.readSync(fd, buffer, offset, buffer.length - offset, position + offset);
    if (n === 0) throw new Error("the file got shorter while it was read");
    offset += n;
  }
}
