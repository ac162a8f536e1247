// When a routine is not for you: its `avoid_if:` sentences, said the same way by show, the home menu and the start
// of every run. A routine that says it is not for a flare or a fresh injury must say so before it starts, not only
// in a description that may not be read.

/** The heading above a routine's avoid_if sentences. */
export const AVOID_IF_HEADING = "Leave this routine out:";

/**
 * A routine's avoid_if sentences as lines to show before it starts: the heading, then one "- sentence" a line.
 * Empty when the routine gives none. The sentences are already cleaned of control characters by parsing; callers
 * wrap the lines to their width.
 */
export function avoidIfLines(routine: { avoid_if?: readonly string[] }): string[] {
  const sentences = (routine.avoid_if ?? []).map((s) => s.trim()).filter((s) => s !== "");
  if (sentences.length === 0) return [];
  return [AVOID_IF_HEADING, ...sentences.map((s) => `- ${s}`)];
}

/** The same in one line, for a one-line preview such as the home menu's: "Leave this routine out: during a flare; ..." */
export function avoidIfSummary(routine: { avoid_if?: readonly string[] }): string | null {
  const sentences = (routine.avoid_if ?? []).map((s) => s.trim().replace(/\.$/, "")).filter((s) => s !== "");
  if (sentences.length === 0) return null;
  return `${AVOID_IF_HEADING} ${sentences.join("; ")}.`;
}
