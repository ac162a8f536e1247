// How much of a session was done, and whether it counts toward streaks and the weekly goal. A run that reached its
// end with most of its exercise skipped is not called complete and does not keep a streak going: the numbers would
// otherwise praise a session that did not happen.

/** A session counts when at least this share of its planned exercise time was done. */
export const MOSTLY_DONE_SHARE = 0.5;

/** How sessions are counted, in words, for `stats --json` and the README. */
export const COUNTING_RULE =
  "A session counts toward streaks and the weekly goal when it reached its end with at least half of its planned " +
  "exercise time done (rests, manual steps and transitions are not exercise time).";

/** What the rule needs of a segment: its kind, its planned seconds (null when manual) and the seconds spent. */
export interface EffortSegment {
  kind: string;
  planned_s: number | null;
  active_s: number;
}

/** True for a segment whose time is exercise time: timed, and not a rest or transition. */
function isExercise(segment: EffortSegment): segment is EffortSegment & { planned_s: number } {
  return segment.kind !== "rest" && segment.kind !== "transition" && segment.kind !== "manual" && (segment.planned_s ?? 0) > 0;
}

/**
 * Planned and done exercise seconds: each exercise segment's time done counts up to its plan, so that time added
 * with `+` on one step does not make up for steps skipped.
 */
export function exerciseTime(segments: readonly EffortSegment[]): { planned_s: number; done_s: number } {
  let planned_s = 0;
  let done_s = 0;
  for (const segment of segments) {
    if (!isExercise(segment)) continue;
    planned_s += segment.planned_s;
    done_s += Math.min(Math.max(0, segment.active_s), segment.planned_s);
  }
  return { planned_s, done_s };
}

/**
 * True when at least half of the planned exercise time was done. A session without timed exercise (only manual
 * steps and rests, or one imported without its segments) has nothing to measure, and is mostly done.
 */
export function mostlyDone(segments: readonly EffortSegment[]): boolean {
  const { planned_s, done_s } = exerciseTime(segments);
  return planned_s <= 0 || done_s >= planned_s * MOSTLY_DONE_SHARE - 1e-9;
}

/** Whether a session counts toward streaks and the weekly goal: it reached its end, mostly done. */
export function countsTowardGoal(session: { status: string; segments: readonly EffortSegment[] }): boolean {
  return session.status === "completed" && mostlyDone(session.segments);
}
