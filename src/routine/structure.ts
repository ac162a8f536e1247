import { formatDuration } from "./duration.js";
import { MAX_SEGMENTS, countSegments, isTooLarge } from "./plan.js";
import type { Routine, RoutineStep } from "./types.js";
import { formatCount } from "./yaml-check.js";

// Limits on a routine's structure, past which a file is a mistake or an attack rather than a routine: how many
// steps are checked, how deep repeat groups nest, how long one segment lasts, and how large the whole plan is.
// (Limits on the file itself, before it is parsed, are in file-size.ts and yaml-check.ts.)

/** Most steps checked in one file, counting each use of an alias; far above any real routine. */
export const MAX_STEP_NODES = 20_000;
/** Deepest nesting of repeat groups. */
export const MAX_REPEAT_DEPTH = 8;
export { MAX_SEGMENT_S } from "./duration.js";

/**
 * Why a routine's plan would be too large, counted without expanding it, and the step to point at: the top-level
 * step where it becomes so, or inside it the most deeply nested repeat group that is too large on its own. Null when
 * it is within the limits. Transitions are left out of the count: they depend on settings, and the limits are
 * there to stop runaway repeats.
 */
export function planTooLarge(routine: Routine): { step: RoutineStep; message: string } | null {
  let segments = 0;
  let secs = 0;
  for (const step of routine.steps) {
    const size = countSegments({ steps: [step] }, 0);
    segments += size.segments;
    secs += size.seconds;
    if (isTooLarge({ segments, seconds: secs })) {
      const what =
        segments > MAX_SEGMENTS
          ? `${formatCount(segments)} segments (at most ${formatCount(MAX_SEGMENTS)})`
          : `${formatDuration(secs)} (at most 24h)`;
      return { step: tooLargeWithin(step), message: `routine too long: it comes to ${what}; lower a repeat count or sets` };
    }
  }
  return null;
}

/** The most deeply nested repeat group in `step` (itself included) whose plan alone is too large; else `step`. */
function tooLargeWithin(step: RoutineStep): RoutineStep {
  let current = step;
  for (;;) {
    if (current.kind !== "repeat") return current;
    const inner = current.steps.find((s) => isTooLarge(countSegments({ steps: [s] }, 0)));
    if (!inner) return current;
    current = inner;
  }
}
