import { closestMatches, quote } from "../text.js";
import { isMeaningfulDrop } from "./stats.js";
import { REACHES, type PainReport, type Reach } from "./types.js";

/** The anchors of the 0-10 scale, said the same way every time. */
export const SCALE_ANCHORS = "0 no pain, 10 worst imaginable";

const PARTS = ["back", "leg", "reach"] as const;
const EXAMPLE = '"back=6,leg=7,reach=thigh"';

/**
 * A check-in given as text, like `back=6,leg=7,reach=thigh` (`--pain-before`, `--pain-after`). Any part may be
 * left out; what is left out is null. Returns the report, or a message saying what is wrong and how to write it.
 */
export function parsePainLevels(text: string): PainReport | string {
  const report: PainReport = { back: null, leg: null, reach: null };
  const parts = text.split(",").map((part) => part.trim());
  if (parts.every((part) => part === "")) {
    return `it is empty; give one or more of back, leg and reach, like ${EXAMPLE}`;
  }
  const seen = new Set<string>();
  for (const part of parts) {
    if (part === "") continue;
    const equals = part.indexOf("=");
    if (equals === -1) {
      return `${quote(part)} has no value; write each part as name=value, like ${EXAMPLE}`;
    }
    const name = part.slice(0, equals).trim().toLowerCase();
    const value = part.slice(equals + 1).trim();
    if (!(PARTS as readonly string[]).includes(name)) {
      const [near] = closestMatches(name, PARTS, 1);
      const hint = near ? ` (did you mean "${near}"?)` : "";
      return `unknown part ${quote(name)}${hint}; the parts are back, leg and reach, like ${EXAMPLE}`;
    }
    if (seen.has(name)) return `${quote(name)} is given twice; give each part once`;
    seen.add(name);
    if (name === "reach") {
      const word = value.toLowerCase();
      if (!(REACHES as readonly string[]).includes(word)) {
        const [near] = closestMatches(word, REACHES, 1);
        const hint = near ? ` (did you mean "${near}"?)` : "";
        return `reach ${quote(value)} is not a place${hint}; use one of ${REACHES.join(", ")}`;
      }
      report.reach = word as Reach;
      continue;
    }
    if (!/^\d+$/.test(value) || Number(value) > 10) {
      return `${name} ${quote(value)} is not a level; use a whole number from 0 to 10 (${SCALE_ANCHORS})`;
    }
    report[name as "back" | "leg"] = Number(value);
  }
  return report;
}

/** True when a check-in holds no answer at all. */
export function isEmptyPain(report: PainReport | null | undefined): boolean {
  return !report || (report.back === null && report.leg === null && report.reach === null);
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
