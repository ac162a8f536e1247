import { stringify } from "yaml";
import { MAX_PACK_S, minutesWords } from "../care/heat-cold.js";
import { cleanText, truncate } from "../text.js";
import { formatDuration, parseDuration, type DurationLimit } from "./duration.js";
import { isValidId } from "./id.js";
import { LIMITS } from "./limits.js";
import type { StepKind } from "./types.js";
import { schemaLine } from "./user-routines.js";

// The routine builder (`soothe new`) without its questions: what a draft is, what each kind offers, how every
// answer is checked and normalised, and the file a draft becomes. Pure; the questions are in ui/routine-questions.ts.

/** A step as it will be written: its kind key first, then its options, in the order people read them. */
export type DraftStep = Record<string, string | number | string[]>;

/** What the builder has gathered so far. */
export interface Draft {
  name: string;
  description?: string;
  steps: DraftStep[];
}

/** What each kind is, beside its name in the list of kinds. */
export const KIND_HELP: Record<StepKind, string> = {
  stretch: "held for a time, or done for reps",
  exercise: "for a time, or for reps",
  massage: "self-massage for a time",
  ice: `a cold pack for a time (at most ${minutesWords(MAX_PACK_S)})`,
  heat: `a warm pack for a time (at most ${minutesWords(MAX_PACK_S)})`,
  breathe: "paced breathing for a time",
  rest: "a timed rest",
  manual: "no timer: done when you say so",
};

/** An example title for each kind. */
export const KIND_EXAMPLE: Record<StepKind, string> = {
  stretch: "Knee to chest",
  exercise: "Sciatic nerve glide",
  massage: "Tennis ball under the buttock",
  ice: "Cold pack on the lower back",
  heat: "Warm pack on the lower back",
  breathe: "Slow breathing",
  rest: "Lie still",
  manual: "Walk around the room",
};

/** The time offered for each kind. */
export const DEFAULT_TIME: Record<StepKind, string> = {
  stretch: "30s",
  exercise: "30s",
  massage: "1m",
  ice: "15m",
  heat: "15m",
  breathe: "2m",
  rest: "30s",
  manual: "",
};

/** Kinds that can be done on one side, or on each. */
export const SIDED: readonly StepKind[] = ["stretch", "exercise", "massage", "ice", "heat", "manual"];
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

/** Why a typed text cannot be used, or null: empty when it is required, or longer than `max` once cleaned. */
export function textProblem(value: string, options: { max: number; required?: boolean }): string | null {
  const clean = cleanText(value).trim();
  if (options.required && clean === "") return "this cannot be empty";
  if (clean.length > options.max) return `at most ${options.max} characters (this is ${clean.length})`;
  return null;
}

/** What a duration answer may be: within `limit` (a routine's own, from limits.ts), and whether it may be skipped. */
export interface DurationLimits {
  optional?: boolean;
  limit: DurationLimit;
}

/** Why a typed duration cannot be used, or null; an empty answer is fine when the question is optional. */
export function durationProblem(value: string, limits: DurationLimits): string | null {
  if (value.trim() === "" && limits.optional) return null;
  const result = parseDuration(value.trim(), limits.limit);
  return typeof result === "string" ? result.replace(/^bad duration/, "not a duration:") : null;
}

/** The limit of one breath in or out, when `room_s` is left in the step. */
export function breathLimit(what: "breathing in" | "breathing out", room_s: number): DurationLimit {
  return { what, min_s: 1, max_s: room_s, why: "one breath cannot be longer than the step" };
}

/** The limit of a rest between sets: packs need at least MIN_PACK_GAP_S between them, others may have none. */
export function setRestLimit(kind: StepKind): DurationLimit {
  return kind === "ice" || kind === "heat" ? LIMITS.packSetRest : LIMITS.setRest;
}

/** The rest offered between sets: the least a pack needs, else a short pause. */
export function setRestDefault(kind: StepKind): string {
  return kind === "ice" || kind === "heat" ? formatDuration(LIMITS.packSetRest.min_s) : "10s";
}

/** A duration answer as the file keeps it (`90` gives `1m30s`); "" for a skipped one. */
export function normalDuration(value: string): string {
  return value.trim() === "" ? "" : formatDuration(seconds(value.trim()));
}

/** Why a typed count cannot be used, or null. */
export function wholeProblem(value: string, min: number, max: number): string | null {
  const n = Number(value.trim());
  return !/^\d+$/.test(value.trim()) || n < min || n > max ? `a whole number from ${min} to ${max}` : null;
}

/** The seconds of a duration the checks above accepted (0 for anything else). */
export function seconds(text: string): number {
  const result = parseDuration(text, 0);
  return typeof result === "number" ? result : 0;
}

/** The limit on the time of a step of `kind`: a pack's, or any other segment's. */
export function timeLimit(kind: StepKind): DurationLimit {
  return kind === "ice" || kind === "heat" ? LIMITS.pack : LIMITS.segment;
}
