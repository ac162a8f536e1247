// Heat and cold: how long one application may last, how far apart two must be, the skin checks, the warning about
// a recent pack and the reminder before one. The numbers come from the sheet of sources (MPFT, GWENT, NEB, SH-ICE);
// validate, plan expansion and run all read them from here.

import { formatDuration } from "../routine/duration.js";
import type { Step } from "../routine/types.js";

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
  if (heat) {
    lines.push(
      "Wrap a warm pack in a towel, never use boiling water, and do not lie on it.",
      "No heat on a fresh injury (under 6 weeks old) or in the first days of a flare: use cold then, if anything.",
    );
  }
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
 * A pack counts as applied, for the warning about a recent one, only once it was on the skin this long: a pack
 * skipped after a few seconds has not cooled or warmed the skin.
 */
export const MIN_APPLICATION_S = 60;

/** Whether a recorded segment put heat or cold on the skin long enough to count as an application. */
export function countsAsApplication(segment: { kind: string; active_s: number }): boolean {
  return isPackKind(segment.kind) && segment.active_s >= MIN_APPLICATION_S;
}

/**
 * A warning when the last application of `kind` ended less than RECENT_PACK_S before `now`; null otherwise (or
 * when the time is in the future, as after a clock change). Under MIN_PACK_GAP_S it asks to wait, as the routines
 * themselves do between two packs; after that, to check that the skin has come back to normal.
 */
export function recentPackWarning(kind: PackKind, endedAt: Date, now: Date): string | null {
  const ago_s = (now.getTime() - endedAt.getTime()) / 1000;
  if (!(ago_s >= 0) || ago_s >= RECENT_PACK_S) return null;
  const minutes = Math.floor(ago_s / 60);
  const when = minutes < 1 ? "less than a minute ago" : minutes === 1 ? "1 minute ago" : `${minutes} minutes ago`;
  const what = kind === "ice" ? "cold pack" : "warm pack";
  const normal = "its normal colour, warmth and feeling";
  if (ago_s < MIN_PACK_GAP_S) {
    return (
      `Your last ${what} ended ${when}. Leave at least ${minutesWords(MIN_PACK_GAP_S)} between two packs, hot or ` +
      `cold: wait until then before the first pack of this routine, and until your skin has ${normal} again.`
    );
  }
  return `Your last ${what} ended ${when}. Before the next pack, check that your skin has ${normal} again.`;
}

/**
 * The skin check during ice or heat, shown, rung and spoken: feel the skin (under a pack it cannot be seen), and
 * under heat ask about numbness, as numb skin burns without warning [NHS-S][GWENT][MPFT-C/H].
 */
export function skinCheckWords(kind: PackKind): string {
  const feel = "Skin check: slide a hand under the pack and feel your skin.";
  return kind === "heat"
    ? `${feel} Does it feel numb, or can you hardly feel the warmth? Then take the pack off now: numb skin can burn without hurting. Take it off too if it feels too hot or sore.`
    : `${feel} Take the pack off if it feels numb, burning or painful.`;
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

/**
 * Between the end of one application and the start of the next at least this long passes: 20 minutes [NEB], of
 * either kind, as heat and cold act on the same skin. Routines keep it; validate refuses one that does not.
 */
export const MIN_PACK_GAP_S = 20 * 60;

/** Where a pack application follows another on the same skin too soon. */
export interface PackGap<S extends Step = Step> {
  /** The step of the application that comes too soon, and its set. */
  step: S;
  set: number;
  kind: PackKind;
  /** The step and set of the application before it. */
  earlier: S;
  earlierSet: number;
  earlierKind: PackKind;
  /** Time between the end of the earlier application and the start of this one (0: none). */
  gap_s: number;
}

interface Application<S> {
  step: S;
  set: number;
  kind: PackKind;
  side: string | null;
  end_s: number;
}

/**
 * Every application of ice or heat that starts less than MIN_PACK_GAP_S after the one before it on the same skin,
 * of either kind. `steps` are the steps in the order a run does them (repeats unrolled), so sets of one step,
 * rounds of a repeat and steps after one another are all checked on the plan's own order. The gap is the time of
 * the steps and rests in between; transitions and manual steps count as no time (their length is not known).
 * Applications on the left and right side are on different skin; one without a side may be on either.
 */
export function findPackGaps<S extends Step>(steps: readonly S[]): PackGap<S>[] {
  const applications: Application<S>[] = [];
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
          const earlier = applications.findLast((a) => a.side === null || side === null || a.side === side);
          if (earlier && time - earlier.end_s < MIN_PACK_GAP_S) {
            found.push({
              step,
              set,
              kind: step.kind,
              earlier: earlier.step,
              earlierSet: earlier.set,
              earlierKind: earlier.kind,
              gap_s: Math.max(0, time - earlier.end_s),
            });
          }
          applications.push({ step, set, kind: step.kind, side, end_s: time + length_s });
        }
        time += length_s;
      }
    }
  }
  return found;
}

/**
 * What `validate` says about a gap that is too short, at the step that comes too soon (or its `rest` between
 * sets). `earlierLine` is the line of the earlier step when it is another step.
 */
export function packGapMessage(gap: PackGap, earlierLine?: number): string {
  const between = gap.gap_s <= 0 ? "no time" : `only ${formatDuration(gap.gap_s)}`;
  const least = formatDuration(MIN_PACK_GAP_S);
  const rule = `leave at least ${least} between two packs, hot or cold, so the skin can come back to normal`;
  if (gap.step === gap.earlier && gap.set !== gap.earlierSet) {
    return `${between} between two sets of this ${gap.kind}; ${rule}: make the rest between sets ${least} or more`;
  }
  if (gap.step === gap.earlier) {
    return `${between} between this ${gap.kind} and the same ${gap.kind} in the round before; ${rule}: make the rest between rounds ${least} or more`;
  }
  const round = earlierLine !== undefined && gap.step.line !== undefined && earlierLine > gap.step.line;
  const where = earlierLine === undefined ? "" : ` (line ${earlierLine}${round ? ", in the round before" : ""})`;
  return `${between} between this ${gap.kind} and the ${gap.earlierKind} before it${where}; ${rule}: put a rest of ${least} or more between them`;
}

/**
 * How much longer a pack may stay on the skin once it has been on for `spent_s` seconds in this application: what
 * is left of MAX_PACK_S, never below 0 [sheet: defaults for the tool]. Null for a step that is not heat or cold.
 * A run never lets `+` or going back (`b`) take a pack past it.
 */
export function packTimeLeft(kind: string, spent_s: number): number | null {
  if (!isPackKind(kind)) return null;
  return Math.max(0, MAX_PACK_S - spent_s);
}

/** Why a run gave a pack less time than asked: after `+` at the limit, or going back into a pack already on. */
export function packLimitWords(kind: PackKind, reason: "add" | "back"): string {
  const pack = kind === "ice" ? "A cold pack" : "A warm pack";
  const limit = minutesWords(MAX_PACK_S);
  return reason === "add"
    ? `${pack} stays on your skin ${limit} at most, to protect it: no more time can be added.`
    : `${pack} stays on your skin ${limit} at most, to protect it: this one was on already, so it gets only what is left.`;
}
