import type { Outcome, SegmentRecord } from "../history/types.js";
import type { Plan, Segment, SegmentKind, Side } from "../routine/types.js";
import type { Clock, TimerHandle } from "./clock.js";

/** Where a session is. "paused" is not a phase but a flag over the current one. */
export type Phase = "idle" | "lead-in" | "segment" | "transition" | "done";

/** How a session ended. */
export type EndStatus = "completed" | "stopped";

/** Options for a session. */
export interface EngineOptions {
  /**
   * Whether a person can press keys. Without input a manual segment cannot be confirmed, so it ends at once as
   * skipped. Default true.
   */
  input?: boolean;
  /**
   * Segments to leave out, by index in `plan.segments`, each with the note its record keeps (such as heat and cold
   * the person said no to). They are recorded as skipped the moment they come, without starting; a transition
   * that leads only to them, or comes before anything has been done, is passed over. Their time does not count.
   */
  leaveOut?: ReadonlyMap<number, string>;
  /**
   * The longest a segment may still run once `spent_s` seconds of it were done (earlier tries included), or null
   * for no limit: heat and cold stay on the skin only so long. Neither `+` nor going back passes it.
   */
  timeLeft?: (segment: Segment, spent_s: number) => number | null;
}

/** Why a segment got less time than asked: `+` at its limit, or going back into one already partly done. */
export type LimitReason = "add" | "back";

/** Everything a renderer needs to draw the session at one moment. */
export interface EngineSnapshot {
  routine: string;
  phase: Phase;
  paused: boolean;
  /** Index of the current segment in plan.segments; -1 before the first. */
  index: number;
  /** The current segment; null in the lead-in and before start. */
  segment: Segment | null;
  /** Milliseconds left in the current phase; null on a manual segment. */
  remaining_ms: number | null;
  /** Whole seconds to show (rounded up, so "1" is shown until the very end); null on a manual segment. */
  remaining_s: number | null;
  /** Active seconds in the current phase, pauses excluded. */
  elapsed_s: number;
  /** Length of the current phase as it now stands (elapsed + remaining, adjustments included); null when manual. */
  phase_s: number | null;
  /** Seconds left in the whole plan: this phase and every timed segment after it (manual segments count 0). */
  overall_remaining_s: number;
  /** Lead-in plus the plan's timed total, for a routine progress bar. */
  overall_total_s: number;
  /** "Step n of m": 1-based step of the current (or coming) segment. */
  step: number;
  steps: number;
  /** The next segment that is not a transition, or null at the last one. */
  next: Segment | null;
  /** Seconds spent on a manual segment so far; null otherwise. */
  manual_elapsed_s: number | null;
  /** True once a timed segment is half done. */
  halfway: boolean;
  /** A skin check was reached in the last CHECK_SHOW_S seconds. */
  check_due: boolean;
  /** The coming segment is the other side of the step just done (in a transition, or on the new side's segment). */
  switching_sides: boolean;
  /** Whether a person can press keys (manual segments wait for Enter). */
  input: boolean;
  /**
   * A time limit met in this phase (see EngineOptions.timeLeft): why, and the kind of segment it was about (going
   * back into a pack that had all its time keeps to the segment at hand); null otherwise.
   */
  limited: { reason: LimitReason; kind: SegmentKind } | null;
}

/** A segment (or transition) began. `at_ms` is its start on the session's timeline, from start(). */
export interface SegmentStartEvent {
  index: number;
  segment: Segment;
  at_ms: number;
}

/** An exercise, rest or manual segment ended; transitions end silently. */
export interface SegmentEndEvent {
  index: number;
  segment: Segment;
  record: SegmentRecord;
  at_ms: number;
}

/** Events of a session, by name. */
export interface EngineEvents {
  "segment-start": SegmentStartEvent;
  /** The state changed: a new whole second, a new phase, a control. Redraw from the snapshot. */
  tick: EngineSnapshot;
  halfway: { index: number; segment: Segment; text: string | null; at_ms: number };
  /** The countdown of a lead-in or segment (not a transition) reached 3, 2 or 1. */
  "last-seconds": { seconds: number; index: number; phase: Phase };
  /** The coming segment is the other side of the same step. */
  "switch-sides": { index: number; side: Side; segment: Segment };
  /** A skin-check reminder of an ice or heat segment. */
  check: { index: number; segment: Segment; at_s: number; at_ms: number };
  /** The current segment was given less time than asked, to keep to its limit. */
  limit: { index: number; segment: Segment; reason: LimitReason; at_ms: number };
  "segment-end": SegmentEndEvent;
  paused: EngineSnapshot;
  resumed: EngineSnapshot;
  end: { status: EndStatus; records: SegmentRecord[]; at_ms: number };
}

type Listener<K extends keyof EngineEvents> = (event: EngineEvents[K]) => void;

/** Back within this many seconds of a segment's start goes to the previous segment; later, it restarts it. */
export const BACK_RESTART_S = 3;
/** The step is adjusted by this many seconds with + and -. */
export const ADJUST_S = 10;
/** A segment never has less than this left after taking time off. */
const MIN_REMAINING_MS = 1000;
/** Halfway is announced only on segments (not rests) at least this long: on shorter holds it would be noise. */
const HALFWAY_MIN_S = 10;
/** How long a skin-check reminder stays on the snapshot. */
export const CHECK_SHOW_S = 15;
/** What a manual segment's record says when nobody could confirm it. */
export const NEEDS_A_PERSON = "needs a person: run with a terminal to do this step";

/**
 * A deadline-based state machine that walks a plan's segments on an injected clock.
 *
 * Time left is always `deadline - clock.now()`; nothing is counted down. The engine keeps at most one pending timer,
 * set for the next moment something shows or happens (the next whole second of the countdown, halfway, a skin
 * check, the deadline), so a countdown costs a wake a second. A late wake finishes whatever fell due in order, and
 * each following segment starts from the previous deadline, not from the late wake, so lateness never adds up: the
 * session ends when its plan says however the event loop stalls. Controls (skip, back, completeManual) start the
 * next segment from the moment they are used.
 *
 * `back()`: within BACK_RESTART_S seconds of a segment's start (or during a transition) it goes to the previous
 * segment that is not a transition; later it restarts the current segment. A segment left within its first seconds
 * by going back is not recorded (it will be done again); a restarted segment keeps the seconds already spent in its
 * record. A segment done again after going back is recorded again: history says what the person did.
 *
 * A pause is a flag over whatever runs: skip, back and + / - keep it, so the next segment waits, paused, until the
 * person resumes. Nothing runs (and no timer is pending) while paused.
 *
 * Listeners run synchronously inside the engine and must not throw.
 */
export class SessionEngine {
  readonly #plan: Plan;
  readonly #clock: Clock;
  readonly #input: boolean;
  readonly #listeners = new Map<keyof EngineEvents, Set<(event: never) => void>>();

  #phase: Phase = "idle";
  #index = -1;
  #paused = false;
  /** Session start on the clock, for event times. */
  #t0 = 0;
  /** Deadline of the current timed phase while running. */
  #deadline: number | null = null;
  /** Time left of the current timed phase while paused. */
  #pausedRemaining: number | null = null;
  /** Active milliseconds of the current phase before `#runningSince`. */
  #activeMs = 0;
  /** When the current phase last started running; null while paused. */
  #runningSince: number | null = null;
  /** Active milliseconds of earlier tries of the current segment (restarted with back()). */
  #carriedMs = 0;
  /** Last whole second shown, so that ticks and last-seconds fire once per second. */
  #shown: number | null = null;
  #halfwayDone = false;
  #checksDone = 0;
  #lastCheckMs: number | null = null;
  #timer: TimerHandle | null = null;
  #records: SegmentRecord[] = [];
  #status: EndStatus | null = null;
  /** Notes of the segments left out, by index. */
  readonly #leaveOut: ReadonlyMap<number, string>;
  /** Indexes never run: the segments left out and the transitions passed over with them. */
  readonly #passOver: ReadonlySet<number>;
  /** Steps all of whose segments are left out: not counted in "Step n of m". */
  readonly #stepsLeftOut: readonly number[];
  /** Segments the person said hurt (`!`), by index, until they are recorded. */
  readonly #hurt = new Set<number>();
  readonly #timeLeft: NonNullable<EngineOptions["timeLeft"]>;
  /** Active milliseconds of segments recorded so far, by index (a segment gone back to adds up). */
  readonly #spentMs = new Map<number, number>();
  /** The last limit met in the current phase, and the kind of segment it was about. */
  #limited: { reason: LimitReason; kind: SegmentKind } | null = null;

  constructor(plan: Plan, clock: Clock, options: EngineOptions = {}) {
    this.#plan = plan;
    this.#clock = clock;
    this.#input = options.input !== false;
    this.#leaveOut = options.leaveOut ?? new Map();
    this.#passOver = passedOver(plan.segments, this.#leaveOut);
    this.#stepsLeftOut = stepsLeftOut(plan.segments, this.#leaveOut);
    this.#timeLeft = options.timeLeft ?? (() => null);
  }

  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends keyof EngineEvents>(type: K, listener: Listener<K>): () => void {
    let set = this.#listeners.get(type);
    if (!set) {
      set = new Set();
      this.#listeners.set(type, set);
    }
    set.add(listener as (event: never) => void);
    return () => set.delete(listener as (event: never) => void);
  }

  /** Records of the segments ended so far. */
  get records(): readonly SegmentRecord[] {
    return this.#records;
  }

  /** How the session ended, or null while it runs. */
  get status(): EndStatus | null {
    return this.#status;
  }

  get phase(): Phase {
    return this.#phase;
  }

  get paused(): boolean {
    return this.#paused;
  }

  /** Starts the lead-in (or the first segment when the lead-in is 0). */
  start(): void {
    if (this.#phase !== "idle") return;
    const now = this.#clock.now();
    this.#t0 = now;
    if (this.#plan.lead_in_s > 0) {
      this.#phase = "lead-in";
      this.#index = -1;
      this.#resetPhase(now, this.#plan.lead_in_s * 1000);
    } else {
      this.#enter(0, now);
    }
    this.#settle(now, true);
  }

  togglePause(): void {
    if (this.#paused) this.resume();
    else this.pause();
  }

  pause(): void {
    if (!this.#live() || this.#paused) return;
    const now = this.#catchUp();
    if (!this.#live()) return;
    this.#activeMs = this.#elapsedMs(now);
    this.#runningSince = null;
    if (this.#deadline !== null) this.#pausedRemaining = this.#deadline - now;
    this.#deadline = null;
    this.#paused = true;
    this.#clearTimer();
    this.#emit("paused", this.snapshot());
    this.#settle(now, true);
  }

  resume(): void {
    if (!this.#live() || !this.#paused) return;
    const now = this.#clock.now();
    this.#paused = false;
    this.#runningSince = now;
    if (this.#pausedRemaining !== null) this.#deadline = now + this.#pausedRemaining;
    this.#pausedRemaining = null;
    this.#emit("resumed", this.snapshot());
    this.#settle(now, true);
  }

  /** Ends the current segment as skipped (with the seconds spent) or cuts the lead-in or transition short. */
  skip(): void {
    if (!this.#live()) return;
    const now = this.#catchUp();
    if (!this.#live()) return;
    if (this.#phase === "segment") this.#record("skipped", now);
    this.#enter(this.#index + 1, now);
    this.#settle(now, true);
  }

  /**
   * Skips the whole step of the segment in progress (in a lead-in or transition, of the one coming): that segment as
   * skipped with the seconds spent, then every later segment of the same step (its other sides and sets, and the
   * rests between its sets) as skipped at once with `note`, and on to the next step.
   */
  skipStep(note: string): void {
    if (!this.#live()) return;
    const now = this.#catchUp();
    if (!this.#live()) return;
    if (this.#phase !== "segment") {
      const coming = this.#nextIndex(this.#phase === "lead-in" ? 0 : this.#index + 1);
      if (coming === null) return;
      this.#phase = "segment";
      this.#index = coming;
      this.#resetPhase(now, 0);
    }
    const last = this.#lastOfStep(this.#index);
    this.#record("skipped", now);
    for (let i = this.#index + 1; i <= last; i++) {
      if (this.#plan.segments[i]!.kind === "transition") continue;
      this.#index = i;
      this.#carriedMs = 0;
      this.#resetPhase(now, 0);
      // What was left out before the run keeps its own reason.
      this.#record("skipped", now, this.#leaveOut.get(i) ?? note);
    }
    this.#enter(last + 1, now);
    this.#settle(now, true);
  }

  /** Goes back to the previous segment, or restarts the current one; see the class comment. */
  back(): void {
    if (!this.#live()) return;
    const now = this.#catchUp();
    if (!this.#live()) return;
    if (this.#phase === "lead-in") {
      this.#resetPhase(now, this.#plan.lead_in_s * 1000);
    } else {
      const early = this.#elapsedMs(now) <= BACK_RESTART_S * 1000;
      let previous = this.#previousIndex();
      // A segment with no time left (a pack that had its time) is not gone back into: this one starts again.
      const goingBack = this.#phase === "transition" || early;
      const used = goingBack && previous !== null && this.#leftMs(previous, 0) === 0;
      if (used) previous = null;
      if ((this.#phase === "transition" || early) && previous !== null) {
        this.#enter(previous, now);
      } else if (this.#phase === "transition") {
        this.#resetPhase(now, this.#durationMs(this.#current()));
      } else {
        this.#carriedMs += this.#elapsedMs(now);
        const length = this.#limitedLength(this.#index, this.#carriedMs);
        this.#resetPhase(now, length.ms);
        if (length.limited) this.#limit("back", now);
      }
      if (used) this.#limit("back", now, this.#previousIndex());
    }
    this.#settle(now, true);
  }

  /** Adds (or with a negative number takes) seconds from the current countdown; never leaves less than 1 s. */
  adjust(seconds: number): void {
    if (!this.#live()) return;
    const now = this.#catchUp();
    if (!this.#live()) return;
    const remaining = this.#remainingMs(now);
    if (remaining === null) return;
    let next = remaining + seconds * 1000;
    const cap = this.#phase === "segment" ? this.#leftMs(this.#index, this.#carriedMs + this.#elapsedMs(now)) : null;
    if (seconds > 0 && cap !== null && next > cap) {
      next = Math.max(remaining, cap);
      this.#limit("add", now);
    }
    if (next < MIN_REMAINING_MS && seconds < 0) {
      // Take whole seconds only, so the countdown keeps its rhythm, and leave at least one.
      const whole = Math.floor((remaining - MIN_REMAINING_MS) / 1000);
      next = whole > 0 ? remaining - whole * 1000 : remaining;
    }
    if (this.#paused) this.#pausedRemaining = next;
    else this.#deadline = now + next;
    // A jump in the countdown is not a "last seconds" moment: take the new value without cues.
    this.#shown = Math.ceil(next / 1000);
    this.#settle(now, true);
  }

  /** Enter on a manual segment: it is done. */
  completeManual(): void {
    if (!this.#live()) return;
    const now = this.#catchUp();
    if (this.#phase !== "segment" || this.#current()?.duration_s !== null) return;
    this.#record("done", now);
    this.#enter(this.#index + 1, now);
    this.#settle(now, true);
  }

  /**
   * `!`, "this hurts": the segment in progress (in a lead-in or transition, the one coming) will be recorded with
   * `hurt: true`. Returns whether there was a segment to mark.
   */
  markHurt(): boolean {
    if (!this.#live()) return false;
    this.#catchUp();
    if (!this.#live()) return false;
    const target = this.#phase === "segment" ? this.#index : this.#nextIndex(this.#phase === "lead-in" ? 0 : this.#index + 1);
    if (target === null) return false;
    this.#hurt.add(target);
    return true;
  }

  /** Stops the session: the segment in progress is recorded as stopped with the seconds done. */
  stop(): void {
    if (this.#phase === "done") return;
    const idle = this.#phase === "idle";
    const now = idle ? this.#clock.now() : this.#catchUp();
    if (!idle && !this.#live()) return;
    if (this.#phase === "segment") this.#record("stopped", now);
    this.#finish("stopped", now);
  }

  /** Drops the timer without ending the session or emitting anything (for a session abandoned on an error). */
  dispose(): void {
    this.#clearTimer();
    if (this.#phase !== "done") this.#phase = "done";
  }

  /** The state at this moment. */
  snapshot(): EngineSnapshot {
    const now = this.#clock.now();
    const segment = this.#current();
    const remaining = this.#remainingMs(now);
    const elapsed = this.#elapsedMs(now);
    let after = 0;
    for (let i = Math.max(0, this.#index + 1); i < this.#plan.segments.length; i++) {
      if (!this.#passOver.has(i)) after += (this.#plan.segments[i]!.duration_s ?? 0) * 1000;
    }
    if (this.#phase === "idle") after = this.#totalS() * 1000 + this.#plan.lead_in_s * 1000;
    const live = this.#live();
    const manual = this.#phase === "segment" && segment?.duration_s === null;
    const overall = live ? Math.max(0, remaining ?? 0) + after : this.#phase === "idle" ? after : 0;
    return {
      routine: this.#plan.name,
      phase: this.#phase,
      paused: this.#paused,
      index: this.#index,
      segment,
      remaining_ms: remaining,
      remaining_s: remaining === null ? null : Math.max(0, Math.ceil(remaining / 1000)),
      elapsed_s: elapsed / 1000,
      phase_s: remaining === null ? null : (elapsed + remaining) / 1000,
      overall_remaining_s: overall / 1000,
      overall_total_s: this.#totalS() + this.#plan.lead_in_s,
      step: this.#stepNumber(),
      steps: this.#plan.steps - this.#stepsLeftOut.length,
      next: this.#nextSegment(),
      manual_elapsed_s: manual ? elapsed / 1000 : null,
      halfway: this.#halfwayDone,
      check_due: this.#lastCheckMs !== null && elapsed - this.#lastCheckMs < CHECK_SHOW_S * 1000,
      switching_sides: this.#phase === "transition" && this.#sidesChangeAt(this.#index),
      input: this.#input,
      limited: this.#limited,
    };
  }

  // --- time ---

  #live(): boolean {
    return this.#phase === "lead-in" || this.#phase === "segment" || this.#phase === "transition";
  }

  #current(): Segment | null {
    return this.#phase === "segment" || this.#phase === "transition" ? (this.#plan.segments[this.#index] ?? null) : null;
  }

  #durationMs(segment: Segment | null): number | null {
    return segment?.duration_s == null ? null : segment.duration_s * 1000;
  }

  #elapsedMs(now: number): number {
    return this.#activeMs + (this.#runningSince === null ? 0 : Math.max(0, now - this.#runningSince));
  }

  #remainingMs(now: number): number | null {
    if (this.#paused) return this.#pausedRemaining;
    return this.#deadline === null ? null : this.#deadline - now;
  }

  /** Starts the current phase afresh at `at`, `lengthMs` long (null: manual, open-ended). */
  #resetPhase(at: number, lengthMs: number | null): void {
    this.#activeMs = 0;
    this.#runningSince = this.#paused ? null : at;
    this.#deadline = lengthMs === null || this.#paused ? null : at + lengthMs;
    this.#pausedRemaining = lengthMs !== null && this.#paused ? lengthMs : null;
    this.#shown = lengthMs === null ? 0 : Math.ceil(lengthMs / 1000);
    this.#halfwayDone = false;
    this.#checksDone = 0;
    this.#lastCheckMs = null;
    this.#limited = null;
  }

  /** Milliseconds segment `index` may still run after `spentMs` of it (earlier tries included); null: no limit. */
  #leftMs(index: number, spentMs: number): number | null {
    const segment = this.#plan.segments[index];
    if (!segment || segment.kind === "transition") return null;
    const left_s = this.#timeLeft(segment, ((this.#spentMs.get(index) ?? 0) + spentMs) / 1000);
    if (left_s === null) return null;
    // Less than a second left counts as none: a segment never runs for less than a second.
    return left_s * 1000 < MIN_REMAINING_MS ? 0 : left_s * 1000;
  }

  /**
   * The length of segment `index` entered (or restarted) now, after `spentMs` of it in this entry: its planned
   * duration, or less when its limit says so (and then the limit is noted, as going back).
   */
  #limitedLength(index: number, spentMs: number): { ms: number | null; limited: boolean } {
    const planned = this.#durationMs(this.#plan.segments[index] ?? null);
    const left = this.#leftMs(index, spentMs);
    if (planned === null || left === null || left >= planned) return { ms: planned, limited: false };
    // Only time already spent makes this worth saying; a plan longer than the limit is cut without a word.
    const spent = (this.#spentMs.get(index) ?? 0) + spentMs > 0;
    return { ms: Math.max(left, MIN_REMAINING_MS), limited: spent };
  }

  /** Notes that segment `at` (the current one unless given) got less time than asked. */
  #limit(reason: LimitReason, now: number, at: number | null = this.#index): void {
    const segment = at === null ? null : this.#plan.segments[at];
    if (!segment || at === null) return;
    this.#limited = { reason, kind: segment.kind };
    this.#emit("limit", { index: at, segment, reason, at_ms: now - this.#t0 });
  }

  /** Enters segment `index` at `at` (its anchor on the clock); past the last segment the session completes. */
  #enter(index: number, at: number): void {
    for (;;) {
      const segment = this.#plan.segments[index];
      if (!segment) {
        this.#index = this.#plan.segments.length;
        this.#finish("completed", at);
        return;
      }
      this.#index = index;
      this.#phase = segment.kind === "transition" ? "transition" : "segment";
      this.#carriedMs = 0;
      if (this.#passOver.has(index)) {
        // Left out: recorded as skipped at once (a transition, silently), and on to the next.
        this.#resetPhase(at, 0);
        const note = this.#leaveOut.get(index);
        if (note !== undefined) this.#record("skipped", at, note);
        index += 1;
        continue;
      }
      const length = this.#limitedLength(index, 0);
      this.#resetPhase(at, length.ms);
      this.#emit("segment-start", { index, segment, at_ms: at - this.#t0 });
      if (length.limited) this.#limit("back", at);
      const coming = segment.kind === "transition" ? this.#plan.segments[index + 1] : segment;
      if (this.#sidesChangeAt(index) && coming?.side) {
        const comingIndex = segment.kind === "transition" ? index + 1 : index;
        this.#emit("switch-sides", { index: comingIndex, side: coming.side, segment: coming });
      }
      if (segment.duration_s !== null || this.#input) return;
      // Nobody can press Enter: the step is recorded as skipped and the next one starts at once.
      this.#record("skipped", at, NEEDS_A_PERSON);
      index += 1;
    }
  }

  /** Records the current (non-transition) segment as ended at `at`. */
  #record(outcome: Outcome, at: number, note?: string): void {
    const segment = this.#current();
    if (!segment || segment.kind === "transition") return;
    const activeMs = this.#carriedMs + this.#elapsedMs(at);
    const record: SegmentRecord = {
      title: segment.title,
      kind: segment.kind,
      side: segment.side,
      set: segment.set,
      planned_s: segment.duration_s,
      active_s: Math.round(activeMs / 100) / 10,
      outcome,
    };
    if (note !== undefined) record.note = note;
    if (this.#hurt.delete(this.#index)) record.hurt = true;
    // A dose a programme set is kept with the segment, so that the next dose follows what was really done.
    if (segment.dose === "reps" && segment.reps !== null) record.reps = segment.reps;
    if (segment.dose === "hold_s" && segment.duration_s !== null) record.hold_s = segment.duration_s;
    this.#spentMs.set(this.#index, (this.#spentMs.get(this.#index) ?? 0) + activeMs);
    this.#records.push(record);
    this.#emit("segment-end", { index: this.#index, segment, record, at_ms: at - this.#t0 });
  }

  #finish(status: EndStatus, at: number): void {
    this.#clearTimer();
    if (this.#phase !== "idle" && this.#phase !== "done") this.#activeMs = this.#elapsedMs(at);
    this.#phase = "done";
    this.#paused = false;
    this.#deadline = null;
    this.#pausedRemaining = null;
    this.#runningSince = null;
    this.#status = status;
    this.#emit("end", { status, records: [...this.#records], at_ms: at - this.#t0 });
  }

  /** Finishes every phase whose deadline has passed, each next one starting at the previous deadline. */
  #catchUp(): number {
    const now = this.#clock.now();
    while (this.#live() && !this.#paused && this.#deadline !== null && this.#deadline <= now) {
      const end = this.#deadline;
      if (this.#phase === "segment") this.#record("done", end);
      this.#enter(this.#phase === "lead-in" ? 0 : this.#index + 1, end);
    }
    return now;
  }

  /** After a change at `now`: cues due in the current phase, a tick when something shows differently, the timer. */
  #settle(now: number, changed: boolean): void {
    if (!this.#live()) {
      this.#clearTimer();
      if (changed && this.#phase === "done") this.#emit("tick", this.snapshot());
      return;
    }
    const segment = this.#current();
    const elapsed = this.#elapsedMs(now);
    const remaining = this.#remainingMs(now);
    if (segment && this.#phase === "segment" && remaining !== null) {
      if (!this.#halfwayDone && announcesHalfway(segment) && elapsed >= remaining) {
        this.#halfwayDone = true;
        const at_ms = now - this.#t0;
        this.#emit("halfway", { index: this.#index, segment, text: segment.halfway, at_ms });
      }
      const checks = sortedChecks(segment);
      while (this.#checksDone < checks.length && elapsed >= checks[this.#checksDone]! * 1000) {
        const at = checks[this.#checksDone]!;
        this.#checksDone += 1;
        if (at > 0 && at < (segment.duration_s ?? 0)) {
          this.#lastCheckMs = at * 1000;
          this.#emit("check", { index: this.#index, segment, at_s: at, at_ms: now - this.#t0 });
        }
      }
    }
    const shown = remaining === null ? Math.floor(elapsed / 1000) : Math.ceil(remaining / 1000);
    if (shown !== this.#shown) {
      const counting = remaining !== null && this.#shown !== null && shown < this.#shown;
      this.#shown = shown;
      changed = true;
      if (counting && shown >= 1 && shown <= 3 && this.#phase !== "transition") {
        this.#emit("last-seconds", { seconds: shown, index: this.#index, phase: this.#phase });
      }
    }
    if (changed) this.#emit("tick", this.snapshot());
    this.#schedule(now);
  }

  /** Sets the one timer for the next moment anything is due; none while paused or done. */
  #schedule(now: number): void {
    this.#clearTimer();
    if (!this.#live() || this.#paused) return;
    const elapsed = this.#elapsedMs(now);
    const remaining = this.#remainingMs(now);
    let delay: number;
    if (remaining === null) {
      delay = 1000 - (elapsed % 1000);
    } else {
      delay = remaining % 1000 || 1000;
      if (delay > remaining) delay = remaining;
      const segment = this.#current();
      if (segment && this.#phase === "segment") {
        if (!this.#halfwayDone && announcesHalfway(segment) && remaining > elapsed) {
          delay = Math.min(delay, (remaining - elapsed) / 2);
        }
        const check = sortedChecks(segment)[this.#checksDone];
        if (check !== undefined && check * 1000 > elapsed) delay = Math.min(delay, check * 1000 - elapsed);
      }
    }
    this.#timer = this.#clock.setTimeout(() => this.#wake(), Math.max(0, delay));
  }

  #wake(): void {
    this.#timer = null;
    const before = this.#index;
    const phase = this.#phase;
    const now = this.#catchUp();
    this.#settle(now, before !== this.#index || phase !== this.#phase);
  }

  #clearTimer(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  // --- plan lookups ---

  #previousIndex(): number | null {
    for (let i = this.#index - 1; i >= 0; i--) {
      if (this.#plan.segments[i]!.kind !== "transition" && !this.#passOver.has(i)) return i;
    }
    return null;
  }

  /** Index of the first segment from `from` on that is neither a transition nor passed over. */
  #nextIndex(from: number): number | null {
    for (let i = from; i < this.#plan.segments.length; i++) {
      if (this.#plan.segments[i]!.kind !== "transition" && !this.#passOver.has(i)) return i;
    }
    return null;
  }

  /** The last index of the step that segment `index` belongs to (itself for a segment outside any step). */
  #lastOfStep(index: number): number {
    const step = this.#plan.segments[index]?.step ?? -1;
    if (step < 0) return index;
    let last = index;
    for (let i = index + 1; i < this.#plan.segments.length; i++) if (this.#plan.segments[i]!.step === step) last = i;
    return last;
  }

  #nextSegment(): Segment | null {
    const next = this.#nextIndex(this.#phase === "idle" || this.#phase === "lead-in" ? 0 : this.#index + 1);
    return next === null ? null : this.#plan.segments[next]!;
  }

  /** The plan's timed total without what is passed over. */
  #totalS(): number {
    if (this.#passOver.size === 0) return this.#plan.total_s;
    return this.#plan.segments.reduce((sum, s, i) => sum + (this.#passOver.has(i) ? 0 : (s.duration_s ?? 0)), 0);
  }

  /** 1-based step of the current segment; a transition belongs to the step it leads to, a set rest to the one before. */
  #stepNumber(): number {
    const segments = this.#plan.segments;
    if (segments.length === 0) return 0;
    const at = Math.min(Math.max(this.#index, 0), segments.length - 1);
    const forward = (from: number) => {
      for (let i = from; i < segments.length; i++) if (segments[i]!.step >= 0) return segments[i]!.step;
      return null;
    };
    const backward = (from: number) => {
      for (let i = from; i >= 0; i--) if (segments[i]!.step >= 0) return segments[i]!.step;
      return null;
    };
    const here = segments[at]!;
    const step = here.kind === "rest" ? (backward(at) ?? forward(at)) : (forward(at) ?? backward(at));
    if (step === null) return 1;
    return step + 1 - this.#stepsLeftOut.filter((left) => left < step).length;
  }

  /**
   * True when segment `index` is where the person changes to the other side of the step just done: the transition
   * between the two sides, or the second side itself when there is no transition.
   */
  #sidesChangeAt(index: number): boolean {
    const segments = this.#plan.segments;
    const here = segments[index];
    if (!here) return false;
    const before = segments[index - 1];
    const coming = here.kind === "transition" ? segments[index + 1] : here;
    const done = here.kind === "transition" ? before : before?.kind === "transition" ? undefined : before;
    if (!coming || !done || coming.kind === "transition" || done.kind === "transition") return false;
    return coming.step >= 0 && coming.step === done.step && coming.side !== null && done.side !== null && coming.side !== done.side;
  }

  #emit<K extends keyof EngineEvents>(type: K, event: EngineEvents[K]): void {
    const set = this.#listeners.get(type);
    if (!set) return;
    for (const listener of [...set]) (listener as Listener<K>)(event);
  }
}

/**
 * The indexes a run passes over: the segments left out, each transition whose next segment is left out, and each
 * transition with nothing done before it (the lead-in already says what comes first).
 */
function passedOver(segments: readonly Segment[], leaveOut: ReadonlyMap<number, string>): Set<number> {
  const out = new Set<number>();
  if (leaveOut.size === 0) return out;
  let anythingDone = false;
  segments.forEach((segment, i) => {
    if (leaveOut.has(i)) {
      out.add(i);
    } else if (segment.kind === "transition") {
      if (!anythingDone || leaveOut.has(i + 1)) out.add(i);
    } else {
      anythingDone = true;
    }
  });
  return out;
}

/** The steps whose every segment is left out, in order. */
function stepsLeftOut(segments: readonly Segment[], leaveOut: ReadonlyMap<number, string>): number[] {
  if (leaveOut.size === 0) return [];
  const kept = new Set<number>();
  const all = new Set<number>();
  segments.forEach((segment, i) => {
    if (segment.step < 0) return;
    all.add(segment.step);
    if (!leaveOut.has(i)) kept.add(segment.step);
  });
  return [...all].filter((step) => !kept.has(step)).sort((a, b) => a - b);
}

function sortedChecks(segment: Segment): number[] {
  return segment.checks_s.length < 2 ? segment.checks_s : [...segment.checks_s].sort((a, b) => a - b);
}

function announcesHalfway(segment: Segment): boolean {
  return segment.kind !== "rest" && segment.kind !== "transition" && (segment.duration_s ?? 0) >= HALFWAY_MIN_S;
}
