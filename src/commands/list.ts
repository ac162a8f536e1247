import { join } from "node:path";
import type { Deps } from "../deps.js";
import { settingsForDisplay } from "../settings.js";
import { formatProblem } from "../errors.js";
import { type RoutineEntry, listRoutines } from "../routine/catalog.js";
import { formatDuration } from "../routine/duration.js";
import { cleanText, displayWidth, pad, toJson, truncate } from "../text.js";
import type { Theme } from "../ui/theme.js";

/**
 * `soothe list`: every routine (user routines shadow built-ins) as a table, or (`json`) the documented array.
 * A routine file with problems is reported on stderr and left out; the others are still listed.
 */
export async function list(opts: { json?: boolean; ids?: boolean }, deps: Deps): Promise<number> {
  if (opts.ids) {
    // For completion scripts: every id, broken files included, without parsing anything.
    const { routineIds } = await import("../routine/user-routines.js");
    const ids = await routineIds(deps.paths);
    deps.stdout.write(ids.map((id) => `${id}\n`).join(""));
    return 0;
  }
  const entries = await routinesToShow(deps);

  if (opts.json) {
    deps.stdout.write(`${toJson(entries)}\n`);
    return 0;
  }
  if (entries.length === 0) {
    deps.stdout.write(`No routines found. Put routine files (.yaml) in ${deps.paths.routinesDir}\n`);
    return 0;
  }
  // Through a pipe there is no width to fit: every tag is written whole.
  const columns = deps.stdout.isTTY ? (deps.stdout.columns ?? 80) : Number.POSITIVE_INFINITY;
  deps.stdout.write(`${renderRoutineTable(entries, deps.theme, columns).join("\n")}\n`);
  return 0;
}

/**
 * Every routine with its total time at the current settings, through the routine cache; files with problems are
 * reported on stderr and left out. Shared by `list` and the home menu, so both show the same routines and times.
 */
export async function routinesToShow(deps: Deps): Promise<RoutineEntry[]> {
  const settings = await settingsForDisplay(deps);
  const { entries, problems } = await listRoutines(deps.paths, {
    plan: { leadIn_s: settings.lead_in, transition_s: settings.transition },
    cacheFile: join(deps.paths.dataDir, "routine-cache.json"),
  });
  for (const problem of problems) deps.stderr.write(`${formatProblem(problem)}\n`);
  const broken = new Set(problems.filter((p) => p.severity === "error").map((p) => p.file)).size;
  if (broken > 0) {
    const files = broken === 1 ? "1 routine file has problems and is" : `${broken} routine files have problems and are`;
    deps.stderr.write(
      `${deps.errTheme.yellow("soothe: warning:")} ${files} not listed; check with: soothe validate <file>\n`,
    );
  }
  return entries;
}

const HEADERS = ["id", "name", "source", "time", "tags"];

/** The routines as a table: id, name, source, total time and tags, fitted to `columns`. Pure. */
export function renderRoutineTable(entries: RoutineEntry[], theme: Theme, columns = 80): string[] {
  const rows = entries.map((e) => [
    cleanText(e.id),
    cleanText(e.name),
    e.source,
    formatDuration(e.total_s),
    e.tags.map(cleanText).join(", "),
  ]);
  const tags = entries.map((e) => e.tags.map(cleanText));
  const widths = HEADERS.map((header, i) => Math.max(displayWidth(header), ...rows.map((r) => displayWidth(r[i]!))));
  widths[0] = Math.min(widths[0]!, 32);
  widths[1] = Math.min(widths[1]!, 36);
  // Tags take what is left; they are cut first when the terminal is narrow.
  const fixed = widths.slice(0, 4).reduce((a, b) => a + b, 0) + 2 * 4;
  widths[4] = Math.max(4, Math.min(widths[4]!, columns - 1 - fixed));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => pad(truncate(cell, widths[i]!), widths[i]!, i === 3 ? "right" : "left"))
      .join("  ")
      .trimEnd();
  return [theme.dim(line(HEADERS)), ...rows.map((row, r) => line([...row.slice(0, 4), fitTags(tags[r]!, widths[4]!)]))];
}

/** Tags joined by commas, as many whole ones as fit in `width`, then "…" (a tag is never cut in the middle). */
export function fitTags(tags: readonly string[], width: number): string {
  const all = tags.join(", ");
  if (displayWidth(all) <= width) return all;
  for (let n = tags.length - 1; n > 0; n--) {
    const some = `${tags.slice(0, n).join(", ")}, …`;
    if (displayWidth(some) <= width) return some;
  }
  return truncate(all, width);
}
