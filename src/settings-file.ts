import * as fs from "node:fs";
import type { Settings } from "./deps.js";
import type { Paths } from "./env.js";
import { SettingsError, UserError } from "./errors.js";
import { withLockSync } from "./files/lock.js";
import { RefusedFileError, ensureFolder, inspect, readRegularText, reasonOf, refusalReason } from "./files/open.js";
import { writeFileAtomicSync } from "./files/write.js";
import { jsonProblem, jsonProblemText } from "./json-problem.js";
import {
  PROJECT_VERSION,
  SETTINGS,
  SETTINGS_ROLE,
  SETTING_KEYS,
  type SettingKey,
  checkValue,
  defaults,
  migratedVersion,
} from "./settings.js";

// The settings file opened to change it: every change a read-modify-write under the settings lock, written to a
// temporary file and renamed; migrations; `config reset`. Reading alone is in settings.ts.

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
 * Changes an older file needs, by the version that needs them, run once each, in order, the next time the file is
 * written. A migration may only move or convert values; a value it cannot convert should be left for the check to
 * report.
 */
const MIGRATIONS: Record<string, (data: Record<string, unknown>) => void> = {
  "0.1.0": () => {
    // The first shape: nothing to change.
  },
};

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
