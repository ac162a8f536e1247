import type { Deps } from "./deps.js";

/** Waits on the clock that a stop signal (Ctrl-C, SIGTERM, SIGHUP) ends at once, and the exit code it asks for. */
export interface StopWait {
  /** Resolves true after `seconds`, or false as soon as a stop comes first. */
  wait(seconds: number): Promise<boolean>;
  /** Resolves once a stop signal has come: to race a question against it. */
  readonly stopped: Promise<"stopped">;
  /** The exit code asked for so far (a signal's 128+n, or what `end` gave), null while nothing asked to stop. */
  readonly code: number | null;
  /** Asks to stop with `code`, unless a stop was asked already; ends the wait in progress. */
  end(code: number): void;
  /** Ends the wait in progress and stops listening for signals. */
  close(): void;
}

/**
 * Listens for stop signals through deps.onSignal while a command waits between things it does (a reminder's
 * interval, a snooze); the waits run on deps.clock, so tests drive them with a fake clock.
 */
export function createStopWait(deps: Pick<Deps, "clock" | "onSignal">): StopWait {
  let code: number | null = null;
  let wake: () => void = () => {};
  const stopped = new Promise<"stopped">((resolve) => {
    wake = () => resolve("stopped");
  });
  let cancel: (() => void) | null = null;
  const end = (asked: number) => {
    if (code !== null) return;
    code = asked;
    cancel?.();
    wake();
  };
  const offSignal = deps.onSignal((_signal, exitCode) => end(exitCode));
  return {
    stopped,
    get code() {
      return code;
    },
    end,
    wait: (seconds) =>
      new Promise<boolean>((resolve) => {
        if (code !== null) return resolve(false);
        const timer = deps.clock.setTimeout(() => {
          cancel = null;
          resolve(true);
        }, seconds * 1000);
        cancel = () => {
          deps.clock.clearTimeout(timer);
          cancel = null;
          resolve(false);
        };
      }),
    close: () => {
      cancel?.();
      offSignal();
    },
  };
}
