import { Chalk, type ChalkInstance } from "chalk";

/** A chalk instance whose level follows soothe's colour rules, not chalk's own detection. */
export type Theme = ChalkInstance;

/** A chalk theme at 256 colours, or at level 0 (no colour) when not enabled. */
export function createTheme(enabled: boolean): Theme {
  return new Chalk({ level: enabled ? 2 : 0 });
}
