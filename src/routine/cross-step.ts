import { findPackGaps, packGapMessage } from "../care/heat-cold.js";
import { unroll } from "./plan.js";
import type { Routine, RoutineStep, Step } from "./types.js";

// Rules that look across steps rather than at one: today, ice or heat applied again too soon after the last one
// (the rule itself lives in care/heat-cold; this finds where to say it).

/** Where the steps of a parsed routine stand in its file: each step, and the rest between the sets of a step. */
export interface StepPlaces {
  step: WeakMap<RoutineStep, number>;
  rest: WeakMap<Step, number>;
}

/**
 * Errors where an ice or heat application follows another on the same skin too soon, found on the order the plan
 * would follow: at the step that comes too soon, or at its rest between sets when the gap is between two of its own
 * sets. One error a place: a repeat would otherwise say it once a round.
 */
export function packGapErrors(routine: Routine, places: StepPlaces): { offset: number; message: string }[] {
  const reported = new Set<number>();
  const errors: { offset: number; message: string }[] = [];
  for (const gap of findPackGaps(unroll(routine.steps))) {
    const at = gap.set > 1 ? (places.rest.get(gap.step) ?? places.step.get(gap.step)) : places.step.get(gap.step);
    const offset = at ?? 0;
    if (reported.has(offset)) continue;
    reported.add(offset);
    errors.push({ offset, message: packGapMessage(gap, gap.earlier.line) });
  }
  return errors;
}
