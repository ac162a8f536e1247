import type { StopSignal } from "./deps.js";

/** The signals that stop soothe, with their numbers. */
export const SIGNAL_NUMBERS: Readonly<Record<StopSignal, number>> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGTERM: 15 };

/** Exit code for a stop signal: 128 + its number. */
export function signalExitCode(signal: StopSignal): number {
  return 128 + SIGNAL_NUMBERS[signal];
}
