import type { Deps, Settings } from "../deps.js";
import { asciiOnly } from "../env.js";
import { UsageError } from "../errors.js";
import type { BriefPreferences } from "../history/brief.js";
import { parseSince } from "../history/query.js";
import { dayKey } from "../time.js";
import { quote } from "../text.js";

/** Options of `soothe brief`, as commander hands them over. */
export interface BriefCommandOptions {
  since?: string;
  format?: string;
  out?: string;
}

/** The period a brief covers when `--since` is not given. */
export const DEFAULT_BRIEF_SINCE = "30d";

/** `--format`: given, else from the extension of `--out` (.html, .md), else text. */
export function briefFormat(format: string | undefined, out: string | undefined): "text" | "md" | "html" {
  if (format !== undefined) {
    const f = format.trim().toLowerCase();
    if (f === "text" || f === "md" || f === "html") return f;
    if (f === "markdown") return "md";
    throw new UsageError(`--format takes text, md or html, got ${quote(format)}`);
  }
  if (out !== undefined && /\.html?$/i.test(out)) return "html";
  if (out !== undefined && /\.(md|markdown)$/i.test(out)) return "md";
  return "text";
}

/** The preference settings, as lists. */
export function briefPreferences(settings: Settings): BriefPreferences {
  const list = (text: string) => text.split(",").map((w) => w.trim()).filter((w) => w !== "");
  return {
    pressure: settings.pressure,
    techniques_liked: list(settings.techniques_liked),
    techniques_avoid: list(settings.techniques_avoid),
    focus_areas: list(settings.focus_areas),
    avoid_areas: list(settings.avoid_areas),
  };
}

/**
 * `soothe brief`: one page to read before an appointment or hand over, about the last 30 days (or `--since`). On a
 * terminal, the text version; `--format md|html` or `--out FILE` for the others (HTML is self-contained).
 */
export async function brief(opts: BriefCommandOptions, deps: Deps): Promise<number> {
  const format = briefFormat(opts.format, opts.out);
  const now = deps.clock.wall();
  const from = dayKey(parseSince(opts.since ?? DEFAULT_BRIEF_SINCE, now));
  const settings = await deps.loadSettings();
  const store = await deps.openHistory();
  const { sessions, warnings } = await store.readSessions();
  const records = await store.readRecords();
  // Both reads report the same damaged lines of the one file: say each once.
  for (const warning of new Set([...warnings, ...records.warnings])) deps.stderr.write(`${deps.errTheme.yellow("soothe: warning:")} ${warning}\n`);
  const { buildBrief } = await import("../history/brief.js");
  const data = buildBrief(
    { sessions, visits: records.visits, diary: records.diary },
    { now, from, affectedSide: settings.affected_side, preferences: briefPreferences(settings) },
  );
  const render = await import("../ui/brief-render.js");
  const width = deps.stdout.isTTY ? (deps.stdout.columns ?? 80) : 80;
  const text =
    format === "html"
      ? render.renderBriefHtml(data)
      : format === "md"
        ? render.renderBriefMarkdown(data)
        : render.renderBriefText(data, { ascii: asciiOnly(deps.env), width });
  if (opts.out === undefined) {
    deps.stdout.write(text);
    return 0;
  }
  const { writeReport } = await import("./report.js");
  await writeReport(opts.out, text, false, "brief");
  deps.stdout.write(`Brief written to ${opts.out}\n`);
  return 0;
}
