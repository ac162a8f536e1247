import { EMERGENCY_SIGNS, SAFETY_SOURCES, SEE_A_DOCTOR, URGENT_SIGNS } from "../safety.js";
import { displayWidth } from "../text.js";
import type { Theme } from "./theme.js";

/** How to draw the safety page. */
export interface SafetyViewOptions {
  theme: Theme;
  ascii: boolean;
  columns: number;
  /** List the sources (`soothe safety`); the first-run screen points to that command instead, to fit a screen. */
  sources?: boolean;
}

/**
 * The red flags and when to see a doctor, with the sources: what `soothe safety` prints and what the first run
 * shows. Pure; lines wrapped to `columns` (at most 80).
 */
export function renderSafety(options: SafetyViewOptions): string[] {
  const { theme } = options;
  const width = Math.max(30, Math.min(80, options.columns));
  const bullet = options.ascii ? "- " : "• ";
  const list = (items: readonly string[]) => items.flatMap((item) => wrap(item, width, bullet, "  "));
  const heading = (text: string, style: (s: string) => string) => wrap(text, width).map((line) => style(line));
  const lines = [
    ...heading("Call emergency services or go to an emergency department now if you have:", theme.red.bold),
    ...list(EMERGENCY_SIGNS),
    "",
    ...heading("Get urgent advice the same day (your doctor or a helpline) for back pain:", theme.yellow.bold),
    ...list(URGENT_SIGNS),
    "",
    ...heading("See a doctor about your sciatica if:", theme.bold),
    ...list(SEE_A_DOCTOR),
    "",
    ...wrap(
      "soothe is not medical advice and diagnoses nothing. Stop a step if pain gets sharper or spreads further down your leg.",
      width,
    ),
  ];
  if (options.sources) {
    lines.push("", theme.dim("Sources:"), ...SAFETY_SOURCES.map((s) => theme.dim(`  ${s.key} ${s.url}`)));
  }
  return lines;
}

/** `text` wrapped at spaces to `width` columns; the first line starts with `first`, the rest with `rest`. */
export function wrap(text: string, width: number, first = "", rest = ""): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = empty ? line + word : `${line} ${word}`;
    if (!empty && displayWidth(candidate) > width) {
      lines.push(line);
      line = rest + word;
    } else {
      line = candidate;
    }
    empty = false;
  }
  if (!empty) lines.push(line);
  return lines;
}
