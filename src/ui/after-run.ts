import type { Deps } from "../deps.js";
import { localIso } from "../time.js";
import { describePainChange, spreadOf } from "../care/pain-change.js";
import { isEmptyPain } from "../history/pain.js";
import type { HistoryEvent, HistoryStore, PainReport } from "../history/types.js";
import type { RunOutcome } from "../session/runner.js";
import { cleanText, wrap } from "../text.js";
import { askNote, askPain, emptyPain } from "./checkin.js";
import { emergencyLines, proseWidth } from "./prose.js";

/** What the questions after a run need to know. */
export interface AfterRunOptions {
  /** Ask about pain and a note (a terminal, check-ins on). */
  checkins: boolean;
  /** `--pain-after`, when given. */
  painAfter: PainReport | null;
  /** `--note`, when given. */
  note: string | null;
}

/**
 * After a session is saved: pain after and a note (on a terminal, for a run that was not cut short), kept as a
 * check-in event, then the change in pain in words. The session is saved whole by now: what follows may be walked
 * away from, or cut short with Ctrl-C, and what was answered is still kept.
 */
export async function askAfterRun(outcome: RunOutcome, options: AfterRunOptions, deps: Deps, store: HistoryStore): Promise<void> {
  const painAfter: PainReport = options.painAfter ?? emptyPain();
  let note = options.note;
  try {
    if (options.checkins && outcome.code === 0) {
      deps.stdout.write("\n");
      if (options.painAfter === null) await askPain(deps.prompts, "after", painAfter);
      if (note === null) note = await askNote(deps.prompts);
    }
  } finally {
    if (!isEmptyPain(painAfter) || note !== null) {
      const event: HistoryEvent = { v: 1, session: outcome.session, at: localIso(deps.clock.wall()), type: "checkin" };
      if (!isEmptyPain(painAfter)) event.pain_after = painAfter;
      if (note !== null) event.note = note;
      store.append(event);
    }
  }
  const after = isEmptyPain(painAfter) ? null : painAfter;
  const change = describePainChange(outcome.painBefore, after);
  if (change.length > 0) {
    deps.stdout.write(`\n${change.flatMap((line) => wrap(line, proseWidth(deps))).join("\n")}\n`);
  }
  if (spreadOf(outcome.painBefore, after) === true) deps.stdout.write(`\n${spreadLines(outcome, deps).join("\n")}\n`);
}

/**
 * After a session in which the pain spread further down the leg: the emergency signs in short, and the steps
 * marked as hurting, so that the person knows what to leave out and when to get help.
 */
function spreadLines(outcome: RunOutcome, deps: Deps): string[] {
  const width = proseWidth(deps);
  const hurt = [...new Set(outcome.records.filter((r) => r.hurt === true).map((r) => cleanText(r.title)))];
  const steps =
    hurt.length === 0
      ? "No step was marked as hurting."
      : `You marked ${hurt.length === 1 ? "this step" : "these steps"} as hurting: ${hurt.join(", ")}. Leave ${hurt.length === 1 ? "it" : "them"} out next time, or go gentler.`;
  return [
    ...wrap("The pain spread further down your leg after this session.", width).map((l) => deps.theme.yellow.bold(l)),
    ...emergencyLines(deps),
    ...wrap(steps, width),
  ];
}
