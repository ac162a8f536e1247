import type { PainReport } from "../history/types.js";

/**
 * Pain at or above this, back or leg, in the check-in before a run calls for a reminder of the emergency signs and
 * the offer of a gentler routine: the upper part of the severe band (7-10) of the 0-10 scale [CPA].
 */
export const HIGH_PAIN = 8;

/** The tag of the built-in routines meant for a flare, offered when pain is high. */
export const FLARE_TAG = "flare";

/** Whether a check-in gives pain of HIGH_PAIN or more in the back or the leg. */
export function isHighPain(report: PainReport | null): boolean {
  if (!report) return false;
  return (report.back ?? 0) >= HIGH_PAIN || (report.leg ?? 0) >= HIGH_PAIN;
}

/** The first line the run says before a session started with high pain. */
export function highPainWords(report: PainReport): string {
  const leg = report.leg ?? 0;
  const back = report.back ?? 0;
  const where = leg >= back ? "leg" : "back";
  return `Your ${where} pain is ${Math.max(leg, back)} out of 10. With pain this bad, check these emergency signs first:`;
}
