import {
  anythingLeft,
  packKinds,
  packQuestion,
  packReminder,
  packSegmentsToLeaveOut,
  packSkipped,
  recentPackWarning,
} from "../care/heat-cold.js";
import type { Deps } from "../deps.js";
import type { HistoryStore } from "../history/types.js";
import type { Plan } from "../routine/types.js";
import { wrap } from "../text.js";
import { proseWidth } from "./prose.js";

/** What a run does about heat and cold: segments to leave out and what to say about them on the screen. */
export interface PackPlan {
  leaveOut: Map<number, string>;
  notes: string[];
}

/**
 * Before a run with ice or heat: a warning when the same kind ended less than an hour ago, and the reminder about
 * a barrier and numb skin. On a terminal the person answers; a "no" leaves those segments out. Returns null when
 * nothing would be left to do, and the run should not start.
 */
export async function checkPacks(plan: Plan, store: HistoryStore, deps: Deps, interactive: boolean): Promise<PackPlan | null> {
  const kinds = packKinds(plan.segments);
  if (kinds.length === 0) return { leaveOut: new Map(), notes: [] };
  const width = proseWidth(deps);
  const now = deps.clock.wall();
  const last = await store.lastEnded(kinds);
  const warnings = kinds.flatMap((kind) => {
    const ended = last.get(kind);
    const warning = ended ? recentPackWarning(kind, ended, now) : null;
    return warning ? [warning] : [];
  });
  const reminder = packReminder(kinds).flatMap((line) => wrap(line, width));
  if (!interactive) {
    for (const warning of warnings) deps.stderr.write(`${deps.errTheme.yellow("soothe: warning:")} ${warning}\n`);
    deps.stdout.write(`${reminder.join("\n")}\n\n`);
    return { leaveOut: new Map(), notes: [] };
  }
  const lines = [
    ...warnings.flatMap((warning) => wrap(warning, width).map((l) => deps.theme.yellow.bold(l))),
    ...(warnings.length > 0 ? [""] : []),
    ...reminder,
  ];
  deps.stdout.write(`\n${lines.join("\n")}\n`);
  const go = await deps.prompts.confirm({ message: packQuestion(kinds), default: false });
  if (go) return { leaveOut: new Map(), notes: [] };
  const leaveOut = packSegmentsToLeaveOut(plan.segments);
  if (!anythingLeft(plan.segments, leaveOut)) {
    const nothing = wrap("This routine is all heat or cold, so nothing is left to do without it.", width);
    deps.stdout.write(`${[...nothing, "Nothing started."].join("\n")}\n`);
    return null;
  }
  const skipped = packSkipped(kinds);
  deps.stdout.write(`${skipped}\n`);
  return { leaveOut, notes: [skipped] };
}
