// End-to-end helpers: run the BUILT bin/soothe.js as a person would, under a pseudo-terminal (reading the screen
// through a headless xterm) or through pipes. These wait on real processes, so they poll; unit tests never do.
import { spawn as spawnChild, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { spawn as spawnPtyProcess, type IPty } from "@lydell/node-pty";
import { afterEach, beforeAll, beforeEach } from "vitest";
// @xterm/headless ships CommonJS whose exports Node cannot name statically: under Node the class sits on `default`.
import * as xtermModule from "@xterm/headless";
import type { Session } from "../../src/history/types.js";

const { Terminal } = (xtermModule as unknown as { default?: typeof xtermModule }).default ?? xtermModule;
type HeadlessTerminal = InstanceType<typeof Terminal>;

/** The project root, found from this file's place (test/e2e/). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The built entry point the tests run. */
export const BIN = join(ROOT, "bin", "soothe.js");
/** Routine fixtures for end-to-end tests. */
export const FIXTURES = join(ROOT, "test", "fixtures", "e2e");

/** Path of an e2e fixture by file name, e.g. `fixture("quick.yaml")`. */
export function fixture(name: string): string {
  return join(FIXTURES, name);
}

/** Throws a clear message when the project has not been built (the e2e tests run dist/, not the sources). */
export function assertBuilt(): void {
  if (!existsSync(join(ROOT, "dist", "cli.js"))) {
    throw new Error("dist/cli.js is missing: build first with `npm run build` (npm test does this).");
  }
}

/** Keys as a terminal sends them, for `press`. */
export const KEYS = {
  enter: "\r",
  space: " ",
  ctrlC: "\u0003",
  escape: "\u001b",
  up: "\u001b[A",
  down: "\u001b[B",
  right: "\u001b[C",
  left: "\u001b[D",
  backspace: "\u007f",
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Homes and environments

/** A fresh SOOTHE_HOME (and a separate HOME, so nothing can reach the real one) with its cleanup. */
export interface TempHome {
  /** The SOOTHE_HOME folder. */
  dir: string;
  /** A separate, empty HOME for the child process. */
  userHome: string;
  /** Removes both folders. */
  cleanup(): Promise<void>;
}

/**
 * Creates a temp SOOTHE_HOME; call `cleanup()` in afterEach. The safety screen that the first run on a machine
 * shows is marked as seen, unless `firstRun` asks for a machine where soothe never ran.
 */
export async function tempHome(options: { firstRun?: boolean } = {}): Promise<TempHome> {
  const root = await mkdtemp(join(tmpdir(), "soothe-e2e-"));
  const dir = join(root, "soothe");
  const userHome = join(root, "user");
  await mkdir(dir, { mode: 0o700 });
  await mkdir(userHome, { mode: 0o700 });
  if (!options.firstRun) await writeFile(join(dir, "config.json"), `${JSON.stringify({ safety_shown: true })}\n`, { mode: 0o600 });
  return { dir, userHome, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** Environment variables for a child: `undefined` removes a variable. */
export type EnvOverrides = Record<string, string | undefined>;

/**
 * A small, predictable environment: PATH, a temp HOME, SOOTHE_HOME, UTF-8, TERM=xterm-256color, and none of
 * NO_COLOR, FORCE_COLOR, CI, XDG_* from the outside (a test passes them in `extra` when it means to).
 */
export function childEnv(home: TempHome | string, extra: EnvOverrides = {}): Record<string, string> {
  const sootheHome = typeof home === "string" ? home : home.dir;
  const userHome = typeof home === "string" ? home : home.userHome;
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: userHome,
    SOOTHE_HOME: sootheHome,
    LANG: "C.UTF-8",
    TERM: "xterm-256color",
    TZ: process.env.TZ,
    ...extra,
  };
  const clean: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) clean[name] = value;
  return clean;
}

// ---------------------------------------------------------------------------------------------------------------
// Pseudo-terminal

/** How a pty child ended. */
export interface PtyExit {
  exitCode: number;
  /** Signal number when the child was killed by one. */
  signal: number | undefined;
}

/** Options for `spawnPty`. */
export interface PtyOptions {
  home: TempHome | string;
  cols?: number;
  rows?: number;
  /** Extra or removed environment variables. */
  env?: EnvOverrides;
  /** Sets NO_COLOR=1. */
  noColor?: boolean;
  cwd?: string;
}

/** A running `soothe` under a pseudo-terminal, with the screen a person would see. */
export interface PtySession {
  readonly pty: IPty;
  readonly term: HeadlessTerminal;
  /** Every byte written so far, escape sequences included. */
  output(): string;
  /** The visible lines, right-trimmed. */
  screenLines(): string[];
  /** The visible lines joined with newlines, trailing blank lines dropped. */
  screenText(): string;
  /** Scrollback and screen together, for output taller than the terminal; trailing blank lines dropped. */
  bufferText(): string;
  /** Resolves when the screen shows `match`; rejects after `timeoutMs` with the screen in the message. */
  waitForText(match: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves when the screen no longer shows `match`. */
  waitForNoText(match: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the screen text once `accept(screenText)` is true. */
  waitForScreen(accept: (screen: string) => boolean, timeoutMs?: number, what?: string): Promise<string>;
  /** Types keys, e.g. `press(" ")` or `press(KEYS.right)`. */
  press(keys: string): void;
  /** Resizes the terminal (the child gets SIGWINCH). */
  resize(cols: number, rows: number): void;
  /** Settles when the child exits, after its last output has reached the screen. */
  readonly exit: Promise<PtyExit>;
  /** The exit, or a rejection naming the screen after `timeoutMs`. */
  waitForExit(timeoutMs?: number): Promise<PtyExit>;
  /** True until the child has exited. */
  readonly alive: boolean;
  /** Sends a signal (SIGTERM by default); harmless after exit. */
  kill(signal?: NodeJS.Signals): void;
}

const live = new Set<{ kill(): void }>();

/** Kills every child the harness started that is still running; call it in afterEach. */
export function killAll(): void {
  for (const child of [...live]) child.kill();
  live.clear();
}

/**
 * The set-up most end-to-end files share: the program must be built; each test gets a fresh home (handed to
 * `use`), and after it every child still running is killed and the home removed.
 */
export function eachTestInTempHome(use: (home: TempHome) => void, options: { firstRun?: boolean } = {}): void {
  let current: TempHome | undefined;
  beforeAll(() => assertBuilt());
  beforeEach(async () => {
    current = await tempHome(options);
    use(current);
  });
  afterEach(async () => {
    killAll();
    await current?.cleanup();
    current = undefined;
  });
}

/**
 * For tests that need more than one home, or one made with options in the test: returns a function that makes a
 * temp home; every home a test made is removed after it, with any program it started.
 */
export function tempHomesPerTest(): (options?: { firstRun?: boolean }) => Promise<TempHome> {
  let homes: TempHome[] = [];
  beforeAll(() => assertBuilt());
  afterEach(async () => {
    killAll();
    for (const home of homes) await home.cleanup();
    homes = [];
  });
  return async (options = {}) => {
    const made = await tempHome(options);
    homes.push(made);
    return made;
  };
}

function matches(text: string, match: string | RegExp): boolean {
  return typeof match === "string" ? text.includes(match) : match.test(text);
}

/** Polls `check` every 25 ms until it returns a value other than undefined, or rejects with `describe()`. */
async function poll<T>(check: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) throw new Error(describe());
    await new Promise((done) => setTimeout(done, 25));
  }
}

/** Spawns `node bin/soothe.js ...args` under an 80x30 pseudo-terminal and mirrors it into a headless xterm. */
export function spawnPty(args: string[], options: PtyOptions): PtySession {
  const cols = options.cols ?? 80;
  const rows = options.rows ?? 30;
  const env = childEnv(options.home, { ...(options.noColor ? { NO_COLOR: "1" } : {}), ...options.env });
  const term = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 1000 });
  const pty = spawnPtyProcess(process.execPath, [BIN, ...args], {
    name: env.TERM ?? "xterm-256color",
    cols,
    rows,
    cwd: options.cwd ?? ROOT,
    env,
  });
  let raw = "";
  let alive = true;
  // Writes into xterm are parsed asynchronously; chain them so "flushed" has a meaning.
  let flushed: Promise<void> = Promise.resolve();
  pty.onData((data) => {
    raw += data;
    flushed = flushed.then(() => new Promise<void>((done) => term.write(data, done)));
  });
  const handle = { kill: () => killPty() };
  live.add(handle);
  const exit = new Promise<PtyExit>((settle) => {
    pty.onExit(({ exitCode, signal }) => {
      alive = false;
      live.delete(handle);
      // node-pty may report the exit a moment before the last data event; let it arrive, then let xterm parse it.
      setTimeout(() => {
        void flushed.then(() => settle({ exitCode, signal: signal || undefined }));
      }, 50);
    });
  });

  function killPty(signal: NodeJS.Signals = "SIGKILL"): void {
    if (!alive) return;
    try {
      pty.kill(signal);
    } catch {
      // already gone
    }
  }

  function screenLines(): string[] {
    const buffer = term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < term.rows; y++) {
      lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? "");
    }
    return lines;
  }

  function screenText(): string {
    const lines = screenLines();
    while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
    return lines.join("\n");
  }

  function bufferText(): string {
    const buffer = term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < buffer.length; y++) lines.push(buffer.getLine(y)?.translateToString(true) ?? "");
    while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
    return lines.join("\n");
  }

  const frame = () => `--- screen (${term.cols}x${term.rows}) ---\n${screenText()}\n--- end of screen ---`;

  return {
    pty,
    term,
    output: () => raw,
    screenLines,
    screenText,
    bufferText,
    waitForText: (match, timeoutMs = 10_000) =>
      poll(
        () => {
          const text = screenText();
          return matches(text, match) ? text : undefined;
        },
        timeoutMs,
        () => `timed out after ${timeoutMs} ms waiting for ${String(match)} on the screen\n${frame()}`,
      ),
    waitForNoText: (match, timeoutMs = 10_000) =>
      poll(
        () => {
          const text = screenText();
          return matches(text, match) ? undefined : text;
        },
        timeoutMs,
        () => `timed out after ${timeoutMs} ms waiting for ${String(match)} to leave the screen\n${frame()}`,
      ),
    waitForScreen: (accept, timeoutMs = 10_000, what = "the screen to change") =>
      poll(
        () => {
          const text = screenText();
          return accept(text) ? text : undefined;
        },
        timeoutMs,
        () => `timed out after ${timeoutMs} ms waiting for ${what}\n${frame()}`,
      ),
    press: (keys) => {
      if (alive) pty.write(keys);
    },
    resize: (newCols, newRows) => {
      term.resize(newCols, newRows);
      if (alive) pty.resize(newCols, newRows);
    },
    exit,
    waitForExit: (timeoutMs = 15_000) =>
      Promise.race([
        exit,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for exit\n${frame()}`)), timeoutMs).unref(),
        ),
      ]),
    get alive() {
      return alive;
    },
    kill: (signal = "SIGTERM") => killPty(signal),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Pipes

/** How a piped child ended, with everything it wrote. */
export interface PipedResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Options for `runPiped` and `spawnPiped`. */
export interface PipedOptions {
  /** A home (its env is built with `childEnv`) or a complete environment. */
  home?: TempHome | string;
  env?: EnvOverrides;
  /** Written to stdin, which is then closed; stdin is closed at once when absent (unless `keepStdinOpen`). */
  input?: string;
  keepStdinOpen?: boolean;
  /** `runPiped` kills the child with SIGKILL and rejects after this long. */
  timeoutMs?: number;
  cwd?: string;
}

/** A piped child still running, for signal tests. */
export interface PipedChild {
  readonly child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves when stdout (or stderr with `stream: "stderr"`) shows `match`. */
  waitForOutput(match: string | RegExp, options?: { timeoutMs?: number; stream?: "stdout" | "stderr" }): Promise<string>;
  /** Settles when the child has exited and its streams are closed. */
  readonly exit: Promise<PipedResult>;
  kill(signal?: NodeJS.Signals): void;
}

function pipedEnv(options: PipedOptions): Record<string, string> {
  if (options.home !== undefined) return childEnv(options.home, options.env);
  const clean: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.env ?? {})) if (value !== undefined) clean[name] = value;
  return clean;
}

/** Spawns `node bin/soothe.js ...args` with pipes and returns it running. */
export function spawnPiped(args: string[], options: PipedOptions = {}): PipedChild {
  const child = spawnChild(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: pipedEnv(options),
    stdio: "pipe",
  });
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
  child.stdin.on("error", () => {
    // The child may exit before reading its input (EPIPE); that is its business.
  });
  if (options.input !== undefined) child.stdin.end(options.input);
  else if (!options.keepStdinOpen) child.stdin.end();
  const handle = { kill: () => killChild("SIGKILL") };
  live.add(handle);
  const exit = new Promise<PipedResult>((settle, reject) => {
    child.on("error", (error) => {
      live.delete(handle);
      reject(error);
    });
    child.on("close", (code, signal) => {
      live.delete(handle);
      settle({ code, signal, stdout: out, stderr: err });
    });
  });
  function killChild(signal: NodeJS.Signals = "SIGTERM"): void {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  }
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitForOutput: (match, { timeoutMs = 10_000, stream = "stdout" } = {}) =>
      poll(
        () => {
          const text = stream === "stdout" ? out : err;
          return matches(text, match) ? text : undefined;
        },
        timeoutMs,
        () => `timed out after ${timeoutMs} ms waiting for ${String(match)} on ${stream}\nstdout:\n${out}\nstderr:\n${err}`,
      ),
    exit,
    kill: killChild,
  };
}

/** Runs `node bin/soothe.js ...args` with pipes to the end. */
export async function runPiped(args: string[], options: PipedOptions = {}): Promise<PipedResult> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const running = spawnPiped(args, options);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      running.kill("SIGKILL");
      reject(
        new Error(
          `soothe ${args.join(" ")} did not finish within ${timeoutMs} ms\nstdout:\n${running.stdout()}\nstderr:\n${running.stderr()}`,
        ),
      );
    }, timeoutMs);
  });
  try {
    return await Promise.race([running.exit, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// History

/** Runs `soothe history --json` for a home and parses it; throws with stderr when it fails. */
export async function readHistoryJson(home: TempHome | string, extraArgs: string[] = []): Promise<Session[]> {
  const result = await runPiped(["history", "--json", ...extraArgs], { home });
  if (result.code !== 0) {
    throw new Error(`soothe history --json exited ${String(result.code)}\nstderr:\n${result.stderr}`);
  }
  try {
    return JSON.parse(result.stdout) as Session[];
  } catch (error) {
    throw new Error(`soothe history --json printed something that is not JSON:\n${result.stdout}`, { cause: error });
  }
}
