import type { Deps, Settings } from "./deps.js";
import { SettingsError } from "./errors.js";
import { defaults } from "./settings.js";

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
