import type { Deps } from "../deps.js";
import { CancelError, UsageError } from "../errors.js";
import { type FindProgram, type StartProgram, findOnPath, startProgram } from "../programs.js";
import { clockTime } from "../time.js";
import { resolveRoutine } from "../routine/catalog.js";
import { MAX_DURATION_S, durationLimitMessage, formatDuration, parseDuration } from "../routine/duration.js";
import { type StopWait, createStopWait } from "../stop-wait.js";
import { cleanText, quote } from "../text.js";
import { createBell, soundEnabled } from "../ui/sound.js";

/** Options of `soothe remind` as commander gives them. */
export interface RemindOptions {
  every?: string;
  routine?: string;
  times?: string;
  /** `--no-input` arrives as false. */
  input?: boolean;
  /** Follow the programme: what is still due today, spread over the day. */
  programme?: boolean;
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
  const planned = opts.programme ? await (await import("./today.js")).remindFromProgramme(deps) : null;
  const interval_s = planned?.interval_s ?? parseEvery(opts.every ?? DEFAULT_EVERY);
  const times = planned?.times ?? parseTimes(opts.times);
  const ref = planned?.routine ?? opts.routine ?? DEFAULT_ROUTINE;
  // An unknown or broken routine is said now, not at the first break in 45 minutes.
  const { routine } = await resolveRoutine(ref, deps.paths);
  const settings = await deps.loadSettings();
  const which = tools?.which ?? ((program: string) => findOnPath(program, deps.env.PATH));
  const r: Reminders = {
    deps,
    ref,
    times,
    name: cleanText(routine.name).trim() || ref,
    command: `soothe run ${ref.includes(" ") ? quote(ref) : cleanText(ref)}`,
    notifier: which("notify-send"),
    spawn: tools?.spawn ?? startProgram,
    bell: createBell(deps.stdout, soundEnabled(deps.stdout, undefined, settings.sound)),
    interactive: opts.input !== false && deps.stdin.isTTY === true && deps.stdout.isTTY === true,
    stop: createStopWait(deps),
  };
  const at = (seconds: number) => clockTime(new Date(deps.clock.wall().getTime() + seconds * 1000));
  const count = times === null ? "" : times === 1 ? "1 reminder, " : `${times} reminders, `;
  say(deps, `Break reminders: ${count}every ${formatDuration(interval_s)}, first at ${at(interval_s)}. Ctrl-C to stop.`);
  const weekly = await import("../history/weekly.js");
  if (ref !== weekly.WORKSTATION_CHECK && (await weekly.workstationCheckDue(deps))) say(deps, weekly.WORKSTATION_HINT);

  let given = 0;
  try {
    // Each interval is measured from when a reminder was dealt with.
    while (times === null || given < times) {
      if (!(await r.stop.wait(interval_s))) break;
      given = await remindOnce(r, given);
      if (r.stop.code !== null) break;
      if (r.interactive && (times === null || given < times)) say(deps, `Next break at ${at(interval_s)}. Ctrl-C to stop.`);
    }
  } finally {
    r.stop.close();
  }

  const total = given === 1 ? "1 reminder" : `${given} reminders`;
  const code = r.stop.code;
  say(deps, code === null || code === 0 ? `Done: ${total} given.` : `Stopped: ${total} given.`);
  return code ?? 0;
}

/** What every reminder of one `soothe remind` shares. */
interface Reminders {
  deps: Deps;
  ref: string;
  times: number | null;
  name: string;
  command: string;
  notifier: string | null;
  spawn: StartProgram;
  bell: { ring(): void };
  interactive: boolean;
  stop: StopWait;
}

/**
 * One reminder: the bell, a notification, and the question (or one line when piped). A snoozed reminder comes back
 * and still counts as one. Returns how many reminders have been given.
 */
async function remindOnce(r: Reminders, given: number): Promise<number> {
  const { deps, times } = r;
  let snoozed = false;
  for (;;) {
    if (!snoozed) given += 1;
    const label = times === null ? `Reminder ${given}` : `Reminder ${given} of ${times}`;
    r.bell.ring();
    if (r.notifier) notify(r.spawn, r.notifier, r.name, r.command);
    if (!r.interactive) {
      deps.stdout.write(`[${clockTime(deps.clock.wall())}] ${label}: time for a break (${r.command})\n`);
      return given;
    }
    const answer = await Promise.race([ask(deps, label, r.name), r.stop.stopped]).catch((error: unknown) => {
      if (error instanceof CancelError || (error instanceof Error && error.name === "ExitPromptError")) {
        r.stop.end(130);
        return "stopped" as const;
      }
      throw error;
    });
    if (answer === "stop") r.stop.end(0);
    if (answer === "snooze") {
      say(deps, `Snoozed until ${clockTime(new Date(deps.clock.wall().getTime() + SNOOZE_S * 1000))}.`);
      snoozed = true;
      if (await r.stop.wait(SNOOZE_S)) continue;
    }
    if (answer === "run") {
      const { run } = await import("./run.js");
      const code = await run(r.ref, {}, deps);
      if (code !== 0) r.stop.end(code);
    }
    return given;
  }
}

/** A line about the reminders themselves, on stderr so that piped output holds only the reminders. */
function say(deps: Deps, text: string): void {
  deps.stderr.write(`${deps.errTheme.dim(text)}\n`);
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
  const limit = { what: "the time between reminders", min_s: MIN_INTERVAL_S, max_s: MAX_DURATION_S };
  const seconds = parseDuration(text, { ...limit, min_s: 0 });
  if (typeof seconds === "string") throw new UsageError(`--every: ${seconds}`);
  if (seconds < MIN_INTERVAL_S) {
    const hint = /^\s*\d+\s*$/.test(text) ? `; a plain number is seconds: did you mean ${text.trim()}m?` : "";
    throw new UsageError(`--every: ${durationLimitMessage(seconds, limit)}${hint}`);
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
