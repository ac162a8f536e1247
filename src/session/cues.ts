import { isPackKind, skinCheckWords } from "../care/heat-cold.js";
import type { Segment, SegmentKind, Side } from "../routine/types.js";

// The words a session says, in one place so that the live screen and the plain output say the same things.
// Titles come from routine files: callers clean them (cleanText) before they reach a terminal.

/** "Left side". */
export function sideLabel(side: Side): string {
  return side === "left" ? "Left side" : "Right side";
}

/** A heading for a segment's kind, e.g. "Stretch", "Ice"; a manual step is "At your own pace". */
export function kindLabel(kind: SegmentKind): string {
  switch (kind) {
    case "stretch":
      return "Stretch";
    case "exercise":
      return "Exercise";
    case "massage":
      return "Massage";
    case "ice":
      return "Ice";
    case "heat":
      return "Heat";
    case "breathe":
      return "Breathe";
    case "rest":
      return "Rest";
    case "manual":
      return "At your own pace";
    case "transition":
      return "Get ready";
  }
}

/** "Set 2 of 3", or null when a step has one set. */
export function setLabel(segment: Segment): string | null {
  return segment.set !== null && segment.sets > 1 ? `Set ${segment.set} of ${segment.sets}` : null;
}

/**
 * Reps: "Rep 3 of 10" on a timed step with a tempo while it runs (counted from the seconds done; `elapsed_s` null
 * when it has not started), "10 reps" otherwise; null when the step has no reps.
 */
export function repLabel(segment: Segment, elapsed_s: number | null): string | null {
  if (segment.reps === null) return null;
  if (elapsed_s !== null && segment.tempo_s !== null && segment.tempo_s > 0 && segment.duration_s !== null) {
    const rep = Math.min(segment.reps, Math.floor(elapsed_s / segment.tempo_s) + 1);
    return `Rep ${rep} of ${segment.reps}`;
  }
  return `${segment.reps} reps`;
}

/** "Breathe in" or "Breathe out" at this moment of a paced breathing segment; null otherwise. */
export function breathLabel(segment: Segment, elapsed_s: number): string | null {
  const inhale = segment.inhale_s;
  const exhale = segment.exhale_s;
  if (inhale === null || exhale === null || inhale + exhale <= 0) return null;
  const at = elapsed_s % (inhale + exhale);
  return at < inhale ? `Breathe in · ${inhale}s` : `Breathe out · ${exhale}s`;
}

/** A segment in a few words: "Knee to chest (left, set 1 of 3)"; `extra` adds to the brackets. */
export function segmentName(
  segment: { side: Side | null; set: number | null; sets?: number },
  title: string,
  withSet = true,
  extra: string[] = [],
): string {
  const parts: string[] = [];
  if (segment.side) parts.push(segment.side);
  const sets = segment.sets ?? 1;
  if (withSet && segment.set !== null && sets > 1) parts.push(`set ${segment.set} of ${sets}`);
  parts.push(...extra);
  return parts.length > 0 ? `${title} (${parts.join(", ")})` : title;
}

export const SWITCH_SIDES = "Switch sides";
export const HALFWAY = "Halfway";
export const GET_READY = "Get ready";
export const PAUSED = "Paused";
export const LAST_ONE = "Last one.";

/** The short reason of a record's note: "needs a person" of "needs a person: run with a terminal ...". */
export function noteReason(note: string | undefined): string[] {
  return note ? [note.split(":")[0]!.trim()] : [];
}

/** Said at a step marked as hurting in the last session of the same routine. */
export const HURT_LAST_TIME = "This step hurt last time: go gently, or skip it.";

/** "Next: Knee to chest (right)". */
export function nextPhrase(segment: Segment, title: string): string {
  return `Next: ${segmentName(segment, title, false)}`;
}

/** The skin-check reminder of ice and heat, in care/'s words: feel the skin, and numbness under heat. */
export function checkPhrase(kind: SegmentKind): string {
  return isPackKind(kind) ? skinCheckWords(kind) : "";
}
