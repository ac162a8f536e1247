import { MAX_PACK_S, minutesWords } from "../care/heat-cold.js";
import { cleanText, didYouMean, quote } from "../text.js";
import { durationLimitMessage, formatDuration, parseDuration } from "./duration.js";
import { LIMITS } from "./limits.js";
import { stepKeys } from "./schema.js";
import { STEP_KINDS, type RoutineProblem, type SideSpec, type Step, type StepKind } from "./types.js";
import type { Entry } from "./yaml-check.js";

// The checks of one step once each of its values has passed its schema: the options that go together (hold or
// duration, reps and tempo), reps times tempo within a segment, what ice and heat need, a breath within its step, and
// options that would do nothing. Each problem is reported where it lies; nothing here reads YAML.

/** Reports a problem at an offset of the file (the parser's own `report` and `error`). */
export interface Reporter {
  error(offset: number, message: string): void;
  report(severity: RoutineProblem["severity"], offset: number, message: string): void;
}

/** The values of one step that passed their schema, and every option given, each with where it stands. */
export interface StepFields {
  kind: StepKind;
  /** The kind's key, whose value is the title. */
  kindEntry: Entry;
  /** Checked values by key (`title` for the kind's value). */
  values: Map<string, { value: unknown; entry: Entry }>;
  /** Every option written, checked or not. */
  given: Map<string, Entry>;
}

/** Runs every check of a step, in order, so that each reports; true when none found an error. */
export function checkStep(fields: StepFields, reporter: Reporter, locate: Locate): boolean {
  const results = [
    checkTiming(fields, reporter),
    checkLengths(fields, reporter),
    checkPackSets(fields, reporter, locate),
    checkBreath(fields, reporter),
  ];
  warnIdleOptions(fields, reporter);
  return results.every(Boolean);
}

/** The offset of the item at `path` inside a value, for a problem with one item of a list. */
export type Locate = (entry: Entry, path: readonly PropertyKey[]) => number;

/** hold or duration (not both), reps with tempo and not with a time, and a time for every timed kind. */
function checkTiming({ kind, kindEntry, given }: StepFields, r: Reporter): boolean {
  const later = (a: Entry, b: Entry) => (a.keyAt > b.keyAt ? a : b);
  const hold = given.get("hold");
  const duration = given.get("duration");
  const time = hold ?? duration;
  const reps = given.get("reps");
  const tempo = given.get("tempo");
  let ok = true;
  if (hold && duration) {
    ok = false;
    r.error(later(hold, duration).keyAt, '"hold" and "duration" mean the same; keep one');
  }
  if (reps && time) {
    ok = false;
    r.error(
      later(reps, time).keyAt,
      `"reps" and ${quote(time.key)} do not go together; time a step with reps by its tempo (seconds a rep), or give a ${time.key} without reps`,
    );
  }
  if (tempo && !reps) {
    ok = false;
    r.error(tempo.keyAt, '"tempo" needs "reps": tempo is the time one rep takes');
  }
  if (!time && !reps && kind !== "manual") {
    ok = false;
    const article = /^[aeiou]/.test(kind) ? "an" : "a";
    const example = kind === "stretch" ? "hold: 30s" : kind === "massage" ? "duration: 60s" : "duration: 30s";
    const needs = kind === "stretch" || kind === "exercise" ? `a ${kind === "stretch" ? "hold" : "duration"} or reps` : "a duration";
    r.error(kindEntry.keyAt, `${article} ${kind} step needs ${needs}, like ${example}`);
  }
  return ok;
}

/**
 * Reps times tempo within one segment. The length of every other segment (a hold or duration, ice and heat, a rest)
 * is checked with its value, against its limit in limits.ts.
 */
function checkLengths(fields: StepFields, r: Reporter): boolean {
  const repCount = fields.values.get("reps")?.value as number | undefined;
  const rep_s = secondsOf(fields, "tempo");
  if (repCount === undefined || rep_s === undefined || repCount * rep_s <= LIMITS.segment.max_s) return true;
  const subject = `${formatDuration(repCount * rep_s)} (${repCount} reps of ${formatDuration(rep_s)})`;
  r.error(
    fields.given.get("tempo")!.valueAt,
    durationLimitMessage(repCount * rep_s, LIMITS.segment, { subject, advice: "use fewer reps, and sets for more" }),
  );
  return false;
}

/** Ice and heat: sets need a rest between them, and skin checks fall within the application. */
function checkPackSets(fields: StepFields, r: Reporter, locate: Locate): boolean {
  const { kind, given, values } = fields;
  let ok = true;
  const setsEntry = given.get("sets");
  const setCount = values.get("sets")?.value as number | undefined;
  if ((kind === "ice" || kind === "heat") && setsEntry && setCount !== undefined && setCount > 1 && !secondsOf(fields, "rest")) {
    ok = false;
    r.error(
      setsEntry.keyAt,
      `ice or heat sets need a rest between them (like rest: 15m): applications are limited to ${minutesWords(MAX_PACK_S)} at a time`,
    );
  }
  const checks = values.get("checks");
  const duration_s = durationOf(fields);
  if (checks && duration_s !== undefined) {
    checksOf(fields).forEach((at, index) => {
      if (at >= duration_s) {
        ok = false;
        r.error(
          locate(checks.entry, [index]),
          `a skin check at ${formatDuration(at)} is not within the ${formatDuration(duration_s)} application`,
        );
      }
    });
  }
  return ok;
}

/** One breath (in and out) fits within its step. */
function checkBreath(fields: StepFields, r: Reporter): boolean {
  const duration_s = durationOf(fields);
  const inhale_s = secondsOf(fields, "inhale");
  const exhale_s = secondsOf(fields, "exhale");
  if (duration_s === undefined || (inhale_s ?? 0) + (exhale_s ?? 0) <= duration_s) return true;
  const first = [fields.given.get("inhale"), fields.given.get("exhale")].filter((e) => e !== undefined)[0]!;
  r.error(first.keyAt, `one breath (${breath(inhale_s, exhale_s)}) is longer than the step (${formatDuration(duration_s)})`);
  return false;
}

/** Warnings for options that would do nothing: a rest without sets, halfway cues on untimed reps. */
function warnIdleOptions({ kind, given, values }: StepFields, r: Reporter): void {
  const sets = (values.get("sets")?.value as number | undefined) ?? 1;
  const rest = given.get("rest");
  if (rest && kind !== "rest" && !given.has("sets")) {
    r.report("warning", rest.keyAt, '"rest" between sets does nothing without sets; add sets: 2 or more, or remove it');
  } else if (rest && kind !== "rest" && sets === 1 && values.has("sets")) {
    r.report("warning", rest.keyAt, '"rest" between sets does nothing with one set; add sets: 2 or more, or remove it');
  }
  const halfway = given.get("halfway");
  if (halfway && given.has("reps") && !given.has("tempo")) {
    r.report("warning", halfway.keyAt, '"halfway" is never shown: reps without tempo have no time to be halfway through');
  }
}

/** The step a checked step's fields make, with its `title` already cleaned. */
export function buildStep(fields: StepFields, title: string): Step {
  const { kind, values } = fields;
  const duration_s = durationOf(fields);
  const repsValue = values.get("reps")?.value as number | undefined;
  const tempo_s = secondsOf(fields, "tempo");
  const timed =
    kind === "manual"
      ? undefined
      : (duration_s ?? (repsValue !== undefined && tempo_s !== undefined ? repsValue * tempo_s : undefined));
  const cues = values.get("cues")?.value as string | string[] | undefined;
  const text = (key: string) => {
    const value = values.get(key)?.value as string | undefined;
    return value === undefined ? undefined : cleanText(value).trim();
  };
  const step: Step = {
    kind,
    title,
    sets: (values.get("sets")?.value as number | undefined) ?? 1,
    cues: cleanList(cues === undefined ? [] : typeof cues === "string" ? [cues] : cues),
    checks_s: checksOf(fields).sort((a, b) => a - b),
  };
  if (timed !== undefined) step.duration_s = timed;
  if (repsValue !== undefined) step.reps = repsValue;
  if (tempo_s !== undefined) step.tempo_s = tempo_s;
  const sides = values.get("sides")?.value as SideSpec | undefined;
  if (sides !== undefined) step.sides = sides;
  if (kind !== "rest") {
    const rest_s = secondsOf(fields, "rest");
    if (rest_s !== undefined) step.rest_s = rest_s;
  }
  const halfwayText = text("halfway");
  if (halfwayText) step.halfway = halfwayText;
  const caution = text("caution");
  if (caution) step.caution = caution;
  const inhale_s = secondsOf(fields, "inhale");
  const exhale_s = secondsOf(fields, "exhale");
  if (inhale_s !== undefined) step.inhale_s = inhale_s;
  if (exhale_s !== undefined) step.exhale_s = exhale_s;
  return step;
}

/** Why a key does not belong in a step of this kind, and what to do instead. */
export function misplacedKey(key: string, kind: StepKind, allowed: string[]): string {
  if (kind === "manual" && (key === "hold" || key === "duration" || key === "tempo" || key === "reps")) {
    return `${quote(key)} does not belong in a manual step: it has no duration and lasts until you say it is done`;
  }
  if (key === "steps") return `"steps" belongs in a repeat group, like - repeat: 2 with steps: under it`;
  const owners = STEP_KINDS.filter((k) => stepKeys(k).slice(1).includes(key));
  if (owners.length > 0) {
    return `${quote(key)} does not belong in a ${kind} step; it is for ${listWords(owners)} steps`;
  }
  const near = didYouMean(key, allowed.slice(1));
  return `unknown key ${quote(key)} in a ${kind} step; ${near || `allowed keys are ${allowed.slice(1).join(", ")}`}`;
}

/** The step's time (hold or duration) in seconds, when it has one that passed its schema. */
function durationOf(fields: StepFields): number | undefined {
  return secondsOf(fields, "hold") ?? secondsOf(fields, "duration");
}

function secondsOf(fields: StepFields, key: string): number | undefined {
  const found = fields.values.get(key);
  return found === undefined ? undefined : seconds(found.value);
}

function checksOf(fields: StepFields): number[] {
  return ((fields.values.get("checks")?.value as unknown[] | undefined) ?? []).map(seconds);
}

/** A duration value already checked by the schema, in seconds. */
export function seconds(value: unknown): number {
  const result = parseDuration(value, 0);
  return typeof result === "number" ? result : 0;
}

/** Texts cleaned of control characters, the empty ones left out. */
export function cleanList(values: readonly string[]): string[] {
  return values.map((v) => cleanText(v).trim()).filter((v) => v !== "");
}

function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

function breath(inhale: number | undefined, exhale: number | undefined): string {
  return [
    inhale === undefined ? "" : `${formatDuration(inhale)} in`,
    exhale === undefined ? "" : `${formatDuration(exhale)} out`,
  ]
    .filter(Boolean)
    .join(", ");
}
