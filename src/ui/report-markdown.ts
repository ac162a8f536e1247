import { MEANINGFUL_RULE } from "../care/pain-change.js";
import { doseWords } from "../care/progression.js";
import type { ReportData, ReportDoses } from "../history/report.js";
import { cleanText } from "../text.js";
import {
  DISCLAIMER,
  REPORT_TITLE,
  activeTime,
  change,
  generatedText,
  goalText,
  spreadText,
  level,
  longDay,
  periodText,
  shortDay,
  sideAndSet,
  summaryLines,
} from "./report-text.js";
import { TOLERANCE_HEADERS, VISIT_HEADERS, redFlagLines, toleranceRows, visitRows } from "./report-records.js";

/**
 * Text from the history made safe for Markdown: control characters and line breaks out, and a backslash only where
 * the text would otherwise become markup (emphasis, code, a link, a table cell's end, an HTML tag or an entity), so
 * that the report still reads well pasted into a plain message: "salt & pepper", "a > b", "back_pain" stay as they
 * are, "<b>" becomes "\<b>" and "&amp;" "\&amp;". The text then shows as written in any CommonMark or
 * GitHub-flavoured reader. Line starts (`#`, `-`, `>`) need nothing: history text never begins a line here.
 */
export function escapeMarkdown(text: string): string {
  return cleanText(text)
    .replace(/\\(?=[!-/:-@[-`{-~]|$)/g, "\\\\")
    .replace(/[`*|~[]/g, "\\$&")
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, "\\_")
    .replace(/<(?=[A-Za-z/!?])/g, "\\<")
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, "\\&");
}

/**
 * The report in Markdown, for pasting into a message or an email: the same summary, weeks, routines, events and
 * notes as the HTML page, without the chart and the list of every session.
 */
export function renderReportMarkdown(data: ReportData): string {
  const lines: string[] = [];
  lines.push(`# ${REPORT_TITLE}`, "");
  lines.push(`Period: **${periodText(data)}**. Made on ${generatedText(data.generated)}.`, "");
  lines.push("## Summary", "");
  for (const line of summaryLines(data)) lines.push(`- ${line}`);
  lines.push("");

  if (data.totals.sessions > 0) {
    lines.push("## Sessions by week", "");
    lines.push(`| Week from Monday | Sessions | Completed | Active | Goal (${data.goal}) | Back before | Leg before |`);
    lines.push("|---|--:|--:|--:|---|--:|--:|");
    for (const w of data.weeks) {
      const goal = goalText(w);
      lines.push(
        `| ${shortDay(w.start)} | ${w.sessions} | ${w.completed} | ${activeTime(w.active_s)} | ${goal} | ${level(w.avg_back_before)} | ${level(w.avg_leg_before)} |`,
      );
    }
    lines.push("", "Back and leg: average pain before the week's sessions, 0-10.", "");

    lines.push("## Routines and how pain changed", "");
    lines.push("| Routine | Sessions | Completed | Back change | Leg change | Meaningful drops | Pain spread after |");
    lines.push("|---|--:|--:|--:|--:|--:|--:|");
    for (const r of data.routines) {
      const meaningful = r.pain_sessions > 0 ? `${r.meaningful} of ${r.pain_sessions}` : "–";
      lines.push(
        `| ${escapeMarkdown(r.name.trim() || r.id)} | ${r.sessions} | ${r.completed} | ${change(r.avg_back_change)} | ${change(r.avg_leg_change)} | ${meaningful} | ${spreadText(r)} |`,
      );
    }
    lines.push("", `What helped most first. Change: average of after minus before, lower is better. Meaningful: a drop of ${MEANINGFUL_RULE}.`, "");
  }

  lines.push(...recordsMarkdown(data));

  lines.push("## Pain that spread further down the leg", "");
  if (data.spread.length === 0) lines.push("None recorded.");
  for (const s of data.spread) lines.push(`- ${longDay(s.day)} ${s.time}, ${escapeMarkdown(s.routine)}: ${s.before} → ${s.after}`);
  lines.push("");

  lines.push("## “This hurts”, pressed during a step", "");
  if (data.hurts.length === 0) lines.push("None recorded.");
  for (const h of data.hurts) {
    const where = sideAndSet(h.side, h.set);
    lines.push(`- ${longDay(h.day)} ${h.time}, ${escapeMarkdown(h.routine)}: ${escapeMarkdown(h.step)}${where ? ` (${where})` : ""}`);
  }
  lines.push("");

  if (data.doses) lines.push(...dosesMarkdown(data.doses));

  lines.push("## Notes", "");
  if (data.notes.length === 0) lines.push("No notes in this period.");
  for (const n of data.notes) lines.push(`- ${longDay(n.day)} ${n.time}, ${escapeMarkdown(n.routine)}: ${escapeMarkdown(n.text)}`);
  lines.push("");

  lines.push("---", "", `_${DISCLAIMER}_`, "");
  return lines.join("\n");
}

/** The programme's progressed steps, each with its dose over time. */
function dosesMarkdown(doses: ReportDoses): string[] {
  const lines = [`## Doses in the programme “${escapeMarkdown(doses.programme)}”`, ""];
  for (const step of doses.steps) {
    lines.push(`**${escapeMarkdown(step.step)}** (${escapeMarkdown(step.routine)})`, "", "| Day | Dose | Why |", "|---|--:|---|");
    for (const h of step.history) lines.push(`| ${longDay(h.date)} | ${doseWords(h.dose, step.unit)} | ${escapeMarkdown(h.reason)} |`);
    lines.push("");
  }
  return lines;
}

/** Visits, sitting and walking, and emergency signs from the diary. */
function recordsMarkdown(data: ReportData): string[] {
  const lines: string[] = ["## Visits to professionals", ""];
  const row = (cells: string[]) => `| ${cells.map(escapeMarkdown).join(" | ")} |`;
  if (data.visits.length === 0) lines.push("No visits recorded in this period.");
  else lines.push(row(VISIT_HEADERS), `|${VISIT_HEADERS.map(() => "---").join("|")}|`, ...visitRows(data).map(row));
  lines.push("", "## Sitting and walking", "");
  if (data.tolerance.length === 0) lines.push("No sitting or walking times in the diary for this period.");
  else lines.push(row(TOLERANCE_HEADERS), "|---|--:|--:|", ...toleranceRows(data).map(row));
  lines.push("");
  if (data.red_flags.length > 0) {
    lines.push("## Emergency signs noted in the diary", "", ...redFlagLines(data).map((l) => `- ${escapeMarkdown(l)}`), "");
  }
  return lines;
}
