// Heat and cold: how long one application may last, how far apart two must be, the skin checks, the warning about
// a recent pack and the reminder before one. The numbers come from the sheet of sources (MPFT, GWENT, NEB, SH-ICE);
// validate, plan expansion and run all read them from here.

import { formatDuration } from "../routine/duration.js";
import type { Step, StepKind } from "../routine/types.js";

/** The kinds of step that put heat or cold on the skin. */
export type PackKind = "ice" | "heat";

/** True for the kinds of step that put heat or cold on the skin. */
export function isPackKind(kind: string): kind is PackKind {
  return kind === "ice" || kind === "heat";
}

/** One application of ice or heat is on the skin at most this long: 20 minutes [MPFT-C][NEB][SH-ICE]. */
export const MAX_PACK_S = 20 * 60;

/** Ice and heat of this length or more get a skin check when the routine gives none. */
export const DEFAULT_CHECK_FROM_S = 6 * 60;
/** When that default skin check comes, from the start of the application: 5 minutes [GWENT]. */
export const DEFAULT_CHECK_AT_S = 5 * 60;

/** A run warns when the last application of the same kind ended less than this long ago: 1 hour [GWENT]. */
export const RECENT_PACK_S = 60 * 60;

/** "20 minutes": a limit in whole minutes, for sentences. */
export function minutesWords(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  return `${minutes} ${minutes === 1 ? "minute" : "minutes"}`;
}

/** "a cold pack", "a warm pack", "cold or warm packs". */
export function packWords(kinds: readonly PackKind[]): string {
  const ice = kinds.includes("ice");
  const heat = kinds.includes("heat");
  if (ice && heat) return "cold and warm packs";
  return ice ? "a cold pack" : "a warm pack";
}

/**
 * The reminder before the first ice or heat segment of a run: a barrier, never on numb skin, and the conditions
 * that rule it out. One sentence a line.
 */
export function packReminder(kinds: readonly PackKind[]): string[] {
  const ice = kinds.includes("ice");
  const heat = kinds.includes("heat");
  const lines = [`This routine uses ${packWords(kinds)}.`];
  if (ice) lines.push("Wrap a cold pack in a damp towel: never put ice straight on your skin.");
  if (heat) lines.push("Wrap a warm pack in a towel, never use boiling water, and do not lie on it.");
  lines.push(
    "Never use heat or cold on numb skin: sciatica often dulls feeling, and you could be burnt or frozen without noticing.",
    "Leave it out, or ask a professional first, if you have numbness or less feeling for hot and cold there, " +
      "diabetes, or poor circulation (also nerve damage, a heart condition, a fever or infection, broken skin, " +
      "or a history of cancer).",
    "Never use a pack while asleep.",
  );
  return lines;
}

/** The question after the reminder, on a terminal. */
export function packQuestion(kinds: readonly PackKind[]): string {
  const what = kinds.length > 1 ? "the packs" : kinds[0] === "ice" ? "the cold pack" : "the warm pack";
  return `Use ${what} (towel in place, normal feeling in that skin)?`;
}

/** What a run says when the user answers no. */
export function packSkipped(kinds: readonly PackKind[]): string {
  const what = kinds.length > 1 ? "heat and cold" : kinds[0] === "ice" ? "cold" : "heat";
  return `Leaving out the ${what} steps in this run.`;
}

/** The note kept in history on a heat or cold segment left out after a "no". */
export const PACK_SKIPPED_NOTE = "left out: no heat or cold this time";

/**
 * A warning when the last application of `kind` ended less than an hour before `now`; null otherwise (or when
 * the time is in the future, as after a clock change).
 */
export function recentPackWarning(kind: PackKind, endedAt: Date, now: Date): string | null {
  const ago_s = (now.getTime() - endedAt.getTime()) / 1000;
  if (!(ago_s >= 0) || ago_s >= RECENT_PACK_S) return null;
  const minutes = Math.floor(ago_s / 60);
  const when = minutes < 1 ? "less than a minute ago" : minutes === 1 ? "1 minute ago" : `${minutes} minutes ago`;
  const what = kind === "ice" ? "cold pack" : "warm pack";
  return (
    `Your last ${what} ended ${when}. Give your skin time to come back to its normal colour, temperature and ` +
    "feeling first: leave at least an hour between applications."
  );
}

/** The kinds of heat and cold a plan uses, ice first. */
export function packKinds(segments: readonly { kind: string }[]): PackKind[] {
  const kinds: PackKind[] = [];
  if (segments.some((s) => s.kind === "ice")) kinds.push("ice");
  if (segments.some((s) => s.kind === "heat")) kinds.push("heat");
  return kinds;
}

/**
 * What a run leaves out after a "no" to heat and cold, by segment index with the note to keep: every ice and heat
 * segment, the rests that come straight after one (the break between packs), and a manual step just before one
 * (getting the pack ready). Transitions are left to the engine.
 */
export function packSegmentsToLeaveOut(segments: readonly { kind: string }[]): Map<number, string> {
  const out = new Map<number, string>();
  const realBefore = (i: number) => {
    for (let j = i - 1; j >= 0; j--) if (segments[j]!.kind !== "transition") return j;
    return -1;
  };
  segments.forEach((segment, i) => {
    if (!isPackKind(segment.kind)) return;
    out.set(i, PACK_SKIPPED_NOTE);
    const before = realBefore(i);
    if (before >= 0 && segments[before]!.kind === "manual") out.set(before, PACK_SKIPPED_NOTE);
  });
  segments.forEach((segment, i) => {
    if (segment.kind !== "rest" || out.has(i)) return;
    const before = realBefore(i);
    if (before >= 0 && out.has(before) && isPackKind(segments[before]!.kind)) out.set(i, PACK_SKIPPED_NOTE);
  });
  return new Map([...out].sort((a, b) => a[0] - b[0]));
}

/** True when something other than rests and manual steps is left to do once `leaveOut` is taken away. */
export function anythingLeft(segments: readonly { kind: string }[], leaveOut: ReadonlyMap<number, string>): boolean {
  return segments.some(
    (s, i) => !leaveOut.has(i) && s.kind !== "transition" && s.kind !== "rest" && s.kind !== "manual",
  );
}

/** Where a pack application follows another too soon: the step, its set, and the gap it leaves. */
export interface PackGap<S extends Step = Step> {
  step: S;
  set: number;
  kind: PackKind;
  /** Time between the end of the earlier application and the start of this one (0 or less: none). */
  gap_s: number;
  /** How long the earlier application lasted. */
  earlier_s: number;
}

/**
 * Finds where an ice or heat application follows another of the same kind on the same spot after a gap shorter
 * than that earlier application: the skin needs at least that long to come back to normal. `steps` are the steps
 * in the order a run does them (repeats unrolled). The gap is the time of the steps and rests in between;
 * transitions and manual steps count as no time. Applications on the left and right side are on different spots;
 * one without a side may be on either.
 */
export function findPackGaps<S extends Step>(steps: readonly S[]): PackGap<S>[] {
  interface Application {
    kind: StepKind;
    side: string | null;
    end_s: number;
    length_s: number;
  }
  const applications: Application[] = [];
  const found: PackGap<S>[] = [];
  let time = 0;
  for (const step of steps) {
    const sides: (string | null)[] =
      step.sides === undefined ? [null] : step.sides === "both" ? ["left", "right"] : [step.sides];
    const length_s = step.kind === "manual" ? 0 : (step.duration_s ?? 0);
    for (let set = 1; set <= step.sets; set++) {
      if (set > 1 && step.kind !== "rest") time += step.rest_s ?? 0;
      for (const side of sides) {
        if (isPackKind(step.kind)) {
          const kind = step.kind;
          const earlier = applications
            .filter((a) => a.kind === kind && (a.side === null || side === null || a.side === side))
            .at(-1);
          if (earlier && time - earlier.end_s < earlier.length_s) {
            found.push({ step, set, kind, gap_s: time - earlier.end_s, earlier_s: earlier.length_s });
          }
          applications.push({ kind, side, end_s: time + length_s, length_s });
        }
        time += length_s;
      }
    }
  }
  return found;
}

/** What `validate` says about a gap that is too short. */
export function packGapMessage(gap: PackGap): string {
  const what = gap.kind === "ice" ? "ice" : "heat";
  const between = gap.gap_s <= 0 ? "no time" : `only ${formatDuration(gap.gap_s)}`;
  const earlier = formatDuration(gap.earlier_s);
  return (
    `${between} between this ${what} application and the one before (${earlier}); ` +
    `leave at least ${earlier} between them, like rest: ${earlier}, so the skin can come back to normal first`
  );
}
