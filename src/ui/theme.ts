import { Chalk } from "chalk";
import type { Theme } from "./color.js";

export { colorEnabled, type Theme } from "./color.js";

/** A chalk theme at 256 colours, or at level 0 (no colour) when not enabled. */
export function createTheme(enabled: boolean): Theme {
  return new Chalk({ level: enabled ? 2 : 0 });
}
