import { emergencySigns } from "../care/diary-flags.js";
import type { DiaryEntry } from "../history/types.js";
import { cleanText, displayWidth, pad, truncate } from "../text.js";
import { longDay } from "./report-text.js";
import type { Theme } from "./theme.js";

/** "back 5, leg 6 (thigh)": pain now, in short. */
export function diaryPainText(entry: Pick<DiaryEntry, "pain">, none = "–"): string {
  const p = entry.pain;
  if (!p) return none;
  const levels = [p.back !== null ? `back ${p.back}` : "", p.leg !== null ? `leg ${p.leg}` : ""].filter(Boolean).join(", ");
  const reach = p.reach !== null ? `(${p.reach})` : "";
  return [levels, reach].filter(Boolean).join(" ") || none;
}

/** "tingling some, numbness a-lot": the symptoms that are not none, or "none". */
export function symptomsText(entry: Pick<DiaryEntry, "tingling" | "numbness" | "weakness">, none = "–"): string {
  const parts = (["tingling", "numbness", "weakness"] as const)
    .filter((k) => entry[k] !== null && entry[k] !== "none")
    .map((k) => `${k} ${entry[k]!}`);
  if (parts.length > 0) return parts.join(", ");
  return [entry.tingling, entry.numbness, entry.weakness].some((v) => v === "none") ? "none" : none;
}

/** The emergency signs kept with an entry, in words. */
export function redFlagWords(ids: readonly string[]): string {
  const signs = emergencySigns();
  return ids.map((id) => signs.find((s) => s.id === id)?.text ?? cleanText(id)).join("; ");
}


/** One sentence about an entry just saved. */
export function diarySavedLine(entry: DiaryEntry): string {
  return `Saved the diary for ${longDay(entry.date)}: ${diaryPainText(entry)}.`;
}

const HEADERS = ["Date", "Pain now", "Worst", "Symptoms", "Sit", "Walk", "Sleep"] as const;

/** The `diary list` table, newest first; a note and any emergency sign on lines of their own. */
export function renderDiaryTable(entries: readonly DiaryEntry[], theme: Theme, ascii = false): string[] {
  const none = ascii ? "-" : "–";
  const cut = (text: string, width: number) => truncate(text, width, ascii ? "..." : "…");
  const minutes = (n: number | null) => (n === null ? none : `${n} min`);
  const worst = (w: DiaryEntry["worst"]) =>
    (w && [w.back !== null ? `back ${w.back}` : "", w.leg !== null ? `leg ${w.leg}` : ""].filter(Boolean).join(", ")) || none;
  const rows = entries.map((e) => [
    longDay(e.date),
    diaryPainText(e, none),
    worst(e.worst),
    cut(symptomsText(e, none), 34),
    minutes(e.sitting_min),
    minutes(e.walking_min),
    e.sleep ?? none,
  ]);
  const widths = HEADERS.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]!))));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i]!))).join("  ");
  const lines = [theme.bold(line(HEADERS))];
  entries.forEach((entry, i) => {
    lines.push(line(rows[i]!));
    if (entry.red_flags.length > 0) lines.push(theme.red(`  emergency sign noted: ${redFlagWords(entry.red_flags)}`));
    if (entry.note) lines.push(theme.dim(`  ${cut(cleanText(entry.note), 76)}`));
  });
  return lines;
}
