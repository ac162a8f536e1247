import { closestMatches, quote } from "../text.js";
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
