import type { Prompts } from "../deps.js";
import type { DiaryDraft } from "../history/record-options.js";
import { LEVELS, SLEEPS, type WorstPain } from "../history/types.js";
import { askChoice, askDay, askMinutes, askPainAt, askText } from "./record-questions.js";

// The diary's questions on a terminal, for what its options did not give. Each can be skipped.

/** Asks, in order, for every diary field its options did not give; `bothLegs` when the leg pain is in both legs. */
export async function askDiary(
  draft: DiaryDraft,
  bothLegs: boolean | undefined,
  prompts: Prompts,
  now: Date,
): Promise<{ draft: DiaryDraft; bothLegs: boolean }> {
  const entry: DiaryDraft = { ...draft };
  if (entry.date === undefined) entry.date = await askDay(prompts, "Day this entry is about", now);
  if (entry.pain === undefined) entry.pain = await askPainAt(prompts, "before", "now");
  if (entry.worst === undefined) entry.worst = await askWorst(prompts);
  let both = bothLegs ?? false;
  if (bothLegs === undefined && entry.pain?.leg !== 0) {
    both = await prompts.confirm({ message: "Is the leg pain in both legs?", default: false });
  }
  if (entry.tingling === undefined) entry.tingling = await askChoice(prompts, "Pins and needles today?", LEVELS);
  if (entry.numbness === undefined) entry.numbness = await askChoice(prompts, "Numbness today?", LEVELS);
  if (entry.weakness === undefined) entry.weakness = await askChoice(prompts, "Weakness in the leg today?", LEVELS);
  if (entry.sitting_min === undefined) entry.sitting_min = await askMinutes(prompts, "How many minutes can you sit before pain makes you stop?");
  if (entry.walking_min === undefined) entry.walking_min = await askMinutes(prompts, "How many minutes can you walk before pain makes you stop?");
  if (entry.sleep === undefined) entry.sleep = await askChoice(prompts, "Last night's sleep?", SLEEPS);
  if (entry.note === undefined) entry.note = await askText(prompts, "A note for today");
  return { draft: entry, bothLegs: both };
}

async function askWorst(prompts: Prompts): Promise<WorstPain | null> {
  const ask = (area: string) => prompts.number({ message: `Worst ${area} pain today, 0-10 (Enter skips):`, min: 0, max: 10 });
  const back = await ask("back");
  const leg = await ask("leg");
  return back === null && leg === null ? null : { back, leg };
}

/**
 * The emergency signs as yes/no questions, "no" by default. At the first "yes" `onYes` shows the advice at once
 * and no more is asked: that sign is what is kept.
 */
export async function askRedFlags(
  prompts: Prompts,
  signs: readonly { id: string; text: string }[],
  onYes: () => void,
): Promise<string[]> {
  for (const sign of signs) {
    const yes = await prompts.confirm({ message: `Do you have ${sign.text}?`, default: false });
    if (yes) {
      onYes();
      return [sign.id];
    }
  }
  return [];
}
