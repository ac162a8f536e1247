import { avoidIfLines } from "../care/avoid-if.js";
import type { Deps } from "../deps.js";
import { asciiOnly, canMoveCursor } from "../env.js";
import { UsageError } from "../errors.js";
import { checkWritable, lastLineWarning } from "../history/store.js";
import { isEmptyPain, parsePainLevels } from "../history/pain.js";
import type { PainReport } from "../history/types.js";
import { resolveRoutine } from "../routine/catalog.js";
import { parseDuration } from "../routine/duration.js";
import { LIMITS } from "../routine/limits.js";
import type { Side } from "../routine/types.js";
import { SessionRunner, type RunOutcome } from "../session/runner.js";
import { cleanText, quote } from "../text.js";
import { askAfterRun } from "../ui/after-run.js";
import { askBeforeRun, planFor } from "../ui/before-run.js";
import { MAX_NOTE_CHARS } from "../ui/checkin.js";
import { attachRunView } from "../ui/run-view.js";
import { soundEnabled } from "../ui/sound.js";
import { voiceForRun } from "../ui/voice.js";

/** Options of `soothe run` as commander gives them (`--no-x` arrives as `x: false`). */
export interface RunOptions {
  input?: boolean;
  leadIn?: string;
  side?: string;
  dryRun?: boolean;
  sound?: boolean;
  /** `--voice` (true) / `--no-voice` (false) override the `voice` setting. */
  voice?: boolean;
  /** `--no-checkin` (false): no pain questions before or after this run. */
  checkin?: boolean;
  /** `--pain-before "back=6,leg=7,reach=thigh"`. */
  painBefore?: string;
  /** `--pain-after`, in the same form. */
  painAfter?: string;
  /** `--note <text>`: kept with the session. */
  note?: string;
}

/** The options read and checked: a bad value is reported before anything starts. */
interface ReadOptions {
  leadInOverride_s?: number;
  side: Side | null;
  painBefore: PainReport | null;
  painAfter: PainReport | null;
  note: string | null;
}

/**
 * `soothe run <routine>`: resolves the routine and settings, asks what it needs before (ui/), runs the session
 * (session/) with a view attached (ui/), then asks about pain after and a note. Returns 0 when completed or stopped
 * with `q`, 130 for Ctrl-C or SIGINT, 128+n for other stop signals.
 */
export async function run(ref: string, opts: RunOptions, deps: Deps): Promise<number> {
  const options = readRunOptions(opts);
  const written = (await resolveRoutine(ref, deps.paths)).routine;
  const settings = await deps.loadSettings();
  // Keys are read on any terminal; questions and the live screen need one that can move the cursor. On a dumb
  // terminal the run prints plain lines and asks nothing, as down a pipe, but space, s, b, q and the rest still work.
  const keyed = opts.input !== false && deps.stdin.isTTY === true && deps.stdout.isTTY === true;
  const interactive = keyed && canMoveCursor(deps.env);
  // --side is for this run; without it, the side the user set once in the settings.
  const side = options.side ?? settings.affected_side ?? null;
  const planOptions = { settings, ...(options.leadInOverride_s !== undefined ? { leadInOverride_s: options.leadInOverride_s } : {}) };
  // A programme's doses for today, said before the run (on a terminal, the previous dose may be kept today).
  const { routine, notes } = await (await import("./programme.js")).dosedForRun(written, !opts.dryRun, interactive, deps);

  if (opts.dryRun) {
    const { renderPlan } = await import("../ui/plan-view.js");
    const plan = { ...planFor(routine, planOptions, side) };
    plan.notes = [...plan.notes, ...notes];
    const lines = renderPlan(plan, deps.theme, deps.stdout.columns ?? 80, { ascii: asciiOnly(deps.env) });
    deps.stdout.write(lines.map((l) => `${l}\n`).join(""));
    return 0;
  }

  // Refuse to start a session that could not be saved.
  checkWritable(deps.paths.historyFile);
  const damaged = lastLineWarning(deps.paths.historyFile);
  if (damaged) deps.stderr.write(`${deps.errTheme.yellow("soothe: warning:")} ${damaged}\n`);
  const store = await deps.openHistory();

  const checkins = interactive && opts.checkin !== false && settings.pain_checkins;
  const ready = await askBeforeRun(routine, { ...planOptions, interactive, side, checkins, painBefore: options.painBefore }, deps, store);
  if (ready === null) return 0;

  const runner = new SessionRunner(
    ready.plan,
    { ...deps, store, onStop: (handler) => deps.onSignal((_signal, exitCode) => handler(exitCode)) },
    { input: keyed, painBefore: ready.painBefore, leaveOut: ready.leaveOut },
  );
  const view = attachRunView(
    runner,
    {
      keyed,
      live: interactive,
      sound: soundEnabled(deps.stdout, opts.sound, settings.sound),
      voice: voiceForRun(opts.voice, settings, deps),
      notes: ready.notes,
      avoidIf: avoidIfLines(ready.plan),
      hurtLastTime: ready.hurtLastTime,
    },
    deps,
  );
  let outcome: RunOutcome;
  try {
    outcome = await runner.run();
  } catch (error) {
    view.close();
    throw error;
  }
  view.close(outcome);

  await askAfterRun(outcome, { checkins, painAfter: options.painAfter, note: options.note }, deps, store);
  return outcome.code;
}

/** The options of a run, read and checked; a bad value stops the run before it starts. */
function readRunOptions(opts: RunOptions): ReadOptions {
  let leadInOverride_s: number | undefined;
  if (opts.leadIn !== undefined) {
    const value = parseDuration(opts.leadIn, LIMITS.leadIn);
    if (typeof value === "string") throw new UsageError(`--lead-in: ${value}`);
    leadInOverride_s = value;
  }
  if (opts.side !== undefined && opts.side !== "left" && opts.side !== "right") {
    throw new UsageError(`--side ${quote(opts.side)} is not a side; use --side left or --side right`);
  }
  return {
    ...(leadInOverride_s !== undefined ? { leadInOverride_s } : {}),
    side: opts.side === "left" || opts.side === "right" ? opts.side : null,
    painBefore: painOption(opts.painBefore, "--pain-before"),
    painAfter: painOption(opts.painAfter, "--pain-after"),
    note: noteOption(opts.note),
  };
}

/** `--pain-before` / `--pain-after` read, or null when not given. */
function painOption(text: string | undefined, flag: string): PainReport | null {
  if (text === undefined) return null;
  const parsed = parsePainLevels(text);
  if (typeof parsed === "string") {
    throw new UsageError(`${flag} ${quote(text)}: ${parsed}`);
  }
  return isEmptyPain(parsed) ? null : parsed;
}

/** `--note` cleaned, or null; a note too long to keep stops the run before it starts. */
function noteOption(text: string | undefined): string | null {
  if (text === undefined) return null;
  const clean = cleanText(text).trim();
  if (clean.length > MAX_NOTE_CHARS) {
    throw new UsageError(`--note is ${clean.length} characters long; keep it to ${MAX_NOTE_CHARS} at most.`);
  }
  return clean === "" ? null : clean;
}
