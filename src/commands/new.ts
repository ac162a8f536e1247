import { stringify } from "yaml";
import type { Deps } from "../deps.js";
import { RoutineError, UserError, formatProblem } from "../errors.js";
import { formatDuration, parseDuration } from "../routine/duration.js";
import { isValidId } from "../routine/id.js";
import { MAX_PACK_S, minutesWords } from "../care/heat-cold.js";
import { MAX_REPS, MAX_SETS } from "../routine/schema.js";
import { STEP_KINDS, type SideSpec, type StepKind } from "../routine/types.js";
import {
  ID_RULE,
  checkId,
  checkRoutineText,
  findBuiltinRoutine,
  findUserRoutine,
  routineIds,
  saveUserRoutine,
  schemaLine,
  userRoutinePath,
} from "../routine/user-routines.js";
import { cleanText, truncate } from "../text.js";

/** A step as it will be written: its kind key first, then its options, in the order people read them. */
export type DraftStep = Record<string, string | number | string[]>;

/** What the builder has gathered so far. */
export interface Draft {
  name: string;
  description?: string;
  steps: DraftStep[];
}

const KIND_HELP: Record<StepKind, string> = {
  stretch: "held for a time, or done for reps",
  exercise: "for a time, or for reps",
  massage: "self-massage for a time",
  ice: `a cold pack for a time (at most ${minutesWords(MAX_PACK_S)})`,
  heat: `a warm pack for a time (at most ${minutesWords(MAX_PACK_S)})`,
  breathe: "paced breathing for a time",
  rest: "a timed rest",
  manual: "no timer: done when you say so",
};

const KIND_EXAMPLE: Record<StepKind, string> = {
  stretch: "Knee to chest",
  exercise: "Sciatic nerve glide",
  massage: "Tennis ball under the buttock",
  ice: "Cold pack on the lower back",
  heat: "Warm pack on the lower back",
  breathe: "Slow breathing",
  rest: "Lie still",
  manual: "Walk around the room",
};

const DEFAULT_TIME: Record<StepKind, string> = {
  stretch: "30s",
  exercise: "30s",
  massage: "1m",
  ice: "15m",
  heat: "15m",
  breathe: "2m",
  rest: "30s",
  manual: "",
};

const SIDED: readonly StepKind[] = ["stretch", "exercise", "massage", "ice", "heat", "manual"];
const DONE = "\u0000done" as const;

/**
 * `soothe new [id]`: builds a routine by asking for its name, description and steps one by one, each answer checked
 * as it is given; shows the plan with times; and saves it to the user's folder after checking the whole file as it
 * will be read back. Needs a terminal. Ctrl-C at any question writes nothing.
 */
export async function newRoutine(id: string | undefined, _opts: object, deps: Deps): Promise<number> {
  if (id !== undefined) await checkFreeId(deps, checkId(id));
  if (!deps.stdin.isTTY || !deps.stdout.isTTY) {
    throw new UserError(
      "soothe new asks its questions on a terminal, and there is none here. Without one, start from a copy with soothe copy <routine> <new-id>, or add a routine file you wrote with soothe import <file>",
    );
  }
  const out = (line = "") => deps.stdout.write(`${line}\n`);
  out(deps.theme.bold("A new routine."));
  out(deps.theme.dim("Answer each question and press Enter; Ctrl-C stops without saving anything."));

  const name = await askText(deps, "Name of the routine:", { max: 120, required: true, example: "Morning mobility" });
  const taken = new Set(await routineIds(deps.paths));
  const routineId = id ?? (await askId(deps, name, taken));
  const description = await askText(deps, "What is it for? (optional; Enter to skip)", { max: 2000 });
  const draft: Draft = { name, steps: [] };
  if (description) draft.description = description;

  const settings = await deps.loadSettings();
  for (;;) {
    await askSteps(deps, draft, routineId);
    const text = routineText(draft);
    // The file as it will be read back; an answer that slipped through the checks above stops here.
    const { routine } = await checkRoutineText(text, userRoutinePath(deps.paths, routineId), routineId);
    const { expandPlan } = await import("../routine/plan.js");
    const { renderPlan } = await import("../ui/plan-view.js");
    const plan = expandPlan(routine, {
      affectedSide: settings.affected_side,
      leadIn_s: settings.lead_in,
      transition_s: settings.transition,
    });
    out();
    out(renderPlan(plan, deps.theme, deps.stdout.columns ?? 80).join("\n"));
    out();
    const next = await deps.prompts.select<"save" | "more" | "discard">({
      message: `Save ${routineId}?`,
      choices: [
        { value: "save", name: "Save", description: `to ${userRoutinePath(deps.paths, routineId)}` },
        { value: "more", name: "Add another step" },
        { value: "discard", name: "Discard it", description: "nothing is saved" },
      ],
      default: "save",
    });
    if (next === "discard") {
      out("Discarded; nothing was saved.");
      return 0;
    }
    if (next === "more") continue;
    const saved = await saveUserRoutine(deps.paths, routineId, text, { replace: false });
    for (const warning of saved.warnings) deps.stderr.write(`${formatProblem(warning)}\n`);
    out(`Saved ${routineId}: ${saved.file}`);
    out(`Run it with: soothe run ${routineId}`);
    out(`Change it with: soothe edit ${routineId}`);
    return 0;
  }
}

/** Refuses an id the user already has, or that a built-in routine uses (a new routine would hide it). */
async function checkFreeId(deps: Deps, id: string): Promise<void> {
  const mine = await findUserRoutine(deps.paths, id);
  if (mine) throw new UserError(`you already have a routine "${id}" (${mine}); change it with soothe edit ${id}, or choose another id`);
  if (await findBuiltinRoutine(id)) {
    throw new UserError(`"${id}" is a built-in routine; choose another id, or change your own copy of it with soothe edit ${id}`);
  }
}

async function askId(deps: Deps, name: string, taken: Set<string>): Promise<string> {
  const base = slug(name);
  let suggestion = base;
  for (let n = 2; taken.has(suggestion); n++) suggestion = `${base.slice(0, 60)}-${n}`;
  return (
    await deps.prompts.input({
      message: "Id (the file name, and what you type after soothe run):",
      default: suggestion,
      validate: (value) => {
        const id = value.trim();
        if (!isValidId(id)) return `use ${ID_RULE}`;
        if (taken.has(id)) return `"${id}" is taken; choose another id`;
        return true;
      },
    })
  ).trim();
}

/** An id made from a name: `Morning stretch!` gives `morning-stretch`; `routine` when nothing is left. */
export function slug(name: string): string {
  const s = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, 64)
    .replace(/-+$/, "");
  return isValidId(s) ? s : "routine";
}

/** Asks for steps until the user says there are no more (offered once there is one). Each step is checked with the draft before it is kept. */
async function askSteps(deps: Deps, draft: Draft, id: string): Promise<void> {
  for (;;) {
    const number = draft.steps.length + 1;
    const kind = await deps.prompts.select<StepKind | typeof DONE>({
      message: `What kind is step ${number}?`,
      // Once there is a step, finishing comes first: it is the likely answer, and the kinds do not fit on one page.
      choices: [
        ...(draft.steps.length > 0
          ? [{ value: DONE, name: "No more steps: show the plan", description: "you can still add steps after" }]
          : []),
        ...STEP_KINDS.map((k) => ({ value: k, name: k, description: KIND_HELP[k] })),
      ],
    });
    if (kind === DONE) return;
    const step = await askStep(deps, kind);
    const trial: Draft = { ...draft, steps: [...draft.steps, step] };
    try {
      await checkRoutineText(routineText(trial), `step ${number}`, id);
    } catch (error) {
      if (!(error instanceof RoutineError)) throw error;
      deps.stderr.write(`${deps.errTheme.red("This step cannot be kept:")} ${error.problems.map((p) => p.message).join("; ")}\n`);
      continue;
    }
    draft.steps.push(step);
    deps.stdout.write(`${deps.theme.green("Added")} step ${number}: ${describeStep(step)}\n`);
  }
}

/** Asks the questions of one step of `kind`, each answer checked as it is typed. */
export async function askStep(deps: Deps, kind: StepKind): Promise<DraftStep> {
  const title = await askText(deps, `Title of this ${kind} step:`, { max: 200, required: true, example: KIND_EXAMPLE[kind] });
  const step: DraftStep = { [kind]: title };
  const coldHot = kind === "ice" || kind === "heat";

  if (kind === "stretch" || kind === "exercise") {
    const how = await deps.prompts.select<"time" | "reps">({
      message: "Timed how?",
      choices: [
        { value: "time", name: kind === "stretch" ? "Held for a time" : "For a time", description: "like 30s" },
        { value: "reps", name: "For a number of reps", description: "with a time a rep, or done when you say" },
      ],
    });
    if (how === "time") {
      const key = kind === "stretch" ? "hold" : "duration";
      step[key] = await askDuration(deps, "How long, for one side and one set? (like 30s or 1m)", { default: DEFAULT_TIME[kind] });
    } else {
      step.reps = await askWhole(deps, "How many reps in a set?", 1, MAX_REPS, 10);
      const tempo = await askDuration(deps, "How long does one rep take? (like 5s; Enter for no timer, you say when done)", {
        optional: true,
      });
      if (tempo) step.tempo = tempo;
    }
  } else if (kind !== "manual") {
    const limit = coldHot ? { max: MAX_PACK_S, maxWhy: `ice or heat is limited to ${minutesWords(MAX_PACK_S)} at a time` } : {};
    const duration = await askDuration(deps, "How long? (like 30s, 1m30s or 15m)", { default: DEFAULT_TIME[kind], ...limit });
    step.duration = duration;
    if (kind === "breathe") {
      const total = seconds(duration);
      const inhale = await askDuration(deps, "Breathe in for how long? (like 4s; Enter to skip)", { optional: true, max: total });
      if (inhale) step.inhale = inhale;
      const room = total - (inhale ? seconds(inhale) : 0);
      const exhale = await askDuration(deps, "Breathe out for how long? (like 6s; Enter to skip)", {
        optional: true,
        max: room,
        maxWhy: "one breath cannot be longer than the step",
      });
      if (exhale) step.exhale = exhale;
    }
  }

  if (SIDED.includes(kind)) {
    const sides = await deps.prompts.select<SideSpec | "none">({
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

  if (kind !== "rest") {
    const sets = await askWhole(deps, "How many sets?", 1, MAX_SETS, 1);
    if (sets > 1) {
      step.sets = sets;
      const rest = await askDuration(deps, "Rest between sets? (like 10s; 0 for none)", {
        default: coldHot ? "15m" : "10s",
        min: coldHot ? 1 : 0,
        ...(coldHot ? { minWhy: "ice or heat sets need a rest between them" } : {}),
      });
      if (seconds(rest) > 0) step.rest = rest;
    }
  }

  const cues: string[] = [];
  for (;;) {
    const cue = await askText(
      deps,
      cues.length === 0 ? "A cue: what to do, shown during the step (Enter to skip):" : `Cue ${cues.length + 1} (Enter when there are no more):`,
      { max: 500 },
    );
    if (!cue) break;
    cues.push(cue);
    if (cues.length >= 20) break;
  }
  if (cues.length > 0) step.cues = cues;
  return step;
}

/** The routine file for a draft: the schema line, then the YAML (written by the yaml library, which quotes what needs it). */
export function routineText(draft: Draft): string {
  const body: Record<string, unknown> = { name: draft.name };
  if (draft.description) body.description = draft.description;
  body.steps = draft.steps;
  return `${schemaLine()}\n${stringify(body, { lineWidth: 0 })}`;
}

/** One line about a step, for "Added step 2: ...". */
export function describeStep(step: DraftStep): string {
  const [kind, title] = Object.entries(step)[0]!;
  const parts: string[] = [`${kind} "${truncate(cleanText(String(title)), 40)}"`];
  const time = step.hold ?? step.duration;
  if (time !== undefined) parts.push(String(time));
  if (step.reps !== undefined) parts.push(`${step.reps} reps${step.tempo ? ` of ${step.tempo}` : ", untimed"}`);
  if (step.inhale !== undefined || step.exhale !== undefined) {
    parts.push([step.inhale && `in ${step.inhale}`, step.exhale && `out ${step.exhale}`].filter(Boolean).join(", "));
  }
  if (step.sides !== undefined) parts.push(step.sides === "both" ? "each side" : `${step.sides} side`);
  if (step.sets !== undefined) parts.push(`${step.sets} sets${step.rest ? `, ${step.rest} rest` : ""}`);
  if (Array.isArray(step.cues)) parts.push(step.cues.length === 1 ? "1 cue" : `${step.cues.length} cues`);
  if (kind === "manual") parts.push("done when you say");
  return parts.join(", ");
}

// ---- questions ----

async function askText(
  deps: Deps,
  message: string,
  options: { max: number; required?: boolean; example?: string },
): Promise<string> {
  const answer = await deps.prompts.input({
    message: options.example ? `${message} (like ${options.example})` : message,
    validate: (value) => {
      const clean = cleanText(value).trim();
      if (options.required && clean === "") return "this cannot be empty";
      if (clean.length > options.max) return `at most ${options.max} characters (this is ${clean.length})`;
      return true;
    },
  });
  return cleanText(answer).trim();
}

/** A duration answer, normalised (`90` gives `1m30s`); "" for a skipped optional one. */
async function askDuration(
  deps: Deps,
  message: string,
  options: { default?: string; optional?: boolean; min?: 0 | 1; max?: number; maxWhy?: string; minWhy?: string },
): Promise<string> {
  const min = options.min ?? 1;
  const answer = await deps.prompts.input({
    message,
    ...(options.default ? { default: options.default } : {}),
    validate: (value) => {
      if (value.trim() === "" && options.optional) return true;
      const result = parseDuration(value.trim(), min);
      if (typeof result === "string") {
        return min === 1 && options.minWhy && /at least/.test(result) ? options.minWhy : result.replace(/^bad duration/, "not a duration:");
      }
      if (options.max !== undefined && result > options.max) {
        return `at most ${formatDuration(options.max)}${options.maxWhy ? `: ${options.maxWhy}` : ""}`;
      }
      return true;
    },
  });
  if (answer.trim() === "" && options.optional) return "";
  return formatDuration(seconds(answer.trim()));
}

async function askWhole(deps: Deps, message: string, min: number, max: number, fallback: number): Promise<number> {
  const answer = await deps.prompts.input({
    message,
    default: String(fallback),
    validate: (value) => {
      const n = Number(value.trim());
      if (!/^\d+$/.test(value.trim()) || n < min || n > max) return `a whole number from ${min} to ${max}`;
      return true;
    },
  });
  return Number(answer.trim());
}

function seconds(text: string): number {
  const result = parseDuration(text, 0);
  return typeof result === "number" ? result : 0;
}
