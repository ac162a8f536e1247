import type { Deps, StopSignal } from "../deps.js";
import { CancelError, UsageError } from "../errors.js";
import { signalExitCode } from "../main.js";
import { type FindProgram, type StartProgram, findOnPath, startProgram } from "../programs.js";
import { resolveRoutine } from "../routine/catalog.js";
import { formatDuration, parseDuration } from "../routine/duration.js";
import { cleanText, quote } from "../text.js";
import { createBell, soundEnabled } from "../ui/sound.js";

/** Options of `soothe remind` as commander gives them. */
export interface RemindOptions {
  every?: string;
  routine?: string;
  times?: string;
  /** `--no-input` arrives as false. */
  input?: boolean;
}

/** The programs a reminder may start (a desktop notification), as functions tests can fake. */
export interface RemindTools {
  which: FindProgram;
  spawn: StartProgram;
}

/** The shortest time between reminders: below it `--every 45` (seconds, meant as minutes) would be a nuisance. */
export const MIN_INTERVAL_S = 60;
/** How long "snooze" puts a reminder off. */
export const SNOOZE_S = 10 * 60;
const DEFAULT_EVERY = "45m";
const DEFAULT_ROUTINE = "desk-break";

/** What the person chose at a reminder. */
type Answer = "run" | "snooze" | "skip" | "stop";

/**
 * `soothe remind`: break reminders for desk work. Every interval it rings the bell (on a terminal, when the `sound`
 * setting allows), sends a desktop notification when `notify-send` exists, and then either offers to run the
 * routine now, snooze 10 minutes, skip or stop (on a terminal), or prints one line with the time (piped or
 * `--no-input`). `--times N` stops after N reminders; a snoozed reminder comes back and still counts as one.
 *
 * Intervals run on deps.clock, measured from when a reminder was dealt with (after a routine, the next break is a
 * full interval later). Returns 0 when the reminders ran out or the person chose to stop; Ctrl-C (SIGINT, or at
 * the prompt) ends the loop with 130 and other stop signals with 128+n, like any interrupted command, after saying
 * how many reminders were given. A routine run from a reminder and stopped with Ctrl-C ends the reminders too.
 */
export async function remind(opts: RemindOptions, deps: Deps, tools?: Partial<RemindTools>): Promise<number> {
  const interval_s = parseEvery(opts.every ?? DEFAULT_EVERY);
  const times = parseTimes(opts.times);
  const ref = opts.routine ?? DEFAULT_ROUTINE;
  // An unknown or broken routine is said now, not at the first break in 45 minutes.
  const { routine } = await resolveRoutine(ref, deps.paths);
  const name = cleanText(routine.name).trim() || ref;
  const settings = await deps.loadSettings();
  const which = tools?.which ?? ((program: string) => findOnPath(program, deps.env.PATH));
  const spawn = tools?.spawn ?? startProgram;
  const notifier = which("notify-send");
  const bell = createBell(deps.stdout, soundEnabled(deps.stdout, undefined, settings.sound));
  const interactive = opts.input !== false && deps.stdin.isTTY === true && deps.stdout.isTTY === true;
  const command = `soothe run ${ref.includes(" ") ? quote(ref) : cleanText(ref)}`;

  let given = 0;
  let stopCode: number | null = null;
  let wake: (() => void) | null = null;
  const stopped = new Promise<"stopped">((resolve) => {
    wake = () => resolve("stopped");
  });
  // The wait in progress, so that a stop signal can end it (an object: TS cannot follow a let set in a callback).
  const pending: { cancel: (() => void) | null } = { cancel: null };
  const offSignal = deps.onSignal((signal: StopSignal) => {
    if (stopCode !== null) return;
    stopCode = signalExitCode(signal);
    pending.cancel?.();
    wake?.();
  });
  /** Resolves true after `seconds`, false at once when a stop signal comes first. */
  const wait = (seconds: number) =>
    new Promise<boolean>((resolve) => {
      const timer = deps.clock.setTimeout(() => {
        pending.cancel = null;
        resolve(true);
      }, seconds * 1000);
      pending.cancel = () => {
        deps.clock.clearTimeout(timer);
        pending.cancel = null;
        resolve(false);
      };
    });
  const time = () => clockTime(deps.clock.wall());
  const at = (seconds: number) => clockTime(new Date(deps.clock.wall().getTime() + seconds * 1000));
  const say = (text: string) => deps.stderr.write(`${deps.errTheme.dim(text)}\n`);

  const count = times === null ? "" : times === 1 ? "1 reminder, " : `${times} reminders, `;
  say(`Break reminders: ${count}every ${formatDuration(interval_s)}, first at ${at(interval_s)}. Ctrl-C to stop.`);

  try {
    let delay = interval_s;
    while (times === null || given < times) {
      if (!(await wait(delay))) break;
      let snoozed = false;
      for (;;) {
        if (!snoozed) given += 1;
        const label = times === null ? `Reminder ${given}` : `Reminder ${given} of ${times}`;
        bell.ring();
        if (notifier) notify(spawn, notifier, name, command);
        if (!interactive) {
          deps.stdout.write(`[${time()}] ${label}: time for a break (${command})\n`);
          delay = interval_s;
          break;
        }
        const answer = await Promise.race([ask(deps, label, name), stopped]).catch((error: unknown) => {
          if (error instanceof CancelError || (error instanceof Error && error.name === "ExitPromptError")) {
            stopCode ??= 130;
            return "stopped" as const;
          }
          throw error;
        });
        if (answer === "stopped") break;
        if (answer === "stop") {
          stopCode = 0;
          break;
        }
        if (answer === "snooze") {
          say(`Snoozed until ${at(SNOOZE_S)}.`);
          snoozed = true;
          if (!(await wait(SNOOZE_S))) break;
          continue;
        }
        if (answer === "run") {
          const { run } = await import("./run.js");
          const code = await run(ref, {}, deps);
          if (code !== 0) stopCode ??= code;
        }
        delay = interval_s;
        break;
      }
      if (stopCode !== null) break;
      if (interactive && (times === null || given < times)) say(`Next break at ${at(delay)}. Ctrl-C to stop.`);
    }
  } finally {
    pending.cancel?.();
    offSignal();
  }

  const total = given === 1 ? "1 reminder" : `${given} reminders`;
  const ended = stopCode === null || stopCode === 0;
  say(ended ? `Done: ${total} given.` : `Stopped: ${total} given.`);
  return stopCode ?? 0;
}

/** Asks what to do at a reminder. */
async function ask(deps: Deps, label: string, name: string): Promise<Answer> {
  return deps.prompts.select<Answer>({
    message: `${label} (${clockTime(deps.clock.wall())}): time for a break.`,
    choices: [
      { value: "run", name: `Run ${name} now` },
      { value: "snooze", name: "Snooze 10 minutes" },
      { value: "skip", name: "Skip this one" },
      { value: "stop", name: "Stop the reminders" },
    ],
  });
}

/** A desktop notification; whether it shows is not worth failing over (no display, no daemon). */
function notify(spawn: StartProgram, program: string, name: string, command: string): void {
  try {
    const child = spawn(program, ["--app-name=soothe", "Time for a break", `${name}: ${command}`]);
    child.on("error", () => {
      // Ignored: the bell and the line already said it.
    });
  } catch {
    // Ignored, as above.
  }
}

/** `--every`: a duration of at least a minute. */
export function parseEvery(text: string): number {
  const seconds = parseDuration(text, 1);
  if (typeof seconds === "string") throw new UsageError(`--every: ${seconds}`);
  if (seconds < MIN_INTERVAL_S) {
    const hint = /^\s*\d+\s*$/.test(text) ? `; a plain number is seconds: did you mean ${text.trim()}m?` : "";
    throw new UsageError(`--every ${quote(text)} is too short: reminders need at least 1m between them${hint}`);
  }
  return seconds;
}

/** `--times`: a whole number, 1 or more; null when not given (remind until stopped). */
export function parseTimes(text: string | undefined): number | null {
  if (text === undefined) return null;
  if (!/^\s*\d+\s*$/.test(text) || Number(text) < 1) {
    throw new UsageError(`--times must be a whole number, 1 or more; got ${quote(text)}`);
  }
  return Number(text);
}

/** "14:05", local time. */
function clockTime(date: Date): string {
  return `${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`;
}
