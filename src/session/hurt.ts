/** What the "this hurts" choice needs of a session: the engine's controls, nothing of a terminal. */
export interface HurtTarget {
  readonly paused: boolean;
  markHurt(): boolean;
  pause(): void;
  resume(): void;
  skipStep(note: string): void;
}

/** The note kept on the other sides and sets of a step skipped because it hurt. */
export const SKIPPED_WITH_STEP = "it hurt: skipped with its step";

/** An answer to the choice: skip the step, carry on, or stop (with `q` or Ctrl-C). */
export type HurtAnswer = "skip" | "carry-on" | "stop" | "interrupt";

/** What the choice asks of the runner once answered: nothing more, or to stop with an exit code. */
export type HurtEffect = { stop: number } | null;

/** Exit code of a run stopped with Ctrl-C. */
export const INTERRUPTED = 130;

/**
 * The "this hurts" choice as a small state machine. Closed, `open()` marks the segment in progress (in a lead-in or
 * transition, the one coming) as hurting, pauses, and waits. Open, an answer closes it: "skip" skips the whole step
 * that hurts (all its sides and sets), "carry-on" goes on, "stop" and "interrupt" ask the runner to stop. The pause is undone on close only when
 * the session was running when the choice opened.
 */
export class HurtChoice {
  readonly #target: HurtTarget;
  readonly #onChange: () => void;
  #open = false;
  #pausedBefore = false;

  constructor(target: HurtTarget, onChange: () => void = () => {}) {
    this.#target = target;
    this.#onChange = onChange;
  }

  /** Whether the choice is waiting for an answer. */
  get isOpen(): boolean {
    return this.#open;
  }

  /** `!`: opens the choice. Returns false (and does nothing) when it is open already or there is nothing to mark. */
  open(): boolean {
    if (this.#open || !this.#target.markHurt()) return false;
    this.#open = true;
    this.#pausedBefore = this.#target.paused;
    if (!this.#pausedBefore) this.#target.pause();
    this.#onChange();
    return true;
  }

  /** Answers the open choice; does nothing while closed. */
  answer(answer: HurtAnswer): HurtEffect {
    if (!this.#open) return null;
    this.#open = false;
    if (answer === "stop" || answer === "interrupt") return { stop: answer === "stop" ? 0 : INTERRUPTED };
    // The whole step: all its sides and sets (in a lead-in or transition, the coming one).
    if (answer === "skip") this.#target.skipStep(SKIPPED_WITH_STEP);
    if (!this.#pausedBefore) this.#target.resume();
    this.#onChange();
    return null;
  }
}
