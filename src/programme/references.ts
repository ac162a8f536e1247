import { doseCeiling, doseWords } from "../care/progression.js";
import { unroll } from "../routine/plan.js";
import type { Routine, RoutineProblem, Step } from "../routine/types.js";
import { didYouMean, quote } from "../text.js";
import type { At, Programme, ProgressRule } from "./types.js";

/** The routines a programme may name: every id known (for suggestions) and a way to get one parsed. */
export interface RoutineLookup {
  ids: readonly string[];
  get(id: string): Routine | undefined;
}

/** The steps of a routine titled `title`, in repeat groups too. */
export function stepsTitled(routine: Routine, title: string): Step[] {
  return unroll(routine.steps).filter((step) => step.title === title);
}

/**
 * Problems with what a programme names: routines that do not exist, step titles not in their routine, a reps
 * progression on a step held for a time (or the reverse), and a `to` past what the step allows (a routine's limits,
 * the 20-minute limit on ice and heat). Each at its place in `file`, with a suggestion where one is likely.
 */
export function checkReferences(programme: Pick<Programme, "routines" | "progress">, file: string, lookup: RoutineLookup): RoutineProblem[] {
  const problems: RoutineProblem[] = [];
  const report = (at: At | undefined, message: string) =>
    problems.push({ file, line: at?.line ?? 1, col: at?.col ?? 1, message, severity: "error" });
  for (const entry of programme.routines) {
    if (!lookup.get(entry.routine)) report(entry.at, unknownRoutine(entry.routine, lookup.ids));
  }
  for (const rule of programme.progress) {
    const routine = lookup.get(rule.routine);
    // An unknown routine is reported once, under routines:.
    if (!routine) continue;
    const message = stepProblem(rule, routine);
    if (message) report(message.at === "step" ? rule.at?.step : rule.at?.to, message.text);
  }
  return problems.sort((a, b) => a.line - b.line || a.col - b.col);
}

function unknownRoutine(id: string, ids: readonly string[]): string {
  const near = didYouMean(id, ids);
  return `unknown routine ${quote(id)}; ${near || "`soothe list` shows the routines there are"}`;
}

function stepProblem(rule: ProgressRule, routine: Routine): { at: "step" | "to"; text: string } | null {
  const steps = stepsTitled(routine, rule.step);
  if (steps.length === 0) {
    const titles = [...new Set(unroll(routine.steps).map((s) => s.title))];
    const near = didYouMean(rule.step, titles);
    return { at: "step", text: `no step ${quote(rule.step)} in ${routine.id}; ${near || `its steps are ${titles.map((t) => quote(t)).join(", ")}`}` };
  }
  for (const step of steps) {
    if (rule.dose.unit === "reps" && step.reps === undefined) {
      return { at: "step", text: `${quote(rule.step)} in ${routine.id} is not done for reps; build up its hold instead, like hold: { from: 10s, to: 30s, step: 5s }` };
    }
    if (rule.dose.unit === "hold_s" && (step.reps !== undefined || step.duration_s === undefined)) {
      return { at: "step", text: `${quote(rule.step)} in ${routine.id} is not held for a time; build up its reps instead, like reps: { from: 5, to: 15, step: 1 }` };
    }
    const ceiling = doseCeiling(step, rule.dose.unit);
    if (rule.dose.to > ceiling) {
      const why = step.kind === "ice" || step.kind === "heat" ? "ice and heat are limited to 20 minutes at a time" : "that is the most one step allows";
      return { at: "to", text: `to is past ${doseWords(ceiling, rule.dose.unit)} for ${quote(rule.step)}: ${why}` };
    }
  }
  return null;
}
