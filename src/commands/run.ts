import { randomUUID } from "node:crypto";
import type { Deps } from "../deps.js";
import { asciiOnly } from "../env.js";
import { UsageError, UserError } from "../errors.js";
import { checkWritable } from "../history/store.js";
import { localIso } from "../history/time.js";
import type { HistoryEvent, HistoryStore, SegmentRecord } from "../history/types.js";
import { signalExitCode } from "../main.js";
import { resolveRoutine } from "../routine/catalog.js";
import { formatDuration, parseDuration } from "../routine/duration.js";
import { expandPlan } from "../routine/plan.js";
import type { Plan, Side } from "../routine/types.js";
import { SessionEngine, type EndStatus } from "../session/engine.js";
import { cleanText, quote } from "../text.js";
import { readKeys, type KeyAction, type KeyReader } from "../ui/keys.js";
import { attachPlainOutput } from "../ui/plain.js";
import { renderScreen, renderSummary } from "../ui/render.js";
import { LiveScreen } from "../ui/screen.js";
import { createBell, soundEnabled } from "../ui/sound.js";
import { attachVoice, voiceForRun, type Voice } from "../ui/voice.js";

/** Options of `soothe run` as commander gives them (`--no-x` arrives as `x: false`). */
export interface RunOptions {
  input?: boolean;
  leadIn?: string;
  side?: string;
  dryRun?: boolean;
  sound?: boolean;
  /** `--voice` (true) / `--no-voice` (false) override the `voice` setting. */
  voice?: boolean;
  /** `--no-checkin`: accepted now; the pain questions it skips come later. */
  checkin?: boolean;
}

/** Exit code of a run stopped with Ctrl-C (as a key in raw mode, or SIGINT). */
const INTERRUPTED = 130;

/**
 * `soothe run <routine>`: resolves the routine and settings, builds the plan, and walks through it with a live
 * screen (on a terminal) or plain lines (piped or `--no-input`), saving the session to history as it goes.
 * Returns 0 when completed or stopped with `q`, 130 for Ctrl-C or SIGINT, 128+n for other stop signals.
 */
export async function run(ref: string, opts: RunOptions, deps: Deps): Promise<number> {
  // Options first: a bad value is reported before anything starts.
  let leadInOverride_s: number | undefined;
  if (opts.leadIn !== undefined) {
    const value = parseDuration(opts.leadIn, 0);
    if (typeof value === "string") throw new UserError(`--lead-in: ${value}`);
    leadInOverride_s = value;
  }
  if (opts.side !== undefined && opts.side !== "left" && opts.side !== "right") {
    throw new UsageError(`--side ${quote(opts.side)} is not a side; use --side left or --side right`);
  }
  const { routine } = await resolveRoutine(ref, deps.paths);
  const settings = await deps.loadSettings();
  // --side is for this run; without it, the side the user set once in the settings.
  const affectedSide: Side | null =
    opts.side === "left" || opts.side === "right" ? opts.side : (settings.affected_side ?? null);
  const plan = expandPlan(routine, {
    affectedSide,
    leadIn_s: settings.lead_in,
    transition_s: settings.transition,
    ...(leadInOverride_s !== undefined ? { leadInOverride_s } : {}),
  });

  if (opts.dryRun) {
    const { renderPlan } = await import("../ui/plan-view.js");
    const lines = renderPlan(plan, deps.theme, deps.stdout.columns ?? 80);
    deps.stdout.write(lines.map((l) => `${l}\n`).join(""));
    return 0;
  }

  // Refuse to start a session that could not be saved.
  checkWritable(deps.paths.historyFile);
  const store = await deps.openHistory();

  for (const note of plan.notes) deps.stderr.write(`${deps.errTheme.dim(cleanText(note))}\n`);

  const interactive = opts.input !== false && deps.stdin.isTTY === true && deps.stdout.isTTY === true;
  return runSession(plan, store, deps, {
    interactive,
    sound: soundEnabled(deps.stdout, opts.sound, settings.sound),
    voice: voiceForRun(opts.voice, settings, deps),
  });
}

/** Walks through `plan`, writing history as it happens; returns the exit code. */
async function runSession(
  plan: Plan,
  store: HistoryStore,
  deps: Deps,
  options: { interactive: boolean; sound: boolean; voice: Voice },
): Promise<number> {
  const { interactive } = options;
  const engine = new SessionEngine(plan, deps.clock, { input: interactive });
  const session = randomUUID();
  const startWall = deps.clock.wall().getTime();
  // Event times follow the session's own timeline, so a late wake still stamps each segment when it ended.
  const at = (ms: number) => localIso(new Date(startWall + ms));
  const bell = createBell(deps.stdout, options.sound);
  const detachVoice = attachVoice(engine, options.voice, plan);
  const ascii = asciiOnly(deps.env);

  let code = 0;
  let failure: { error: unknown } | null = null;
  let settle: { resolve: (status: EndStatus) => void; reject: (error: unknown) => void } | null = null;
  const ended = new Promise<EndStatus>((resolve, reject) => {
    settle = { resolve, reject };
  });

  // A listener that throws (history could not be written, a drawing bug) must not tear the engine apart mid-step:
  // remember the error, then abandon the session on the next microtask and report it.
  const guarded =
    <A extends unknown[]>(fn: (...args: A) => void) =>
    (...args: A) => {
      if (failure) return;
      try {
        fn(...args);
      } catch (error) {
        failure = { error };
        queueMicrotask(() => {
          engine.dispose();
          settle?.reject(error);
        });
      }
    };

  const append = (event: HistoryEvent) => store.append(event);
  engine.on(
    "segment-end",
    guarded(({ record, at_ms }) => append({ v: 1, session, at: at(at_ms), type: "segment", segment: record })),
  );
  engine.on(
    "end",
    guarded(({ status, at_ms }) => {
      append({ v: 1, session, at: at(at_ms), type: "end", status });
      if (status === "completed") bell.ring();
      settle?.resolve(status);
    }),
  );
  engine.on(
    "segment-start",
    guarded(({ segment }) => {
      if (segment.kind !== "transition") bell.ring();
    }),
  );
  engine.on(
    "last-seconds",
    guarded(() => bell.ring()),
  );

  const stopWith = (exitCode: number) => {
    if (engine.status !== null || failure) return;
    code = exitCode;
    engine.stop();
  };

  let screen: LiveScreen | null = null;
  let keys: KeyReader | null = null;
  let detachPlain: (() => void) | null = null;
  const offSignal = deps.onSignal((signal) => stopWith(signalExitCode(signal)));
  // A terminal that went away (SIGHUP) makes writes fail; the session is saved regardless, so say nothing.
  const ignoreWriteErrors = () => {};
  deps.stdout.on("error", ignoreWriteErrors);

  let status: EndStatus;
  try {
    append({
      v: 1,
      session,
      at: at(0),
      type: "start",
      routine: { id: plan.id, name: plan.name },
      planned_s: plan.total_s,
      pid: deps.pid,
      host: deps.hostname,
    });

    if (interactive) {
      const live = new LiveScreen(deps.stdout, { input: deps.stdin, onExit: exitHook });
      screen = live;
      const draw = () =>
        live.draw(renderScreen(engine.snapshot(), { ...live.size, theme: deps.theme, ascii, notes: plan.notes }));
      engine.on("tick", guarded(draw));
      live.onResize(guarded(draw));
      live.open();
      keys = readKeys(
        deps.stdin,
        guarded((action: KeyAction) => {
          switch (action) {
            case "toggle-pause":
              return engine.togglePause();
            case "skip":
              return engine.skip();
            case "back":
              return engine.back();
            case "add":
              return engine.adjust(10);
            case "take":
              return engine.adjust(-10);
            case "complete":
              return engine.completeManual();
            case "stop":
              return stopWith(0);
            case "interrupt":
              return stopWith(INTERRUPTED);
          }
        }),
      );
    } else {
      const steps = plan.steps === 1 ? "1 step" : `${plan.steps} steps`;
      deps.stdout.write(`${cleanText(plan.name)}: ${steps}, ${formatDuration(plan.total_s + plan.lead_in_s)}\n`);
      detachPlain = attachPlainOutput(engine, deps.stdout, plan);
    }

    engine.start();
    status = await ended;
  } finally {
    engine.dispose();
    keys?.dispose();
    screen?.restore();
    detachPlain?.();
    offSignal();
    detachVoice();
  }

  const summary = renderSummary(engine.records, status, {
    theme: deps.theme,
    columns: deps.stdout.columns ?? 80,
    ascii,
    routine: plan.name,
    planned_s: exerciseSeconds(plan, engine.records),
  });
  summary.push(deps.theme.dim("Saved in your history."));
  deps.stdout.write(`${interactive ? "" : "\n"}${summary.join("\n")}\n`);
  deps.stdout.removeListener("error", ignoreWriteErrors);
  return code;
}

/**
 * The time a session was meant to take at work, comparable with the time done: timed segments without
 * transitions, and manual steps at the time they took (they have no plan).
 */
function exerciseSeconds(plan: Plan, records: readonly SegmentRecord[]): number {
  const timed = plan.segments.reduce((sum, s) => sum + (s.kind === "transition" ? 0 : (s.duration_s ?? 0)), 0);
  return timed + records.reduce((sum, r) => sum + (r.planned_s === null ? r.active_s : 0), 0);
}

/** Last resort: give the terminal back even if the process exits without reaching a finally. */
function exitHook(restore: () => void): () => void {
  process.once("exit", restore);
  return () => process.off("exit", restore);
}
