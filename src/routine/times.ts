import { formatDuration } from "./duration.js";
import type { Plan } from "./types.js";

/**
 * The times of a plan, defined once for every screen (`list`, `show`, the run, its summary, `history --json`):
 * - `total_s`: every timed segment, transitions and rests included; the lead-in and manual segments left out. This
 *   is "the time" of a routine wherever one is shown, and a session's `planned_s`.
 * - `lead_in_s`: the get-ready time before the first step, never in the total; shown as "plus 5s to get ready".
 * - `steps_s`: the total without transitions (and without segments a run leaves out): the time in steps and
 *   rests. A session's time done (`active_s`) counts neither transitions nor the lead-in, so this is what time done
 *   is compared with, and it is labelled "in steps and rests", never "planned". (Not care/effort.ts's "exercise
 *   time", which leaves rests out too.)
 */
export interface PlanTimes {
  total_s: number;
  lead_in_s: number;
  /** Seconds in transitions between segments. */
  transitions_s: number;
  steps_s: number;
  /** Segments without a timer (manual steps), which no figure counts. */
  manual: number;
}

/** The times of `plan`; `leftOut` holds the indexes of segments a run leaves out (they count in no figure). */
export function planTimes(plan: Pick<Plan, "segments" | "lead_in_s">, leftOut: ReadonlySet<number> = new Set()): PlanTimes {
  let total_s = 0;
  let transitions_s = 0;
  let manual = 0;
  plan.segments.forEach((segment, i) => {
    if (leftOut.has(i)) return;
    if (segment.duration_s === null) manual++;
    total_s += segment.duration_s ?? 0;
    if (segment.kind === "transition") transitions_s += segment.duration_s ?? 0;
  });
  return { total_s, lead_in_s: plan.lead_in_s, transitions_s, steps_s: total_s - transitions_s, manual };
}

/** "5m22s, plus 5s to get ready": the total with the lead-in labelled as such (just the total when there is none). */
export function totalWithLeadIn(times: Pick<PlanTimes, "total_s" | "lead_in_s">): string {
  const leadIn = times.lead_in_s > 0 ? `, plus ${formatDuration(times.lead_in_s)} to get ready` : "";
  return `${formatDuration(times.total_s)}${leadIn}`;
}
