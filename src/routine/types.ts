/** Step kinds that become segments of a plan. */
export const STEP_KINDS = ["stretch", "exercise", "massage", "ice", "heat", "breathe", "rest", "manual"] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** How a step names its sides in a routine file. */
export const SIDE_SPECS = ["both", "left", "right", "affected", "other"] as const;
export type SideSpec = (typeof SIDE_SPECS)[number];

/** A resolved side of the body. */
export type Side = "left" | "right";

/** Body areas a routine may name (closed list, mirrored in the schema). */
export const AREAS = [
  "lower-back",
  "glutes",
  "piriformis",
  "hamstrings",
  "hips",
  "hip-flexors",
  "legs",
  "calves",
  "sciatic-nerve",
  "core",
  "upper-back",
  "neck",
  "whole-body",
] as const;
export type Area = (typeof AREAS)[number];

/** One step of a routine after parsing: durations are in seconds, defaults not yet applied. */
export interface Step {
  kind: StepKind;
  title: string;
  /** Seconds one set of one side lasts; absent for manual steps and for reps without tempo. */
  duration_s?: number;
  reps?: number;
  tempo_s?: number;
  sides?: SideSpec;
  /** Sets, 1 when not given. */
  sets: number;
  /** Rest between sets in seconds. */
  rest_s?: number;
  cues: string[];
  halfway?: string;
  caution?: string;
  /** Skin-check reminders, seconds from the start of the segment (ice and heat). */
  checks_s: number[];
  inhale_s?: number;
  exhale_s?: number;
  /** 1-based line of the step in its file, for messages; absent for routines built in code. */
  line?: number;
  /** Set when a programme gives this step's dose: which one (its segments record it in history). */
  dose?: "reps" | "hold_s";
}

/** A `repeat` group. */
export interface RepeatGroup {
  kind: "repeat";
  times: number;
  steps: RoutineStep[];
  line?: number;
}

export type RoutineStep = Step | RepeatGroup;

/** A parsed, valid routine. */
export interface Routine {
  id: string;
  name: string;
  description?: string;
  tags: string[];
  areas: Area[];
  equipment: string[];
  lead_in_s?: number;
  transition_s?: number;
  sources: string[];
  /** Short sentences saying when not to do this routine (`avoid_if:`), shown before it starts. */
  avoid_if?: string[];
  steps: RoutineStep[];
}

/** Kinds of plan segment: a step kind or the pause to change side or position. */
export type SegmentKind = StepKind | "transition";

/** One timed (or manual) piece of a plan. */
export interface Segment {
  kind: SegmentKind;
  title: string;
  side: Side | null;
  /** Set number from 1 on exercise segments; null on rest and transition segments. */
  set: number | null;
  /** Total sets of the step this segment belongs to (1 for rest and transition). */
  sets: number;
  /** Seconds; null for a manual segment (done when the user says so). */
  duration_s: number | null;
  reps: number | null;
  tempo_s: number | null;
  cues: string[];
  halfway: string | null;
  caution: string | null;
  checks_s: number[];
  inhale_s: number | null;
  exhale_s: number | null;
  /** Index of the source step in the flattened step list, for "step n of m"; -1 for transitions and set rests. */
  step: number;
  /** Set when a programme gives the step's dose: the record of this segment keeps `reps` or `hold_s`. */
  dose?: "reps" | "hold_s";
}

/** A routine expanded into the segments a run walks through. */
export interface Plan {
  id: string;
  name: string;
  lead_in_s: number;
  transition_s: number;
  segments: Segment[];
  /** Sum of every timed segment, transitions and rests included; lead-in and manual segments excluded. */
  total_s: number;
  /** Number of steps after unrolling repeats, for "step n of m". */
  steps: number;
  /** Plain remarks about how the plan was resolved, e.g. no affected side set. */
  notes: string[];
  /** The routine's `avoid_if:` sentences; absent or empty when it gives none. */
  avoid_if?: string[];
}

/** Options that shape plan expansion. */
export interface PlanOptions {
  /** The side sciatica affects; "both" (both legs, long-standing and checked) runs one-sided steps on both sides. */
  affectedSide?: Side | "both" | null;
  /** Default lead-in when the routine sets none (seconds). */
  leadIn_s: number;
  /** Default transition when the routine sets none (seconds). */
  transition_s: number;
  /** Overrides the routine's own lead-in (`run --lead-in`). */
  leadInOverride_s?: number;
}

/** A problem found in a routine file, located for `path:line:col: message`. */
export interface RoutineProblem {
  file: string;
  line: number;
  col: number;
  message: string;
  severity: "error" | "warning";
}
