import { avoidIfLines } from "../care/avoid-if.js";
import { formatDuration } from "../routine/duration.js";
import type { Plan, Segment } from "../routine/types.js";
import { cleanText, displayWidth, pad, truncate, wrap } from "../text.js";

import type { Theme } from "./theme.js";

const MANUAL = "until done";

/** The narrowest a title gets before the table gives up a column or some space for it. */
const MIN_TITLE = 12;
/** Column indexes: #, kind, title, side, set, time. */
const KIND = 1;
const TITLE = 2;

/**
 * The plan as lines for `show` and `run --dry-run`: its name and total, a table of segments (number, kind, title,
 * side, set, time) and the notes. Fits `columns`: titles are shortened first, then the gaps narrow, then the kind
 * column goes (titles say "Next:" and "Switch sides" for transitions), and sentences wrap at words. Pure: no colour
 * unless the theme has it.
 */
export function renderPlan(plan: Plan, theme: Theme, columns = 80, options: { ascii?: boolean } = {}): string[] {
  const room = Math.max(1, columns - 1);
  // Text cut short ends in an ellipsis the terminal can show.
  const cut = (text: string, width: number) => truncate(text, width, options.ascii ? "..." : "…");
  const rows = plan.segments.map((segment, index) => ({ segment, cells: cellsOf(segment, index) }));
  const header = ["#", "kind", "title", "side", "set", "time"];
  const width = (i: number) => Math.max(displayWidth(header[i]!), ...rows.map((r) => displayWidth(r.cells[i]!)));
  const natural = header.map((_, i) => width(i));

  // The first layout that leaves the title its minimum; the last one (however narrow) otherwise.
  const layouts = [
    { gap: "  ", kind: true },
    { gap: " ", kind: true },
    { gap: "  ", kind: false },
    { gap: " ", kind: false },
  ];
  const titleRoom = (layout: (typeof layouts)[number]) => {
    const shown = header.map((_, i) => i).filter((i) => i !== TITLE && (layout.kind || i !== KIND));
    return room - shown.reduce((sum, i) => sum + natural[i]!, 0) - layout.gap.length * shown.length;
  };
  const layout = layouts.find((l) => titleRoom(l) >= MIN_TITLE) ?? layouts[layouts.length - 1]!;
  const widths = [...natural];
  // The title takes what the other columns leave, never more than it needs.
  widths[TITLE] = Math.max(1, Math.min(natural[TITLE]!, titleRoom(layout)));
  const columnsShown = header.map((_, i) => i).filter((i) => layout.kind || i !== KIND);

  const line = (cells: string[]) =>
    cut(
      columnsShown
        .map((i) => pad(cut(cells[i]!, widths[i]!), widths[i]!, i === 0 || i === 5 ? "right" : "left"))
        .join(layout.gap)
        .trimEnd(),
      room,
    );
  const text = (sentence: string) => wrap(sentence, room, { ellipsis: options.ascii ? "..." : "…" });

  const manual = plan.segments.filter((s) => s.duration_s === null).length;
  const leadIn = plan.lead_in_s > 0 ? `, plus ${formatDuration(plan.lead_in_s)} to get ready` : "";
  const steps = `${plan.steps} ${plan.steps === 1 ? "step" : "steps"}`;
  const out = [
    theme.bold(cut(cleanText(plan.name), room)),
    ...text(`Total ${formatDuration(plan.total_s)} in ${steps}${leadIn}.`),
    ...avoidIfBlock(plan, room, options.ascii ? "..." : "…").map((l) => theme.yellow(l)),
    "",
    theme.dim(line(header)),
  ];
  for (const { segment, cells } of rows) {
    const row = line(cells);
    out.push(segment.kind === "transition" ? theme.dim(row) : row);
  }
  if (manual > 0 || plan.notes.length > 0) out.push("");
  if (manual > 0) {
    out.push(
      ...text(
        manual === 1
          ? "1 segment has no timer: it lasts until you are done, and is not in the total."
          : `${manual} segments have no timer: they last until you are done, and are not in the total.`,
      ),
    );
  }
  for (const note of plan.notes) out.push(...text(cleanText(note)).map((l) => theme.yellow(l)));
  return out;
}

/**
 * A routine's avoid_if sentences (care/avoid-if) wrapped to `width`, each sentence's lines indented under its dash,
 * after a blank line; nothing when it gives none. Shared by `show`, `run --dry-run` and the start of a run.
 */
export function avoidIfBlock(routine: { avoid_if?: readonly string[] }, width: number, ellipsis = "…"): string[] {
  const lines = avoidIfLines(routine);
  if (lines.length === 0) return [];
  return [
    "",
    ...lines.flatMap((l, i) =>
      i === 0 ? wrap(cleanText(l), width, { ellipsis }) : wrap(cleanText(l.slice(2)), width, { first: "- ", rest: "  ", ellipsis }),
    ),
  ];
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
