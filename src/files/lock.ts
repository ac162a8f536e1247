import * as fs from "node:fs";
import { hostname } from "node:os";
import { UserError } from "../errors.js";
import { isProcessAlive, type IsAlive } from "./alive.js";
import { besideFile, uniqueSuffix, codeOf, fileError, realFile, type FileRole } from "./open.js";

/**
 * Locks between soothe processes: a lock file created with O_EXCL beside the real file (after its links), holding
 * the owner's pid, host and time. A lock whose owner is gone (crashed, killed, a past boot, a pid now used by
 * another program) is stale and broken; one held longer than `timeoutMs` by a live owner is an error naming it.
 */

export interface LockOptions {
  role: FileRole;
  /** How long to wait for another soothe to finish. */
  timeoutMs?: number;
  /** Test hooks. */
  isAlive?: IsAlive;
  now?: () => number;
}

export interface Lock {
  release(): void;
}

interface Owner {
  pid: number;
  host: string;
  at: number;
}

/** A lock held by a process on another machine (a synced folder) is broken after this long. */
const FOREIGN_STALE_MS = 10 * 60 * 1000;
const DEFAULT_TIMEOUT_MS = 30_000;

/** The lock file for `file`: `.name.lock` beside the file the path leads to. */
export function lockPath(file: string): string {
  let real: string;
  try {
    real = realFile(file);
  } catch {
    real = file;
  }
  return besideFile(real, "lock");
}

/** Takes the lock of `file`, waiting (synchronously, without spinning) while another live soothe holds it. */
export function lockSync(file: string, options: LockOptions): Lock {
  const attempt = attempter(file, options);
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
    const lock = attempt();
    if (lock) return lock;
    Atomics.wait(sleeper, 0, 0, wait);
  }
}

/** Takes the lock of `file`, waiting (asynchronously) while another live soothe holds it. */
export async function lock(file: string, options: LockOptions): Promise<Lock> {
  const attempt = attempter(file, options);
  for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
    const taken = attempt();
    if (taken) return taken;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/** Runs `fn` holding the lock of `file`. */
export function withLockSync<T>(file: string, options: LockOptions, fn: () => T): T {
  const held = lockSync(file, options);
  try {
    return fn();
  } finally {
    held.release();
  }
}

function attempter(file: string, options: LockOptions): () => Lock | null {
  const now = options.now ?? Date.now;
  const isAlive = options.isAlive ?? isProcessAlive;
  const path = lockPath(file);
  const deadline = now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const me: Owner = { pid: process.pid, host: hostname(), at: now() };
  return () => {
    const taken = tryCreate(path, me, options.role);
    if (taken) return taken;
    const owner = readOwner(path);
    if (owner === "gone") return null;
    const stale =
      owner === null
        ? ageOf(path, now) > 5000
        : owner.host === me.host
          ? !isAlive(owner.pid, owner.host, owner.at)
          : now() - owner.at > FOREIGN_STALE_MS;
    if (stale) {
      breakStale(path, owner);
      return null;
    }
    if (now() > deadline) {
      const who = owner === null ? "another soothe" : `another soothe (pid ${owner.pid} on ${owner.host})`;
      throw new UserError(
        `${who} is still writing ${file}; soothe waited ${Math.round((options.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} s. ` +
          `Try again when it has finished (if no soothe is running, delete ${path}).`,
      );
    }
    return null;
  };
}

function tryCreate(path: string, me: Owner, role: FileRole): Lock | null {
  let fd: number;
  try {
    fd = fs.openSync(path, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, 0o600);
  } catch (error) {
    if (codeOf(error) === "EEXIST") return null;
    throw fileError("lock", path, error, role);
  }
  try {
    fs.writeSync(fd, JSON.stringify(me));
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(path, { force: true });
    throw fileError("lock", path, error, role);
  }
  fs.closeSync(fd);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      fs.rmSync(path, { force: true });
    },
  };
}

/** The owner written in the lock; null when it cannot be read as one (being written, or damaged); "gone" when released. */
function readOwner(path: string): Owner | null | "gone" {
  let text: string;
  try {
    const fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
    try {
      text = fs.fstatSync(fd).isFile() ? fs.readFileSync(fd, "utf8") : "";
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    return codeOf(error) === "ENOENT" ? "gone" : null;
  }
  try {
    const value = JSON.parse(text) as Partial<Owner>;
    if (typeof value.pid === "number" && typeof value.host === "string" && typeof value.at === "number") {
      return { pid: value.pid, host: value.host, at: value.at };
    }
  } catch {
    // fall through
  }
  return null;
}

function ageOf(path: string, now: () => number): number {
  try {
    return now() - fs.lstatSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Removes a stale lock without removing a fresh one another process made meanwhile: move it aside, check that
 * what moved is the stale one, and put it back otherwise.
 */
function breakStale(path: string, seen: Owner | null): void {
  const aside = `${path}.${uniqueSuffix()}.stale`;
  try {
    fs.renameSync(path, aside);
  } catch {
    return;
  }
  const moved = readOwner(aside);
  const same = seen === null ? true : moved !== null && moved !== "gone" && moved.pid === seen.pid && moved.at === seen.at;
  if (!same) {
    try {
      fs.linkSync(aside, path);
    } catch {
      // A newer lock is there already; the one moved aside belonged to a process that will find it gone.
    }
  }
  fs.rmSync(aside, { force: true });
}
