import { Chalk, type ChalkInstance } from "chalk";
import type { Env } from "../env.js";

/** A chalk instance whose level follows soothe's colour rules, not chalk's own detection. */
export type Theme = ChalkInstance;

/** Colour only on a TTY, never with NO_COLOR, TERM=dumb or --no-color; FORCE_COLOR forces it. */
export function colorEnabled(env: Env, stream: { isTTY?: boolean }, flag?: boolean): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR) return true;
  if (env.TERM === "dumb") return false;
  return stream.isTTY === true;
}

export function createTheme(enabled: boolean): Theme {
  return new Chalk({ level: enabled ? 2 : 0 });
}
