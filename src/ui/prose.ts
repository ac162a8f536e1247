// Sentences around a run (before and after it), kept to one readable width.
import { EMERGENCY_SIGNS } from "../care/red-flags.js";
import type { Deps } from "../deps.js";
import { asciiOnly } from "../env.js";
import { wrap } from "../text.js";

/** Columns for sentences around a run: the terminal's, kept to 30-80 so that lines stay easy to read. */
export function proseWidth(deps: Pick<Deps, "stdout">): number {
  return Math.max(30, Math.min(80, deps.stdout.columns ?? 80));
}

/** The emergency signs in short: the heading of the safety page and its five signs, one a line. */
export function emergencyLines(deps: Pick<Deps, "stdout" | "env" | "theme">): string[] {
  const width = proseWidth(deps);
  const bullet = asciiOnly(deps.env) ? "- " : "• ";
  return [
    ...wrap("Call emergency services or go to an emergency department now if you have:", width).map((l) => deps.theme.red.bold(l)),
    ...EMERGENCY_SIGNS.flatMap((sign) => wrap(sign, width, { first: bullet, rest: "  " })),
  ];
}
