import type { Settings } from "./deps.js";
import { UserError } from "./errors.js";
import { splitCommand } from "./programs.js";
import { durationLimitMessage, formatDuration, parseDuration } from "./routine/duration.js";
import { LIMITS } from "./routine/limits.js";
import { SETTINGS, SETTING_KEYS, type SettingKey, type SettingSchema, checkValue } from "./settings.js";
import { closestMatches, quote } from "./text.js";

// Settings as people type and read them: the key (`lead-in` for `lead_in`), a value in one text form (`10s`, `on`,
// `unset`) that `config get` prints and `config set` takes back, and what a key allows, in words. Pure; reading
// and writing the file is settings.ts.

/** Any setting's value. */
export type SettingValue = Settings[SettingKey];

/** The key a person typed, or a UserError listing every setting (with the likely one first). */
export function settingKey(text: string): SettingKey {
  if ((SETTING_KEYS as string[]).includes(text)) return text as SettingKey;
  // `lead-in` for `lead_in` is the likeliest slip: accept it.
  const underscored = text.trim().toLowerCase().replace(/-/g, "_");
  if ((SETTING_KEYS as string[]).includes(underscored)) return underscored as SettingKey;
  const [guess] = closestMatches(underscored, SETTING_KEYS, 1);
  const hint = guess === undefined ? "" : ` Did you mean "${guess}"?`;
  throw new UserError(`unknown setting ${quote(text)}.${hint} Settings: ${SETTING_KEYS.join(", ")}.`);
}

const ON = ["on", "true", "yes"];
const OFF = ["off", "false", "no"];
const UNSET = ["unset", "none", "null", ""];

/** What `set` accepts for `key`, in words: "on or off", "one of off, auto or on", "a duration like 10s...". */
export function allowedText(key: SettingKey): string {
  const spec = SETTINGS[key] as { schema: SettingSchema; duration?: true };
  const schema = spec.schema;
  if (spec.duration) return "a duration like 10s or 1m30s, or 0";
  if (schema.enum) {
    const words = schema.enum.map((v) => (v === null ? "unset" : String(v)));
    return `one of ${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
  }
  if (schema.list) return `a comma list of ${schema.list.join(", ")}, or unset`;
  if (schema.type === "boolean") return "on or off";
  if (schema.type === "integer") {
    const { minimum: min, maximum: max } = schema;
    if (min !== undefined && max !== undefined) return `a whole number from ${min} to ${max}`;
    if (min !== undefined) return `a whole number, ${min} or more`;
    return "a whole number";
  }
  return "a program and its arguments, or unset";
}

/**
 * The value typed for `key`, checked against the table: `on`/`off` (or true/false, yes/no) for switches, a
 * duration for times, a choice by name (`unset` for none), a number, or a command line. A problem says what is
 * allowed, with the likely choice when the text is close to one.
 */
export function parseSetting(key: SettingKey, input: string): { value: SettingValue } | { problem: string } {
  const spec = SETTINGS[key] as { schema: SettingSchema; duration?: true };
  const schema = spec.schema;
  const text = input.trim();
  const lower = text.toLowerCase();
  const bad = (extra = "") => ({ problem: `${key} must be ${allowedText(key)}; got ${quote(input)}${extra}` });
  const check = (value: unknown) => {
    const problem = checkValue(key, value);
    return problem === null ? { value: value as SettingValue } : bad();
  };

  if (spec.duration) {
    // The table allows fractions for some times (transition 2.5): plain seconds may have a decimal part.
    if (/^\d+\.\d+$/.test(text) && schema.type === "number") return check(Number(text));
    const seconds = parseDuration(text, { min_s: 0, max_s: Number.MAX_SAFE_INTEGER });
    if (typeof seconds === "string") return bad();
    // The same limits as a routine's own lead_in and transition, said the same way.
    const limit = key === "transition" ? LIMITS.transition : LIMITS.leadIn;
    return seconds > limit.max_s ? { problem: `${key}: ${durationLimitMessage(seconds, limit)}` } : check(seconds);
  }
  if (schema.enum) {
    if (schema.enum.includes(null) && UNSET.includes(lower)) return { value: null as SettingValue };
    const match = schema.enum.find((v) => typeof v === "string" && v === lower);
    if (match !== undefined) return { value: match as SettingValue };
    const names = schema.enum.map((v) => (v === null ? "unset" : String(v)));
    const [guess] = closestMatches(lower, names, 1);
    return bad(guess === undefined ? "" : `; did you mean "${guess}"?`);
  }
  if (schema.list) return parseListSetting(key, input, schema.list);
  switch (schema.type) {
    case "boolean":
      if (ON.includes(lower)) return { value: true as SettingValue };
      if (OFF.includes(lower)) return { value: false as SettingValue };
      return bad();
    case "integer":
      return /^\d+$/.test(text) ? check(Number(text)) : bad();
    default: {
      // voice_command: a command line, split as a shell would (but never run by one).
      if (UNSET.includes(lower)) return { value: "" as SettingValue };
      const words = splitCommand(text);
      if (typeof words === "string") return { problem: `${key}: ${words}; quote words with spaces, as in a shell` };
      return check(text);
    }
  }
}

/** A comma list from a closed list (`unset` or empty for none): kept lower-case, each word once, in the order given. */
function parseListSetting(key: SettingKey, input: string, allowed: readonly string[]): { value: SettingValue } | { problem: string } {
  const text = input.trim().toLowerCase();
  if (UNSET.includes(text)) return { value: "" as SettingValue };
  const words: string[] = [];
  for (const word of text.split(",").map((w) => w.trim()).filter((w) => w !== "")) {
    if (!allowed.includes(word)) {
      const [guess] = closestMatches(word, allowed, 1);
      const hint = guess === undefined ? "" : ` (did you mean "${guess}"?)`;
      return { problem: `${key}: ${quote(word)} is not allowed${hint}; use ${allowedText(key)}` };
    }
    if (!words.includes(word)) words.push(word);
  }
  return { value: words.join(",") as SettingValue };
}

/** A value the way `config` shows it and `set` takes it back: `5s`, `on`, `auto`, `unset`, the command line. */
export function formatSetting(key: SettingKey, value: SettingValue): string {
  const spec = SETTINGS[key] as { duration?: true };
  if (spec.duration && typeof value === "number") {
    return Number.isInteger(value) ? formatDuration(value) : `${value}s`;
  }
  if (typeof value === "boolean") return value ? "on" : "off";
  if (value === null || value === "") return "unset";
  return String(value);
}
