import * as fs from "node:fs";
import type { default as ConfClass } from "conf";
import type { Deps, Settings } from "./deps.js";
import type { Paths } from "./env.js";
import { SettingsError, UserError } from "./errors.js";
import { RefusedFileError, ensureFolder, readRegularText, refusalReason, type FileRole } from "./files/open.js";

const SETTINGS_ROLE: FileRole = { name: "the settings file", fix: "set SOOTHE_HOME to a folder you can write to" };

type JsonType = "integer" | "number" | "boolean" | "string" | "null";
type JsonValue = string | number | boolean | null;

/** The part of JSON Schema the settings use: enough for conf to check them and for soothe to explain them. */
export interface SettingSchema {
  type: JsonType | readonly JsonType[];
  minimum?: number;
  maximum?: number;
  enum?: readonly JsonValue[];
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
} as const satisfies { [K in keyof Settings]: SettingSpec<Settings[K]> };

/** A setting's name. */
export type SettingKey = keyof Settings;

/** Names of every setting, in table order. */
export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

/** The version that wrote a settings file, kept by conf to run migrations once. */
const PROJECT_VERSION = "0.1.0";

/**
 * Changes an older file needs, by the version that needs them. conf runs each once, in order. A migration may
 * only move or convert values; a value it cannot convert should be left for the check to report.
 */
const MIGRATIONS: Record<string, (store: ConfClass<Record<string, unknown>>) => void> = {
  "0.1.0": () => {
    // The first shape: nothing to change.
  },
};

/** The settings file, read and written through conf. */
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
 * The settings, defaults filled in. Reading is the common case (every `list`, `show`, `run`) and conf with its
 * schema checker costs tens of milliseconds to load, so a file that is missing, or valid and already at the current
 * migration version, is read directly; anything else (an older file to migrate, a problem to report) goes through
 * conf. Reading never creates the file, and never changes one it cannot use; a valid file without the current
 * migration mark is brought up to date by conf once (its values kept, the defaults and the mark added).
 */
export async function loadSettings(paths: Paths): Promise<Settings> {
  return readSettingsQuickly(paths.configFile) ?? (await openSettings(paths)).all();
}

/**
 * The settings from `file` without conf: the defaults when there is no file; the file's values when it is a JSON
 * object whose every setting passes its check and whose migrations are up to date; null otherwise (let conf open
 * it, to migrate it or to say what is wrong).
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

/** The migration version conf keeps in the file (`__internal__.migrations.version`), or null. */
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
 * table does not allow is a UserError naming the file; it is never reset or rewritten here.
 */
export async function openSettings(paths: Paths): Promise<SettingsStore> {
  const file = paths.configFile;
  ensureSettingsFolder(paths.configDir, file);
  // conf would write its bookkeeping into a file with a bad value before it checks the values, so check first.
  checkFile(file);
  const { default: Conf } = await import("conf");
  let conf: ConfClass<Record<string, unknown>>;
  try {
    conf = new Conf<Record<string, unknown>>({
      projectName: "soothe",
      projectSuffix: "",
      cwd: paths.configDir,
      configName: "config",
      // Whatever conf makes of an invalid schema type we give it, our own check above has the final word.
      schema: confSchema() as never,
      defaults: { ...defaults() },
      clearInvalidConfig: false,
      migrations: MIGRATIONS as never,
      projectVersion: PROJECT_VERSION,
      configFileMode: 0o600,
      accessPropertiesByDotNotation: false,
    });
  } catch (error) {
    throw settingsError(file, error);
  }

  const guard = <T>(what: () => T, writing = false): T => {
    try {
      return what();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException | null)?.code;
      if (writing && code) {
        throw new UserError(`cannot save the settings file ${file}: ${reasonOf(error)}.`, 1, { cause: error });
      }
      throw settingsError(file, error);
    }
  };
  const read = (): Record<string, unknown> => guard(() => conf.store);

  return {
    path: conf.path,
    get(key) {
      const value = read()[key];
      return (value === undefined ? SETTINGS[key].default : value) as Settings[typeof key];
    },
    set(key, value) {
      const problem = checkValue(key, value);
      if (problem) throw new UserError(problem);
      guard(() => conf.set(key, value), true);
    },
    reset(key) {
      guard(() => (key === undefined ? conf.clear() : conf.reset(key)), true);
    },
    all() {
      const store = read();
      const settings: Record<string, unknown> = { ...defaults() };
      for (const key of SETTING_KEYS) {
        if (store[key] !== undefined) settings[key] = store[key];
      }
      return settings as unknown as Settings;
    },
  };
}

/**
 * `soothe config reset`, which must work even on a file {@link openSettings} refuses: moves the file aside to
 * `<file>.bak` (never deleting what the user wrote) and starts from the defaults. Returns where the old file went,
 * null when there was none.
 */
export async function resetSettingsFile(paths: Paths): Promise<{ path: string; backup: string | null }> {
  const file = paths.configFile;
  let backup: string | null = null;
  if (fs.existsSync(file)) {
    // An earlier backup is the user's too: a second reset must not overwrite it.
    backup = `${file}.bak`;
    for (let n = 1; fs.existsSync(backup); n += 1) backup = `${file}.bak.${n}`;
  }
  if (backup !== null) {
    try {
      fs.renameSync(file, backup);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw settingsError(file, error);
      backup = null;
    }
  }
  const store = await openSettings(paths);
  return { path: store.path, backup };
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
  return matches(schema, value) ? null : `${key} must be ${describe(schema)}; got ${JSON.stringify(value) ?? String(value)}`;
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

function confSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) properties[key] = { ...SETTINGS[key].schema, default: SETTINGS[key].default };
  return properties;
}

/** Reads and checks the file as it is on disk, without writing anything. */
function checkFile(file: string): void {
  let text: string | null;
  try {
    text = readRegularText(file, { role: SETTINGS_ROLE });
  } catch (error) {
    if (error instanceof RefusedFileError) throw settingsError(file, error, refusalReason(error.found));
    throw settingsError(file, error);
  }
  if (text === null) return;
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    // Never the parser's words: they quote the file, which may be any file a link points at.
    throw settingsError(file, error, "it is not valid JSON");
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
}

function ensureSettingsFolder(folder: string, file: string): void {
  try {
    // The mode applies only to folders made now: an existing folder is the user's business.
    ensureFolder(folder, SETTINGS_ROLE, "the settings folder");
  } catch (error) {
    throw new SettingsError((error as Error).message, file, { cause: error });
  }
}

const REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOSPC: "the disk is full",
  ENOTDIR: "part of the path is a file, not a folder",
  EISDIR: "it is a folder, not a file",
  EEXIST: "a file of that name is in the way",
};

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code && REASONS[code]) return REASONS[code];
  const message = error instanceof Error ? error.message : String(error);
  // conf's own words for a bad value: "Config schema violation: `lead_in` must be >= 0".
  return message.replace(/^Config schema violation: /, "");
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
