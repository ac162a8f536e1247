import type { Deps, Settings } from "../deps.js";
import { asciiOnly } from "../env.js";
import { isEmptyPain } from "../history/pain.js";
import type { HistoryStore, PainReport } from "../history/types.js";
import { expandPlan, usesAffectedSide } from "../routine/plan.js";
import type { Plan, Routine, Side } from "../routine/types.js";
import {
  anythingLeft,
  packKinds,
  packQuestion,
  packReminder,
  packSegmentsToLeaveOut,
  packSkipped,
  recentPackWarning,
} from "../care/heat-cold.js";
import { cleanText, wrap } from "../text.js";
import { askPain } from "./checkin.js";
import { renderSafety } from "./safety-view.js";

/** Columns for sentences around a run: the terminal's, kept to 30-80 so that lines stay easy to read. */
export function proseWidth(deps: Pick<Deps, "stdout">): number {
  return Math.max(30, Math.min(80, deps.stdout.columns ?? 80));
}

/** A check-in with nothing answered yet. */
export function emptyPain(): PainReport {
  return { back: null, leg: null, reach: null };
}

/** What the questions before a run need to know. */
export interface BeforeRunOptions {
  settings: Settings;
  /** A person can answer questions (a terminal that can move the cursor, and input allowed). */
  interactive: boolean;
  /** The affected side for this run (`--side`, else the setting), or null. */
  side: Side | null;
  /** `--lead-in`, when given. */
  leadInOverride_s?: number;
  /** Ask about pain before the run (a terminal, check-ins on). */
  checkins: boolean;
  /** `--pain-before`, when given. */
  painBefore: PainReport | null;
}

/** What the run is to be, once everything before it is answered. */
export interface ReadyToRun {
  plan: Plan;
  painBefore: PainReport | null;
  leaveOut: Map<number, string>;
  /** Remarks about the plan and the packs, for the screen while getting ready. */
  notes: string[];
}

/** The plan of `routine` for these settings and this affected side. */
export function planFor(routine: Routine, options: Pick<BeforeRunOptions, "settings" | "leadInOverride_s">, side: Side | null): Plan {
  const { settings, leadInOverride_s } = options;
  return expandPlan(routine, {
    affectedSide: side,
    leadIn_s: settings.lead_in,
    transition_s: settings.transition,
    ...(leadInOverride_s !== undefined ? { leadInOverride_s } : {}),
  });
}

/**
 * Everything before a run: the safety screen once, the affected side once, pain before, heat and cold. Returns null
 * when the person chose not to start (or nothing would be left to do).
 */
export async function askBeforeRun(
  routine: Routine,
  options: BeforeRunOptions,
  deps: Deps,
  store: HistoryStore,
): Promise<ReadyToRun | null> {
  const { interactive } = options;
  if (!options.settings.safety_shown && !(await showSafetyOnce(deps, interactive))) return null;
  let side = options.side;
  if (side === null && interactive && usesAffectedSide(routine)) side = await askAffectedSide(deps);
  const plan = planFor(routine, options, side);
  for (const note of plan.notes) deps.stderr.write(`${deps.errTheme.dim(cleanText(note))}\n`);

  let painBefore = options.painBefore;
  if (painBefore === null && options.checkins) painBefore = await askPain(deps.prompts, "before", emptyPain());

  const packs = await checkPacks(plan, store, deps, interactive);
  if (packs === null) return null;
  return {
    plan,
    painBefore: isEmptyPain(painBefore) ? null : painBefore,
    leaveOut: packs.leaveOut,
    notes: [...plan.notes, ...packs.notes],
  };
}

/**
 * The red flags, once per machine: on a terminal with a question whether to go on, otherwise printed. Returns
 * false when the person chose not to go on.
 */
async function showSafetyOnce(deps: Deps, interactive: boolean): Promise<boolean> {
  const intro = wrap("Please read these warning signs once. See them again any time: soothe safety", proseWidth(deps));
  const page = renderSafety({ theme: deps.theme, ascii: asciiOnly(deps.env), columns: deps.stdout.columns ?? 80 });
  deps.stdout.write(`${[...intro.map((line) => deps.theme.bold(line)), "", ...page, ""].join("\n")}\n`);
  await remember(deps, { safety_shown: true });
  if (!interactive) return true;
  const go = await deps.prompts.confirm({ message: "Go on to the routine?", default: true });
  if (!go) deps.stdout.write("Nothing started. If any of these signs apply to you, get help now.\n");
  return go;
}

/** Asks once which side sciatica affects, and keeps the answer; "not sure" uses left for this run only. */
async function askAffectedSide(deps: Deps): Promise<Side | null> {
  const answer = await deps.prompts.select<Side | "unsure">({
    message: "Which side does your sciatica affect? Steps for that side use it.",
    choices: [
      { value: "left", name: "Left" },
      { value: "right", name: "Right" },
      { value: "unsure", name: "Not sure: use left this time" },
    ],
  });
  if (answer === "unsure") return null;
  if (await remember(deps, { affected_side: answer })) {
    const other = answer === "left" ? "right" : "left";
    deps.stdout.write(
      `${deps.theme.dim(`Saved: affected side ${answer}. To change it: soothe config set affected_side ${other}`)}\n`,
    );
  }
  return answer;
}

/**
 * Saves settings chosen along the way; a settings file that cannot be written only means soothe asks again next
 * time, so that is a warning and the run goes on. Returns whether they were saved.
 */
async function remember(deps: Deps, values: Partial<Settings>): Promise<boolean> {
  try {
    await deps.saveSettings(values);
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    deps.stderr.write(`${deps.errTheme.yellow("soothe: warning:")} ${reason}\n`);
    return false;
  }
}

/** What a run does about heat and cold: segments to leave out and what to say about them on the screen. */
interface PackPlan {
  leaveOut: Map<number, string>;
  notes: string[];
}

/**
 * Before a run with ice or heat: a warning when the same kind ended less than an hour ago, and the reminder about
 * a barrier and numb skin. On a terminal the person answers; a "no" leaves those segments out. Returns null when
 * nothing would be left to do, and the run should not start.
 */
async function checkPacks(plan: Plan, store: HistoryStore, deps: Deps, interactive: boolean): Promise<PackPlan | null> {
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
