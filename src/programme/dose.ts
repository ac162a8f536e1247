import { doseWords } from "../care/progression.js";
import { formatDuration } from "../routine/duration.js";
import type { Routine, RoutineStep, Step } from "../routine/types.js";
import { cleanText } from "../text.js";
import type { TodayDose } from "./today.js";

/** A step whose dose the programme sets for this run. */
export interface DoseForRun {
  step: string;
  unit: "reps" | "hold_s";
  /** The dose this run does. */
  dose: number;
  /** The dose before today's change (the same when there is none). */
  previous: number;
  change: "up" | "down" | "same";
  reason: string;
  /** What the routine file itself says, when the step gives it. */
  written: number | null;
  /** The person chose to keep the previous dose today. */
  kept: boolean;
}

/**
 * The routine with today's doses of its progressed steps (every step with that title, in repeat groups too), and
 * what changed. With `keepPrevious`, an increase waits: the step keeps the previous dose today. A decrease is never
 * skipped: it follows pain that spread or a step that hurt. Pure; the routine given is left as it is.
 */
export function applyDoses(routine: Routine, doses: readonly TodayDose[], keepPrevious = false): { routine: Routine; doses: DoseForRun[] } {
  const mine = doses.filter((d) => d.routine === routine.id);
  const out: DoseForRun[] = mine.map((d) => {
    const unit = d.reps !== undefined ? "reps" : "hold_s";
    const today = (unit === "reps" ? d.reps : d.hold_s) ?? d.previous;
    const kept = keepPrevious && d.change === "up";
    return { step: d.step, unit, dose: kept ? d.previous : today, previous: d.previous, change: d.change, reason: d.reason, written: writtenDose(routine.steps, d.step, unit), kept };
  });
  const byTitle = new Map(out.map((d) => [d.step, d]));
  const steps = mapSteps(routine.steps, (step) => {
    const d = byTitle.get(step.title);
    return d ? dosed(step, d) : step;
  });
  return { routine: { ...routine, steps }, doses: out };
}

function mapSteps(steps: readonly RoutineStep[], fn: (step: Step) => Step): RoutineStep[] {
  return steps.map((step) => (step.kind === "repeat" ? { ...step, steps: mapSteps(step.steps, fn) } : fn(step)));
}

function dosed(step: Step, d: DoseForRun): Step {
  if (d.unit === "hold_s") return { ...step, duration_s: d.dose, dose: "hold_s" };
  const out: Step = { ...step, reps: d.dose, dose: "reps" };
  if (step.tempo_s !== undefined) out.duration_s = d.dose * step.tempo_s;
  return out;
}

function writtenDose(steps: readonly RoutineStep[], title: string, unit: "reps" | "hold_s"): number | null {
  for (const step of steps) {
    if (step.kind === "repeat") {
      const inner = writtenDose(step.steps, title, unit);
      if (inner !== null) return inner;
    } else if (step.title === title) {
      return (unit === "reps" ? step.reps : step.duration_s) ?? null;
    }
  }
  return null;
}

/** "Sciatic nerve glide: 7 reps, up from 6: three calm sessions since 2 December". */
export function doseSentence(d: DoseForRun): string {
  const step = cleanText(d.step);
  const now = doseWords(d.dose, d.unit);
  const before = d.unit === "reps" ? String(d.previous) : formatDuration(d.previous);
  if (d.kept) return `${step}: ${now}, kept as before today (it could go up: ${d.reason})`;
  if (d.change === "same") return `${step}: ${now}`;
  return `${step}: ${now}, ${d.change} from ${before}: ${d.reason}`;
}

/** The notes a plan shows for dosed steps: today's dose, and what the routine file says when that differs. */
export function doseNotes(doses: readonly DoseForRun[]): string[] {
  return doses.map((d) => {
    const written = d.written !== null && d.written !== d.dose ? ` (the routine says ${doseWords(d.written, d.unit)})` : "";
    return `Programme: ${doseSentence(d)}${written}.`;
  });
}
