import type { Deps } from "../deps.js";

/** A progress line for work that may take a while; every method is safe to call when nothing is shown. */
export interface Progress {
  /** Changes what the line says. */
  update(text: string): void;
  /** Takes the line away (it never leaves anything on the screen). */
  stop(): void;
}

/** Work shorter than this shows nothing: a spinner that flashes for an instant is noise. */
export const PROGRESS_DELAY_MS = 400;

/**
 * A spinner on stderr that appears once the work has taken `delayMs`, only when stderr is a terminal that
 * animation is allowed on (not NO_COLOR, TERM=dumb or --no-color). ora is loaded only when the spinner is due.
 * The work must yield to the event loop now and then for the spinner to turn.
 */
export function startProgress(deps: Pick<Deps, "stderr" | "errTheme" | "clock">, text: string, delayMs = PROGRESS_DELAY_MS): Progress {
  if (!deps.stderr.isTTY || deps.errTheme.level === 0) return { update: () => {}, stop: () => {} };
  let current = text;
  let stopped = false;
  let spinner: { text: string; stop(): unknown } | null = null;
  const timer = deps.clock.setTimeout(() => {
    import("ora")
      .then(({ default: ora }) => {
        if (stopped) return;
        spinner = ora({ stream: deps.stderr, text: current, discardStdin: false }).start();
      })
      // A spinner is decoration: failing to draw one must never fail the work it decorates.
      .catch(() => {});
  }, delayMs);
  return {
    update(next) {
      current = next;
      if (spinner) spinner.text = next;
    },
    stop() {
      stopped = true;
      deps.clock.clearTimeout(timer);
      spinner?.stop();
      spinner = null;
    },
  };
}
