import { doseWords, type DoseChange } from "../care/progression.js";
import { dayInWords } from "../time.js";
import type { StepDose, Today, TodayDose } from "../programme/today.js";
import type { Frequency, Programme } from "../programme/types.js";
import { cleanText } from "../text.js";
import type { Theme } from "./color.js";

/** "3 times a day", "5 days a week", "on mon, wed, fri". */
export function frequencyWords(frequency: Frequency): string {
  if ("per_day" in frequency) return frequency.per_day === 1 ? "once a day" : `${frequency.per_day} times a day`;
  if ("per_week" in frequency) return frequency.per_week === 1 ? "once a week" : `${frequency.per_week} days a week`;
  return `on ${frequency.days.join(", ")}`;
}

/** "Sciatic nerve glide: 7 reps, up from 6: three calm sessions since 2 December". */
export function doseLine(dose: TodayDose): string {
  const unit = dose.reps !== undefined ? "reps" : "hold_s";
  const now = doseWords(dose.reps ?? dose.hold_s ?? 0, unit);
  const step = cleanText(dose.step);
  if (dose.change === "same") return `${step}: ${now} (${dose.reason})`;
  return `${step}: ${now}, ${dose.change} from ${doseWords(dose.previous, unit).replace(/ reps?$| hold$/, "")}: ${dose.reason}`;
}

/** `soothe today` as lines. Pure. */
export function renderToday(today: Today, t: Theme): string[] {
  const lines = [t.bold(`${cleanText(today.programme)}: ${dayInWords(today.date)}`)];
  if (today.not_started) lines.push("The programme has not started yet.");
  for (const item of today.items) {
    const mark = item.due === 0 ? "-" : item.done >= item.due ? "✓" : " ";
    const due = item.due === 0 ? "not due today" : `${item.done} of ${item.due} done`;
    lines.push(`  [${mark}] ${item.routine}: ${due}${item.done > item.due && item.due > 0 ? " (more than due)" : ""}`);
  }
  if (today.doses.length > 0) {
    lines.push("", "Doses today:");
    for (const dose of today.doses) lines.push(`  ${doseLine(dose)}`);
  }
  lines.push("");
  if (today.days_since_last === null) lines.push("No session of this programme yet.");
  else if (today.days_since_last === 0) lines.push("Last session: today.");
  else lines.push(`Last session: ${today.days_since_last === 1 ? "yesterday" : `${today.days_since_last} days ago`}.`);
  if (today.review_near !== null) {
    const past = today.review_near < today.date;
    lines.push(`${past ? "The review was due on" : "Review with whoever prescribed it on"} ${dayInWords(today.review_near)}${past ? "; set a new programme after it" : ""}.`);
  }
  return lines;
}

/** `soothe programme show` as lines: the file's fields, then each progressed step's dose over time. Pure. */
export function renderProgramme(programme: Programme, doses: readonly StepDose[], t: Theme): string[] {
  const lines = [t.bold(cleanText(programme.name))];
  if (programme.prescribed_by) lines.push(`Prescribed by ${cleanText(programme.prescribed_by)}`);
  lines.push(`From ${dayInWords(programme.start)} ${programme.start.slice(0, 4)}${programme.review ? `, review on ${dayInWords(programme.review)} ${programme.review.slice(0, 4)}` : ""}`);
  lines.push("", "Routines:");
  for (const r of programme.routines) lines.push(`  ${r.routine}: ${frequencyWords(r.frequency)}`);
  for (const { rule, dose, history } of doses) {
    const { from, to, step, every_days: every } = rule.dose;
    const unit = rule.dose.unit;
    lines.push("", `${cleanText(rule.step)} (${rule.routine}): ${doseWords(from, unit)} up to ${doseWords(to, unit)}, ${doseWords(step, unit).replace(/ hold$/, "")} at a time, at most every ${every === 1 ? "day" : `${every} days`}`);
    lines.push(`  today: ${doseLine(dose)}`);
    for (const change of history) lines.push(`  ${historyLine(change, unit)}`);
  }
  return lines;
}

function historyLine(change: DoseChange, unit: "reps" | "hold_s"): string {
  return `${change.date}  ${doseWords(change.dose, unit).padEnd(10)} ${change.reason}`;
}
