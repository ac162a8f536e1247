import type { Deps } from "../deps.js";
import { RoutineError, UserError, formatProblem } from "../errors.js";
import { type Draft, KIND_HELP, describeStep, routineText, slug } from "../routine/builder.js";
import { isValidId } from "../routine/id.js";
import { STEP_KINDS, type StepKind } from "../routine/types.js";
import {
  ID_RULE,
  checkId,
  checkRoutineText,
  findBuiltinRoutine,
  findUserRoutine,
  routineIds,
  saveUserRoutine,
  userRoutinePath,
} from "../routine/user-routines.js";
import { askStep, askText } from "../ui/routine-questions.js";

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

  const name = await askText(deps.prompts, "Name of the routine:", { max: 120, required: true, example: "Morning mobility" });
  const taken = new Set(await routineIds(deps.paths));
  const routineId = id ?? (await askId(deps, name, taken));
  const description = await askText(deps.prompts, "What is it for? (optional; Enter to skip)", { max: 2000 });
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
    const step = await askStep(deps.prompts, kind);
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
