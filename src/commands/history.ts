import type { Deps } from "../deps.js";
import { UsageError } from "../errors.js";
import { parseLimit, parseSince } from "../history/query.js";
import { formatDateTime } from "../time.js";
import type { Session, SessionQuery, SessionStatus } from "../history/types.js";
import { formatDuration } from "../routine/duration.js";
import { cleanText, displayWidth, pad, toJson, truncate } from "../text.js";
import type { Theme } from "../ui/theme.js";

/** Options of `soothe history`, as commander hands them over. */
export interface HistoryOptions {
  json?: boolean;
  /** One row a session, RFC 4180 (see src/history/csv.ts for the columns). */
  csv?: boolean;
  limit?: string;
  since?: string;
  routine?: string;
}

/** `soothe history`: past sessions, newest first, as a table, (`--json`) exactly the documented array, or `--csv`. */
export async function history(opts: HistoryOptions, deps: Deps): Promise<number> {
  if (opts.json && opts.csv) throw new UsageError("--json and --csv cannot be used together; choose one");
  const query: SessionQuery = {};
  if (opts.limit !== undefined) query.limit = parseLimit(opts.limit);
  if (opts.since !== undefined) query.since = parseSince(opts.since, deps.clock.wall());
  if (opts.routine !== undefined) query.routine = opts.routine;

  const store = await deps.openHistory();
  const { sessions, warnings } = await store.readSessions(query);
  for (const warning of warnings) deps.stderr.write(`${deps.errTheme.yellow("soothe: warning:")} ${warning}\n`);

  if (opts.json) {
    deps.stdout.write(`${toJson(sessions)}\n`);
    return 0;
  }
  if (opts.csv) {
    const { historyCsv } = await import("../history/csv.js");
    deps.stdout.write(historyCsv(sessions));
    return 0;
  }
  if (sessions.length === 0) {
    const filtered = query.since !== undefined || query.routine !== undefined;
    deps.stdout.write(
      filtered ? "No sessions match.\n" : "No sessions yet. Start one with: soothe run <routine>\n",
    );
    return 0;
  }
  const lines = renderHistoryTable(sessions, { now: deps.clock.wall(), theme: deps.theme });
  deps.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}

/** How to draw the table. */
export interface TableStyle {
  /** For the year: shown only on sessions of another year. */
  now: Date;
  theme: Theme;
}

/** Routine names longer than this are cut, so that one long name does not push the table off the screen. */
const NAME_WIDTH = 32;

const HEADERS = ["Date", "Routine", "Status", "Active", "Segments"] as const;

/** The history table, one line a session after a header: pure, so tests compare strings. */
export function renderHistoryTable(sessions: Session[], style: TableStyle): string[] {
  const rows = sessions.map((s) => [
    formatStart(s.started_at, style.now),
    truncate(cleanText(s.routine.name).trim() || cleanText(s.routine.id), NAME_WIDTH),
    s.status,
    formatDuration(s.active_s),
    formatSegments(s),
  ]);
  const widths = HEADERS.map((header, i) => Math.max(displayWidth(header), ...rows.map((row) => displayWidth(row[i]!))));
  // Active time is a number: right-aligned. The last column is not padded, so lines carry no trailing spaces.
  const cell = (text: string, i: number) =>
    i === 3 ? pad(text, widths[i]!, "right") : i === HEADERS.length - 1 ? text : pad(text, widths[i]!);
  const header = HEADERS.map((h, i) => cell(h, i)).join("  ");
  return [
    style.theme.bold(header),
    ...rows.map((row, r) =>
      row
        .map((text, i) => {
          const padded = cell(text, i);
          return i === 2 ? statusColor(style.theme, sessions[r]!.status)(padded) : padded;
        })
        .join("  "),
    ),
  ];
}

function statusColor(theme: Theme, status: SessionStatus): (text: string) => string {
  switch (status) {
    case "completed":
      return theme.green;
    case "stopped":
      return theme.yellow;
    case "interrupted":
      return theme.red;
    case "running":
      return theme.cyan;
  }
}

/**
 * "Wed 25 Nov 08:01": the local time the session started where it was recorded, with the year when it is not this
 * year's. Cleaned: the text comes from the history file.
 */
export function formatStart(startedAt: string, now: Date): string {
  return cleanText(formatDateTime(startedAt, now));
}

/** "9/11, 2 skipped": segments done out of those recorded. */
export function formatSegments(session: Session): string {
  const total = session.segments.length;
  if (total === 0) return "none";
  const done = session.segments.filter((s) => s.outcome === "done").length;
  const skipped = session.segments.filter((s) => s.outcome === "skipped").length;
  return skipped > 0 ? `${done}/${total}, ${skipped} skipped` : `${done}/${total}`;
}
