import { randomBytes } from "node:crypto";
import { link, lstat, mkdir, open, readdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { Paths } from "../env.js";
import { describeKind, inspect, type Found } from "../files/open.js";
import { RoutineError, UserError } from "../errors.js";
import { quote } from "../text.js";
import { builtinDir, readFailure, readRoutineBytes } from "./catalog.js";
import { ID_PATTERN, isValidId } from "./id.js";
import type { Routine, RoutineProblem } from "./types.js";

// Everything that writes in the user's routines folder goes through here, so that the rules hold for every
// command: ids are checked before they become paths, files are checked before they are written, and a file is
// replaced in one rename, never left half written.

/** The id rule in words, for messages. */
export const ID_RULE = `lowercase letters, digits and dashes, starting with a letter or digit, at most 64 characters (${ID_PATTERN.source})`;

const EXTENSIONS = [".yaml", ".yml"];

/**
 * Returns `id` when it is a routine id; otherwise throws a UserError that shows the allowed pattern. Every path in
 * the routines folder is made from an id that passed this check, so `../x` or `/etc/passwd` never become paths.
 */
export function checkId(id: string, what = "routine id"): string {
  if (isValidId(id)) return id;
  const hint = /[A-Z]/.test(id) && isValidId(id.toLowerCase()) ? ` Try "${id.toLowerCase()}".` : "";
  throw new UserError(`${quote(id, 70)} is not a valid ${what}: use ${ID_RULE}.${hint}`);
}

/** The file a new user routine of this id is written to: `<routines folder>/<id>.yaml`. Checks the id first. */
export function userRoutinePath(paths: Pick<Paths, "routinesDir">, id: string): string {
  checkId(id);
  const dir = resolve(paths.routinesDir);
  const file = join(dir, `${id}.yaml`);
  // The id pattern already rules this out; checked again because a mistake here would write anywhere.
  if (dirname(file) !== dir) throw new Error(`refusing a routine path outside the routines folder: ${file}`);
  return file;
}

/** The user's file for `id` (`.yaml`, else `.yml`), or undefined when the user has none. Checks the id first. */
export async function findUserRoutine(paths: Pick<Paths, "routinesDir">, id: string): Promise<string | undefined> {
  checkId(id);
  return findIn(resolve(paths.routinesDir), id);
}

/** The built-in file for `id`, or undefined when there is no built-in routine of that id. Checks the id first. */
export async function findBuiltinRoutine(id: string, dir: string = builtinDir()): Promise<string | undefined> {
  checkId(id);
  return findIn(dir, id);
}

async function findIn(dir: string, id: string): Promise<string | undefined> {
  for (const ext of EXTENSIONS) {
    const file = join(dir, id + ext);
    try {
      const info = await lstat(file);
      if (info.isFile() || info.isSymbolicLink()) return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw readError(file, error);
    }
  }
  return undefined;
}

/** A routine found by id: the user's copy when there is one (it shadows the built-in), else the built-in. */
export interface FoundRoutine {
  id: string;
  file: string;
  source: "user" | "built-in";
  /** The built-in file of the same id, when there is one (also when the user's copy shadows it). */
  builtin?: string;
}

/**
 * Finds a routine by id, the user's copy first, without parsing it (so that a broken file can still be edited,
 * exported or removed). Throws a UserError naming the closest ids when there is none.
 */
export async function findRoutine(
  paths: Pick<Paths, "routinesDir">,
  id: string,
  options: { builtinDir?: string } = {},
): Promise<FoundRoutine> {
  checkId(id);
  const builtinFolder = options.builtinDir ?? builtinDir();
  const [user, builtin] = await Promise.all([findUserRoutine(paths, id), findBuiltinRoutine(id, builtinFolder)]);
  const extra = builtin ? { builtin } : {};
  if (user) return { id, file: user, source: "user", ...extra };
  if (builtin) return { id, file: builtin, source: "built-in", ...extra };
  throw await unknownRoutine(paths, id, { builtinDir: builtinFolder });
}

/** The error for an id that names no routine, with the closest ids as suggestions. */
export async function unknownRoutine(
  paths: Pick<Paths, "routinesDir">,
  id: string,
  options: { builtinDir?: string; userOnly?: boolean } = {},
): Promise<UserError> {
  const { closestMatches } = await import("../text.js");
  const known = options.userOnly ? await idsIn(resolve(paths.routinesDir)) : await routineIds(paths, options);
  const near = closestMatches(id, known, 3);
  const hint = near.length > 0 ? ` Did you mean ${near.map((n) => `"${n}"`).join(" or ")}?` : "";
  const what = options.userOnly ? "you have no routine" : "no routine";
  return new UserError(`${what} with the id "${id}".${hint} Run \`soothe list\` to see them all.`);
}

/**
 * Every routine id, user and built-in, sorted and without repeats: the names of the `.yaml` and `.yml` files
 * that are ids. Nothing is parsed, so it is quick (for completion scripts) and names broken files too.
 */
export async function routineIds(
  paths: Pick<Paths, "routinesDir">,
  options: { builtinDir?: string } = {},
): Promise<string[]> {
  const [user, builtin] = await Promise.all([
    idsIn(resolve(paths.routinesDir)),
    idsIn(options.builtinDir ?? builtinDir()),
  ]);
  return [...new Set([...user, ...builtin])].sort();
}

async function idsIn(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const ids: string[] = [];
  for (const name of names) {
    const ext = EXTENSIONS.find((e) => name.endsWith(e));
    if (ext && isValidId(name.slice(0, -ext.length))) ids.push(name.slice(0, -ext.length));
  }
  return ids;
}

/** Creates the routines folder (0700: what people do for their health is private) and returns its path. */
export async function ensureRoutinesDir(paths: Pick<Paths, "routinesDir">): Promise<string> {
  const dir = resolve(paths.routinesDir);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new UserError(`cannot create the routines folder ${dir}: ${describeError(error)}`, 1, { cause: error });
  }
  return dir;
}

/** Name of the folder, inside the routines folder, that holds working copies while they are edited. */
export const EDITING_DIR = ".editing";

/**
 * The working folder of `edit` (`.editing` in the routines folder), made 0700 when missing. It is soothe's own: a
 * symbolic link there (or a working copy that is a link, a FIFO or anything but a regular file) is refused, never
 * followed, so an edit never reads or writes through it.
 */
export async function editingDir(paths: Pick<Paths, "routinesDir">, id?: string): Promise<string> {
  const dir = join(await ensureRoutinesDir(paths), EDITING_DIR);
  const refuse = (path: string, found: Found, wanted: string): never => {
    throw new UserError(
      `${path} is ${describeKind(found)}; soothe keeps its working copies there only as ${wanted} of its own and never ` +
        `follows a link there. Remove it, and soothe makes a fresh one.`,
    );
  };
  const found = inspect(dir);
  if (found.link !== null || (found.kind !== "folder" && found.kind !== "missing")) refuse(dir, found, "a folder");
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new UserError(`cannot create ${dir}: ${describeError(error)}`, 1, { cause: error });
  }
  if (id !== undefined) {
    const work = join(dir, `${checkId(id)}.yaml`);
    const copy = inspect(work);
    if (copy.link !== null || (copy.kind !== "file" && copy.kind !== "missing")) refuse(work, copy, "regular files");
  }
  return dir;
}

/** Thrown by writeFileAtomic when `replace` is false and the file exists. */
export class FileExistsError extends UserError {
  override name = "FileExistsError";
  constructor(readonly file: string) {
    super(`${file} already exists`);
  }
}

/**
 * Writes `text` to `file` all at once: into a temporary file (0600) in the same folder, flushed to disk, then
 * renamed over `file`, so that a crash leaves either the old file or the new one, never a mix. With `replace`
 * false an existing file is never overwritten, even by a race (the new file is hard-linked into place, which fails
 * when the name is taken). The temporary name starts with a dot and ends in `.tmp`, so no listing picks it up.
 */
export async function writeFileAtomic(file: string, text: string, options: { replace: boolean }): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(4).toString("hex")}.tmp`);
  let linked = false;
  try {
    const handle = await open(temp, "wx", 0o600);
    try {
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.replace) {
      await rename(temp, file);
      return;
    }
    try {
      await link(temp, file);
      linked = true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EEXIST") throw new FileExistsError(file);
      // Some file systems have no hard links: check, then rename (a race is then possible, but unlikely).
      if (await exists(file)) throw new FileExistsError(file);
      await rename(temp, file);
    }
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    if (error instanceof UserError) throw error;
    throw new UserError(`cannot write ${file}: ${describeError(error)}`, 1, { cause: error });
  }
  if (linked) await rm(temp, { force: true }).catch(() => undefined);
}

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch {
    return false;
  }
}

/** A checked routine: the routine and any warnings its text gave. */
export interface CheckedRoutine {
  routine: Routine;
  warnings: RoutineProblem[];
}

/**
 * Parses routine text (or a file's bytes, which are checked to be UTF-8) as it would be read back under `id`; throws
 * a RoutineError with every problem (located in `shown`, the name messages use) when it has errors.
 */
export async function checkRoutineText(content: string | Uint8Array, shown: string, id: string): Promise<CheckedRoutine> {
  const { parseRoutine } = await import("./parse.js");
  const result = parseRoutine(content, shown, id);
  if (!result.routine) throw new RoutineError(result.problems);
  return { routine: result.routine, warnings: result.problems };
}

/**
 * Checks `text` as routine `id` and writes it to the user's folder. With `replace` false it refuses an id the user
 * already has (a FileExistsError); with `replace` true it writes over the user's file of that id, whether it is
 * `.yaml` or `.yml`. Nothing is written when the text has errors (a RoutineError).
 */
export async function saveUserRoutine(
  paths: Pick<Paths, "routinesDir">,
  id: string,
  text: string,
  options: { replace: boolean; shown?: string },
): Promise<CheckedRoutine & { file: string }> {
  checkId(id);
  const existing = await findUserRoutine(paths, id);
  const file = existing ?? userRoutinePath(paths, id);
  const checked = await checkRoutineText(text, options.shown ?? file, id);
  if (existing && !options.replace) throw new FileExistsError(existing);
  await ensureRoutinesDir(paths);
  await writeFileAtomic(file, text, { replace: options.replace });
  return { ...checked, file };
}

/** Removes the user's routine `id`; returns the file removed, or undefined when the user has none. */
export async function removeUserRoutine(paths: Pick<Paths, "routinesDir">, id: string): Promise<string | undefined> {
  const file = await findUserRoutine(paths, id);
  if (!file) return undefined;
  try {
    await rm(file);
  } catch (error) {
    throw new UserError(`cannot remove ${file}: ${describeError(error)}`, 1, { cause: error });
  }
  return file;
}

/**
 * Reads a routine file's bytes, with a UserError naming the file when it cannot be read. Check them with
 * checkRoutineText and turn them into text with routineText.
 */
export async function readRoutineFile(file: string, shown: string = file): Promise<Uint8Array> {
  try {
    return await readRoutineBytes(file);
  } catch (error) {
    throw readError(shown, error);
  }
}

function readError(file: string, error: unknown): UserError {
  return new UserError(`${file}: ${readFailure(error)}`, 1, { cause: error });
}

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ENOSPC") return "the disk is full";
  if (code === "EROFS") return "the file system is read-only";
  return error instanceof Error ? error.message : String(error);
}

// ---- the schema line ----

/**
 * The JSON Schema for editors, as an absolute file:// URL to the schema installed with this soothe. User routines
 * live in the config folder, far from the package, so a relative path (which editors resolve against the routine
 * file's own folder, as the built-in routines do with ../schema/) would not reach it; the YAML language server
 * (VS Code, Neovim, Helix, ...) resolves an absolute file URL from anywhere. After soothe moves (an upgrade to
 * another place), `soothe edit` refreshes the line.
 */
export function schemaUrl(): string {
  return new URL("../../schema/routine.schema.json", import.meta.url).href;
}

/** The comment that tells editors which schema a routine file follows. */
export function schemaLine(): string {
  return `# yaml-language-server: $schema=${schemaUrl()}`;
}

const SCHEMA_COMMENT = /^#\s*yaml-language-server:\s*\$schema=(\S*).*$/;

/**
 * The routine text with this soothe's schema line at the top: an existing line that points at a
 * routine.schema.json (a built-in's relative one, or one from another installation) is replaced; a line that
 * points at some other schema is the user's choice and is kept; with none, the line is added.
 */
export function withSchemaLine(text: string): string {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const newline = body.includes("\r\n") ? "\r\n" : "\n";
  const lines = body.split(/\r?\n/);
  // Only the comments and blank lines before the first key are looked at.
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() !== "" && !line.trimStart().startsWith("#")) break;
    const match = SCHEMA_COMMENT.exec(line.trim());
    if (!match) continue;
    if (!/(^|[/\\])routine\.schema\.json$/.test(match[1] ?? "")) return body;
    lines[i] = schemaLine();
    return lines.join(newline);
  }
  return `${schemaLine()}${newline}${body}`;
}
