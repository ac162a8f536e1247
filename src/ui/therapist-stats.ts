import { SEE_DOCTOR_AFTER_WEEKS } from "../care/trend.js";
import type { TherapistStats } from "../history/techniques.js";
import { displayWidth, pad, wrap } from "../text.js";
import { shortDay } from "./report-text.js";
import type { Theme } from "./theme.js";

/** Said calmly on the stats page, the brief and the home screen when pain has not eased as expected [NHS-S]. */
export const SEE_DOCTOR_LINE =
  `Your pain has not eased by about a third since your first records, ${SEE_DOCTOR_AFTER_WEEKS} or more weeks ago. ` +
  "Most sciatica improves within 4 to 6 weeks, so it is a good time to see a doctor or physiotherapist about it.";


function table(headers: readonly string[], rows: string[][], numeric: string, theme: Theme): string[] {
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]!))));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === cells.length - 1 && numeric[i] !== "n" ? c : pad(c, widths[i]!, numeric[i] === "n" ? "right" : "left"))).join("  ");
  return [theme.bold(line(headers)), ...rows.map(line)];
}

/**
 * The part of `soothe stats` about visits and the diary: techniques compared as routines are, pain and sitting and
 * walking tolerance week by week, and the advice to see a doctor when the trend calls for it. Empty without records.
 */
export function renderTherapistStats(figures: TherapistStats, options: { theme: Theme; width: number; ascii: boolean }): string[] {
  const { theme } = options;
  const none = options.ascii ? "-" : "–";
  const change = (v: number | null) => (v === null ? none : v > 0 ? `+${v}` : String(v));
  const lines: string[] = [];
  if (figures.techniques.length > 0) {
    lines.push("", theme.bold("Techniques at your visits"), "");
    const rows = figures.techniques.map((t) => [
      t.technique,
      String(t.visits),
      change(t.avg_back_change),
      change(t.avg_leg_change),
      t.pain_visits > 0 ? `${t.meaningful} of ${t.pain_visits}` : none,
      change(t.next_day_back_change),
      change(t.next_day_leg_change),
    ]);
    lines.push(...table(["Technique", "Visits", "Back", "Leg", "Meaningful", "Next day back", "Next day leg"], rows, " nnnnnn", theme));
    lines.push(theme.dim("Change after minus before, lower is better; next day: the diary or check-in the day after."));
  }
  const weeks = figures.trend.weeks.slice(-8);
  if (weeks.length > 0) {
    lines.push("", theme.bold("Pain and what you can do, week by week"), "");
    const rows = weeks.map((w) => [
      shortDay(w.start, false),
      w.avg === null ? none : String(w.avg),
      String(w.readings),
      w.sitting_min === null ? none : `${w.sitting_min} min`,
      w.walking_min === null ? none : `${w.walking_min} min`,
    ]);
    lines.push(...table(["Week from", "Pain", "Readings", "Can sit", "Can walk"], rows, " nnnn", theme));
    lines.push(theme.dim("Pain: the worse of back and leg, from the diary and the check-ins before runs."));
  }
  if (figures.trend.see_doctor) lines.push("", ...wrap(SEE_DOCTOR_LINE, Math.min(80, options.width)).map((l) => theme.yellow(l)));
  return lines;
}
