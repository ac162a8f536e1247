import { EMERGENCY_SIGNS, SAFETY_SOURCES, SEE_A_DOCTOR, URGENT_SIGNS } from "../care/red-flags.js";
import { wrap } from "../text.js";
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
  const ellipsis = options.ascii ? "..." : "…";
  const list = (items: readonly string[]) => items.flatMap((item) => wrap(item, width, { first: bullet, rest: "  ", ellipsis }));
  const heading = (text: string, style: (s: string) => string) => wrap(text, width, { ellipsis }).map((line) => style(line));
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
      { ellipsis },
    ),
  ];
  if (options.sources) {
    lines.push("", theme.dim("Sources:"), ...SAFETY_SOURCES.map((s) => theme.dim(`  ${s.key} ${s.url}`)));
  }
  return lines;
}
