import type { Session } from "./types.js";
import { localIso } from "../time.js";

// ---------------------------------------------------------------------------------------------------------------
// RFC 4180

/** One field as RFC 4180 wants it: quoted when it holds a comma, a quote or a line break; quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows to CSV text: fields joined by commas, each record ended by CRLF. */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => `${row.map(csvField).join(",")}\r\n`).join("");
}

/** A CSV record and the line it starts on (1-based), for messages. */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/** A CSV text that breaks RFC 4180, with the line where it does. */
export class CsvSyntaxError extends Error {
  override name = "CsvSyntaxError";
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/**
 * Parses CSV text (RFC 4180; CRLF or LF line ends; a byte-order mark is ignored). Quoted fields may hold commas,
 * doubled quotes and line breaks. Blank lines are skipped. Throws CsvSyntaxError for an unclosed quote or a
 * quote where none may stand.
 */
export function readCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    // One record: fields until an unquoted line break or the end.
    for (;;) {
      let field = "";
      if (text[i] === '"') {
        const opened = line;
        i++;
        for (;;) {
          if (i >= n) throw new CsvSyntaxError(opened, "a quoted field is never closed; add the closing quote");
          const ch = text[i]!;
          if (ch === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === "\n") line++;
          field += ch;
          i++;
        }
        if (i < n && text[i] !== "," && text[i] !== "\r" && text[i] !== "\n") {
          throw new CsvSyntaxError(line, "text after a closing quote; put the whole field in quotes and double any quote inside it");
        }
      } else {
        while (i < n && text[i] !== "," && text[i] !== "\r" && text[i] !== "\n") {
          if (text[i] === '"') {
            throw new CsvSyntaxError(line, "a quote inside a field that is not quoted; put the field in quotes and double the quote");
          }
          field += text[i];
          i++;
        }
      }
      fields.push(field);
      if (i < n && text[i] === ",") {
        i++;
        continue;
      }
      break;
    }
    // The line end: CRLF, LF, or a lone CR.
    if (text[i] === "\r") i++;
    if (text[i] === "\n") i++;
    line++;
    if (fields.length === 1 && fields[0] === "") continue;
    records.push({ fields, line: start });
  }
  return records;
}

// ---------------------------------------------------------------------------------------------------------------
// History as CSV

/** Columns of `soothe history --csv`, in order. `history import` reads them by name. */
export const HISTORY_CSV_COLUMNS = [
  "id",
  "date",
  "routine",
  "routine_name",
  "status",
  "minutes",
  "segments_done",
  "segments_skipped",
  "back_before",
  "back_after",
  "leg_before",
  "leg_after",
  "reach_before",
  "reach_after",
  "spread",
  "note",
  "started_at",
  "ended_at",
  "planned_s",
  "active_s",
] as const;

export type HistoryCsvColumn = (typeof HISTORY_CSV_COLUMNS)[number];

/**
 * `soothe history --csv`: a header and one row a session. Numbers are plain, unknown values are empty, and
 * text that a spreadsheet would run as a formula (starting with = + - @, a tab or CR) is kept inert with a
 * leading apostrophe, as is text that itself starts with one; `history import` takes that apostrophe off again.
 */
export function historyCsv(sessions: readonly Session[]): string {
  return writeCsv([[...HISTORY_CSV_COLUMNS], ...sessions.map(sessionRow)]);
}

function sessionRow(s: Session): string[] {
  const level = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v));
  const done = s.segments.filter((x) => x.outcome === "done").length;
  const skipped = s.segments.filter((x) => x.outcome === "skipped").length;
  const row: Record<HistoryCsvColumn, string> = {
    id: inert(s.id),
    date: localDateTime(s.started_at),
    routine: inert(s.routine.id),
    routine_name: inert(s.routine.name),
    status: s.status,
    minutes: (Math.round((s.active_s / 60) * 10) / 10).toFixed(1),
    segments_done: String(done),
    segments_skipped: String(skipped),
    back_before: level(s.pain_before?.back),
    back_after: level(s.pain_after?.back),
    leg_before: level(s.pain_before?.leg),
    leg_after: level(s.pain_after?.leg),
    reach_before: s.pain_before?.reach ?? "",
    reach_after: s.pain_after?.reach ?? "",
    spread: s.spread === null ? "" : String(s.spread),
    note: s.note === null ? "" : inert(s.note),
    started_at: s.started_at,
    ended_at: s.ended_at ?? "",
    planned_s: String(s.planned_s),
    active_s: String(s.active_s),
  };
  return HISTORY_CSV_COLUMNS.map((column) => row[column]);
}

/** "2026-11-25 08:01": the local time the session started, where it was recorded. */
function localDateTime(startedAt: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(startedAt);
  return m ? `${m[1]} ${m[2]}` : startedAt;
}

const FORMULA_START = /^[=+\-@\t\r']/;

/** Text a spreadsheet will show and never evaluate. */
export function inert(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The text {@link inert} was given. */
export function fromInert(text: string): string {
  return text.startsWith("'") ? text.slice(1) : text;
}

// ---------------------------------------------------------------------------------------------------------------
// Cells as a spreadsheet saves them again

/**
 * A number cell: `2`, `2.0`, `2.50`, `+2`, `.5` (a spreadsheet drops or adds the `.0` as it likes). null when the
 * cell is empty, undefined when it is not a number.
 */
export function csvNumber(cell: string | undefined): number | null | undefined {
  const v = cell?.trim() ?? "";
  if (v === "") return null;
  return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(v) ? Number(v) : undefined;
}

/** A true/false cell in any case (`TRUE`, `False`); null when empty, undefined when it is neither. */
export function csvBoolean(cell: string | undefined): boolean | null | undefined {
  const v = cell?.trim().toLowerCase() ?? "";
  if (v === "") return null;
  return v === "true" ? true : v === "false" ? false : undefined;
}

const SPREADSHEET_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * A time cell as `history --csv` wrote it (`2026-11-25T08:01:02.345+01:00`) or as a spreadsheet may save it again:
 * a space for the `T`, no milliseconds, no seconds, no offset (`2026-11-25 08:01:02`). Given back in the form
 * `history --csv` writes; a time without an offset is read as this machine's local time. The text as it was when it
 * is no such time, for the caller to refuse.
 */
export function csvTime(cell: string): string {
  const m = SPREADSHEET_TIME.exec(cell.trim());
  if (!m) return cell;
  const [, y, mo, d, h, mi, s = "00", fraction = "", zone] = m;
  if (zone !== undefined) return `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction}${zone}`;
  const local = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  // A date that does not exist (30 February) rolls over in Date: keep the text so that the caller refuses it.
  if (local.getDate() !== Number(d) || local.getHours() !== Number(h)) return `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction}`;
  return localIso(local).replace(/\.\d{3}/, fraction);
}
