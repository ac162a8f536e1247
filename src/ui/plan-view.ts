import { formatDuration } from "../routine/duration.js";
import type { Plan, Segment } from "../routine/types.js";
import { cleanText, displayWidth, pad, truncate } from "../text.js";
import type { Theme } from "./theme.js";

const MANUAL = "until done";
const GAP = "  ";

/**
 * The plan as lines for `show` and `run --dry-run`: its name and total, a table of segments (number, kind, title,
 * side, set, time) and the notes. Fits `columns` by shortening titles. Pure: no colour unless the theme has it.
 */
export function renderPlan(plan: Plan, theme: Theme, columns = 80): string[] {
  const rows = plan.segments.map((segment, index) => ({ segment, cells: cellsOf(segment, index) }));
  const header = ["#", "kind", "title", "side", "set", "time"];
  const width = (i: number) => Math.max(displayWidth(header[i]!), ...rows.map((r) => displayWidth(r.cells[i]!)));
  const widths = header.map((_, i) => width(i));
  // The title takes what the other columns leave, but never less than 12 columns nor more than it needs.
  const others = widths.reduce((sum, w, i) => (i === 2 ? sum : sum + w), 0) + GAP.length * (header.length - 1);
  widths[2] = Math.max(12, Math.min(widths[2]!, columns - 1 - others));

  const line = (cells: string[]) =>
    cells
      .map((cell, i) => pad(truncate(cell, widths[i]!), widths[i]!, i === 0 || i === 5 ? "right" : "left"))
      .join(GAP)
      .trimEnd();

  const manual = plan.segments.filter((s) => s.duration_s === null).length;
  const leadIn = plan.lead_in_s > 0 ? `, plus ${formatDuration(plan.lead_in_s)} to get ready` : "";
  const steps = `${plan.steps} ${plan.steps === 1 ? "step" : "steps"}`;
  const out = [
    theme.bold(truncate(cleanText(plan.name), columns)),
    `Total ${formatDuration(plan.total_s)} in ${steps}${leadIn}.`,
    "",
    theme.dim(line(header)),
  ];
  for (const { segment, cells } of rows) {
    const text = line(cells);
    out.push(segment.kind === "transition" ? theme.dim(text) : text);
  }
  if (manual > 0 || plan.notes.length > 0) out.push("");
  if (manual > 0) {
    out.push(
      manual === 1
        ? "1 segment has no timer: it lasts until you are done, and is not in the total."
        : `${manual} segments have no timer: they last until you are done, and are not in the total.`,
    );
  }
  for (const note of plan.notes) out.push(theme.yellow(cleanText(note)));
  return out;
}

function cellsOf(segment: Segment, index: number): string[] {
  return [
    String(index + 1),
    segment.kind,
    cleanText(segment.title),
    segment.side ?? "",
    segment.set === null || segment.sets <= 1 ? "" : `${segment.set}/${segment.sets}`,
    segment.duration_s === null ? MANUAL : formatDuration(segment.duration_s),
  ];
}
