import { FLARE_TAG, highPainWords, isHighPain } from "../care/high-pain.js";
import type { Deps, Settings } from "../deps.js";
import { asciiOnly } from "../env.js";
import { isEmptyPain } from "../history/pain.js";
import type { HistoryStore, PainReport } from "../history/types.js";
import { listRoutines, resolveRoutine } from "../routine/catalog.js";
import { expandPlan, usesAffectedSide } from "../routine/plan.js";
import type { Plan, Routine, Side } from "../routine/types.js";
import { cleanText, wrap } from "../text.js";
import { askPain, emptyPain } from "./checkin.js";
import { checkPacks } from "./packs.js";
import { avoidIfBlock } from "./plan-view.js";
import { emergencyLines, proseWidth } from "./prose.js";
import { renderSafety } from "./safety-view.js";

/** The side one-sided steps use in a run: one leg, both legs, or none set. */
export type RunSide = Side | "both" | null;

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
  /** Titles of the steps marked as hurting in the last session of this routine. */
  hurtLastTime: string[];
}

/** The plan of `routine` for these settings and this affected side. */
export function planFor(routine: Routine, options: Pick<BeforeRunOptions, "settings" | "leadInOverride_s">, side: RunSide): Plan {
  const { settings, leadInOverride_s } = options;
  return expandPlan(routine, {
    affectedSide: side,
    leadIn_s: settings.lead_in,
    transition_s: settings.transition,
    ...(leadInOverride_s !== undefined ? { leadInOverride_s } : {}),
  });
}

/**
 * Everything before a run: the warning signs until a person has read them, pain before (with the emergency signs
 * and a gentler routine offered when it is high), the affected side, heat and cold. Returns null when the person
 * chose not to start (or nothing would be left to do).
 */
export async function askBeforeRun(
  chosen: Routine,
  options: BeforeRunOptions,
  deps: Deps,
  store: HistoryStore,
): Promise<ReadyToRun | null> {
  const { interactive } = options;
  if (!options.settings.safety_shown && !(await showSafety(deps, interactive))) return null;

  let painBefore = options.painBefore;
  if (painBefore === null && options.checkins) painBefore = await askPain(deps.prompts, "before", emptyPain());
  const routine = isHighPain(painBefore) ? await offerGentler(chosen, painBefore!, deps, interactive) : chosen;
  if (routine === null) return null;

  let side: RunSide = options.side;
  if (side === null && interactive && usesAffectedSide(routine)) {
    const answer = await askAffectedSide(deps);
    if (answer === "stop") return null;
    side = answer;
  }
  const plan = planFor(routine, options, side);
  for (const note of plan.notes) deps.stderr.write(`${deps.errTheme.dim(cleanText(note))}\n`);
  // When not to do this routine (care/avoid-if), before anything starts, piped too.
  const avoid = avoidIfBlock(plan, proseWidth(deps), asciiOnly(deps.env) ? "..." : "…").slice(1);
  if (avoid.length > 0) deps.stdout.write(`${avoid.map((line) => deps.theme.yellow(line)).join("\n")}\n\n`);

  const packs = await checkPacks(plan, store, deps, interactive);
  if (packs === null) return null;
  return {
    plan,
    painBefore: isEmptyPain(painBefore) ? null : painBefore,
    leaveOut: packs.leaveOut,
    notes: [...plan.notes, ...packs.notes],
    hurtLastTime: await hurtLastTime(routine, store),
  };
}

/**
 * The red flags, until a person on a terminal has read them and chosen to go on: only then are they marked as seen.
 * The question has no "yes" by default, so Enter alone does not pass them. Printed down a pipe, never marked.
 * Returns false when the person chose not to go on.
 */
async function showSafety(deps: Deps, interactive: boolean): Promise<boolean> {
  const intro = wrap("Please read these warning signs once. See them again any time: soothe safety", proseWidth(deps));
  const page = renderSafety({ theme: deps.theme, ascii: asciiOnly(deps.env), columns: deps.stdout.columns ?? 80 });
  deps.stdout.write(`${[...intro.map((line) => deps.theme.bold(line)), "", ...page, ""].join("\n")}\n`);
  if (!interactive) return true;
  const go = await deps.prompts.confirm({ message: "Go on to the routine?", default: false });
  if (!go) {
    deps.stdout.write("Nothing started. If any of these signs apply to you, get help now.\n");
    return false;
  }
  await remember(deps, { safety_shown: true });
  return true;
}

/**
 * Pain of 8 or more before a run: the emergency signs in short, then (on a terminal) the choice of a gentler
 * routine, the one chosen, or stopping. Piped, the gentler routines are named and the run goes on. Returns the
 * routine to run, or null to start nothing.
 */
async function offerGentler(routine: Routine, pain: PainReport, deps: Deps, interactive: boolean): Promise<Routine | null> {
  const width = proseWidth(deps);
  deps.stdout.write(`\n${[...wrap(highPainWords(pain), width), ...emergencyLines(deps)].join("\n")}\n\n`);
  if (routine.tags.includes(FLARE_TAG)) return routine;
  const { entries } = await listRoutines(deps.paths);
  const gentler = entries.filter((e) => e.source === "built-in" && e.tags.includes(FLARE_TAG) && e.id !== routine.id);
  if (gentler.length === 0) return routine;
  if (!interactive) {
    const names = gentler.map((e) => `soothe run ${e.id}`).join(", ");
    deps.stdout.write(`${wrap(`A gentler routine may suit a flare better: ${names}`, width).join("\n")}\n\n`);
    return routine;
  }
  const answer = await deps.prompts.select<string>({
    message: "A gentler routine may suit a flare better. What would you like to do?",
    choices: [
      ...gentler.map((e) => ({ value: `id:${e.id}`, name: `Switch to ${cleanText(e.name)} (gentler, for a flare)` })),
      { value: "go", name: `Go on with ${cleanText(routine.name)}` },
      { value: "stop", name: "Stop here: nothing starts" },
    ],
  });
  if (answer === "stop") {
    deps.stdout.write("Nothing started.\n");
    return null;
  }
  if (answer === "go") return routine;
  return (await resolveRoutine(answer.slice(3), deps.paths)).routine;
}

/**
 * Asks which side sciatica affects; one leg is kept in the settings. Both legs is an emergency sign [NHS-S]: the
 * emergency signs are shown and, when it is new or getting worse, nothing starts ("stop"). Long-standing and checked
 * runs one-sided steps on both sides, and is asked again next time. "Not sure" uses left for this run only.
 */
async function askAffectedSide(deps: Deps): Promise<RunSide | "stop"> {
  const answer = await deps.prompts.select<Side | "both" | "unsure">({
    message: "Which side does your sciatica affect? Steps for that side use it.",
    choices: [
      { value: "left", name: "Left" },
      { value: "right", name: "Right" },
      { value: "both", name: "Both legs" },
      { value: "unsure", name: "Not sure: use the left side this time, and ask again next time" },
    ],
  });
  if (answer === "both") return askBothLegs(deps);
  if (answer === "unsure") {
    const text = "Not sure: steps for the affected side use your left side this time (steps for the other side, your right). soothe asks again next time.";
    deps.stdout.write(`${deps.theme.dim(wrap(text, proseWidth(deps)).join("\n"))}\n`);
    return null;
  }
  if (await remember(deps, { affected_side: answer })) {
    const other = answer === "left" ? "right" : "left";
    deps.stdout.write(
      `${deps.theme.dim(`Saved: affected side ${answer}. To change it: soothe config set affected_side ${other}`)}\n`,
    );
  }
  return answer;
}

/** Sciatica in both legs: the emergency signs, and whether it is new or getting worse. */
async function askBothLegs(deps: Deps): Promise<"both" | "stop"> {
  const width = proseWidth(deps);
  deps.stdout.write(`\n${[...wrap("Sciatica in both legs can be an emergency.", width), ...emergencyLines(deps)].join("\n")}\n\n`);
  const answer = await deps.prompts.select<"new" | "checked">({
    message: "Is the pain in both legs new, or getting worse?",
    choices: [
      { value: "new", name: "Yes, or I am not sure" },
      { value: "checked", name: "No: I have had it a long time, and a doctor has checked it" },
    ],
  });
  if (answer === "new") {
    const text = "Nothing started. Sciatica in both legs that is new or getting worse needs help now: call emergency services or go to an emergency department.";
    deps.stdout.write(`${wrap(text, width).map((l) => deps.theme.red.bold(l)).join("\n")}\n`);
    return "stop";
  }
  deps.stdout.write(`${deps.theme.dim(wrap("Both legs: steps for one side run on both sides this time. soothe asks again next time.", width).join("\n"))}\n`);
  return "both";
}

/** The titles of the steps marked as hurting in the last session of `routine`. */
async function hurtLastTime(routine: Routine, store: HistoryStore): Promise<string[]> {
  const { sessions } = await store.readSessions({ routine: routine.id, limit: 1 });
  const titles = (sessions[0]?.segments ?? []).filter((s) => s.hurt === true).map((s) => s.title);
  return [...new Set(titles)];
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
