import type { Deps } from "../deps.js";
import { localIso } from "../history/time.js";
import { describePainChange } from "../care/pain-change.js";
import { isEmptyPain } from "../history/pain.js";
import type { HistoryEvent, HistoryStore, PainReport } from "../history/types.js";
import type { RunOutcome } from "../session/runner.js";
import { wrap } from "../text.js";
import { emptyPain, proseWidth } from "./before-run.js";
import { askNote, askPain } from "./checkin.js";

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
  const change = describePainChange(outcome.painBefore, isEmptyPain(painAfter) ? null : painAfter);
  if (change.length > 0) {
    deps.stdout.write(`\n${change.flatMap((line) => wrap(line, proseWidth(deps))).join("\n")}\n`);
  }
}
