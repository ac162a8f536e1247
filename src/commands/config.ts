import type { Deps, Prompts, Settings } from "../deps.js";
import { UsageError, UserError } from "../errors.js";
import { findOnPath, splitCommand } from "../programs.js";
import { durationLimitMessage, formatDuration, parseDuration } from "../routine/duration.js";
import { LIMITS } from "../routine/limits.js";
import {
  SETTINGS,
  SETTING_KEYS,
  type SettingKey,
  type SettingSchema,
  checkValue,
  loadSettings,
  openSettings,
  resetSettingsFile,
} from "../settings.js";
import { cleanText, closestMatches, displayWidth, pad, quote, truncate, wrap } from "../text.js";
import type { Theme } from "../ui/theme.js";
import { speechCommand } from "../ui/voice.js";

/** Options of `soothe config <action>`. */
export interface ConfigOptions {
  json?: boolean;
}

/** Any setting's value. */
type SettingValue = Settings[SettingKey];

/**
 * `soothe config list [--json] | get <key> | set <key> <value> | reset [key] | path`. Works on the settings file
 * itself (deps.paths), not on deps.loadSettings: the file is what this command is about. Values are typed and
 * shown in one text form (`10s`, `on`, `unset`) so that what `get` prints, `set` accepts.
 */
export async function config(action: string, args: string[], opts: ConfigOptions, deps: Deps): Promise<number> {
  switch (action) {
    case "list": {
      const settings = await loadSettings(deps.paths);
      if (opts.json) {
        deps.stdout.write(`${JSON.stringify(settings, null, 2)}\n`);
        return 0;
      }
      const lines = renderSettingsTable(settings, deps.theme, deps.stdout.columns ?? 80);
      deps.stdout.write(`${lines.join("\n")}\n`);
      return 0;
    }
    case "get": {
      const key = settingKey(args[0] ?? "");
      const settings = await loadSettings(deps.paths);
      deps.stdout.write(`${formatSetting(key, settings[key])}\n`);
      return 0;
    }
    case "set": {
      const key = settingKey(args[0] ?? "");
      const parsed = parseSetting(key, args[1] ?? "");
      if ("problem" in parsed) throw new UserError(parsed.problem);
      const store = await openSettings(deps.paths);
      store.set(key, parsed.value as never);
      deps.stdout.write(`${key} is now ${formatSetting(key, parsed.value)}.\n`);
      warnAboutVoice(key, store.all(), deps);
      return 0;
    }
    case "reset": {
      if (args[0] !== undefined) {
        const key = settingKey(args[0]);
        const store = await openSettings(deps.paths);
        store.reset(key);
        deps.stdout.write(`${key} is back to its default: ${formatSetting(key, SETTINGS[key].default)}.\n`);
        return 0;
      }
      // The whole file, even one that cannot be opened: it is moved aside, never deleted.
      const { backup } = await resetSettingsFile(deps.paths);
      deps.stdout.write(
        backup === null
          ? "Settings are at their defaults.\n"
          : `Settings are back to their defaults. The old file is kept as ${backup}\n`,
      );
      return 0;
    }
    case "path":
      deps.stdout.write(`${deps.paths.configFile}\n`);
      return 0;
    default:
      throw new UsageError(`unknown config action ${quote(action)}; use list, get, set, reset or path`);
  }
}

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

const HEADERS = ["key", "value", "default", "description"] as const;

/**
 * Every setting as a table: key, value, default and description, fitted to `columns`; a value that differs from
 * its default stands out, and the description wraps rather than being cut. Pure.
 */
export function renderSettingsTable(settings: Settings, theme: Theme, columns = 80): string[] {
  const rows = SETTING_KEYS.map((key) => ({
    key,
    value: cleanText(formatSetting(key, settings[key])),
    fallback: formatSetting(key, SETTINGS[key].default),
    changed: settings[key] !== SETTINGS[key].default,
    description: SETTINGS[key].description,
  }));
  const width = (header: string, cells: string[], max: number) =>
    Math.min(max, Math.max(displayWidth(header), ...cells.map(displayWidth)));
  const keyW = width("key", rows.map((r) => r.key), 20);
  const valueW = width("value", rows.map((r) => r.value), 24);
  const defaultW = width("default", rows.map((r) => r.fallback), 12);
  const indent = keyW + valueW + defaultW + 3 * 2;
  // On a narrow terminal the descriptions go under their rows, indented, rather than past the right edge.
  const beside = columns - 1 - indent >= 24;
  const under = 4;
  const descriptionW = beside ? columns - 1 - indent : Math.max(16, columns - 1 - under);

  const headers = beside ? HEADERS : HEADERS.slice(0, 3);
  const lines = [
    theme.bold([pad(headers[0]!, keyW), pad(headers[1]!, valueW), pad(headers[2]!, defaultW), ...headers.slice(3)].join("  ").trimEnd()),
  ];
  for (const row of rows) {
    const value = pad(truncate(row.value, valueW), valueW);
    const described = wrap(row.description, descriptionW);
    const [first = "", ...rest] = beside ? described : ["", ...described];
    lines.push(
      [
        pad(row.key, keyW),
        row.changed ? theme.cyan(value) : value,
        theme.dim(pad(truncate(row.fallback, defaultW), defaultW)),
        first,
      ]
        .join("  ")
        .trimEnd(),
    );
    for (const more of rest) lines.push(`${" ".repeat(beside ? indent : under)}${beside ? more : theme.dim(more)}`);
  }
  return lines;
}

/** After `voice` or `voice_command` changes: says so when the voice could not speak as set. */
function warnAboutVoice(key: SettingKey, settings: Settings, deps: Deps): void {
  if (key !== "voice" && key !== "voice_command") return;
  const found = speechCommand({
    setting: settings.voice,
    command: settings.voice_command,
    which: (name) => findOnPath(name, deps.env.PATH),
    platform: process.platform,
  });
  if ("problem" in found && found.problem) {
    deps.stderr.write(`${deps.errTheme.yellow("soothe: warning:")} ${found.problem}\n`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The settings menu (home menu -> Settings)

const BACK = "\u0000back";
const RESET = "\u0000reset";

/**
 * The settings menu: pick a setting, change it with the prompt its kind needs (a choice for switches and lists,
 * typed text checked as it is typed for times, numbers and the voice command), see it saved, pick again; Back
 * returns. A settings file that cannot be used is reported, with the offer to reset it (moved aside, not lost).
 */
export async function settingsMenu(deps: Deps): Promise<void> {
  let last: SettingKey | undefined;
  for (;;) {
    let settings: Settings;
    try {
      settings = await loadSettings(deps.paths);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      deps.stderr.write(`${deps.errTheme.red("soothe:")} ${error.message}\n`);
      const choice = await deps.prompts.select<string>({
        message: "The settings file cannot be used.",
        choices: [
          { value: RESET, name: "Reset the settings", description: "the old file is kept beside it, as .bak" },
          { value: BACK, name: "Back" },
        ],
      });
      if (choice !== RESET) return;
      const { backup } = await resetSettingsFile(deps.paths);
      deps.stdout.write(`Settings are back to their defaults.${backup ? ` The old file is kept as ${backup}` : ""}\n`);
      continue;
    }
    const keyWidth = Math.max(...SETTING_KEYS.map((k) => k.length));
    const picked = await deps.prompts.select<string>({
      message: "Which setting?",
      choices: [
        ...SETTING_KEYS.map((key) => ({
          value: key,
          name: `${pad(key, keyWidth)}  ${truncate(cleanText(formatSetting(key, settings[key])), 40)}`,
          description: SETTINGS[key].description,
        })),
        { value: BACK, name: "Back" },
      ],
      ...(last ? { default: last } : {}),
    });
    if (picked === BACK) return;
    const key = picked as SettingKey;
    last = key;
    const value = await askValue(key, settings[key], deps.prompts);
    if (value === settings[key]) continue;
    const store = await openSettings(deps.paths);
    store.set(key, value as never);
    deps.stdout.write(`${key} is now ${formatSetting(key, value)}.\n`);
    warnAboutVoice(key, store.all(), deps);
  }
}

/** Asks for a new value of `key` with the prompt that fits it; the current value is the default. */
async function askValue(key: SettingKey, current: SettingValue, prompts: Prompts): Promise<SettingValue> {
  const schema: SettingSchema = SETTINGS[key].schema;
  // The description was shown under the setting in the menu just before; the question stays one short line.
  const message = `New value for ${key}:`;
  if (schema.type === "boolean") {
    return prompts.select<boolean>({
      message,
      choices: [
        { value: true, name: "on" },
        { value: false, name: "off" },
      ],
      default: current as boolean,
    });
  }
  if (schema.enum) {
    // A select cannot tell null from "no default": choices carry their text form, parsed back after.
    const names = schema.enum.map((v) => (v === null ? "unset" : String(v)));
    const name = await prompts.select<string>({
      message,
      choices: names.map((n) => ({ value: n, name: n })),
      default: formatSetting(key, current),
    });
    const parsed = parseSetting(key, name);
    return "value" in parsed ? parsed.value : current;
  }
  const text = await prompts.input({
    message: `New value for ${key} (${allowedText(key)}):`,
    default: formatSetting(key, current),
    validate: (typed) => {
      const parsed = parseSetting(key, typed);
      return "problem" in parsed ? parsed.problem : true;
    },
  });
  const parsed = parseSetting(key, text);
  return "value" in parsed ? parsed.value : current;
}
