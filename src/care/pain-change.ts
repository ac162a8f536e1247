// How pain changed around a session: how big a drop is, and whether pain spread further down the leg. The run
// summary, stats and the report all decide through these functions, so they never disagree
// [FARRAR][OSTELO][IMMPACT][MBJ][VW-C].

import { REACHES, type PainReport, type Reach } from "../history/types.js";

/** A meaningful drop is at least this many points on the 0-10 scale [FARRAR][OSTELO]... */
export const MEANINGFUL_DROP_POINTS = 2;
/** ...and at least this share of where it started [FARRAR][IMMPACT]. */
export const MEANINGFUL_DROP_SHARE = 0.3;
/** A drop of this share or more, short of meaningful, is a small change (10-20 % minimal [IMMPACT]). */
export const SMALL_DROP_SHARE = 0.1;

/** The rule in words, for legends: "at least 2 points and at least 30 %". */
export const MEANINGFUL_RULE = `at least ${MEANINGFUL_DROP_POINTS} points and at least ${Math.round(MEANINGFUL_DROP_SHARE * 100)} %`;

/** What a meaningful drop means, said wherever one is counted: a guide over weeks, not a verdict on one session. */
export const MEANINGFUL_NOTE =
  `A meaningful drop is ${MEANINGFUL_RULE}: the size of change people usually notice over weeks. ` +
  "One session is not a verdict.";

/** How big a change in one pain level is. */
export type DropSize = "meaningful" | "small" | "minimal" | "same" | "worse";

/**
 * The size of a change from `before` to `after` (0-10): "meaningful" needs both MEANINGFUL_DROP_POINTS and
 * MEANINGFUL_DROP_SHARE (so 1 -> 0 and 10 -> 8 are not); "small" is any other drop of SMALL_DROP_SHARE or more;
 * "minimal" a smaller drop; "same" no change; "worse" a rise.
 */
export function dropSize(before: number, after: number): DropSize {
  const drop = before - after;
  if (drop < 0) return "worse";
  if (drop === 0) return "same";
  const share = drop / before;
  // A hair of tolerance, so that 10 -> 7 is exactly 30 % whatever the floating point says.
  if (drop >= MEANINGFUL_DROP_POINTS - 1e-9 && share >= MEANINGFUL_DROP_SHARE - 1e-9) return "meaningful";
  return share >= SMALL_DROP_SHARE - 1e-9 ? "small" : "minimal";
}

/** True for a drop that matters to the person: both 2 points and 30 % (see {@link dropSize}). */
export function isMeaningfulDrop(before: number, after: number): boolean {
  return dropSize(before, after) === "meaningful";
}

/** Pain spreads only when it reaches the buttock or beyond: back pain alone is not pain down the leg. */
const LEG_FROM = REACHES.indexOf("buttock");

/**
 * Whether pain reached further down the leg after than before (peripheralisation, a sign to ease off): true when
 * it now reaches the buttock or beyond and further than before, false otherwise (none -> back only is not a
 * spread), null when either reach is unknown.
 */
export function spreadOf(before: PainReport | null, after: PainReport | null): boolean | null {
  if (!before?.reach || !after?.reach) return null;
  const from = REACHES.indexOf(before.reach);
  const to = REACHES.indexOf(after.reach);
  return to > from && to >= LEG_FROM;
}

/** How one pain level changed, for the end of a run. */
export interface LevelChange {
  area: "back" | "leg";
  before: number;
  after: number;
  size: DropSize;
}

/** The change in back or leg pain, or null when either answer is missing. */
function levelChange(before: PainReport | null, after: PainReport | null, area: "back" | "leg"): LevelChange | null {
  const b = before?.[area];
  const a = after?.[area];
  if (typeof b !== "number" || typeof a !== "number") return null;
  return { area, before: b, after: a, size: dropSize(b, a) };
}

/**
 * The change in pain after a run, in plain words, one sentence a line: each level with the size of its change,
 * what a meaningful drop means when pain went down, then how far down the leg it reaches, with advice to ease off
 * when it spread. Empty when there is nothing to compare.
 */
export function describePainChange(before: PainReport | null, after: PainReport | null): string[] {
  const changes = (["back", "leg"] as const).flatMap((area) => levelChange(before, after, area) ?? []);
  const lines = changes.map(levelSentence);
  if (changes.some((c) => c.before > c.after)) lines.push(MEANINGFUL_NOTE);
  const reach = reachSentence(before?.reach ?? null, after?.reach ?? null);
  if (reach) lines.push(reach);
  return lines;
}

function reachSentence(from: Reach | null, to: Reach | null): string | null {
  if (from === null || to === null) return null;
  const both = `(${reachWords(from)} before, ${reachWords(to)} now)`;
  if (spreadOf({ back: null, leg: null, reach: from }, { back: null, leg: null, reach: to })) {
    return (
      `Your pain spread further down the leg ${both}. ` +
      "That is a sign to ease off this routine: do less of it, or leave out the steps that brought this on, " +
      "and see a doctor if it keeps spreading."
    );
  }
  const delta = REACHES.indexOf(to) - REACHES.indexOf(from);
  if (delta > 0) return "You have some back pain now, where there was none before; it does not reach your leg.";
  if (delta < 0) return `Your pain reaches less far down the leg ${both}: pain moving back toward the spine is a good sign.`;
  return to === "none" ? "Still no pain anywhere, as before." : `Your pain reaches as far as before (${reachWords(to)}).`;
}

const SIZE_WORDS: Record<"meaningful" | "small" | "minimal", string> = {
  meaningful: "a meaningful drop",
  small: "a small change",
  minimal: "a very small change",
};

function levelSentence(c: LevelChange): string {
  const area = c.area === "back" ? "Back pain" : "Leg pain";
  const drop = c.before - c.after;
  const points = (n: number) => `${n} ${n === 1 ? "point" : "points"}`;
  if (c.size === "same") return `${area} stayed at ${c.after}.`;
  const moved = `${area} went from ${c.before} to ${c.after}`;
  if (c.size === "worse") return `${moved}: up ${points(-drop)}. If it stays higher, ease off this routine.`;
  const percent = Math.round((drop / c.before) * 100);
  return `${moved}: down ${points(drop)} (${percent} %), ${SIZE_WORDS[c.size]}.`;
}

/** How far pain reaches, in words: "no pain", "back only", "to the thigh". */
function reachWords(reach: Reach): string {
  switch (reach) {
    case "none":
      return "no pain";
    case "back":
      return "back only";
    default:
      return `to the ${reach}`;
  }
}
