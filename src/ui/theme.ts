import { Chalk, type ChalkInstance } from "chalk";
import type { Env } from "../env.js";

/** A chalk instance whose level follows soothe's colour rules, not chalk's own detection. */
export type Theme = ChalkInstance;

/**
 * Whether to colour `stream`, strongest first: `--no-color` and NO_COLOR turn it off; FORCE_COLOR turns it on;
 * then the `color` setting (`never` or `always`); then TERM=dumb is off; and otherwise colour only on a TTY.
 * The environment and the flag speak for this one run, so they beat the lasting setting.
 */
export function colorEnabled(
  env: Env,
  stream: { isTTY?: boolean },
  flag?: boolean,
  setting: "auto" | "always" | "never" = "auto",
): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR) return true;
  if (setting === "never") return false;
  if (setting === "always") return true;
  if (env.TERM === "dumb") return false;
  return stream.isTTY === true;
}

export function createTheme(enabled: boolean): Theme {
  return new Chalk({ level: enabled ? 2 : 0 });
}
