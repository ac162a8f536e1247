import * as fs from "node:fs";
import type { Deps, Settings } from "./deps.js";
import type { Paths } from "./env.js";
import { cleanText } from "./clean.js";
import { SettingsError, UserError } from "./errors.js";
import { withLockSync } from "./files/lock.js";
import { RefusedFileError, ensureFolder, inspect, readRegularText, reasonOf, refusalReason, type FileRole } from "./files/open.js";
import { writeFileAtomicSync } from "./files/write.js";
import { TECHNIQUES } from "./history/types.js";
import { AREAS } from "./routine/types.js";
import { jsonProblem, jsonProblemText } from "./json-problem.js";

const SETTINGS_ROLE: FileRole = { name: "the settings file", fix: "set SOOTHE_HOME to a folder you can write to" };

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
const PROJECT_VERSION = "0.1.0";

/**
 * Changes an older file needs, by the version that needs them, run once each, in order, the next time the file is
 * written. A migration may only move or convert values; a value it cannot convert should be left for the check to
 * report.
 */
const MIGRATIONS: Record<string, (data: Record<string, unknown>) => void> = {
  "0.1.0": () => {
    // The first shape: nothing to change.
  },
};

/** The settings file, read and written as one JSON object. */
export interface SettingsStore {
  /** Where the settings live. */
  readonly path: string;
  get<K extends SettingKey>(key: K): Settings[K];
  /** Checks and saves one value; a value the table does not allow is a UserError. */
  set<K extends SettingKey>(key: K, value: Settings[K]): void;
  /** Back to the default: one setting, or all of them. */
  reset(key?: SettingKey): void;
  all(): Settings;
}

/**
 * The settings, defaults filled in. A file that is missing, or valid and already at the current migration version,
 * is read directly; anything else (an older file to migrate, a problem to report) is opened. Reading never creates
 * the file, and never changes one it cannot use; a valid file without the current migration mark is brought up to
 * date once (its values kept, the defaults and the mark added).
 */
export async function loadSettings(paths: Paths): Promise<Settings> {
  return readSettingsQuickly(paths.configFile) ?? (await openSettings(paths)).all();
}

/**
 * The settings from `file`, without writing: the defaults when there is no file; the file's values when it is a
 * JSON object whose every setting passes its check and whose migrations are up to date; null otherwise (let
 * {@link openSettings} migrate it or say what is wrong).
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
function migratedVersion(raw: Record<string, unknown>): string | null {
  const internal = raw.__internal__;
  if (typeof internal !== "object" || internal === null) return null;
  const migrations = (internal as Record<string, unknown>).migrations;
  if (typeof migrations !== "object" || migrations === null) return null;
  const version = (migrations as Record<string, unknown>).version;
  return typeof version === "string" ? version : null;
}

/**
 * Opens the settings file for reading and writing. A file that cannot be read, is not JSON, or holds a value the
 * table does not allow is a UserError naming the file; it is never reset or rewritten here. Every change is a
 * read-modify-write under the settings lock (so that two soothes setting different keys keep both), written to a
 * temporary file and renamed over the real one (a link to it stays a link).
 */
export async function openSettings(paths: Paths): Promise<SettingsStore> {
  const file = paths.configFile;
  ensureSettingsFolder(paths.configDir, file);
  let current = readStored(file);
  // A missing file, or one without the current migration mark, is brought up to date once.
  if (migratedVersion(current) !== PROJECT_VERSION) current = updateSettings(file, () => undefined);
  return {
    path: file,
    get(key) {
      const value = current[key];
      return (value === undefined ? SETTINGS[key].default : value) as Settings[typeof key];
    },
    set(key, value) {
      const problem = checkValue(key, value);
      if (problem) throw new UserError(problem);
      current = updateSettings(file, (data) => {
        data[key] = value;
      });
    },
    reset(key) {
      current = updateSettings(file, (data) => {
        if (key !== undefined) data[key] = SETTINGS[key].default;
        else for (const name of Object.keys(data)) if (name !== INTERNAL) delete data[name];
      });
    },
    all() {
      const settings: Record<string, unknown> = { ...defaults() };
      for (const key of SETTING_KEYS) if (current[key] !== undefined) settings[key] = current[key];
      return settings as unknown as Settings;
    },
  };
}

const INTERNAL = "__internal__";

/** The file's object, checked ({} when there is none); a SettingsError when it cannot be used. */
function readStored(file: string): Record<string, unknown> {
  return checkFile(file) ?? {};
}

/**
 * One change to the file: under the lock, read it again, migrate, fill in the defaults, change, write it whole
 * (temporary file, then rename). Returns what was written.
 */
function updateSettings(file: string, change: (data: Record<string, unknown>) => void): Record<string, unknown> {
  return unchangedOnFailure("save the settings file", file, () =>
    withLockSync(file, { role: SETTINGS_ROLE }, () => {
      const data = readStored(file);
      migrate(data);
      for (const key of SETTING_KEYS) if (data[key] === undefined) data[key] = SETTINGS[key].default;
      change(data);
      writeFileAtomicSync(file, JSON.stringify(data, undefined, "\t"), SETTINGS_ROLE);
      return data;
    }),
  );
}

/** Runs the migrations newer than the file's mark, in order, and marks it with the current version. */
function migrate(data: Record<string, unknown>): void {
  const from = migratedVersion(data);
  for (const version of Object.keys(MIGRATIONS).sort(compareVersions)) {
    if (from !== null && compareVersions(version, from) <= 0) continue;
    if (compareVersions(version, PROJECT_VERSION) > 0) continue;
    MIGRATIONS[version]!(data);
  }
  data[INTERNAL] = { ...(isObject(data[INTERNAL]) ? data[INTERNAL] : {}), migrations: { version: PROJECT_VERSION } };
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A failure's cause in words, without the "cannot write X:" its message may already carry. */
function causeOf(error: unknown): string {
  return error instanceof UserError ? reasonOf(error.cause) : reasonOf(error);
}

/**
 * `soothe config reset`, which must work even on a file {@link openSettings} refuses: keeps the old file as
 * `<file>.bak` (never deleting what the user wrote; an earlier backup is kept too) and writes the defaults. A
 * regular file (or a link to one) is copied aside and then replaced in one rename, so that a full or read-only disk
 * leaves the old file where it was; anything else in its place (a folder, a FIFO) is moved aside. Returns where the
 * old file went, null when there was none.
 */
export async function resetSettingsFile(paths: Paths): Promise<{ path: string; backup: string | null }> {
  const file = paths.configFile;
  ensureSettingsFolder(paths.configDir, file);
  const backup = unchangedOnFailure("reset the settings file", file, () =>
    withLockSync(file, { role: SETTINGS_ROLE }, () => {
      const aside = keepAside(file);
      const fresh: Record<string, unknown> = {};
      migrate(fresh);
      for (const key of SETTING_KEYS) fresh[key] = SETTINGS[key].default;
      try {
        writeFileAtomicSync(file, JSON.stringify(fresh, undefined, "\t"), SETTINGS_ROLE);
      } catch (error) {
        // The old file is still in its place, or (when it was not a file) goes back there: the copy is not needed.
        if (aside !== null && inspect(file).kind === "missing") fs.renameSync(aside, file);
        else if (aside !== null) fs.rmSync(aside, { force: true });
        throw error;
      }
      return aside;
    }),
  );
  return { path: file, backup };
}

/**
 * Keeps what is at `file` as `<file>.bak` (or `.bak.1`, ...: an earlier backup is the user's too): a regular file
 * (or a link to one) is copied, anything else moved. Returns where, or null when there was nothing.
 */
function keepAside(file: string): string | null {
  const found = inspect(file);
  if (found.kind === "missing") return null;
  let aside = `${file}.bak`;
  for (let n = 1; inspect(aside).kind !== "missing"; n += 1) aside = `${file}.bak.${n}`;
  try {
    if (found.kind === "file") fs.copyFileSync(file, aside, fs.constants.COPYFILE_EXCL);
    else fs.renameSync(file, aside);
  } catch (error) {
    fs.rmSync(aside, { force: true });
    throw error;
  }
  return aside;
}

/** Runs a change; a failure (other than a file soothe cannot use) says the cause and that the file is as it was. */
function unchangedOnFailure<T>(what: string, file: string, change: () => T): T {
  try {
    return change();
  } catch (error) {
    if (error instanceof SettingsError) throw error;
    throw new UserError(`cannot ${what} ${file}: ${causeOf(error)}; it is as it was.`, 1, { cause: error });
  }
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

/** Reads and checks the file as it is on disk, without writing anything; null when there is none. */
function checkFile(file: string): Record<string, unknown> | null {
  let text: string | null;
  try {
    text = readRegularText(file, { role: SETTINGS_ROLE });
  } catch (error) {
    if (error instanceof RefusedFileError) throw settingsError(file, error, refusalReason(error.found));
    throw settingsError(file, error);
  }
  if (text === null) return null;
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    // soothe's words and a place, never the parser's: they quote the file, which may be any file a link points at.
    throw settingsError(file, error, `it is not valid JSON ${jsonProblemText(jsonProblem(text, error))}`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw settingsError(file, null, "it should hold a JSON object of settings");
  }
  const problems: string[] = [];
  for (const key of SETTING_KEYS) {
    const value = (data as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const problem = checkValue(key, value);
    if (problem) problems.push(problem);
  }
  if (problems.length > 0) throw settingsError(file, null, problems.join("; "));
  return data as Record<string, unknown>;
}

function ensureSettingsFolder(folder: string, file: string): void {
  try {
    // The mode applies only to folders made now: an existing folder is the user's business.
    ensureFolder(folder, SETTINGS_ROLE, "the settings folder");
  } catch (error) {
    throw new SettingsError((error as Error).message, file, { cause: error });
  }
}

/** A settings file soothe cannot use, for whatever reason: `soothe config reset` moves it aside. */
function settingsError(file: string, cause: unknown, reason = reasonOf(cause)): SettingsError {
  return new SettingsError(
    `the settings file ${file} cannot be used: ${reason}. ` +
      "Fix it by hand, or run `soothe config reset` to go back to the defaults.",
    file,
    { cause },
  );
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
