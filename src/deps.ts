import type { Env, Paths } from "./env.js";
import type { Clock } from "./session/clock.js";
import type { HistoryStore } from "./history/types.js";
import type { Theme } from "./ui/theme.js";

/** A readable terminal stream (process.stdin in production). */
export interface Input extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
  isRaw?: boolean;
}

/** A writable terminal stream (process.stdout or stderr in production). */
export interface Output extends NodeJS.WritableStream {
  isTTY?: boolean;
  columns?: number;
  rows?: number;
}

/** Signals that stop a run; the command saves and returns 128+n. */
export type StopSignal = "SIGINT" | "SIGTERM" | "SIGHUP" | "SIGQUIT";

/** User settings (conf-backed in production). */
export interface Settings {
  lead_in: number;
  transition: number;
  sound: boolean;
  /** Speak cues: off, on, or auto (when a speech program exists). */
  voice: "off" | "auto" | "on";
  /** Program that speaks a phrase given as its last argument; empty means find one. */
  voice_command: string;
  /** The side sciatica affects, if the user has said. */
  affected_side: "left" | "right" | null;
  /** Ask about pain before and after a run. */
  pain_checkins: boolean;
  /** Sessions a week to aim for. */
  weekly_goal: number;
  color: "auto" | "always" | "never";
  /** The red-flag screen was shown once on this machine. */
  safety_shown: boolean;
  /** Pressure preferred for hands-on work, shown in the brief. */
  pressure: "light" | "medium" | "firm" | null;
  /** Comma lists from the closed lists of techniques and body areas, shown in the brief; empty when unset. */
  techniques_liked: string;
  techniques_avoid: string;
  focus_areas: string;
  avoid_areas: string;
}

/** Prompts, wrapped so tests can replace them. Ctrl-C rejects with CancelError. */
export interface Prompts {
  select<T>(options: {
    message: string;
    choices: { name: string; value: T; description?: string }[];
    default?: T;
    /** The answer Esc gives (a "Back" choice); without it Esc does nothing. */
    back?: T;
    /** Choices shown at once (the rest scroll); 7 unless given. */
    pageSize?: number;
  }): Promise<T>;
  confirm(options: { message: string; default?: boolean }): Promise<boolean>;
  input(options: { message: string; default?: string; validate?: (value: string) => true | string }): Promise<string>;
  /** A whole number from `min` to `max`; null when the user leaves it empty. */
  number(options: { message: string; min: number; max: number }): Promise<number | null>;
}

/** Everything a command needs from the outside world, passed as one object so tests pass fakes. */
export interface Deps {
  env: Env;
  paths: Paths;
  stdin: Input;
  stdout: Output;
  stderr: Output;
  clock: Clock;
  /** Colours for stdout (honours NO_COLOR, TERM=dumb, --no-color, non-TTY). */
  theme: Theme;
  /** Colours for stderr. */
  errTheme: Theme;
  /** Stack traces and details on errors. */
  verbose: boolean;
  loadSettings(): Promise<Settings>;
  /** Saves settings the user chose along the way (e.g. the affected side asked once). */
  saveSettings(values: Partial<Settings>): Promise<void>;
  openHistory(): Promise<HistoryStore>;
  prompts: Prompts;
  /**
   * Subscribes to stop signals while a run is live, each with the exit code it ends the process with (128 + the
   * signal's number); returns the unsubscribe function.
   */
  onSignal(handler: (signal: StopSignal, exitCode: number) => void): () => void;
  pid: number;
  hostname: string;
}
