// Visits and the diary in the clinician's report: the rows both formats lay out, as plain text (each format escapes
// by its own rule). Pure.
import type { ReportRecords } from "../history/report-records.js";
import { redFlagWords } from "./diary-view.js";
import { longDay, shortDay } from "./report-text.js";
import { painChangeText, visitWho } from "./visit-view.js";

/** Headers of the visits table. */
export const VISIT_HEADERS = ["Date", "With", "Techniques", "Areas", "Pressure", "Minutes", "Pain before → after", "Note"];

/** One row a visit, oldest first. */
export function visitRows(data: ReportRecords): string[][] {
  return data.visits.map((v) => [
    longDay(v.date),
    visitWho(v),
    v.techniques.join(", ") || "–",
    v.areas.join(", ") || "–",
    v.pressure ?? "–",
    v.minutes === null ? "–" : String(v.minutes),
    painChangeText(v.pain_before, v.pain_after) || "–",
    v.note ?? "",
  ]);
}

/** Headers of the tolerance table. */
export const TOLERANCE_HEADERS = ["Week from Monday", "Can sit", "Can walk"];

/** Sitting and walking tolerance, a row a week with diary values. */
export function toleranceRows(data: ReportRecords): string[][] {
  const minutes = (n: number | null) => (n === null ? "–" : `${n} min`);
  return data.tolerance.map((w) => [shortDay(w.start), minutes(w.sitting_min), minutes(w.walking_min)]);
}

/** "Mon 30 Nov 2026: new trouble peeing, …", a line a diary day with an emergency sign. */
export function redFlagLines(data: ReportRecords): string[] {
  return data.red_flags.map((f) => `${longDay(f.date)}: ${redFlagWords(f.signs)}`);
}
