import * as fs from "node:fs";
import { dirname, join, resolve } from "node:path";
import { UserError } from "../errors.js";

/**
 * The one way soothe opens its own files (history, settings, working copies). It writes only to regular files:
 * a folder, FIFO, device or socket where a file should be is refused with a message naming the path and what is
 * there. Opening never blocks (O_NONBLOCK, so a FIFO cannot hang a command) and a symbolic link is followed only
 * to a regular file that exists; with `noFollow` a link is not followed at all.
 */

/** What can stand at a path. */
export type NodeKind =
  | "missing"
  | "file"
  | "folder"
  | "fifo"
  | "character device"
  | "block device"
  | "socket"
  | "dangling link"
  | "link loop"
  | "other";

/** What is at `path` (a link is followed), with the link's own target when `path` is a symbolic link. */
export interface Found {
  kind: NodeKind;
  /** The text of the link when `path` is a symbolic link, else null. */
  link: string | null;
}

export function kindOfStats(stats: fs.Stats): NodeKind {
  if (stats.isFile()) return "file";
  if (stats.isDirectory()) return "folder";
  if (stats.isFIFO()) return "fifo";
  if (stats.isCharacterDevice()) return "character device";
  if (stats.isBlockDevice()) return "block device";
  if (stats.isSocket()) return "socket";
  return "other";
}

/** Looks at `path` without opening it: what is there, following links, and the link itself. */
export function inspect(path: string): Found {
  let own: fs.Stats;
  try {
    own = fs.lstatSync(path);
  } catch (error) {
    if (codeOf(error) === "ENOENT" || codeOf(error) === "ENOTDIR") return { kind: "missing", link: null };
    throw error;
  }
  if (!own.isSymbolicLink()) return { kind: kindOfStats(own), link: null };
  const link = fs.readlinkSync(path);
  try {
    return { kind: kindOfStats(fs.statSync(path)), link };
  } catch (error) {
    const code = codeOf(error);
    if (code === "ELOOP") return { kind: "link loop", link };
    if (code === "ENOENT" || code === "ENOTDIR") return { kind: "dangling link", link };
    throw error;
  }
}

/** "a FIFO (named pipe)", "a folder", "a symbolic link to x, which does not exist". */
export function describeKind(found: Found): string {
  const words: Record<NodeKind, string> = {
    missing: "nothing",
    file: "a regular file",
    folder: "a folder",
    fifo: "a FIFO (named pipe)",
    "character device": "a device (character special file)",
    "block device": "a device (block special file)",
    socket: "a socket",
    "dangling link": `a symbolic link to ${found.link ?? "?"}, which does not exist`,
    "link loop": "a symbolic link in a loop of links",
    other: "something that is not a regular file",
  };
  const what = words[found.kind];
  return found.link !== null && found.kind !== "dangling link" && found.kind !== "link loop"
    ? `a symbolic link to ${found.link}, which is ${what}`
    : what;
}

const REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
  ENOTDIR: "part of the path is a file, not a folder",
  EISDIR: "it is a folder, not a file",
  EEXIST: "a file of that name is in the way",
  ELOOP: "a symbolic link is in the way, or links loop",
  ENAMETOOLONG: "the path is too long",
  EIO: "an input/output error (a failing disk or a lost network drive?)",
  EMFILE: "too many files are open",
  ENFILE: "too many files are open",
  ENXIO: "there is no device or reader behind it",
  EBUSY: "it is busy",
  ETXTBSY: "it is busy",
};

/** The error code of a Node error, if any. */
export function codeOf(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** The real cause in words, with its code: "the file system is read-only (EROFS)". Never a file's contents. */
export function reasonOf(error: unknown): string {
  const code = codeOf(error);
  if (code && REASONS[code]) return `${REASONS[code]} (${code})`;
  if (code) return code;
  return error instanceof Error ? error.message : String(error);
}

/** What the file is to the person: "the history file", "the settings file". */
export interface FileRole {
  /** "the history file" */
  name: string;
  /** What to do instead, ending the message: "set SOOTHE_HOME to another folder". */
  fix: string;
}

/** A place soothe will not use: it says the path, what is there, and what to do. */
export class RefusedFileError extends UserError {
  override name = "RefusedFileError";
  constructor(
    readonly path: string,
    readonly found: Found,
    role: FileRole,
  ) {
    super(
      found.kind === "dangling link" || found.kind === "link loop"
        ? `${path} cannot be used as ${role.name}: ${refusalReason(found)}. Create that file or remove the link; or ${role.fix}.`
        : `${path} cannot be used as ${role.name}: ${refusalReason(found)}. soothe reads and writes its files only as ` +
            `regular files; move that aside, or ${role.fix}.`,
    );
  }
}

/** "it is a FIFO (named pipe), not a regular file"; "it is a symbolic link to x, which does not exist". */
export function refusalReason(found: Found): string {
  return found.kind === "dangling link" || found.kind === "link loop"
    ? `it is ${describeKind(found)}`
    : `it is ${describeKind(found)}, not a regular file`;
}

/** An operating-system failure on one of soothe's files, with its real cause. */
export function fileError(what: string, path: string, error: unknown, role: FileRole): UserError {
  if (error instanceof UserError) return error;
  return new UserError(`cannot ${what} ${path}: ${reasonOf(error)}. Fix that, or ${role.fix}.`, 1, { cause: error });
}

/** How to open: reading only, appending (creating the file, 0600), or reading and writing in place. */
export type OpenMode = "read" | "append";

export interface OpenOptions {
  role: FileRole;
  /** Refuse a symbolic link at the path itself instead of following it. */
  noFollow?: boolean;
}

const FILE_MODE = 0o600;

/**
 * Opens `path` as a regular file. "read" returns null when there is no file; "append" creates it (0600) in an
 * existing folder. Anything but a regular file, or a link to one, is refused with a RefusedFileError before a
 * byte is written; other failures are UserErrors naming the real cause.
 */
export function openRegular(path: string, mode: "read", options: OpenOptions): number | null;
export function openRegular(path: string, mode: "append", options: OpenOptions): number;
export function openRegular(path: string, mode: OpenMode, options: OpenOptions): number | null {
  const c = fs.constants;
  const found = inspect(path);
  refuseUnlessUsable(path, found, options);
  if (found.kind === "missing" && mode === "read") return null;
  let flags = c.O_NONBLOCK | (options.noFollow ? c.O_NOFOLLOW : 0);
  flags |= mode === "read" ? c.O_RDONLY : c.O_RDWR | c.O_APPEND | c.O_CREAT;
  let fd: number;
  try {
    fd = fs.openSync(path, flags, FILE_MODE);
  } catch (error) {
    // Something changed between the look and the open: say what is there now.
    const now = safeInspect(path);
    if (now && now.kind !== "file" && now.kind !== "missing") throw new RefusedFileError(path, now, options.role);
    if (mode === "read" && codeOf(error) === "ENOENT") return null;
    throw fileError(mode === "read" ? "read" : "write to", path, error, options.role);
  }
  const stats = fs.fstatSync(fd);
  if (!stats.isFile()) {
    fs.closeSync(fd);
    throw new RefusedFileError(path, { kind: kindOfStats(stats), link: found.link }, options.role);
  }
  return fd;
}

/** Refuses what is not a regular file (or nothing), and any link when `noFollow`. */
export function refuseUnlessUsable(path: string, found: Found, options: OpenOptions): void {
  if (options.noFollow && found.link !== null) {
    throw new UserError(
      `${path} is a symbolic link (to ${found.link}); soothe never follows a link there. Remove the link, or ${options.role.fix}.`,
    );
  }
  if (found.kind !== "file" && found.kind !== "missing") throw new RefusedFileError(path, found, options.role);
}

function safeInspect(path: string): Found | null {
  try {
    return inspect(path);
  } catch {
    return null;
  }
}

/**
 * Creates `folder` and any missing parents with mode 0700 (an existing folder is left as it is). When that
 * fails, the message names the real cause and where: the first missing part that could not be made (a read-only
 * file system, a permission), or the part of the path that is not a folder.
 */
export function ensureFolder(folder: string, role: FileRole, what = "the folder"): void {
  const dir = resolve(folder);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    return;
  } catch (error) {
    throw folderError(dir, error, role, what);
  }
}

function folderError(dir: string, error: unknown, role: FileRole, what: string): UserError {
  // Walk up to the deepest part that exists; then the part below it is the one that could not be made.
  let below: string | null = null;
  let at = dir;
  for (;;) {
    const found = safeInspect(at);
    if (found && found.kind !== "missing" && found.kind !== "dangling link") {
      if (found.kind !== "folder") {
        return new UserError(
          `cannot create ${what} ${dir}: ${at} is ${describeKind(found)}, not a folder. Fix that, or ${role.fix}.`,
          1,
          { cause: error },
        );
      }
      break;
    }
    if (found?.kind === "dangling link") {
      return new UserError(`cannot create ${what} ${dir}: ${at} is ${describeKind(found)}. Fix that, or ${role.fix}.`, 1, {
        cause: error,
      });
    }
    const parent = dirname(at);
    if (parent === at) break;
    below = at;
    at = parent;
  }
  let cause = error;
  if (below !== null) {
    try {
      fs.mkdirSync(below, { mode: 0o700 });
      fs.rmdirSync(below);
    } catch (real) {
      cause = real;
    }
  }
  return new UserError(`cannot create ${what} ${dir}: ${reasonOf(cause)}. Fix that, or ${role.fix}.`, 1, { cause: error });
}

/** The real file a path names: itself, or the end of its chain of links (which must exist). */
export function realFile(path: string): string {
  const found = inspect(path);
  if (found.link === null) return resolve(path);
  return fs.realpathSync(path);
}

/** Sibling path for a temporary or lock file next to `file`: `.name.suffix` in the same folder. */
export function besideFile(file: string, suffix: string): string {
  const real = resolve(file);
  return join(dirname(real), `.${real.slice(dirname(real).length + 1)}.${suffix}`);
}

/** The whole text of a regular file (see {@link openRegular}), or null when there is none. */
export function readRegularText(path: string, options: OpenOptions): string | null {
  const fd = openRegular(path, "read", options);
  if (fd === null) return null;
  try {
    return fs.readFileSync(fd, "utf8");
  } catch (error) {
    throw fileError("read", path, error, options.role);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A suffix for a temporary name no other process picks: this process's id and a random part. (The file is created
 * exclusively anyway; node:crypto is not loaded for it, as settings are read at every start.)
 */
export function uniqueSuffix(): string {
  return `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
}
