// How pain changed around a session: when a drop is meaningful, and when pain has spread further down the leg. The
// run summary, stats and the report all decide through these functions [FARRAR][OSTELO][IMMPACT][MBJ][VW-C].

import { REACHES, type PainReport, type Reach } from "../history/types.js";

/**
 * A drop that matters to the person: at least 2 points or at least 30 % of where it started
 * (Farrar et al. 2001; Ostelo et al. 2008).
 */
export function isMeaningfulDrop(before: number, after: number): boolean {
  const drop = before - after;
  if (drop <= 0) return false;
  return drop >= 2 || drop / before >= 0.3 - 1e-9;
}

/**
 * Whether pain reached further down the leg after than before (peripheralisation, a sign to ease off):
 * true when it did, false when it reached as far or less, null when either reach is unknown.
 */
export function spreadOf(before: PainReport | null, after: PainReport | null): boolean | null {
  if (!before?.reach || !after?.reach) return null;
  return REACHES.indexOf(after.reach) > REACHES.indexOf(before.reach);
}

/** How one pain level changed, for the end of a run. */
export interface LevelChange {
  area: "back" | "leg";
  before: number;
  after: number;
  /** A drop of at least 2 points or 30 %. */
  meaningful: boolean;
}

/** The change in back or leg pain, or null when either answer is missing. */
function levelChange(
  before: PainReport | null,
  after: PainReport | null,
  area: "back" | "leg",
): LevelChange | null {
  const b = before?.[area];
  const a = after?.[area];
  if (typeof b !== "number" || typeof a !== "number") return null;
  return { area, before: b, after: a, meaningful: isMeaningfulDrop(b, a) };
}

/**
 * The change in pain after a run, in plain words, one sentence a line: each level with its change (a drop of 2
 * points or 30 % called meaningful), then how far down the leg it reaches, with advice to ease off when it spread.
 * Empty when there is nothing to compare.
 */
export function describePainChange(before: PainReport | null, after: PainReport | null): string[] {
  const lines: string[] = [];
  for (const area of ["back", "leg"] as const) {
    const change = levelChange(before, after, area);
    if (change) lines.push(levelSentence(change));
  }
  const from = before?.reach ?? null;
  const to = after?.reach ?? null;
  if (from !== null && to !== null) {
    const delta = REACHES.indexOf(to) - REACHES.indexOf(from);
    if (delta > 0) {
      lines.push(
        `Your pain spread further down the leg (${reachWords(from)} before, ${reachWords(to)} now). ` +
          "That is a sign to ease off this routine: do less of it, or leave out the steps that brought this on, " +
          "and see a doctor if it keeps spreading.",
      );
    } else if (delta < 0) {
      lines.push(
        `Your pain reaches less far down the leg (${reachWords(from)} before, ${reachWords(to)} now): ` +
          "pain moving back toward the spine is a good sign.",
      );
    } else if (to === "none") {
      lines.push("Still no pain anywhere, as before.");
    } else {
      lines.push(`Your pain reaches as far as before (${reachWords(to)}).`);
    }
  }
  return lines;
}

function levelSentence(c: LevelChange): string {
  const area = c.area === "back" ? "Back pain" : "Leg pain";
  const drop = c.before - c.after;
  const points = (n: number) => `${n} ${n === 1 ? "point" : "points"}`;
  if (drop === 0) return `${area} stayed at ${c.after}.`;
  const moved = `${area} went from ${c.before} to ${c.after}`;
  if (drop < 0) return `${moved}: up ${points(-drop)}. If it stays higher, ease off this routine.`;
  const percent = Math.round((drop / c.before) * 100);
  return `${moved}: down ${points(drop)} (${percent} %), ${c.meaningful ? "a meaningful drop" : "a small change"}.`;
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
