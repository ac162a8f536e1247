import * as z from "zod";
import { durationRangePattern } from "./duration-pattern.js";
import { formatDuration } from "./duration.js";

// The JSON Schemas for editors, made from the zod definitions. zod writes what it can; two things it cannot know are
// added here: the limits of a duration written as text (as patterns), and whatever a definition asks to change in
// its own piece (`rewrite`), such as telling the kinds of step apart.

/** A duration's allowed range, in seconds. */
export interface SecondsRange {
  min_s: number;
  max_s: number;
}

/** What a definition tells the JSON Schema writer beyond its zod schema. */
export interface EditorSchemaOptions {
  /** The range of a duration schema, or undefined for any other schema. */
  durationRange: (schema: unknown) => SecondsRange | undefined;
  /** Changes the JSON Schema zod wrote for one schema, in place. */
  rewrite?: (schema: unknown, json: Record<string, unknown>) => void;
  /** More duration ranges to define, for rules that refer to them with durationRef. */
  ranges?: SecondsRange[];
}

/** A reference to the definition of a duration range. */
export function durationRef(range: SecondsRange): { $ref: string } {
  return { $ref: `#/$defs/${durationId(range)}` };
}

/** The JSON Schema (draft 2020-12) of `schema` as an editor reads it. */
export function editorJsonSchema(schema: z.ZodType, options: EditorSchemaOptions): Record<string, unknown> {
  const ranges = new Map<string, SecondsRange>((options.ranges ?? []).map((range) => [durationId(range), range]));
  const json = z.toJSONSchema(schema, {
    io: "input",
    target: "draft-2020-12",
    override: (ctx) => {
      const node = ctx.jsonSchema as Record<string, unknown>;
      const range = options.durationRange(ctx.zodSchema);
      if (range) {
        const { description } = node;
        for (const key of Object.keys(node)) delete node[key];
        node.$ref = `#/$defs/${durationId(range)}`;
        if (description !== undefined) node.description = description;
        ranges.set(durationId(range), range);
        return;
      }
      options.rewrite?.(ctx.zodSchema, node);
    },
  }) as Record<string, unknown>;
  const defs = { ...(json.$defs as Record<string, unknown> | undefined) };
  for (const range of [...ranges.values()]) Object.assign(defs, durationDefs(range));
  json.$defs = Object.fromEntries(Object.entries(defs).sort(([a], [b]) => a.localeCompare(b)));
  return json;
}

/** Two-space indents and a final newline, as the files in schema/ are written. */
export function jsonSchemaText(schema: Record<string, unknown>): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

function durationId(range: SecondsRange): string {
  return `duration-${formatDuration(range.min_s)}-${formatDuration(range.max_s)}`;
}

/**
 * The definitions for a range: whole seconds as a number, or text in any form parseDuration reads. One schema for
 * both types (the number limits apply to numbers, the pattern to text), so that an editor says what is wrong with
 * the value written rather than that it is not the other type. A range from 0 refers to the one from 1 s and adds
 * only zero, since the pattern for a long range runs to several kilobytes.
 */
function durationDefs(range: SecondsRange): Record<string, unknown> {
  const id = durationId(range);
  const words = `from ${formatDuration(range.min_s)} to ${formatDuration(range.max_s)}`;
  const description = `A duration ${words}: seconds, or a form like 45s, 1m30s, 15m.`;
  const patternErrorMessage = `Use a duration ${words}, like 45s, 1m30s or 15m.`;
  const types = { type: ["integer", "string"], minimum: range.min_s, maximum: range.max_s };
  if (range.min_s === 0 && range.max_s > 0) {
    const fromOne = { min_s: 1, max_s: range.max_s };
    return {
      ...durationDefs(fromOne),
      [id]: {
        ...types,
        // A number is checked by the limits above; text by one of the patterns.
        anyOf: [{ $ref: `#/$defs/${durationId(fromOne)}` }, { pattern: durationRangePattern(0, 0), patternErrorMessage }],
        description,
      },
    };
  }
  return { [id]: { ...types, pattern: durationRangePattern(range.min_s, range.max_s), patternErrorMessage, description } };
}
