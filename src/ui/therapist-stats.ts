import { MEANINGFUL_RULE } from "../care/pain-change.js";
import { SEE_DOCTOR_AFTER_WEEKS } from "../care/trend.js";
import type { TechniqueStats, TherapistStats } from "../history/techniques.js";
import { displayWidth, pad, wrap } from "../text.js";
import { shortDay } from "./report-text.js";
import type { Theme } from "./theme.js";

/** Said calmly on the stats page, the brief and the home screen when pain has not eased as expected [NHS-S]. */
export const SEE_DOCTOR_LINE =
  `Your pain has not eased by about a third since your first records, ${SEE_DOCTOR_AFTER_WEEKS} or more weeks ago. ` +
  "Most sciatica improves within 4 to 6 weeks, so it is a good time to see a doctor or physiotherapist about it.";

/** How to draw: the width to fit (the terminal's, or 80), colours, and ASCII only where needed. */
export interface TherapistStatsStyle {
  theme: Theme;
  width: number;
  ascii: boolean;
}

/** A table as lines, or null when it is wider than `width`; `numeric` marks right-aligned columns with "n". */
function table(headers: readonly string[], rows: string[][], numeric: string, style: TherapistStatsStyle): string[] | null {
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]!))));
  if (widths.reduce((a, b) => a + b, 0) + 2 * (headers.length - 1) > style.width) return null;
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 && numeric[i] !== "n" ? c : pad(c, widths[i]!, numeric[i] === "n" ? "right" : "left")))
      .join("  ");
  return [style.theme.bold(line(headers)), ...rows.map(line)];
}

/**
 * The part of `soothe stats` about visits and the diary: techniques compared as routines are, pain and sitting and
 * walking tolerance week by week, and the advice to see a doctor when the trend calls for it. Fitted to the width:
 * a table where it fits, else a line an item. Empty without records.
 */
export function renderTherapistStats(figures: TherapistStats, style: TherapistStatsStyle): string[] {
  const lines: string[] = [];
  const note = (text: string) => wrap(text, style.width).map((l) => style.theme.dim(l));
  if (figures.techniques.length > 0) {
    lines.push("", style.theme.bold("Techniques at your visits"), "", ...techniquesBlock(figures.techniques, style));
    lines.push(...note(`Change: after minus before, lower is better. Meaningful: ${MEANINGFUL_RULE}. Next day: the diary or check-in the day after.`));
  }
  const weeks = figures.trend.weeks.slice(-8);
  if (weeks.length > 0) {
    lines.push("", style.theme.bold("Pain and what you can do, by week"), "", ...weeksBlock(weeks, style));
    lines.push(...note("Pain: the worse of back and leg, from the diary and the check-ins before runs."));
  }
  if (figures.trend.see_doctor) lines.push("", ...wrap(SEE_DOCTOR_LINE, Math.min(80, style.width)).map((l) => style.theme.yellow(l)));
  return lines;
}

function techniquesBlock(techniques: readonly TechniqueStats[], style: TherapistStatsStyle): string[] {
  const none = style.ascii ? "-" : "–";
  const change = (v: number | null) => (v === null ? none : v > 0 ? `+${v}` : String(v));
  const rows = techniques.map((t) => [
    t.technique,
    String(t.visits),
    change(t.avg_back_change),
    change(t.avg_leg_change),
    t.pain_visits > 0 ? `${t.meaningful} of ${t.pain_visits}` : none,
    change(t.next_day_back_change),
    change(t.next_day_leg_change),
  ]);
  const wide = table(["Technique", "Visits", "Back", "Leg", "Meaningful", "Next day back", "Next day leg"], rows, " nnnnnn", style);
  if (wide) return wide;
  return techniques.flatMap((t, i) => {
    const r = rows[i]!;
    const text = `${t.technique}: ${r[1]} visit${t.visits === 1 ? "" : "s"}; back ${r[2]}, leg ${r[3]}; meaningful ${r[4]}; next day back ${r[5]}, leg ${r[6]}`;
    return wrap(text, style.width, { rest: "  " });
  });
}

function weeksBlock(weeks: TherapistStats["trend"]["weeks"], style: TherapistStatsStyle): string[] {
  const none = style.ascii ? "-" : "–";
  const cells = (short: boolean) =>
    weeks.map((w) => [
      shortDay(w.start, false),
      w.avg === null ? none : String(w.avg),
      String(w.readings),
      w.sitting_min === null ? none : short ? `${w.sitting_min}m` : `${w.sitting_min} min`,
      w.walking_min === null ? none : short ? `${w.walking_min}m` : `${w.walking_min} min`,
    ]);
  return (
    table(["Week from", "Pain", "Readings", "Can sit", "Can walk"], cells(false), " nnnn", style) ??
    table(["Week", "Pain", "N", "Sit", "Walk"], cells(true), " nnnn", style) ??
    cells(true).map((r) => `${r[0]}: pain ${r[1]} (${r[2]}), sit ${r[3]}, walk ${r[4]}`)
  );
}
