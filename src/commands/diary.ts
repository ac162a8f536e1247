import { randomUUID } from "node:crypto";
import type { Deps } from "../deps.js";
import { asciiOnly } from "../env.js";
import { parseSince } from "../history/query.js";
import { completeDiary, readDiaryOptions, readRedFlagsOption, type DiaryAddOptions } from "../history/record-options.js";
import { recordsSince } from "../history/records.js";
import { dayKey } from "../time.js";
import type { DiaryEvent, Records, Session } from "../history/types.js";
import { toJson, wrap } from "../text.js";

export type { DiaryAddOptions };

/** Options of `diary list`. */
export interface DiaryListOptions {
  json?: boolean;
  since?: string;
}

/**
 * `soothe diary add`: how today (or `--date`) went. Options first; on a terminal, a question for each field they did
 * not give. It goes through the emergency signs when asked (`--red-flags`) or when an answer points that way; a
 * "yes" shows the emergency advice at once, and is kept with the entry.
 */
export async function diaryAdd(opts: DiaryAddOptions, deps: Deps): Promise<number> {
  const now = deps.clock.wall();
  const { EMERGENCY_ADVICE, EMERGENCY_SIGN_IDS, emergencySigns, flagReason } = await import("../care/diary-flags.js");
  let draft = readDiaryOptions(opts, now);
  const flagsOption = readRedFlagsOption(opts.redFlags, EMERGENCY_SIGN_IDS);
  const terminal = Boolean(deps.stdin.isTTY && deps.stdout.isTTY);
  let bothLegs = opts.bothLegs ?? false;
  if (terminal) {
    const { askDiary } = await import("../ui/diary-questions.js");
    ({ draft, bothLegs } = await askDiary(draft, opts.bothLegs, deps.prompts, now));
  }
  let advised = false;
  const advise = () => {
    advised = true;
    deps.stdout.write(`${deps.theme.red.bold(EMERGENCY_ADVICE)}\n`);
  };
  const reason = flagReason({ numbness: draft.numbness ?? null, weakness: draft.weakness ?? null, bothLegs });
  let redFlags: string[] = Array.isArray(flagsOption) ? flagsOption : [];
  if (!Array.isArray(flagsOption) && (flagsOption === "ask" || reason !== null)) {
    if (reason) deps.stdout.write(`${reason} Some signs that go with it need care at once.\n`);
    if (terminal) {
      const { askRedFlags } = await import("../ui/diary-questions.js");
      redFlags = await askRedFlags(deps.prompts, emergencySigns(), advise);
    } else {
      deps.stdout.write(`If you have any of these, ${EMERGENCY_ADVICE.charAt(0).toLowerCase()}${EMERGENCY_ADVICE.slice(1)}\n`);
      for (const sign of emergencySigns()) deps.stdout.write(`  - ${sign.text}\n`);
      deps.stdout.write("To keep your answer with this entry, add --red-flags none, or the signs you have (see soothe diary add --help).\n");
    }
  }
  const entry = completeDiary(draft, randomUUID(), now, redFlags);
  const store = await deps.openHistory();
  const event: DiaryEvent = { v: 1, type: "diary", ...entry };
  store.appendRecord(event);
  const { diarySavedLine } = await import("../ui/diary-view.js");
  deps.stdout.write(`${diarySavedLine(entry)}\n`);
  if (redFlags.length > 0 && !advised) advise();
  return 0;
}

/** `soothe diary list`: diary entries, newest first; `--json` prints exactly the documented array. */
export async function diaryList(opts: DiaryListOptions, deps: Deps): Promise<number> {
  const now = deps.clock.wall();
  const since = opts.since === undefined ? undefined : dayKey(parseSince(opts.since, now));
  const store = await deps.openHistory();
  const records = await store.readRecords();
  for (const warning of records.warnings) deps.stderr.write(`${deps.errTheme.yellow("soothe: warning:")} ${warning}\n`);
  const entries = recordsSince(records.diary, since);
  if (opts.json) {
    deps.stdout.write(`${toJson(entries)}\n`);
    return 0;
  }
  if (entries.length === 0) {
    deps.stdout.write(since === undefined ? "No diary entries yet. Add one with: soothe diary add\n" : "No diary entries match.\n");
    return 0;
  }
  const { renderDiaryTable } = await import("../ui/diary-view.js");
  deps.stdout.write(`${renderDiaryTable(entries, deps.theme, asciiOnly(deps.env)).join("\n")}\n`);
  return 0;
}

/**
 * What the home screen says before its menu: whether to offer today's diary (once a day: until there is an entry
 * for today), and, when pain has not eased as expected over four weeks or more, the advice to see a doctor.
 */
export async function homeNotes(deps: Deps): Promise<{ offerDiary: boolean; lines: string[] }> {
  const today = dayKey(deps.clock.wall());
  let records: Records;
  let sessions: Session[];
  try {
    const store = await deps.openHistory();
    records = await store.readRecords();
    sessions = (await store.readSessions()).sessions;
  } catch {
    // The menu must open even when the history cannot be read; History and Stats in it say what is wrong.
    return { offerDiary: false, lines: [] };
  }
  const { therapistStats } = await import("../history/techniques.js");
  const { trend } = therapistStats({ sessions, visits: [], diary: records.diary }, undefined, today);
  const lines: string[] = [];
  if (trend.see_doctor) {
    const { SEE_DOCTOR_LINE } = await import("../ui/therapist-stats.js");
    lines.push(...wrap(SEE_DOCTOR_LINE, Math.min(80, deps.stdout.columns ?? 80)).map((l) => deps.theme.yellow(l)), "");
  }
  return { offerDiary: !records.diary.some((e) => e.date === today), lines };
}
