import type { Deps } from "../deps.js";
import { UsageError, UserError } from "../errors.js";
import { parseSince } from "../history/query.js";
import { addDays, dayKey } from "../time.js";
import { quote } from "../text.js";

/** Options of `soothe report`, as commander hands them over. */
export interface ReportCommandOptions {
  out?: string;
  format?: string;
  since?: string;
}

/** The period a report covers when `--since` is not given. */
export const DEFAULT_SINCE = "90d";

/**
 * The format to write: `--format` when given, else the extension of `--out` (`.md` or `.markdown` for Markdown,
 * `.html` or `.htm` for HTML), else HTML. Any other extension of `--out` is refused without `--format`: soothe never
 * writes an HTML page into a `.txt` file unasked.
 */
export function reportFormat(format: string | undefined, out: string | undefined): "html" | "md" {
  if (format !== undefined) {
    const f = format.trim().toLowerCase();
    if (f === "html" || f === "md") return f;
    if (f === "markdown") return "md";
    throw new UsageError(`--format takes html or md, got ${quote(format)}`);
  }
  if (out === undefined || /\.html?$/i.test(out)) return "html";
  if (/\.(md|markdown)$/i.test(out)) return "md";
  throw new UsageError(
    `--out ${quote(out)}: a report is an HTML page (.html, .htm) or Markdown (.md); name the file so, or say which with --format html or --format md`,
  );
}

/** The first day a report covers (`YYYY-MM-DD`), from `--since`; a day after today is refused, never moved. */
export function reportFrom(since: string, now: Date): string {
  const from = dayKey(parseSince(since, now));
  const today = dayKey(now);
  if (from > today) {
    throw new UsageError(`--since ${quote(since)} is after today (${today}); give a day on or before today, or a span such as 30d`);
  }
  return from;
}

/**
 * `soothe report`: a page for a physiotherapist or doctor about the last 90 days (or `--since`). It goes to
 * `--out`; without it, Markdown and any report sent through a pipe go to stdout, and an HTML report asked for on
 * a terminal is written to the reports folder beside the history (private, like the history), and its path shown.
 */
export async function report(opts: ReportCommandOptions, deps: Deps): Promise<number> {
  const format = reportFormat(opts.format, opts.out);
  const now = deps.clock.wall();
  const from = reportFrom(opts.since ?? DEFAULT_SINCE, now);

  const { startProgress } = await import("../ui/progress.js");
  const progress = startProgress(deps, "Reading your history");
  let text: string;
  let sessionCount: number;
  try {
    const settings = await deps.loadSettings();
    const store = await deps.openHistory();
    // A day early: a session belongs to the day on its own clock, which may be behind this one.
    const [y, m, d] = from.split("-").map(Number) as [number, number, number];
    const { sessions, warnings } = await store.readSessions({ since: addDays(new Date(y, m - 1, d), -1) });
    for (const warning of warnings) deps.stderr.write(`${deps.errTheme.yellow("soothe: warning:")} ${warning}\n`);

    progress.update("Drawing the report");
    const { buildReport } = await import("../history/report.js");
    const records = await store.readRecords();
    const data = buildReport(
      sessions,
      { now, from, weeklyGoal: settings.weekly_goal, affectedSide: settings.affected_side },
      records,
    );
    const doses = await (await import("./programme.js")).reportDoses(deps);
    if (doses) data.doses = doses;
    sessionCount = data.totals.sessions;
    text =
      format === "md"
        ? (await import("../ui/report-markdown.js")).renderReportMarkdown(data)
        : (await import("../ui/report-html.js")).renderReportHtml(data);
  } finally {
    progress.stop();
  }

  let target = opts.out;
  if (target === undefined && format === "html" && deps.stdout.isTTY) {
    const { join } = await import("node:path");
    target = join(deps.paths.dataDir, "reports", `report-${dayKey(now)}.html`);
  }
  if (target === undefined) {
    deps.stdout.write(text);
    return 0;
  }
  await writeReport(target, text, opts.out === undefined);
  const what = sessionCount === 1 ? "1 session" : `${sessionCount} sessions`;
  deps.stdout.write(`Report (${what}) written to ${target}\n`);
  if (format === "html") deps.stdout.write("Open it in a browser to read or print it.\n");
  return 0;
}

/**
 * Writes a report (or a brief, `what`) readable only by its owner: it is health data. `makeFolder` for the default
 * reports folder.
 */
export async function writeReport(file: string, text: string, makeFolder: boolean, what = "report"): Promise<void> {
  const { mkdir, writeFile } = await import("node:fs/promises");
  const { dirname } = await import("node:path");
  try {
    if (makeFolder) await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    await writeFile(file, text, { mode: 0o600 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "its folder does not exist"
        : code === "EISDIR"
          ? "it is a folder"
          : code === "EACCES" || code === "EPERM"
            ? "permission denied"
            : code === "ENOSPC"
              ? "the disk is full"
              : (code ?? String(error));
    throw new UserError(`cannot write the ${what} to ${quote(file, 1000)}: ${why}; choose another place with --out FILE`, 1, { cause: error });
  }
}
