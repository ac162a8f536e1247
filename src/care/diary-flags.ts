// When the symptom diary goes through the emergency signs, and the names it keeps for them. A diary entry asks about
// them only when the person asks, or when an answer points that way: numbness or weakness "a lot", or leg pain in
// both legs [NHS-S][GIRFT]. The signs' words are those of the safety screen (red-flags.ts).

import type { SymptomLevel } from "../history/types.js";
import { EMERGENCY_SIGNS } from "./red-flags.js";

/** Names kept in a diary entry's `red_flags`, one for each of EMERGENCY_SIGNS, in the same order. */
export const EMERGENCY_SIGN_IDS = ["both-legs", "both-legs-weak-numb", "saddle-numbness", "bladder", "bowel"] as const;
export type EmergencySignId = (typeof EMERGENCY_SIGN_IDS)[number];

/** What to do when any emergency sign is present. */
export const EMERGENCY_ADVICE = "Call emergency services or go to an emergency department now. Do not wait to see if it passes.";

/** The emergency signs with their names. */
export function emergencySigns(): { id: EmergencySignId; text: string }[] {
  return EMERGENCY_SIGN_IDS.map((id, i) => ({ id, text: EMERGENCY_SIGNS[i] ?? id }));
}

/** The answers of a diary entry that bear on the emergency signs. */
export interface FlagAnswers {
  numbness: SymptomLevel | null;
  weakness: SymptomLevel | null;
  /** Leg pain in both legs, when the person said so. */
  bothLegs: boolean;
}

/**
 * Why the diary should go through the emergency signs, in words ("you have a lot of numbness"), or null when no
 * answer points that way. The person may always ask for them too.
 */
export function flagReason(answers: FlagAnswers): string | null {
  const reasons: string[] = [];
  if (answers.bothLegs) reasons.push("pain in both legs");
  if (answers.numbness === "a-lot") reasons.push("a lot of numbness");
  if (answers.weakness === "a-lot") reasons.push("a lot of weakness");
  if (reasons.length === 0) return null;
  const joined = reasons.length === 1 ? reasons[0]! : `${reasons.slice(0, -1).join(", ")} and ${reasons.at(-1)!}`;
  return `You noted ${joined}.`;
}
