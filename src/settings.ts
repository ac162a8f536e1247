import type { Deps, Settings } from "./deps.js";
import { cleanText } from "./clean.js";
import { SettingsError } from "./errors.js";
import { readRegularText, type FileRole } from "./files/open.js";
import { TECHNIQUES } from "./history/types.js";
import { AREAS } from "./routine/types.js";

// The settings table, and reading the file without changing it: what every command needs. Opening the file to change
// it (locks, migrations, reset) is in settings-file.ts, loaded only by the commands that do; settings-load.ts chooses
// between the two.

export const SETTINGS_ROLE: FileRole = { name: "the settings file", fix: "set SOOTHE_HOME to a folder you can write to" };

type JsonType = "integer" | "number" | "boolean" | "string" | "null";
type JsonValue = string | number | boolean | null;

/** The part of JSON Schema the settings use: enough for soothe to check them and to explain them. */
export interface SettingSchema {
  type: JsonType | readonly JsonType[];
  minimum?: number;
  maximum?: number;
  enum?: readonly JsonValue[];
  /** A comma list of these words (for a string; empty means none). */
  list?: readonly string[];
}

/** One setting: how it is checked, its default, and what it does (for `soothe config`). */
export interface SettingSpec<T> {
  schema: SettingSchema;
  default: T;
  description: string;
  /** A number of seconds, typed and shown as a duration (`10s`, `1m30s`). */
  duration?: true;
}

/**
 * Every setting, in one table. To add one: add its key to `Settings` in deps.ts and a row here (the compiler
 * insists on both); if an old file needs its value changed, add a migration to `MIGRATIONS`.
 */
export const SETTINGS = {
  lead_in: {
    schema: { type: "integer", minimum: 0 },
    default: 5,
    description: "time to get ready before the first step, when a routine sets none",
    duration: true,
  },
  transition: {
    schema: { type: "number", minimum: 0 },
    default: 5,
    description: "time to change side or position between segments, when a routine sets none",
    duration: true,
  },
  sound: {
    schema: { type: "boolean" },
    default: true,
    description: "ring the terminal bell at each new segment and the last three seconds",
  },
  voice: {
    schema: { type: "string", enum: ["off", "auto", "on"] },
    default: "off",
    description: "speak cues aloud: off, on, or auto (when a speech program is installed)",
  },
  voice_command: {
    schema: { type: "string" },
    default: "",
    description: "program that speaks a phrase given as its last argument (empty: espeak-ng, espeak, spd-say or say)",
  },
  affected_side: {
    schema: { type: ["string", "null"], enum: ["left", "right", null] },
    default: null,
    description: "the side your sciatica affects: left, right, or unset",
  },
  pain_checkins: {
    schema: { type: "boolean" },
    default: true,
    description: "ask about back and leg pain before and after a run",
  },
  weekly_goal: {
    schema: { type: "integer", minimum: 1, maximum: 21 },
    default: 5,
    description: "sessions a week to aim for",
  },
  color: {
    schema: { type: "string", enum: ["auto", "always", "never"] },
    default: "auto",
    description: "colour output: auto (on a terminal), always, or never",
  },
  safety_shown: {
    schema: { type: "boolean" },
    default: false,
    description: "the red-flag safety screen has been shown once on this machine",
  },
  pressure: {
    schema: { type: ["string", "null"], enum: ["light", "medium", "firm", null] },
    default: null,
    description: "pressure you prefer for hands-on work, for the brief: light, medium, firm, or unset",
  },
  techniques_liked: {
    schema: { type: "string", list: TECHNIQUES },
    default: "",
    description: "techniques you like, for the brief: a comma list such as myofascial,swedish",
  },
  techniques_avoid: {
    schema: { type: "string", list: TECHNIQUES },
    default: "",
    description: "techniques to avoid, for the brief: a comma list such as deep-tissue",
  },
  focus_areas: {
    schema: { type: "string", list: AREAS },
    default: "",
    description: "areas to focus on, for the brief: a comma list such as glutes,piriformis",
  },
  avoid_areas: {
    schema: { type: "string", list: AREAS },
    default: "",
    description: "areas to avoid, for the brief: a comma list such as neck",
  },
} as const satisfies { [K in keyof Settings]: SettingSpec<Settings[K]> };

/** A setting's name. */
export type SettingKey = keyof Settings;

/** Names of every setting, in table order. */
export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

/** The version that wrote a settings file, kept in it (`__internal__.migrations.version`) to run migrations once. */
export const PROJECT_VERSION = "0.1.0";

/**
 * The settings from `file`, without writing: the defaults when there is no file; the file's values when it is a
 * JSON object whose every setting passes its check and whose migrations are up to date; null otherwise (let
 * `openSettings` in settings-file.ts migrate it or say what is wrong).
 */
export function readSettingsQuickly(file: string): Settings | null {
  const raw = readRaw(file);
  if (raw === "missing") return defaults();
  if (raw === null || migratedVersion(raw) !== PROJECT_VERSION) return null;
  const settings: Record<string, unknown> = { ...defaults() };
  for (const key of SETTING_KEYS) {
    const value = raw[key];
    if (value === undefined) continue;
    if (checkValue(key, value) !== null) return null;
    settings[key] = value;
  }
  return settings as unknown as Settings;
}

/**
 * The `color` setting alone, for building the colour themes before any command runs: cheap and synchronous, and
 * "auto" whenever the file is missing, unreadable or holds no usable value (the command that loads the settings
 * reports a damaged file; colours are not the place to fail).
 */
export function readColorSetting(file: string): Settings["color"] {
  const raw = readRaw(file);
  if (raw === "missing" || raw === null) return SETTINGS.color.default;
  const value = raw.color;
  return value !== undefined && checkValue("color", value) === null ? (value as Settings["color"]) : SETTINGS.color.default;
}

/** The file as a JSON object; "missing" when there is none; null when it cannot be read or is not an object. */
function readRaw(file: string): Record<string, unknown> | "missing" | null {
  let text: string | null;
  try {
    text = readRegularText(file, { role: SETTINGS_ROLE });
  } catch {
    return null;
  }
  if (text === null) return "missing";
  try {
    const data: unknown = JSON.parse(text.replace(/^\uFEFF/, ""));
    return typeof data === "object" && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The migration version kept in the file (`__internal__.migrations.version`), or null. */
export function migratedVersion(raw: Record<string, unknown>): string | null {
  const internal = raw.__internal__;
  if (typeof internal !== "object" || internal === null) return null;
  const migrations = (internal as Record<string, unknown>).migrations;
  if (typeof migrations !== "object" || migrations === null) return null;
  const version = (migrations as Record<string, unknown>).version;
  return typeof version === "string" ? version : null;
}

/** The defaults, from the table. */
export function defaults(): Settings {
  const values: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) values[key] = SETTINGS[key].default;
  return values as unknown as Settings;
}

/** What is wrong with `value` for `key`, or null when it is allowed. */
export function checkValue(key: SettingKey, value: unknown): string | null {
  const schema: SettingSchema = SETTINGS[key].schema;
  const got = toJson(value) ?? String(value);
  if (!matches(schema, value)) return `${key} must be ${describe(schema)}; got ${got}`;
  // Settings are shown on the terminal: no escape sequence or control character may hide in one.
  if (typeof value === "string" && cleanText(value) !== value) {
    return `${key} must be text without control characters or escape sequences; got ${got}`;
  }
  return null;
}

/** JSON with every control character escaped, on one line. */
function toJson(value: unknown): string | undefined {
  return JSON.stringify(value)?.replace(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function matches(schema: SettingSchema, value: unknown): boolean {
  const types: readonly JsonType[] = typeof schema.type === "string" ? [schema.type] : schema.type;
  const typed = types.some((type) => {
    switch (type) {
      case "integer":
        return Number.isInteger(value);
      case "number":
        return typeof value === "number" && Number.isFinite(value);
      case "boolean":
        return typeof value === "boolean";
      case "string":
        return typeof value === "string";
      case "null":
        return value === null;
    }
  });
  if (!typed) return false;
  if (schema.enum && !schema.enum.includes(value as JsonValue)) return false;
  if (schema.list && typeof value === "string") {
    const words = value.split(",").map((w) => w.trim());
    if (value !== "" && !words.every((w) => schema.list!.includes(w))) return false;
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) return false;
    if (schema.maximum !== undefined && value > schema.maximum) return false;
  }
  return true;
}

/** "a whole number, 0 or more", "true or false", "one of "left", "right" or null". */
export function describe(schema: SettingSchema): string {
  if (schema.enum) {
    const options = schema.enum.map((v) => JSON.stringify(v));
    return options.length === 1 ? options[0]! : `one of ${options.slice(0, -1).join(", ")} or ${options.at(-1)}`;
  }
  if (schema.list) return `a comma list of ${schema.list.join(", ")} (empty for none)`;
  const types: readonly JsonType[] = typeof schema.type === "string" ? [schema.type] : schema.type;
  const words: Record<JsonType, string> = {
    integer: "a whole number",
    number: "a number",
    boolean: "true or false",
    string: "text",
    null: "null",
  };
  let text = types.map((t) => words[t]).join(" or ");
  const { minimum: min, maximum: max } = schema;
  if (min !== undefined && max !== undefined) text += ` from ${min} to ${max}`;
  else if (min !== undefined) text += `, ${min} or more`;
  else if (max !== undefined) text += `, ${max} or less`;
  return text;
}

/**
 * Settings for commands that use them only to show times (`list`, `show`): when the settings file cannot be used,
 * the defaults, after one warning that names the file and the way out. Those commands change nothing and have
 * nothing to lose, so they still work; any other failure is thrown as it came.
 */
export async function settingsForDisplay(deps: Pick<Deps, "loadSettings" | "stderr" | "errTheme">): Promise<Settings> {
  try {
    return await deps.loadSettings();
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    deps.stderr.write(`${deps.errTheme.yellow("soothe: warning:")} times are shown with the default settings, because ${error.message}\n`);
    return defaults();
  }
}
