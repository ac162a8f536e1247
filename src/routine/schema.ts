import * as z from "zod";
import { ANY_DURATION, DURATION_PATTERN, parseDuration, type DurationLimit } from "./duration.js";
import { didYouMean, quote } from "../text.js";
import { MAX_PACK_S, minutesWords } from "../care/heat-cold.js";
import { durationRef, editorJsonSchema, jsonSchemaText } from "./json-schema.js";
import { LIMITS } from "./limits.js";
import { AREAS, SIDE_SPECS, STEP_KINDS, type StepKind } from "./types.js";

// The one definition of the routine format. It gives the TypeScript types of a routine file as written
// (RoutineFile), the value checks that parse.ts runs on every key (with the messages users read), durations within
// their limits included (ice and heat from care/heat-cold), and the JSON Schema for editors (routineJsonSchema).
// Rules that span keys (hold and duration together, tempo without reps) live in parse.ts, where each can point at
// the right line; the JSON Schema says them again as far as JSON Schema can (stepRules).

/** Most sets a step may ask for. */
export const MAX_SETS = 100;
/** Most reps a step may ask for. */
export const MAX_REPS = 1000;
/** Most times a repeat group may run. */
export const MAX_REPEAT = 1000;

const join = (items: readonly string[]) => items.join(", ");

/** How a value read from YAML is named in a message: text, a number, a list. */
export function kindOfValue(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return "text";
  if (typeof value === "number") return "a number";
  if (typeof value === "boolean") return `the value ${value}`;
  return `${typeof value}`;
}

/**
 * The range each duration schema has in the JSON Schema, where it differs from its limit: a skin check must fall
 * within its application, which the validator checks against the step's own duration and the JSON Schema can only
 * bound by the longest application.
 */
const jsonRanges = new Map<z.ZodType, { min_s: number; max_s: number }>();

/** The JSON Schema range of a duration schema made by durationSchema; undefined for any other schema. */
export function durationRange(schema: unknown): { min_s: number; max_s: number } | undefined {
  return jsonRanges.get(schema as z.ZodType);
}

/** A duration: seconds, or a string like `45s`, `1m30s`, `15m`, within `limit`; a value outside says so in one sentence. */
export function durationSchema(
  within: DurationLimit | 0 | 1,
  description: string,
  json: { min_s: number; max_s: number } = typeof within === "number" ? { ...ANY_DURATION, min_s: within } : within,
) {
  // A plain 0 or 1 is the shortest allowed, up to the 24 hours of any duration.
  const limit = typeof within === "number" ? { ...ANY_DURATION, min_s: within } : within;
  const error = (issue: { input?: unknown }) => {
    const result = parseDuration(issue.input, limit);
    return typeof result === "string" ? result : `bad duration ${quote(issue.input)}`;
  };
  const schema = z
    .union(
      [
        z.number({ error }).int({ error }).min(limit.min_s, { error }).max(limit.max_s, { error }),
        z
          .string({ error })
          .regex(DURATION_PATTERN, { error, abort: true })
          .refine((value) => typeof parseDuration(value, limit) === "number", { error }),
      ],
      { error },
    )
    .describe(description);
  jsonRanges.set(schema, { min_s: json.min_s, max_s: json.max_s });
  return schema;
}

/** Text such as a title or a cue: not blank, and not too long to show. */
export function text(name: string, max: number, description: string) {
  return z
    .string({ error: (issue) => `${name} must be text, not ${kindOfValue(issue.input)}` })
    .regex(/\S/, { error: `${name} is empty` })
    .max(max, { error: `${name} is too long (at most ${max} characters)` })
    .describe(description);
}

/** A whole number from `min` to `max`, with one message for every way it can be wrong. */
export function wholeNumber(name: string, min: number, max: number, description: string) {
  const error = `${name} must be a whole number from ${min} to ${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error }).describe(description);
}

/** A list of at most 200 `item`s. */
export function list<T extends z.ZodType>(name: string, item: T, description: string) {
  return z
    .array(item, { error: (issue) => `${name} must be a list, like [a, b]; found ${kindOfValue(issue.input)}` })
    .max(200, { error: `${name} has too many entries (at most 200)` })
    .describe(description);
}

/** One of a closed list of words, with a suggestion for a near miss. */
export function choice<const T extends readonly [string, ...string[]]>(name: string, values: T, description: string) {
  return z
    .enum(values, {
      error: (issue) => {
        const input = issue.input;
        const near = typeof input === "string" ? didYouMean(input, values) : "";
        return `bad ${name} ${quote(input)}; ${near ? `${near} ` : ""}use one of ${join(values)}`;
      },
    })
    .describe(description);
}

// ---- pieces of a step ----

const cue = text("a cue", 500, "One line the coach shows (and may speak) during the step.");
/** A list of cues (`cues` also takes a single one). */
export const cueList = list("cues", cue, "Cues, shown in order.");
const stepFields = {
  hold: durationSchema(LIMITS.segment, "How long one set of one side lasts; the same as duration."),
  duration: durationSchema(LIMITS.segment, "How long one set of one side lasts; the same as hold."),
  packHold: durationSchema(LIMITS.pack, `How long one application lasts (at most ${minutesWords(MAX_PACK_S)}); the same as duration.`),
  packDuration: durationSchema(LIMITS.pack, `How long one application lasts (at most ${minutesWords(MAX_PACK_S)}); the same as hold.`),
  reps: wholeNumber("reps", 1, MAX_REPS, "Repetitions a set. With tempo the step is timed; without, it is done when you say so."),
  tempo: durationSchema(LIMITS.rep, "Seconds one rep takes; needs reps. The step then lasts reps x tempo."),
  sides: choice(
    "sides",
    SIDE_SPECS,
    "Which side: both (each in turn), left, right, affected (your affected side) or other (the opposite one).",
  ).meta({ id: "sides" }),
  sets: wholeNumber("sets", 1, MAX_SETS, "How many times the step runs (each side in every set). 1 when not given.").meta({
    id: "sets",
  }),
  rest: durationSchema(LIMITS.setRest, "Rest between sets."),
  cues: z
    .union([cue, cueList], {
      error: (issue) => `cues must be text or a list of texts, not ${kindOfValue(issue.input)}`,
    })
    .meta({ id: "cues", description: "What to do: one cue or a list of cues." }),
  halfway: text("halfway", 500, "A reminder shown halfway through the step.").meta({ id: "halfway" }),
  caution: text("caution", 500, "A safety note shown with the step.").meta({ id: "caution" }),
  checks: list(
    "checks",
    // Within the application, which lasts at most the ice and heat limit.
    durationSchema(LIMITS.check, "Time from the start of the application.", { min_s: 1, max_s: MAX_PACK_S - 1 }),
    "Skin-check reminders (ice and heat), as times from the start, like [5m, 10m].",
  ),
  inhale: durationSchema(LIMITS.breath, "Seconds to breathe in."),
  exhale: durationSchema(LIMITS.breath, "Seconds to breathe out."),
};

function title(kind: StepKind) {
  return text("the title", 200, `${/^[aeiou]/.test(kind) ? "An" : "A"} ${kind} step; the value is its title.`);
}

const { hold, duration, packHold, packDuration, reps, tempo, sides, sets, rest, cues, halfway, caution, checks, inhale, exhale } = {
  hold: stepFields.hold.optional(),
  duration: stepFields.duration.optional(),
  packHold: stepFields.packHold.optional(),
  packDuration: stepFields.packDuration.optional(),
  reps: stepFields.reps.optional(),
  tempo: stepFields.tempo.optional(),
  sides: stepFields.sides.optional(),
  sets: stepFields.sets.optional(),
  rest: stepFields.rest.optional(),
  cues: stepFields.cues.optional(),
  halfway: stepFields.halfway.optional(),
  caution: stepFields.caution.optional(),
  checks: stepFields.checks.optional(),
  inhale: stepFields.inhale.optional(),
  exhale: stepFields.exhale.optional(),
};

/** The keys each kind of step allows: its kind key (the title) and the rest. */
export const stepSchemas = {
  stretch: z
    .strictObject({ stretch: title("stretch"), hold, duration, reps, tempo, sides, sets, rest, cues, halfway, caution })
    .meta({ id: "stretch", title: "Stretch", description: "A stretch held for a time, or done for reps." }),
  exercise: z
    .strictObject({ exercise: title("exercise"), hold, duration, reps, tempo, sides, sets, rest, cues, halfway, caution })
    .meta({ id: "exercise", title: "Exercise", description: "An exercise for a time or for reps (timed with tempo, else manual)." }),
  massage: z
    .strictObject({ massage: title("massage"), hold, duration, sides, sets, rest, cues, halfway, caution })
    .meta({ id: "massage", title: "Massage", description: "Self-massage for a time." }),
  ice: z
    .strictObject({ ice: title("ice"), hold: packHold, duration: packDuration, sides, sets, rest, checks, cues, halfway, caution })
    .meta({ id: "ice", title: "Ice", description: `A cold pack for a time (at most ${minutesWords(MAX_PACK_S)}), with skin checks.` }),
  heat: z
    .strictObject({ heat: title("heat"), hold: packHold, duration: packDuration, sides, sets, rest, checks, cues, halfway, caution })
    .meta({ id: "heat", title: "Heat", description: `A warm pack for a time (at most ${minutesWords(MAX_PACK_S)}), with skin checks.` }),
  breathe: z
    .strictObject({ breathe: title("breathe"), hold, duration, inhale, exhale, sets, rest, cues, halfway, caution })
    .meta({ id: "breathe", title: "Breathe", description: "Paced breathing for a time." }),
  rest: z
    .strictObject({ rest: title("rest"), hold, duration, cues, halfway, caution })
    .meta({ id: "rest", title: "Rest", description: "A timed rest (rest is the kind only when no other kind key is present)." }),
  manual: z
    .strictObject({ manual: title("manual"), sides, sets, rest, cues, caution })
    .meta({ id: "manual", title: "Manual step", description: "Done when you say so; it has no duration." }),
} satisfies Record<StepKind, z.ZodObject>;

/** A step as written in a file: one of the kinds, or a repeat group. */
export type StepFile = z.input<(typeof stepSchemas)[StepKind]> | RepeatFile;

/** A `repeat` group as written in a file. */
export interface RepeatFile {
  repeat: number;
  steps: StepFile[];
}

/** The group key and its count. */
export const repeatTimes = wholeNumber("repeat", 1, MAX_REPEAT, "How many times to run the steps of this group.");

export const repeatSchema: z.ZodType<RepeatFile> = z
  .strictObject({
    repeat: repeatTimes,
    get steps() {
      return stepList;
    },
  })
  .meta({ id: "repeat", title: "Repeat", description: "Runs its steps the given number of times, in order." });

/** Any step. In JSON Schema, each kind key selects the closed object of its kind (see stepJsonSchema). */
export const stepSchema: z.ZodType<StepFile> = z
  .union([
    stepSchemas.stretch,
    stepSchemas.exercise,
    stepSchemas.massage,
    stepSchemas.ice,
    stepSchemas.heat,
    stepSchemas.breathe,
    stepSchemas.rest,
    stepSchemas.manual,
    repeatSchema,
  ])
  .meta({ id: "step", title: "Step", description: "One step: exactly one kind key (its value is the title)." });

/** The `steps` of a routine or of a repeat group. */
export const stepList = z
  .array(stepSchema, { error: (issue) => `steps must be a list of steps, not ${kindOfValue(issue.input)}` })
  .min(1, { error: "steps is empty; add at least one step" })
  .meta({ id: "steps", description: "The steps, run in order." });

/** Top-level keys other than `steps`, each with its own check. */
export const routineFields = {
  $schema: z
    .string({ error: (issue) => `$schema must be text (the path or web address of the schema), not ${kindOfValue(issue.input)}` })
    .describe("Path or URL of this JSON Schema, for editors."),
  name: text("name", 120, "The routine's name, shown in lists and during a run."),
  description: text("description", 2000, "A sentence or two on what the routine is for."),
  tags: list("tags", text("a tag", 40, "A tag."), "Free tags, for lists: morning, floor, desk."),
  areas: list("areas", choice("area", AREAS, "A body area."), "Body areas the routine works on."),
  equipment: list("equipment", text("equipment", 80, "One item."), "What you need: mat, towel, tennis ball."),
  lead_in: durationSchema(LIMITS.leadIn, "Get-ready time before the first step; the default comes from your settings."),
  transition: durationSchema(LIMITS.transition, "Time to change side or position between steps; the default comes from your settings."),
  sources: list("sources", text("a source", 500, "A source."), "Where the routine comes from: names or web addresses."),
  avoid_if: list(
    "avoid_if",
    text("an avoid_if sentence", 200, "One short sentence, like: During a flare of leg pain."),
    "When not to do this routine, one short sentence each; shown by show, the menu and before every run.",
  ),
};

/** A routine file as written. */
export const routineSchema = z
  .strictObject({
    $schema: routineFields.$schema.optional(),
    name: routineFields.name,
    description: routineFields.description.optional(),
    tags: routineFields.tags.optional(),
    areas: routineFields.areas.optional(),
    equipment: routineFields.equipment.optional(),
    lead_in: routineFields.lead_in.optional(),
    transition: routineFields.transition.optional(),
    sources: routineFields.sources.optional(),
    avoid_if: routineFields.avoid_if.optional(),
    steps: stepList,
  })
  .meta({
    title: "soothe routine",
    description:
      "A soothe routine: a named list of steps (stretch, exercise, massage, ice, heat, breathe, rest, manual, repeat) " +
      "that `soothe run` walks through with timers. Check a file with `soothe validate <file>`.",
  });

/** A routine file as written (the input type of the schema). */
export type RoutineFile = z.input<typeof routineSchema>;

/** Keys a step of this kind allows, its kind key first. */
export function stepKeys(kind: StepKind): string[] {
  return Object.keys(stepSchemas[kind].shape);
}

// ---- the JSON Schema for editors ----

const ref = (id: string) => ({ $ref: `#/$defs/${id}` });
const has = (...keys: string[]) => ({ required: keys });

/**
 * A step in JSON Schema: its kind key selects the closed object of its kind, so that an editor checks each key
 * against that kind and points at the key at fault. `rest` is the kind only when no other kind key is present.
 */
function stepJsonSchema(json: Record<string, unknown>): void {
  const others = (STEP_KINDS as readonly string[]).filter((k) => k !== "rest");
  const { title: name, description } = json;
  for (const key of Object.keys(json)) delete json[key];
  Object.assign(json, {
    type: "object",
    title: name,
    description,
    anyOf: [...STEP_KINDS, "repeat"].map((k) => has(k)),
    allOf: [
      ...[...others, "repeat"].map((k) => ({ if: has(k), then: ref(k) })),
      { if: { ...has("rest"), not: { anyOf: [...others, "repeat"].map((k) => has(k)) } }, then: ref("rest") },
    ],
  });
}

/** The rules between keys of a step that JSON Schema can say, as `soothe validate` checks them. */
function stepRules(kind: StepKind): Record<string, unknown>[] {
  const rules: Record<string, unknown>[] = [];
  if (kind === "manual") return rules;
  // hold and duration mean the same: one of them, not both.
  rules.push({ if: has("hold", "duration"), then: { properties: { duration: false } } });
  if (kind === "stretch" || kind === "exercise") {
    rules.push({ if: has("reps"), then: { properties: { hold: false, duration: false } } });
    rules.push({ if: has("tempo"), then: has("reps") });
    rules.push({ anyOf: [has(kind === "stretch" ? "hold" : "duration"), has(kind === "stretch" ? "duration" : "hold"), has("reps")] });
  } else {
    rules.push({ anyOf: [has("duration"), has("hold")] });
  }
  if (kind === "ice" || kind === "heat") {
    // More than one application needs a rest between them; on the same spot (not both sides in turn), a rest
    // of at least the gap two packs need. With both sides, the other side's time counts too: validate checks that.
    const sets = { ...has("sets"), properties: { sets: { minimum: 2 } } };
    rules.push({ if: sets, then: { ...has("rest"), properties: { rest: durationRef({ min_s: 1, max_s: LIMITS.setRest.max_s }) } } });
    rules.push({
      if: { ...sets, not: { ...has("sides"), properties: { sides: { const: "both" } } } },
      then: { properties: { rest: { not: durationRef(SHORT_PACK_REST) } } },
    });
  }
  return rules;
}

/** A rest between sets of a pack too short for the skin to recover. */
const SHORT_PACK_REST = { min_s: 0, max_s: LIMITS.packSetRest.min_s - 1 };

function rewriteJson(schema: unknown, json: Record<string, unknown>): void {
  if (schema === stepSchema) return stepJsonSchema(json);
  const kind = STEP_KINDS.find((k) => stepSchemas[k] === schema);
  if (kind === undefined) return;
  const rules = stepRules(kind);
  if (rules.length > 0) json.allOf = rules;
}

/** The JSON Schema of a routine file (draft 2020-12), for editors: as strict as `soothe validate` where it can be. */
export function routineJsonSchema(): Record<string, unknown> {
  return editorJsonSchema(routineSchema, { durationRange, rewrite: rewriteJson, ranges: [SHORT_PACK_REST] });
}

/** The JSON Schema as written to schema/routine.schema.json: two-space indents and a final newline. */
export function routineJsonSchemaText(): string {
  return jsonSchemaText(routineJsonSchema());
}
