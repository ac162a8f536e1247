import type { PainReport, Visit } from "../history/types.js";
import { cleanText, displayWidth, pad, truncate } from "../text.js";
import { longDay } from "./report-text.js";
import { CHOICE_WORDS } from "./record-questions.js";
import type { Theme } from "./theme.js";

/** Characters of an id shown in lists; `visit rm` takes any unique beginning of an id. */
export const SHORT_ID = 8;

/** The first characters of an id, enough to name it. */
export function shortId(id: string): string {
  return cleanText(id).slice(0, SHORT_ID);
}

/** "back 6→4, leg 7→5" ("6->4" with `ascii`): pain before and after, for the parts known on either side. */
export function painChangeText(before: PainReport | null, after: PainReport | null, ascii = false): string {
  const parts: string[] = [];
  for (const area of ["back", "leg"] as const) {
    const b = before?.[area] ?? null;
    const a = after?.[area] ?? null;
    if (b === null && a === null) continue;
    parts.push(`${area} ${b ?? "?"}${ascii ? "->" : "→"}${a ?? "?"}`);
  }
  return parts.join(", ");
}

/** "Massage therapist (Sam)": who the visit was with, in words. */
export function visitWho(visit: Pick<Visit, "kind" | "who">): string {
  const kind = visit.kind ? (CHOICE_WORDS[visit.kind] ?? visit.kind) : "";
  const who = visit.who ? cleanText(visit.who) : "";
  if (kind && who) return `${kind} (${who})`;
  return kind || who || "Visit";
}

/** One sentence about a visit just saved. */
export function visitSavedLine(visit: Visit, ascii = false): string {
  const details = [visit.techniques.join(", "), painChangeText(visit.pain_before, visit.pain_after, ascii)].filter(Boolean).join("; ");
  return `Saved: ${longDay(visit.date)}, ${visitWho(visit)}${details ? `: ${details}` : ""} (id ${shortId(visit.id)}).`;
}

const HEADERS = ["Id", "Date", "With", "Techniques", "Pain"] as const;
const WHO_WIDTH = 28;
const TECHNIQUES_WIDTH = 30;

/** The `visit list` table, newest first, a line a visit after a header; a note goes on a line of its own. */
export function renderVisitTable(visits: readonly Visit[], theme: Theme, ascii = false): string[] {
  const none = ascii ? "-" : "–";
  const cut = (text: string, width: number) => truncate(text, width, ascii ? "..." : "…");
  const rows = visits.map((v) => [
    shortId(v.id),
    longDay(v.date),
    cut(visitWho(v), WHO_WIDTH),
    cut(v.techniques.join(", ") || none, TECHNIQUES_WIDTH),
    painChangeText(v.pain_before, v.pain_after, ascii) || none,
  ]);
  const widths = HEADERS.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]!))));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i]!))).join("  ");
  const lines = [theme.bold(line(HEADERS))];
  visits.forEach((visit, i) => {
    lines.push(line(rows[i]!));
    if (visit.note) lines.push(theme.dim(`${" ".repeat(widths[0]! + 2)}${cut(cleanText(visit.note), 70)}`));
  });
  return lines;
}
