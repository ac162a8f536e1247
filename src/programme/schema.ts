import * as z from "zod";
import { ID_PATTERN } from "../routine/id.js";
import { MAX_REPS, choice, durationSchema, kindOfValue, list, text, wholeNumber } from "../routine/schema.js";
import { quote } from "../text.js";
import { WEEKDAYS } from "./types.js";

// The one definition of the programme format: the checks parse.ts runs on every key (with the messages users read)
// and the JSON Schema for editors (programmeJsonSchema). Rules that span keys (one frequency, reps or hold, from
// not above to, the review after the start, routines and steps that exist) live in parse.ts, at the right line.

/** Most times a day a routine may be due. */
export const MAX_PER_DAY = 12;
/** Longest gap between increases (a year). */
export const MAX_EVERY_DAYS = 366;
/** `2d`, `1w`: a number of days or weeks. */
export const EVERY_PATTERN = /^\s*(\d+)\s*([dw])\s*$/;

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar day written `YYYY-MM-DD`. */
export function isDay(value: string): boolean {
  if (!DATE_PATTERN.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function day(name: string, description: string) {
  const error = (issue: { input?: unknown }) =>
    `${name} must be a date written YYYY-MM-DD, like 2026-12-01; found ${typeof issue.input === "string" ? quote(issue.input) : kindOfValue(issue.input)}`;
  return z
    .string({ error })
    .regex(DATE_PATTERN, { error, abort: true })
    .refine(isDay, { error: (issue) => `${quote(issue.input)} is not a day of the calendar` })
    .meta({ description, format: "date" });
}

/** Days in an `every` value, or a message saying what is wrong. */
export function everyDays(value: unknown): number | string {
  const hint = "write a number of days or weeks, like 2d or 1w";
  if (typeof value === "number") return `every needs a unit: ${hint}`;
  if (typeof value !== "string") return `every must be text, like 2d; found ${kindOfValue(value)}`;
  const match = EVERY_PATTERN.exec(value);
  if (!match) return `bad every ${quote(value)}; ${hint}`;
  const days = Number(match[1]) * (match[2] === "w" ? 7 : 1);
  if (days < 1) return `every must be at least 1d`;
  if (days > MAX_EVERY_DAYS) return `every is at most ${MAX_EVERY_DAYS}d`;
  return days;
}

const every = z
  .string({ error: (issue) => everyProblem(issue.input) })
  .refine((value) => typeof everyDays(value) === "number", { error: (issue) => everyProblem(issue.input) })
  .meta({ pattern: EVERY_PATTERN.source, description: "Least time between two increases: days (2d) or weeks (1w)." });

function everyProblem(value: unknown): string {
  const days = everyDays(value);
  return typeof days === "string" ? days : "bad every";
}

const routineId = z
  .string({ error: (issue) => `routine must be a routine id, like nerve-glides; found ${kindOfValue(issue.input)}` })
  .regex(ID_PATTERN, {
    error: (issue) => `${quote(issue.input)} is not a routine id: lowercase letters, digits and dashes, like nerve-glides`,
  })
  .describe("A routine id: a built-in routine or one of yours (`soothe list` shows them).");

/** The keys of a reps range, each with its own check. */
export const repsFields = {
  from: wholeNumber("reps from", 1, MAX_REPS, "Reps at the start."),
  to: wholeNumber("reps to", 1, MAX_REPS, "Most reps it goes up to."),
  step: wholeNumber("reps step", 1, MAX_REPS, "Reps added at each increase."),
};

/** The keys of a hold range, each with its own check. */
export const holdFields = {
  from: durationSchema(1, "Hold at the start."),
  to: durationSchema(1, "Longest hold it goes up to."),
  step: durationSchema(1, "Time added at each increase."),
};

const repsRange = z
  .strictObject(repsFields)
  .meta({ description: "Reps: from, up to, adding step at each increase, like { from: 5, to: 15, step: 1 }." });

const holdRange = z
  .strictObject(holdFields)
  .meta({ description: "Hold: from, up to, adding step at each increase, like { from: 10s, to: 30s, step: 5s }." });

/** Each key of a routine entry, with its own check. */
export const routineEntryFields = {
  routine: routineId,
  per_day: wholeNumber("per_day", 1, MAX_PER_DAY, "Times a day."),
  per_week: wholeNumber("per_week", 1, 7, "Days a week, any days."),
  days: list("days", choice("day", WEEKDAYS, "A day of the week."), "Days of the week, like [mon, wed, fri].").min(1, {
    error: "days is empty; name at least one day, like [mon, wed, fri]",
  }),
};

/** Each key of a progression rule, with its own check. */
export const progressFields = {
  routine: routineId,
  step: text("step", 200, "A step title in that routine, as written there."),
  reps: repsRange,
  hold: holdRange,
  every,
};

/** Top-level keys other than the lists, each with its own check. */
export const programmeFields = {
  $schema: z.string().describe("Path or URL of this JSON Schema, for editors."),
  name: text("name", 120, "The programme's name."),
  prescribed_by: text("prescribed_by", 200, "Who prescribed it, like: Sam Lee, physiotherapist."),
  start: day("start", "First day of the programme, YYYY-MM-DD."),
  review: day("review", "Day of the review with whoever prescribed it, YYYY-MM-DD."),
};

const frequencyNote = "One of per_day, per_week or days.";
const routineEntry = z
  .union([
    z.strictObject({ routine: routineEntryFields.routine, per_day: routineEntryFields.per_day }),
    z.strictObject({ routine: routineEntryFields.routine, per_week: routineEntryFields.per_week }),
    z.strictObject({ routine: routineEntryFields.routine, days: routineEntryFields.days }),
  ])
  .meta({ title: "Routine", description: `A routine and how often it is due. ${frequencyNote}` });

const progressEntry = z
  .union([
    z.strictObject({ routine: routineId, step: progressFields.step, reps: repsRange, every }),
    z.strictObject({ routine: routineId, step: progressFields.step, hold: holdRange, every }),
  ])
  .meta({ title: "Progression", description: "How one step's dose builds up: reps or hold, and every." });

/** A programme file as written. */
export const programmeSchema = z
  .strictObject({
    $schema: programmeFields.$schema.optional(),
    name: programmeFields.name,
    prescribed_by: programmeFields.prescribed_by.optional(),
    start: programmeFields.start,
    review: programmeFields.review.optional(),
    routines: z.array(routineEntry).min(1).describe("The routines of the programme and how often each is due."),
    progress: z.array(progressEntry).optional().describe("Steps whose dose builds up, and how."),
  })
  .meta({
    title: "soothe programme",
    description:
      "A soothe programme: which routines, how often, and how the dose of some steps builds up, following your " +
      "pain. Set it with `soothe programme set <file>`.",
  });

/** The JSON Schema of a programme file (draft 2020-12), for editors. */
export function programmeJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(programmeSchema, { io: "input", target: "draft-2020-12" }) as Record<string, unknown>;
}

/** The JSON Schema as written to schema/programme.schema.json: two-space indents and a final newline. */
export function programmeJsonSchemaText(): string {
  return `${JSON.stringify(programmeJsonSchema(), null, 2)}\n`;
}
