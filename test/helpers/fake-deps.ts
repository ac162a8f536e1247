import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import type { Deps, Input, Output, Prompts, Settings, StopSignal } from "../../src/deps.js";
import { type Env, readEnv, resolvePaths } from "../../src/env.js";
import { FakeClock } from "../../src/session/clock.js";
import { defaults } from "../../src/settings.js";
import { signalExitCode } from "../../src/signals.js";
import { createTheme } from "../../src/ui/theme.js";

/** A writable stream that keeps what is written, with the terminal properties a command may look at. */
export class FakeOutput extends Writable implements Output {
  readonly chunks: string[] = [];
  /** The same, as the bytes written. */
  readonly raw: Buffer[] = [];
  isTTY: boolean;
  columns: number;
  rows: number;

  constructor(options: { isTTY?: boolean; columns?: number; rows?: number } = {}) {
    super();
    this.isTTY = options.isTTY ?? false;
    this.columns = options.columns ?? 80;
    this.rows = options.rows ?? 30;
  }

  override _write(chunk: unknown, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(Buffer.isBuffer(chunk) ? chunk.toString("utf8") : String(chunk));
    this.raw.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    callback();
  }

  /** Every byte written so far. */
  bytes(): Buffer {
    return Buffer.concat(this.raw);
  }

  /** Everything written so far. */
  text(): string {
    return this.chunks.join("");
  }
}

/** What `makeDeps` can change besides any field of Deps. */
export interface FakeDepsOptions extends Partial<Deps> {
  /** Settings that `loadSettings` returns, over the defaults (lead_in 5, transition 5, sound true). */
  settings?: Partial<Settings>;
  /** Environment variables, as strings, read through readEnv; SOOTHE_HOME and HOME default to a fresh temp folder. */
  envVars?: NodeJS.ProcessEnv;
  /** Terminal shape of stdout and stderr (not a TTY, 80 x 30 by default). */
  tty?: boolean;
  columns?: number;
}

/** Fake dependencies for command tests, with what they printed. */
export interface FakeDeps {
  deps: Deps;
  /** What the command wrote on stdout. */
  out(): string;
  /** What the command wrote on stderr. */
  err(): string;
  clock: FakeClock;
  /** The temp folder that SOOTHE_HOME points to (routines in `deps.paths.routinesDir`). */
  home: string;
  /** Sends a stop signal to every handler the command subscribed with onSignal. */
  signal(signal: StopSignal): void;
  /** Every call to saveSettings, in order. */
  saved: Partial<Settings>[];
  /** Removes the temp folder. */
  cleanup(): void;
}

const unused = (what: string) => () => {
  throw new Error(`${what} is not used in this test; pass one to makeDeps`);
};

/**
 * Dependencies for a command under test: output captured in strings, a FakeClock, a temp SOOTHE_HOME, settings at
 * their defaults (saved ones kept in memory), and prompts and history that fail loudly unless a test provides them.
 */
export function makeDeps(options: FakeDepsOptions = {}): FakeDeps {
  const { settings, envVars, tty, columns, ...overrides } = options;
  const home = mkdtempSync(join(tmpdir(), "soothe-test-"));
  const env: Env = readEnv({ HOME: home, SOOTHE_HOME: home, ...envVars });
  const stdout = new FakeOutput({ isTTY: tty ?? false, columns: columns ?? 80 });
  const stderr = new FakeOutput({ isTTY: tty ?? false, columns: columns ?? 80 });
  const stdin = Object.assign(new PassThrough(), { isTTY: tty ?? false }) as Input;
  const clock = new FakeClock();
  const handlers = new Set<(signal: StopSignal, exitCode: number) => void>();
  const saved: Partial<Settings>[] = [];
  const prompts: Prompts = {
    select: async () => unused("prompts.select")(),
    confirm: async () => unused("prompts.confirm")(),
    input: async () => unused("prompts.input")(),
    number: async () => unused("prompts.number")(),
  };
  // Settings saved by the command are seen by later loads, as with the real file.
  const current: Settings = { ...defaults(), ...settings };
  const deps: Deps = {
    env,
    paths: resolvePaths(env),
    stdin,
    stdout,
    stderr,
    clock,
    theme: createTheme(false),
    errTheme: createTheme(false),
    verbose: false,
    loadSettings: async () => ({ ...current }),
    saveSettings: async (values) => {
      Object.assign(current, values);
      saved.push({ ...values });
    },
    openHistory: async () => unused("openHistory")(),
    prompts,
    onSignal: (handler) => {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    pid: 4242,
    hostname: "test-host",
    ...overrides,
  };
  return {
    deps,
    out: () => stdout.text(),
    err: () => stderr.text(),
    clock,
    home,
    saved,
    signal: (signal) => {
      for (const handler of [...handlers]) handler(signal, signalExitCode(signal));
    },
    cleanup: () => rmSync(home, { recursive: true, force: true }),
  };
}

/**
 * Prompts for a test that means to answer only some questions: the ones in `answers`; any other question fails the
 * test with its message.
 */
export function promptsFor(answers: Partial<Prompts>): Prompts {
  const unexpected = (kind: string) => async (options: { message: string }) => {
    throw new Error(`not asked: ${kind} "${options.message}"`);
  };
  return {
    select: unexpected("select") as Prompts["select"],
    confirm: unexpected("confirm"),
    input: unexpected("input"),
    number: unexpected("number"),
    ...answers,
  };
}
