import { DEFAULT_CHECK_AT_S, DEFAULT_CHECK_FROM_S, isPackKind } from "../care/heat-cold.js";
import { planTimes } from "./times.js";
import type { Plan, PlanOptions, Routine, RoutineStep, Segment, Side, SideSpec, Step } from "./types.js";

/** Most segments a plan may have; a larger routine is refused before it is expanded. */
export const MAX_SEGMENTS = 10_000;
/** Longest a plan may last (24 h). */
export const MAX_PLAN_S = 24 * 60 * 60;

/**
 * Expands a routine into the segments a run walks through: repeats unrolled, sets outside and sides inside, rests
 * between sets, and a transition between two consecutive non-rest segments when the transition time is above 0.
 */
export function expandPlan(routine: Routine, opts: PlanOptions): Plan {
  const lead_in_s = opts.leadInOverride_s ?? routine.lead_in_s ?? opts.leadIn_s;
  const transition_s = routine.transition_s ?? opts.transition_s;
  const affected = opts.affectedSide ?? null;
  // Parsing refuses such routines with a located message; this guards routines built some other way.
  const size = countSegments(routine, transition_s);
  if (isTooLarge(size)) throw new RangeError(`routine "${routine.id}" is too large to expand (${size.segments} segments)`);

  const steps = unroll(routine.steps);
  const body: Segment[] = [];
  steps.forEach((step, index) => body.push(...stepSegments(step, index, affected)));

  const segments: Segment[] = [];
  for (const segment of body) {
    const previous = segments[segments.length - 1];
    if (previous && transition_s > 0 && previous.kind !== "rest" && segment.kind !== "rest") {
      segments.push(transition(previous, segment, transition_s));
    }
    segments.push(segment);
  }

  const { total_s } = planTimes({ segments, lead_in_s });
  return {
    id: routine.id,
    name: routine.name,
    lead_in_s,
    transition_s,
    segments,
    total_s,
    steps: steps.length,
    notes: affected === null ? sideNotes(steps) : affected === "both" ? bothNotes(steps) : [],
    avoid_if: [...(routine.avoid_if ?? [])],
  };
}

/** The steps with every repeat group unrolled, nested groups included. */
export function unroll(steps: readonly RoutineStep[]): Step[] {
  const out: Step[] = [];
  for (const step of steps) {
    if (step.kind === "repeat") {
      for (let i = 0; i < step.times; i++) out.push(...unroll(step.steps));
    } else {
      out.push(step);
    }
  }
  return out;
}

/** The size of a routine's plan, counted without expanding it, so that a huge repeat can be refused cheaply. */
export interface PlanSize {
  /** Segments, counting a transition between every two (an upper bound when transitions are on). */
  segments: number;
  /** Seconds of every timed segment, transitions counted as for `segments`. */
  seconds: number;
}

/**
 * Counts a routine's segments and seconds without expanding it. Transitions use the routine's own time, or
 * `transition_s` when it sets none (0 by default, which counts none).
 */
export function countSegments(routine: Pick<Routine, "steps" | "transition_s">, transition_s = 0): PlanSize {
  const inner = countSteps(routine.steps);
  const pause = routine.transition_s ?? transition_s;
  const transitions = pause > 0 ? Math.max(0, inner.segments - 1) : 0;
  return { segments: inner.segments + transitions, seconds: inner.seconds + transitions * pause };
}

/** True when a plan of this size is too large to run: over MAX_SEGMENTS segments or MAX_PLAN_S seconds. */
export function isTooLarge(size: PlanSize): boolean {
  return size.segments > MAX_SEGMENTS || size.seconds > MAX_PLAN_S;
}

function countSteps(steps: readonly RoutineStep[]): PlanSize {
  let segments = 0;
  let seconds = 0;
  for (const step of steps) {
    if (step.kind === "repeat") {
      const inner = countSteps(step.steps);
      segments += step.times * inner.segments;
      seconds += step.times * inner.seconds;
    } else {
      const sides = step.sides === "both" ? 2 : 1;
      const rests = step.rest_s && step.kind !== "rest" ? step.sets - 1 : 0;
      const timed = segmentDuration(step) ?? 0;
      segments += step.sets * sides + rests;
      seconds += step.sets * sides * timed + rests * (step.rest_s ?? 0);
    }
  }
  return { segments, seconds };
}

/** Seconds one set of one side lasts, or null for a manual segment. */
function segmentDuration(step: Step): number | null {
  if (step.kind === "manual") return null;
  if (step.duration_s !== undefined) return step.duration_s;
  if (step.reps !== undefined && step.tempo_s !== undefined) return step.reps * step.tempo_s;
  return null;
}

function opposite(side: Side): Side {
  return side === "left" ? "right" : "left";
}

function resolveSides(spec: SideSpec | undefined, affected: Side | "both" | null): (Side | null)[] {
  // Both legs affected: there is no "other" side; every one-sided step runs on both, left first.
  if (affected === "both") return spec === undefined ? [null] : spec === "left" || spec === "right" ? [spec] : ["left", "right"];
  switch (spec) {
    case undefined:
      return [null];
    case "left":
    case "right":
      return [spec];
    case "both":
      return affected ? [affected, opposite(affected)] : ["left", "right"];
    case "affected":
      return [affected ?? "left"];
    case "other":
      return [affected ? opposite(affected) : "right"];
  }
}

function stepSegments(step: Step, index: number, affected: Side | "both" | null): Segment[] {
  const duration_s = segmentDuration(step);
  const isRest = step.kind === "rest";
  let checks_s = step.checks_s;
  if (isPackKind(step.kind) && checks_s.length === 0 && (duration_s ?? 0) >= DEFAULT_CHECK_FROM_S) {
    checks_s = [DEFAULT_CHECK_AT_S];
  }
  const sides = resolveSides(step.sides, affected);
  const out: Segment[] = [];
  for (let set = 1; set <= step.sets; set++) {
    if (set > 1 && step.rest_s && !isRest) out.push(setRest(step.rest_s));
    for (const side of sides) {
      out.push({
        kind: step.kind,
        title: step.title,
        side,
        set: isRest ? null : set,
        sets: isRest ? 1 : step.sets,
        duration_s,
        reps: step.reps ?? null,
        tempo_s: step.tempo_s ?? null,
        cues: [...step.cues],
        halfway: step.halfway ?? null,
        caution: step.caution ?? null,
        checks_s: [...checks_s],
        inhale_s: step.inhale_s ?? null,
        exhale_s: step.exhale_s ?? null,
        step: index,
        ...(step.dose ? { dose: step.dose } : {}),
      });
    }
  }
  return out;
}

function setRest(duration_s: number): Segment {
  return emptySegment("rest", "Rest", duration_s);
}

function transition(previous: Segment, next: Segment, duration_s: number): Segment {
  const switchSides =
    previous.step === next.step && previous.side !== null && next.side !== null && previous.side !== next.side;
  return emptySegment("transition", switchSides ? "Switch sides" : `Next: ${next.title}`, duration_s);
}

function emptySegment(kind: "rest" | "transition", title: string, duration_s: number): Segment {
  return {
    kind,
    title,
    side: null,
    set: null,
    sets: 1,
    duration_s,
    reps: null,
    tempo_s: null,
    cues: [],
    halfway: null,
    caution: null,
    checks_s: [],
    inhale_s: null,
    exhale_s: null,
    step: -1,
  };
}

function sideNotes(steps: readonly Step[]): string[] {
  const usesAffected = steps.some((s) => s.sides === "affected");
  const usesOther = steps.some((s) => s.sides === "other");
  if (!usesAffected && !usesOther) return [];
  const parts = [
    ...(usesAffected ? ['left for "affected" steps'] : []),
    ...(usesOther ? ['right for "other" steps'] : []),
  ];
  return [`No affected side set: using ${parts.join(" and ")}. Set one with --side.`];
}

/** The note for a run with both legs affected, when a step is for one side. */
function bothNotes(steps: readonly Step[]): string[] {
  if (!steps.some((s) => s.sides === "affected" || s.sides === "other")) return [];
  return ['Both legs: "affected" and "other" steps run on both sides, left first.'];
}

/** Whether a step resolves against the affected side (`affected` or `other`). */
export function usesAffectedSide(routine: Routine): boolean {
  return unroll(routine.steps).some((step) => step.sides === "affected" || step.sides === "other");
}
