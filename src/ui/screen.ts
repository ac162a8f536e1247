import type { Input, Output } from "../deps.js";

const ESC = "\u001b[";
const ENTER_ALT = `${ESC}?1049h`;
const LEAVE_ALT = `${ESC}?1049l`;
const HIDE_CURSOR = `${ESC}?25l`;
const SHOW_CURSOR = `${ESC}?25h`;
const CLEAR = `${ESC}2J`;
const CLEAR_LINE_END = `${ESC}K`;
const moveTo = (row: number) => `${ESC}${row};1H`;

/** Options for {@link LiveScreen}. */
export interface LiveScreenOptions {
  /** Raw-mode input to give back on restore (the screen never reads it). */
  input?: Input;
  /**
   * Registers a last-resort hook for process exit (process.once("exit") in production) and returns its remover,
   * so the terminal is given back even when something skips every finally.
   */
  onExit?: (restore: () => void) => () => void;
}

/**
 * The live TTY screen: the alternate screen buffer with a hidden cursor. `draw` writes only the lines that
 * changed; a resize clears and draws everything again. `restore` gives the terminal back exactly as it was and is
 * safe to call any number of times, from any exit path.
 */
export class LiveScreen {
  readonly #out: Output;
  readonly #input: Input | undefined;
  readonly #onExit: LiveScreenOptions["onExit"];
  #previous: string[] = [];
  #full = true;
  #open = false;
  #removeExitHook: (() => void) | null = null;
  #resizeListeners = new Set<() => void>();
  readonly #onResize = () => {
    this.#full = true;
    for (const listener of [...this.#resizeListeners]) listener();
  };

  constructor(out: Output, options: LiveScreenOptions = {}) {
    this.#out = out;
    this.#input = options.input;
    this.#onExit = options.onExit;
  }

  /** The terminal's size now (80x24 when the stream does not say). */
  get size(): { columns: number; rows: number } {
    return { columns: this.#out.columns || 80, rows: this.#out.rows || 24 };
  }

  /** Switches to the alternate screen and hides the cursor. */
  open(): void {
    if (this.#open) return;
    this.#open = true;
    this.#removeExitHook = this.#onExit?.(() => this.restore()) ?? null;
    this.#out.on("resize", this.#onResize);
    this.#out.write(ENTER_ALT + HIDE_CURSOR + CLEAR + moveTo(1));
    this.#full = true;
  }

  /** Calls `listener` after the terminal was resized; draw again from there. */
  onResize(listener: () => void): () => void {
    this.#resizeListeners.add(listener);
    return () => this.#resizeListeners.delete(listener);
  }

  /** Shows `lines`, writing only those that differ from what is on screen, in one write. */
  draw(lines: readonly string[]): void {
    if (!this.#open) return;
    let chunk = "";
    if (this.#full) {
      chunk += CLEAR;
      this.#previous = [];
      this.#full = false;
    }
    const count = Math.max(lines.length, this.#previous.length);
    for (let i = 0; i < count; i++) {
      const line = lines[i] ?? "";
      if (line === this.#previous[i]) continue;
      chunk += moveTo(i + 1) + line + CLEAR_LINE_END;
    }
    this.#previous = [...lines];
    if (chunk) this.#out.write(chunk);
  }

  /** Shows the cursor, leaves the alternate screen and leaves raw mode. Idempotent. */
  restore(): void {
    if (!this.#open) return;
    this.#open = false;
    this.#out.removeListener("resize", this.#onResize);
    this.#removeExitHook?.();
    this.#removeExitHook = null;
    try {
      if (this.#input?.isTTY) this.#input.setRawMode?.(false);
    } finally {
      this.#out.write(SHOW_CURSOR + LEAVE_ALT);
    }
  }
}
