import type { Output } from "../deps.js";

/** The terminal bell. */
export interface Bell {
  ring(): void;
}

const BEL = "\u0007";

/**
 * Rings only on a terminal, and only when neither `--no-sound` (`flag === false`) nor the `sound` setting turned
 * it off: a bell in a pipe or a log file is just a stray byte.
 */
export function soundEnabled(out: Output, flag: boolean | undefined, setting: boolean): boolean {
  return out.isTTY === true && flag !== false && setting;
}

/** A bell on `out`; silent when not `enabled`. */
export function createBell(out: Output, enabled: boolean): Bell {
  return { ring: () => (enabled ? void out.write(BEL) : undefined) };
}
