import type { Prompts } from "../deps.js";
import { UsageError } from "../errors.js";
import { parseChoices, parseDay, parseText, type VisitDraft } from "../history/record-options.js";
import { dayKey } from "../time.js";
import { PRESSURES, TECHNIQUES, VISIT_KINDS, type PainReport } from "../history/types.js";
import { AREAS } from "../routine/types.js";
import { askPain } from "./checkin.js";

// Questions for what `visit add` and `diary add` were not given as options. Every question can be skipped: Enter
// on an empty answer, or "Skip this question" in a list. Answers are checked by the same readers as the options.

const SKIP = "\u0000skip";
/** How an answer is named in the message when it is refused. */
const ANSWER = "Your answer";
const DAY = "The day";

/** Words shown for the values of the closed lists, where the value alone is not plain enough. */
export const CHOICE_WORDS: Record<string, string> = {
  massage: "Massage therapist",
  physio: "Physiotherapist",
  osteopath: "Osteopath",
  chiropractor: "Chiropractor",
  doctor: "Doctor",
  other: "Other",
  light: "Light",
  medium: "Medium",
  firm: "Firm",
  none: "None",
  some: "Some",
  "a-lot": "A lot",
  fine: "Slept fine",
  woken: "Woken by pain",
};

/** One value from a closed list, or null when skipped. */
export async function askChoice<T extends string>(prompts: Prompts, message: string, allowed: readonly T[]): Promise<T | null> {
  const answer = await prompts.select<string>({
    message,
    choices: [{ value: SKIP, name: "Skip this question" }, ...allowed.map((value) => ({ value, name: CHOICE_WORDS[value] ?? value }))],
    default: SKIP,
  });
  return (allowed as readonly string[]).includes(answer) ? (answer as T) : null;
}

/** A comma list from a closed list; empty when skipped. */
export async function askChoices<T extends string>(prompts: Prompts, message: string, allowed: readonly T[]): Promise<T[]> {
  const text = await prompts.input({
    message: `${message} (${allowed.join(", ")}; separate with commas, Enter skips):`,
    validate: (value) => checked(() => parseChoices(value, allowed, ANSWER)),
  });
  return parseChoices(text, allowed, ANSWER);
}

/** Free text; null when skipped. */
export async function askText(prompts: Prompts, message: string): Promise<string | null> {
  const text = await prompts.input({ message: `${message} (Enter skips):`, validate: (value) => checked(() => parseText(value, ANSWER)) });
  return parseText(text, ANSWER);
}

/** A day, today by default. */
export async function askDay(prompts: Prompts, message: string, now: Date): Promise<string> {
  const text = await prompts.input({
    message: `${message} (YYYY-MM-DD):`,
    default: dayKey(now),
    // Empty is today, as the default shows.
    validate: (value) => checked(() => parseDay(value.trim() || dayKey(now), now, DAY)),
  });
  return parseDay(text.trim() || dayKey(now), now, DAY);
}

/** Whole minutes; null when skipped. */
export async function askMinutes(prompts: Prompts, message: string): Promise<number | null> {
  return prompts.number({ message: `${message} (Enter skips):`, min: 0, max: 1440 });
}

/** Pain in the check-in's three questions; null when all three are skipped. */
export async function askPainAt(prompts: Prompts, when: "before" | "after", moment: string): Promise<PainReport | null> {
  const pain = await askPain(prompts, when, { back: null, leg: null, reach: null }, moment);
  return pain.back === null && pain.leg === null && pain.reach === null ? null : pain;
}

/** `true` when the reader accepts the answer, else its message without the option's name. */
function checked(read: () => unknown): true | string {
  try {
    read();
    return true;
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
}

/** Asks, in order, for every field of a visit that its options did not give. */
export async function askVisit(draft: VisitDraft, prompts: Prompts, now: Date): Promise<VisitDraft> {
  const visit: VisitDraft = { ...draft };
  if (visit.date === undefined) visit.date = await askDay(prompts, "Day of the visit", now);
  if (visit.kind === undefined) visit.kind = await askChoice(prompts, "Who did you see?", VISIT_KINDS);
  if (visit.who === undefined) visit.who = await askText(prompts, "Their name or practice");
  if (visit.techniques === undefined) visit.techniques = await askChoices(prompts, "Techniques used", TECHNIQUES);
  if (visit.areas === undefined) visit.areas = await askChoices(prompts, "Areas worked on", AREAS);
  if (visit.pressure === undefined) visit.pressure = await askChoice(prompts, "Pressure", PRESSURES);
  if (visit.minutes === undefined) visit.minutes = await askMinutes(prompts, "How many minutes did it last?");
  if (visit.pain_before === undefined) visit.pain_before = await askPainAt(prompts, "before", "before the visit");
  if (visit.pain_after === undefined) visit.pain_after = await askPainAt(prompts, "after", "after the visit");
  if (visit.note === undefined) visit.note = await askText(prompts, "A note to keep with this visit");
  return visit;
}
