import { randomUUID } from "node:crypto";
import { packTimeLeft } from "../care/heat-cold.js";
import { planTimes } from "../routine/times.js";
import { localIso } from "../time.js";
import type { HistoryEvent, HistoryStore, PainReport, SegmentRecord } from "../history/types.js";
import type { Plan } from "../routine/types.js";
import type { Clock } from "./clock.js";
import { ADJUST_S, SessionEngine, type EndStatus } from "./engine.js";
import { HurtChoice, INTERRUPTED } from "./hurt.js";

/** What a person can ask of a running session (keys map to these in ui/). */
export type RunAction =
  | "toggle-pause"
  | "skip"
  | "back"
  | "add"
  | "take"
  | "complete"
  | "stop"
  | "interrupt"
  /** "This hurts": pause and offer to skip the step. */
  | "hurt"
  /** Carry on after "this hurts". */
  | "carry-on";

/** What a session runner needs from the outside world. */
export interface RunnerDeps {
  clock: Clock;
  store: Pick<HistoryStore, "append">;
  pid: number;
  hostname: string;
  /** Subscribes to stop signals, each given as the exit code it stands for; returns the unsubscribe function. */
  onStop(handler: (code: number) => void): () => void;
}

/** How one session runs. */
export interface RunnerOptions {
  /** Whether a person can press keys (manual steps wait for them). */
  input: boolean;
  painBefore: PainReport | null;
  /** Segments to leave out (such as heat and cold the person said no to), with the note each record keeps. */
  leaveOut: ReadonlyMap<number, string>;
}

/** How a session went. */
export interface RunOutcome {
  /** The exit code: 0 completed or stopped with `q`, 130 Ctrl-C, 128+n another stop signal. */
  code: number;
  session: string;
  status: EndStatus;
  records: readonly SegmentRecord[];
  painBefore: PainReport | null;
}

/** Events of a runner beyond the engine's. */
export interface RunnerEvents {
  /** The "this hurts" choice opened or closed. */
  hurt: { open: boolean };
}

/**
 * One session's life: the engine, the history events as they happen (start, each segment, end), stop signals and
 * the "this hurts" choice. A view attaches through `engine`, `on` and `act`; the runner knows nothing of terminals.
 *
 * A listener that throws (history could not be written, a drawing bug) must not tear the engine apart mid-step:
 * `guard` remembers the error, abandons the session on the next microtask, and `run()` rejects with it.
 */
export class SessionRunner {
  readonly engine: SessionEngine;
  readonly session: string;
  readonly plan: Plan;
  readonly hurt: HurtChoice;
  readonly #deps: RunnerDeps;
  readonly #options: RunnerOptions;
  readonly #listeners = new Set<(event: RunnerEvents["hurt"]) => void>();
  #startWall = 0;
  #code = 0;
  #failure: { error: unknown } | null = null;
  #settle: { resolve: (status: EndStatus) => void; reject: (error: unknown) => void } | null = null;

  constructor(plan: Plan, deps: RunnerDeps, options: RunnerOptions) {
    this.plan = plan;
    this.#deps = deps;
    this.#options = options;
    this.session = randomUUID();
    this.engine = new SessionEngine(plan, deps.clock, {
      input: options.input,
      leaveOut: options.leaveOut,
      // Heat and cold stay on the skin only so long: neither + nor going back passes it.
      timeLeft: (segment, spent_s) => packTimeLeft(segment.kind, spent_s),
    });
    this.hurt = new HurtChoice(this.engine, () => this.#emitHurt());
    this.engine.on(
      "segment-end",
      this.guard(({ record, at_ms }) => this.#append({ ...this.#event(at_ms), type: "segment", segment: record })),
    );
    this.engine.on(
      "end",
      this.guard(({ status, at_ms }) => {
        this.#append({ ...this.#event(at_ms), type: "end", status });
        this.#settle?.resolve(status);
      }),
    );
  }

  /** Segments left out of this run (heat and cold said no to), by index. */
  get leaveOut(): ReadonlyMap<number, string> {
    return this.#options.leaveOut;
  }

  /** Subscribes to the "this hurts" choice opening or closing; returns the unsubscribe function. */
  onHurt(listener: (event: RunnerEvents["hurt"]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** `fn` wrapped so that an error in it abandons the session instead of breaking the engine. */
  guard<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
    return (...args: A) => {
      if (this.#failure) return;
      try {
        fn(...args);
      } catch (error) {
        this.#failure = { error };
        queueMicrotask(() => {
          this.engine.dispose();
          this.#settle?.reject(error);
        });
      }
    };
  }

  /** Does what a person asked; while "this hurts" waits, only its answers count. */
  act(action: RunAction): void {
    const engine = this.engine;
    if (this.hurt.isOpen) {
      const answer =
        action === "skip" || action === "stop" || action === "interrupt"
          ? action
          : action === "carry-on" || action === "complete" || action === "toggle-pause"
            ? "carry-on"
            : null;
      const effect = answer === null ? null : this.hurt.answer(answer);
      if (effect) this.stop(effect.stop);
      return;
    }
    switch (action) {
      case "hurt":
        this.hurt.open();
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
        return engine.adjust(ADJUST_S);
      case "take":
        return engine.adjust(-ADJUST_S);
      case "complete":
        return engine.completeManual();
      case "stop":
        return this.stop(0);
      case "interrupt":
        return this.stop(INTERRUPTED);
    }
  }

  /** Stops the session with `code` (once: a later stop, or one after a failure, changes nothing). */
  stop(code: number): void {
    if (this.engine.status !== null || this.#failure) return;
    this.#code = code;
    this.engine.stop();
  }

  /** Saves the start, runs the session to its end (stop signals stop it), and returns how it went. */
  async run(): Promise<RunOutcome> {
    const ended = new Promise<EndStatus>((resolve, reject) => {
      this.#settle = { resolve, reject };
    });
    this.#startWall = this.#deps.clock.wall().getTime();
    const offStop = this.#deps.onStop((code) => this.stop(code));
    let status: EndStatus;
    try {
      const start: HistoryEvent = {
        ...this.#event(0),
        type: "start",
        routine: { id: this.plan.id, name: this.plan.name },
        planned_s: this.plan.total_s,
        pid: this.#deps.pid,
        host: this.#deps.hostname,
      };
      if (this.#options.painBefore) start.pain_before = this.#options.painBefore;
      this.#append(start);
      this.engine.start();
      status = await ended;
    } finally {
      this.engine.dispose();
      offStop();
    }
    const { session, engine } = this;
    return { code: this.#code, session, status, records: engine.records, painBefore: this.#options.painBefore };
  }

  /** The common part of an event at `ms` on the session's timeline (so a late wake still stamps when it ended). */
  #event(ms: number): { v: 1; session: string; at: string } {
    return { v: 1, session: this.session, at: localIso(new Date(this.#startWall + ms)) };
  }

  #append(event: HistoryEvent): void {
    this.#deps.store.append(event);
  }

  #emitHurt(): void {
    for (const listener of [...this.#listeners]) listener({ open: this.hurt.isOpen });
  }
}

/**
 * The time a session was meant to take at work, comparable with the time done: timed segments without
 * transitions or what was left out, and manual steps at the time they took (they have no plan).
 */
export function exerciseSeconds(plan: Plan, records: readonly SegmentRecord[], leftOut: ReadonlyMap<number, string>): number {
  const timed = planTimes(plan, new Set(leftOut.keys())).steps_s;
  return timed + records.reduce((sum, r) => sum + (r.planned_s === null ? r.active_s : 0), 0);
}
