import { randomUUID } from "node:crypto";
import type { Deps, Settings } from "../deps.js";
import { asciiOnly, canMoveCursor } from "../env.js";
import { UsageError, UserError } from "../errors.js";
import { checkWritable, lastLineWarning } from "../history/store.js";
import { localIso } from "../history/time.js";
import { describePainChange } from "../care/pain-change.js";
import { isEmptyPain, parsePainLevels } from "../history/pain.js";
import type { HistoryEvent, HistoryStore, PainReport, SegmentRecord } from "../history/types.js";
import { signalExitCode } from "../main.js";
import { resolveRoutine } from "../routine/catalog.js";
import { formatDuration, parseDuration } from "../routine/duration.js";
import { expandPlan, unroll } from "../routine/plan.js";
import type { Plan, Routine, Side } from "../routine/types.js";
import {
  anythingLeft,
  packKinds,
  packQuestion,
  packReminder,
  packSegmentsToLeaveOut,
  packSkipped,
  recentPackWarning,
} from "../care/heat-cold.js";
import { SessionEngine, type EndStatus } from "../session/engine.js";
import { cleanText, quote, wrap } from "../text.js";
import { MAX_NOTE_CHARS, askNote, askPain } from "../ui/checkin.js";
import { readKeys, type KeyAction, type KeyReader } from "../ui/keys.js";
import { attachPlainOutput } from "../ui/plain.js";
import { renderScreen, renderSummary } from "../ui/render.js";
import { renderSafety } from "../ui/safety-view.js";
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
  /** `--no-checkin` (false): no pain questions before or after this run. */
  checkin?: boolean;
  /** `--pain-before "back=6,leg=7,reach=thigh"`. */
  painBefore?: string;
  /** `--pain-after`, in the same form. */
  painAfter?: string;
  /** `--note <text>`: kept with the session. */
  note?: string;
}

/** Exit code of a run stopped with Ctrl-C (as a key in raw mode, or SIGINT). */
const INTERRUPTED = 130;

/**
 * `soothe run <routine>`: resolves the routine and settings, builds the plan, and walks through it with a live
 * screen (on a terminal) or plain lines (piped or `--no-input`), saving the session to history as it goes.
 * On a terminal it first asks what it needs (the safety screen once, the affected side once, pain before, heat
 * and cold); after the end is saved, it asks about pain after and a note.
 * Returns 0 when completed or stopped with `q`, 130 for Ctrl-C or SIGINT, 128+n for other stop signals.
 */
export async function run(ref: string, opts: RunOptions, deps: Deps): Promise<number> {
  // Options first: a bad value is reported before anything starts.
  let leadInOverride_s: number | undefined;
  if (opts.leadIn !== undefined) {
    const value = parseDuration(opts.leadIn, 0);
    if (typeof value === "string") throw new UsageError(`--lead-in: ${value}`);
    leadInOverride_s = value;
  }
  if (opts.side !== undefined && opts.side !== "left" && opts.side !== "right") {
    throw new UsageError(`--side ${quote(opts.side)} is not a side; use --side left or --side right`);
  }
  const painBeforeFlag = painOption(opts.painBefore, "--pain-before");
  const painAfterFlag = painOption(opts.painAfter, "--pain-after");
  const noteFlag = noteOption(opts.note);

  const { routine } = await resolveRoutine(ref, deps.paths);
  const settings = await deps.loadSettings();
  // Keys are read on any terminal; questions and the live screen need one that can move the cursor. On a dumb
  // terminal the run prints plain lines and asks nothing, as down a pipe, but space, s, b, q and the rest still work.
  const keyed = opts.input !== false && deps.stdin.isTTY === true && deps.stdout.isTTY === true;
  const interactive = keyed && canMoveCursor(deps.env);
  const planFor = (affectedSide: Side | null) =>
    expandPlan(routine, {
      affectedSide,
      leadIn_s: settings.lead_in,
      transition_s: settings.transition,
      ...(leadInOverride_s !== undefined ? { leadInOverride_s } : {}),
    });
  // --side is for this run; without it, the side the user set once in the settings.
  let affectedSide: Side | null =
    opts.side === "left" || opts.side === "right" ? opts.side : (settings.affected_side ?? null);

  if (opts.dryRun) {
    const { renderPlan } = await import("../ui/plan-view.js");
    const lines = renderPlan(planFor(affectedSide), deps.theme, deps.stdout.columns ?? 80, { ascii: asciiOnly(deps.env) });
    deps.stdout.write(lines.map((l) => `${l}\n`).join(""));
    return 0;
  }

  // Refuse to start a session that could not be saved.
  checkWritable(deps.paths.historyFile);
  const damaged = lastLineWarning(deps.paths.historyFile);
  if (damaged) deps.stderr.write(`${deps.errTheme.yellow("soothe: warning:")} ${damaged}\n`);
  const store = await deps.openHistory();

  if (!settings.safety_shown && !(await showSafetyOnce(deps, interactive))) return 0;
  if (affectedSide === null && interactive && usesAffectedSide(routine)) affectedSide = await askAffectedSide(deps);
  const plan = planFor(affectedSide);
  for (const note of plan.notes) deps.stderr.write(`${deps.errTheme.dim(cleanText(note))}\n`);

  const checkins = interactive && opts.checkin !== false && settings.pain_checkins;
  let painBefore: PainReport | null = painBeforeFlag;
  if (painBefore === null && checkins) {
    painBefore = await askPain(deps.prompts, "before", emptyPain());
  }

  const packs = await checkPacks(plan, store, deps, interactive);
  if (packs === null) return 0;

  const outcome = await runSession(plan, store, deps, {
    keyed,
    live: interactive,
    sound: soundEnabled(deps.stdout, opts.sound, settings.sound),
    voice: voiceForRun(opts.voice, settings, deps),
    painBefore: isEmptyPain(painBefore) ? null : painBefore,
    leaveOut: packs.leaveOut,
    notes: [...plan.notes, ...packs.notes],
  });

  // The session is saved whole by now: what follows may be walked away from, or cut short with Ctrl-C.
  const painAfter: PainReport = painAfterFlag ?? emptyPain();
  let note = noteFlag;
  try {
    if (checkins && outcome.code === 0) {
      deps.stdout.write("\n");
      if (painAfterFlag === null) await askPain(deps.prompts, "after", painAfter);
      if (note === null) note = await askNote(deps.prompts);
    }
  } finally {
    if (!isEmptyPain(painAfter) || note !== null) {
      const event: HistoryEvent = { v: 1, session: outcome.session, at: localIso(deps.clock.wall()), type: "checkin" };
      if (!isEmptyPain(painAfter)) event.pain_after = painAfter;
      if (note !== null) event.note = note;
      store.append(event);
    }
  }
  const change = describePainChange(outcome.painBefore, isEmptyPain(painAfter) ? null : painAfter);
  if (change.length > 0) {
    deps.stdout.write(`\n${change.flatMap((line) => wrap(line, proseWidth(deps))).join("\n")}\n`);
  }
  return outcome.code;
}

/** Columns for sentences around a run: the terminal's, kept to 30-80 so that lines stay easy to read. */
function proseWidth(deps: Pick<Deps, "stdout">): number {
  return Math.max(30, Math.min(80, deps.stdout.columns ?? 80));
}

/** A check-in with nothing answered yet. */
function emptyPain(): PainReport {
  return { back: null, leg: null, reach: null };
}

/** `--pain-before` / `--pain-after` read, or null when not given; a bad value stops the run before it starts. */
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

/** Whether a step resolves against the affected side (`affected` or `other`). */
function usesAffectedSide(routine: Routine): boolean {
  return unroll(routine.steps).some((step) => step.sides === "affected" || step.sides === "other");
}

/**
 * The red flags, once per machine: on a terminal with a question whether to go on, otherwise printed. Returns
 * false when the person chose not to go on.
 */
async function showSafetyOnce(deps: Deps, interactive: boolean): Promise<boolean> {
  const intro = wrap("Please read these warning signs once. See them again any time: soothe safety", proseWidth(deps));
  const page = renderSafety({ theme: deps.theme, ascii: asciiOnly(deps.env), columns: deps.stdout.columns ?? 80 });
  deps.stdout.write(`${[...intro.map((line) => deps.theme.bold(line)), "", ...page, ""].join("\n")}\n`);
  await remember(deps, { safety_shown: true });
  if (!interactive) return true;
  const go = await deps.prompts.confirm({ message: "Go on to the routine?", default: true });
  if (!go) deps.stdout.write("Nothing started. If any of these signs apply to you, get help now.\n");
  return go;
}

/** Asks once which side sciatica affects, and keeps the answer; "not sure" uses left for this run only. */
async function askAffectedSide(deps: Deps): Promise<Side | null> {
  const answer = await deps.prompts.select<Side | "unsure">({
    message: "Which side does your sciatica affect? Steps for that side use it.",
    choices: [
      { value: "left", name: "Left" },
      { value: "right", name: "Right" },
      { value: "unsure", name: "Not sure: use left this time" },
    ],
  });
  if (answer === "unsure") return null;
  if (await remember(deps, { affected_side: answer })) {
    const other = answer === "left" ? "right" : "left";
    deps.stdout.write(
      `${deps.theme.dim(`Saved: affected side ${answer}. To change it: soothe config set affected_side ${other}`)}\n`,
    );
  }
  return answer;
}

/**
 * Saves settings chosen along the way; a settings file that cannot be written only means soothe asks again next
 * time, so that is a warning and the run goes on. Returns whether they were saved.
 */
async function remember(deps: Deps, values: Partial<Settings>): Promise<boolean> {
  try {
    await deps.saveSettings(values);
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    deps.stderr.write(`${deps.errTheme.yellow("soothe: warning:")} ${reason}\n`);
    return false;
  }
}

/** What a run does about heat and cold: segments to leave out and what to say about them on the screen. */
interface PackPlan {
  leaveOut: Map<number, string>;
  notes: string[];
}

/**
 * Before a run with ice or heat: a warning when the same kind ended less than an hour ago, and the reminder about
 * a barrier and numb skin. On a terminal the person answers; a "no" leaves those segments out. Returns null when
 * nothing would be left to do, and the run should not start.
 */
async function checkPacks(plan: Plan, store: HistoryStore, deps: Deps, interactive: boolean): Promise<PackPlan | null> {
  const kinds = packKinds(plan.segments);
  if (kinds.length === 0) return { leaveOut: new Map(), notes: [] };
  const width = proseWidth(deps);
  const now = deps.clock.wall();
  const last = await store.lastEnded(kinds);
  const warnings = kinds.flatMap((kind) => {
    const ended = last.get(kind);
    const warning = ended ? recentPackWarning(kind, ended, now) : null;
    return warning ? [warning] : [];
  });
  const reminder = packReminder(kinds).flatMap((line) => wrap(line, width));
  if (!interactive) {
    for (const warning of warnings) deps.stderr.write(`${deps.errTheme.yellow("soothe: warning:")} ${warning}\n`);
    deps.stdout.write(`${reminder.join("\n")}\n\n`);
    return { leaveOut: new Map(), notes: [] };
  }
  const lines = [
    ...warnings.flatMap((warning) => wrap(warning, width).map((l) => deps.theme.yellow.bold(l))),
    ...(warnings.length > 0 ? [""] : []),
    ...reminder,
  ];
  deps.stdout.write(`\n${lines.join("\n")}\n`);
  const go = await deps.prompts.confirm({ message: packQuestion(kinds), default: false });
  if (go) return { leaveOut: new Map(), notes: [] };
  const leaveOut = packSegmentsToLeaveOut(plan.segments);
  if (!anythingLeft(plan.segments, leaveOut)) {
    const nothing = wrap("This routine is all heat or cold, so nothing is left to do without it.", width);
    deps.stdout.write(`${[...nothing, "Nothing started."].join("\n")}\n`);
    return null;
  }
  const skipped = packSkipped(kinds);
  deps.stdout.write(`${skipped}\n`);
  return { leaveOut, notes: [skipped] };
}

/** How a session went, for what comes after it. */
interface SessionOutcome {
  code: number;
  session: string;
  painBefore: PainReport | null;
}

/** Walks through `plan`, writing history as it happens, and prints the summary; returns how it went. */
async function runSession(
  plan: Plan,
  store: HistoryStore,
  deps: Deps,
  options: {
    /** Read keys during the run. */
    keyed: boolean;
    /** Draw the live screen (else plain lines). */
    live: boolean;
    sound: boolean;
    voice: Voice;
    painBefore: PainReport | null;
    leaveOut: ReadonlyMap<number, string>;
    notes: string[];
  },
): Promise<SessionOutcome> {
  const { keyed, live } = options;
  const engine = new SessionEngine(plan, deps.clock, { input: keyed, leaveOut: options.leaveOut });
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
    const start: HistoryEvent = {
      v: 1,
      session,
      at: at(0),
      type: "start",
      routine: { id: plan.id, name: plan.name },
      planned_s: plan.total_s,
      pid: deps.pid,
      host: deps.hostname,
    };
    if (options.painBefore) start.pain_before = options.painBefore;
    append(start);

    const heading = () => {
      const steps = plan.steps === 1 ? "1 step" : `${plan.steps} steps`;
      deps.stdout.write(`${cleanText(plan.name)}: ${steps}, ${formatDuration(plan.total_s + plan.lead_in_s)}\n`);
    };
    if (keyed) {
      // `!` pauses and waits for a choice: skip the step, stop the routine, or carry on.
      let hurting = false;
      let pausedBefore = false;
      // What shows the choice: the live screen redrawn, or (plain lines) one line saying it.
      let draw: () => void;
      if (live) {
        const liveScreen = new LiveScreen(deps.stdout, { input: deps.stdin, onExit: exitHook });
        screen = liveScreen;
        draw = () =>
          liveScreen.draw(
            renderScreen(engine.snapshot(), { ...liveScreen.size, theme: deps.theme, ascii, notes: options.notes, hurt: hurting }),
          );
        engine.on("tick", guarded(draw));
        liveScreen.onResize(guarded(draw));
        liveScreen.open();
      } else {
        heading();
        const t0 = deps.clock.now();
        detachPlain = attachPlainOutput(engine, deps.stdout, plan, { keys: { elapsedMs: () => deps.clock.now() - t0 } });
        draw = () => {
          if (hurting) deps.stdout.write(`${hurtLine(engine.phase === "segment")}\n`);
        };
      }
      const closeHurt = (then: () => void) => {
        hurting = false;
        then();
        if (!pausedBefore) engine.resume();
        if (live) draw();
      };
      const onHurtChoice = (action: KeyAction) => {
        switch (action) {
          case "skip":
            return closeHurt(() => {
              // In a lead-in or transition the step that hurts is the coming one: move to it, then skip it.
              if (engine.phase !== "segment") engine.skip();
              engine.skip();
            });
          case "carry-on":
          case "complete":
          case "toggle-pause":
            return closeHurt(() => {});
          case "stop":
            hurting = false;
            return stopWith(0);
          case "interrupt":
            hurting = false;
            return stopWith(INTERRUPTED);
          default:
            return;
        }
      };
      keys = readKeys(
        deps.stdin,
        guarded((action: KeyAction) => {
          if (hurting) return onHurtChoice(action);
          switch (action) {
            case "hurt":
              if (!engine.markHurt()) return;
              hurting = true;
              pausedBefore = engine.paused;
              if (!pausedBefore) engine.pause();
              if (pausedBefore || !live) draw();
              return;
            case "carry-on":
              return;
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
      heading();
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
    planned_s: exerciseSeconds(plan, engine.records, options.leaveOut),
  });
  summary.push(deps.theme.dim("Saved in your history."));
  deps.stdout.write(`${live ? "" : "\n"}${summary.join("\n")}\n`);
  deps.stdout.removeListener("error", ignoreWriteErrors);
  return { code, session, painBefore: options.painBefore };
}

/**
 * The time a session was meant to take at work, comparable with the time done: timed segments without
 * transitions or what was left out, and manual steps at the time they took (they have no plan).
 */
function exerciseSeconds(plan: Plan, records: readonly SegmentRecord[], leftOut: ReadonlyMap<number, string>): number {
  const timed = plan.segments.reduce(
    (sum, s, i) => sum + (s.kind === "transition" || leftOut.has(i) ? 0 : (s.duration_s ?? 0)),
    0,
  );
  return timed + records.reduce((sum, r) => sum + (r.planned_s === null ? r.active_s : 0), 0);
}

/** The choice after `!`, as one plain line. */
function hurtLine(inSegment: boolean): string {
  const what = inSegment ? "this step" : "the next step";
  return `This hurts: s skips ${what}, q stops the routine, c or Enter carries on.`;
}

/** Last resort: give the terminal back even if the process exits without reaching a finally. */
function exitHook(restore: () => void): () => void {
  process.once("exit", restore);
  return () => process.off("exit", restore);
}
