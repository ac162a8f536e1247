import type { Prompts } from "../deps.js";
import { SCALE_ANCHORS } from "../history/pain.js";
import { REACHES, type PainReport, type Reach } from "../history/types.js";
import { cleanText } from "../text.js";

/** Longest note kept with a session. */
export const MAX_NOTE_CHARS = 1000;

const SKIP = "skip";

const REACH_CHOICES: { value: Reach | typeof SKIP; name: string }[] = [
  { value: SKIP, name: "Skip this question" },
  { value: "none", name: "Nowhere: no pain" },
  { value: "back", name: "Back only" },
  { value: "buttock", name: "Down to the buttock" },
  { value: "thigh", name: "Down to the thigh" },
  { value: "calf", name: "Down to the calf" },
  { value: "foot", name: "Down to the foot" },
];

/**
 * The pain check-in on a terminal: back pain and leg pain from 0 to 10, then how far down the leg the pain reaches.
 * Each question may be skipped (Enter on an empty answer, or "Skip this question"). With leg pain above 0, the reach
 * offered starts at the buttock: "nowhere" and "back only" would say the opposite. Answers go into `into` as they
 * are given, so that a check-in cut short by Ctrl-C keeps what was answered.
 */
export async function askPain(
  prompts: Prompts,
  when: "before" | "after",
  into: PainReport,
  /** The moment asked about, when it is not a routine's: "before the visit". */
  moment?: string,
): Promise<PainReport> {
  const now = moment ?? (when === "before" ? "now" : "after the routine");
  const level = (area: string) =>
    prompts.number({ message: `${area} pain ${now}, 0-10 (${SCALE_ANCHORS}; Enter skips):`, min: 0, max: 10 });
  into.back = await level("Back");
  into.leg = await level("Leg");
  const reach = await prompts.select<Reach | typeof SKIP>({
    message: `How far down your leg does the pain reach ${now}?`,
    choices: into.leg ? REACH_CHOICES.filter((c) => c.value !== "none" && c.value !== "back") : REACH_CHOICES,
    default: SKIP,
  });
  into.reach = reach === SKIP || !(REACHES as readonly string[]).includes(reach) ? null : reach;
  return into;
}

/** A check-in with nothing answered yet. */
export function emptyPain(): PainReport {
  return { back: null, leg: null, reach: null };
}

/** The optional note at the end of a run; null when left empty. */
export async function askNote(prompts: Prompts): Promise<string | null> {
  const text = await prompts.input({
    message: "A note to keep with this session (Enter to skip):",
    validate: (value) => (value.length <= MAX_NOTE_CHARS ? true : `Keep it under ${MAX_NOTE_CHARS} characters.`),
  });
  return cleanNote(text);
}

/** A note as it is kept: control characters removed, trimmed; null when nothing is left. */
export function cleanNote(text: string): string | null {
  const clean = cleanText(text).trim();
  return clean === "" ? null : clean;
}
