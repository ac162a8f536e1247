import type { Deps, Settings } from "../deps.js";
import { UsageError, UserError } from "../errors.js";
import { findOnPath } from "../programs.js";
import { SETTINGS, SETTING_KEYS, type SettingKey } from "../settings.js";
import { loadSettings } from "../settings-load.js";
import { openSettings, resetSettingsFile } from "../settings-file.js";
import { formatSetting, parseSetting, settingKey } from "../settings-text.js";
import { cleanText, pad, quote, truncate } from "../text.js";
import { askValue, renderSettingsTable } from "../ui/settings-view.js";
import { speechCommand } from "../ui/voice.js";

/** Options of `soothe config <action>`. */
export interface ConfigOptions {
  json?: boolean;
}

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
