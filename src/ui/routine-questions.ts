import type { Prompts } from "../deps.js";
import {
  DEFAULT_TIME,
  type DraftStep,
  type DurationLimits,
  KIND_EXAMPLE,
  SIDED,
  breathLimit,
  durationProblem,
  normalDuration,
  seconds,
  setRestDefault,
  setRestLimit,
  textProblem,
  timeLimit,
  wholeProblem,
} from "../routine/builder.js";
import { LIMITS } from "../routine/limits.js";
import { MAX_REPS, MAX_SETS } from "../routine/schema.js";
import type { SideSpec, StepKind } from "../routine/types.js";
import { cleanText } from "../text.js";

// The questions of the routine builder, one step at a time; what each answer may be is decided in routine/builder.

/** Asks the questions of one step of `kind`, each answer checked as it is typed. */
export async function askStep(prompts: Prompts, kind: StepKind): Promise<DraftStep> {
  const title = await askText(prompts, `Title of this ${kind} step:`, { max: 200, required: true, example: KIND_EXAMPLE[kind] });
  const step: DraftStep = { [kind]: title };
  if (kind === "stretch" || kind === "exercise") await askTiming(prompts, kind, step);
  else if (kind !== "manual") await askDurationOf(prompts, kind, step);
  if (SIDED.includes(kind)) await askSides(prompts, step);
  if (kind !== "rest") await askSets(prompts, kind, step);
  const cues = await askCues(prompts);
  if (cues.length > 0) step.cues = cues;
  return step;
}

/** A stretch or an exercise: held for a time, or a number of reps with or without a time a rep. */
async function askTiming(prompts: Prompts, kind: "stretch" | "exercise", step: DraftStep): Promise<void> {
  const how = await prompts.select<"time" | "reps">({
    message: "Timed how?",
    choices: [
      { value: "time", name: kind === "stretch" ? "Held for a time" : "For a time", description: "like 30s" },
      { value: "reps", name: "For a number of reps", description: "with a time a rep, or done when you say" },
    ],
  });
  if (how === "time") {
    const key = kind === "stretch" ? "hold" : "duration";
    step[key] = await askDuration(prompts, "How long, for one side and one set? (like 30s or 1m)", {
      default: DEFAULT_TIME[kind],
      limit: timeLimit(kind),
    });
    return;
  }
  step.reps = await askWhole(prompts, "How many reps in a set?", 1, MAX_REPS, 10);
  const tempo = await askDuration(prompts, "How long does one rep take? (like 5s; Enter for no timer, you say when done)", {
    optional: true,
    limit: LIMITS.rep,
  });
  if (tempo) step.tempo = tempo;
}

/** A timed kind: its duration (a pack's within its limit), and for breathing the length of a breath. */
async function askDurationOf(prompts: Prompts, kind: StepKind, step: DraftStep): Promise<void> {
  const duration = await askDuration(prompts, "How long? (like 30s, 1m30s or 15m)", { default: DEFAULT_TIME[kind], limit: timeLimit(kind) });
  step.duration = duration;
  if (kind !== "breathe") return;
  const total = seconds(duration);
  const inhale = await askDuration(prompts, "Breathe in for how long? (like 4s; Enter to skip)", {
    optional: true,
    limit: breathLimit("breathing in", total),
  });
  if (inhale) step.inhale = inhale;
  const room = total - (inhale ? seconds(inhale) : 0);
  const exhale = await askDuration(prompts, "Breathe out for how long? (like 6s; Enter to skip)", {
    optional: true,
    limit: breathLimit("breathing out", room),
  });
  if (exhale) step.exhale = exhale;
}

async function askSides(prompts: Prompts, step: DraftStep): Promise<void> {
  const sides = await prompts.select<SideSpec | "none">({
    message: "Which side?",
    choices: [
      { value: "none", name: "No sides", description: "both at once, or not a one-sided move" },
      { value: "both", name: "Both, one after the other", description: "your affected side first when you have set one" },
      { value: "left", name: "Left only" },
      { value: "right", name: "Right only" },
      { value: "affected", name: "Your affected side", description: "from your settings, or run --side" },
      { value: "other", name: "The side opposite your affected one" },
    ],
  });
  if (sides !== "none") step.sides = sides;
}

/** How many sets, and the rest between them (ice and heat need one). */
async function askSets(prompts: Prompts, kind: StepKind, step: DraftStep): Promise<void> {
  const sets = await askWhole(prompts, "How many sets?", 1, MAX_SETS, 1);
  if (sets <= 1) return;
  step.sets = sets;
  const rest = await askDuration(prompts, "Rest between sets? (like 10s; 0 for none)", {
    default: setRestDefault(kind),
    limit: setRestLimit(kind),
  });
  if (seconds(rest) > 0) step.rest = rest;
}

/** Cues until an empty answer, at most 20. */
async function askCues(prompts: Prompts): Promise<string[]> {
  const cues: string[] = [];
  while (cues.length < 20) {
    const cue = await askText(
      prompts,
      cues.length === 0 ? "A cue: what to do, shown during the step (Enter to skip):" : `Cue ${cues.length + 1} (Enter when there are no more):`,
      { max: 500 },
    );
    if (!cue) break;
    cues.push(cue);
  }
  return cues;
}

/** A text answer, cleaned of control characters and trimmed. */
export async function askText(
  prompts: Prompts,
  message: string,
  options: { max: number; required?: boolean; example?: string },
): Promise<string> {
  const answer = await prompts.input({
    message: options.example ? `${message} (like ${options.example})` : message,
    validate: (value) => textProblem(value, options) ?? true,
  });
  return cleanText(answer).trim();
}

/** A duration answer, normalised (`90` gives `1m30s`); "" for a skipped optional one. */
async function askDuration(prompts: Prompts, message: string, options: DurationLimits & { default?: string }): Promise<string> {
  const answer = await prompts.input({
    message,
    ...(options.default ? { default: options.default } : {}),
    validate: (value) => durationProblem(value, options) ?? true,
  });
  return normalDuration(answer);
}

async function askWhole(prompts: Prompts, message: string, min: number, max: number, fallback: number): Promise<number> {
  const answer = await prompts.input({
    message,
    default: String(fallback),
    validate: (value) => wholeProblem(value, min, max) ?? true,
  });
  return Number(answer.trim());
}
