import type { Settings } from "./deps.js";
import type { Paths } from "./env.js";
import { readSettingsQuickly } from "./settings.js";

/**
 * The settings, defaults filled in. A file that is missing, or valid and already at the current migration version,
 * is read directly; anything else (an older file to migrate, a problem to report) is opened. Reading never creates
 * the file, and never changes one it cannot use; a valid file without the current migration mark is brought up to
 * date once (its values kept, the defaults and the mark added).
 */
export async function loadSettings(paths: Paths): Promise<Settings> {
  const quick = readSettingsQuickly(paths.configFile);
  if (quick) return quick;
  const { openSettings } = await import("./settings-file.js");
  return (await openSettings(paths)).all();
}
