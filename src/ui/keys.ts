import type { Input } from "../deps.js";
import type { RunAction } from "../session/runner.js";

/** What a key press asks of a run: the session runner's actions. */
export type KeyAction = RunAction;

const SEQUENCES: [string, KeyAction][] = [
  // Arrow keys in normal and application cursor mode.
  ["\u001b[C", "skip"],
  ["\u001bOC", "skip"],
  ["\u001b[D", "back"],
  ["\u001bOD", "back"],
  ["\r\n", "complete"],
];

const SINGLE: Record<string, KeyAction> = {
  " ": "toggle-pause",
  s: "skip",
  S: "skip",
  b: "back",
  B: "back",
  "+": "add",
  "=": "add",
  "-": "take",
  _: "take",
  "\r": "complete",
  "\n": "complete",
  q: "stop",
  Q: "stop",
  "\u0003": "interrupt",
  "!": "hurt",
  // For keyboards where `!` needs Shift (or a dead key): h for hurts.
  h: "hurt",
  H: "hurt",
  c: "carry-on",
  C: "carry-on",
};

/** The actions in a chunk of raw terminal input, in order; anything else (other escapes, letters) is ignored. */
export function parseKeys(chunk: string): KeyAction[] {
  const actions: KeyAction[] = [];
  let i = 0;
  outer: while (i < chunk.length) {
    for (const [sequence, action] of SEQUENCES) {
      if (chunk.startsWith(sequence, i)) {
        actions.push(action);
        i += sequence.length;
        continue outer;
      }
    }
    const ch = chunk[i]!;
    if (ch === "\u001b") {
      // An escape sequence we do not use (another arrow, a function key): skip it whole.
      const match = /^\u001b(?:\[[0-9;?]*[ -/]*[@-~]|O.|.)?/.exec(chunk.slice(i));
      i += match?.[0].length ?? 1;
      continue;
    }
    const action = SINGLE[ch];
    if (action) actions.push(action);
    i += 1;
  }
  return actions;
}

/** A live key reader; `dispose()` gives the terminal back. */
export interface KeyReader {
  dispose(): void;
}

/**
 * Reads keys from a terminal in raw mode and reports each action. In raw mode Ctrl-C arrives as a key
 * ("interrupt"), not as SIGINT. `dispose()` always leaves raw mode and pauses the stream, so the process can exit.
 */
export function readKeys(input: Input, onAction: (action: KeyAction) => void): KeyReader {
  const onData = (data: Buffer | string) => {
    for (const action of parseKeys(typeof data === "string" ? data : data.toString("utf8"))) onAction(action);
  };
  input.setRawMode?.(true);
  input.on("data", onData);
  input.resume();
  let disposed = false;
  return {
    dispose() {
      if (disposed) return;
      disposed = true;
      input.removeListener("data", onData);
      try {
        input.setRawMode?.(false);
      } finally {
        input.pause();
      }
    },
  };
}
