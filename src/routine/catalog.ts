import { mkdir, open, readFile, readdir, rename, stat, writeFile } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Paths } from "../env.js";
import { RoutineError, UserError } from "../errors.js";
import { MAX_ROUTINE_BYTES, tooLargeMessage } from "./file-size.js";
import { isValidId } from "./id.js";
import type { PlanOptions, Routine, RoutineProblem } from "./types.js";

// The parser (yaml and zod) and the plan are imported only when a file has to be read, so that a `list` served
// from its cache starts fast.

/** Where a routine comes from: shipped with soothe, the user's routines folder, or a path given on the command line. */
export type RoutineSource = "built-in" | "user" | "file";

/** A routine found and parsed, with any warnings its file gave. */
export interface ResolvedRoutine {
  routine: Routine;
  file: string;
  source: RoutineSource;
  warnings: RoutineProblem[];
}

/** One row of `soothe list`, and of `list --json`. */
export interface RoutineEntry {
  id: string;
  name: string;
  description: string | null;
  source: "built-in" | "user";
  path: string;
  total_s: number;
  tags: string[];
  /** The routine's `avoid_if:` sentences, [] when none. */
  avoid_if: string[];
}

/** Folders to look in; `builtinDir` defaults to the package's own routines/ folder (tests pass another). */
export interface CatalogOptions {
  builtinDir?: string;
}

/** Options of listRoutines. */
export interface ListOptions extends CatalogOptions {
  /** Lead-in and transition defaults for the totals (5 s each when not given). */
  plan?: Pick<PlanOptions, "leadIn_s" | "transition_s">;
  /**
   * A file where what was learnt from each routine file is kept, keyed by path, size and times, so that a later
   * list need not parse unchanged files. Without it every file is parsed.
   */
  cacheFile?: string;
}

const EXTENSIONS = [".yaml", ".yml"];

/** The package's routines/ folder: two levels up from this module, whether it runs from dist/routine or src/routine. */
export function builtinDir(): string {
  return fileURLToPath(new URL("../../routines/", import.meta.url));
}

/** True when a routine reference is a path rather than an id: it contains a slash or ends in .yaml or .yml. */
export function isPathRef(ref: string): boolean {
  return ref.includes("/") || EXTENSIONS.some((ext) => ref.toLowerCase().endsWith(ext));
}

/** A routine id for a file: its name without extension, made into an id if it is not one. */
export function idFromFile(file: string): string {
  const name = basename(file, extname(file));
  if (isValidId(name)) return name;
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64)
    .replace(/-+$/, "");
  return isValidId(slug) ? slug : "routine";
}

/** Why a file could not be read, for messages: `cannot read: no such file`. */
export function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return "cannot read: no such file";
    case "EISDIR":
      return "cannot read: it is a folder";
    case "EACCES":
    case "EPERM":
      return "cannot read: permission denied";
    case "EFBIG":
      return `cannot read: ${tooLargeMessage((error as { size?: number | null }).size ?? null)}`;
    default:
      return `cannot read: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * Reads a routine file's bytes, refusing one over the size limit before reading it. Bytes, not text: decoding here
 * would turn a byte that is not UTF-8 into U+FFFD without a word, where parseRoutine reports it at its line.
 */
export async function readRoutineBytes(file: string): Promise<Uint8Array> {
  const tooLarge = (size: number | null) => Object.assign(new Error("file too large"), { code: "EFBIG", size });
  const handle = await open(file, "r");
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    if (info.size > MAX_ROUTINE_BYTES) throw tooLarge(info.size);
    if (info.isFile()) return await handle.readFile();
    // A pipe or a device (`<(...)`, /dev/stdin, /dev/zero) tells no size: read at most one byte past the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const { bytesRead, buffer } = await handle.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, null);
      if (bytesRead === 0) return Buffer.concat(chunks, total);
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > MAX_ROUTINE_BYTES) throw tooLarge(null);
    }
  } finally {
    await handle.close();
  }
}

/**
 * The text of routine file bytes, as reading the file as UTF-8 gives it (a byte order mark kept, a byte that is not
 * UTF-8 shown as U+FFFD). For showing or rewriting a file; parse the bytes themselves to check them.
 */
export function routineFileText(bytes: Uint8Array): string {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
}

/**
 * Finds a routine by id (the user's folder first, then the built-in ones) or by path, and parses it.
 * Throws a UserError for an unknown id or an unreadable file, and a RoutineError for an invalid one.
 */
export async function resolveRoutine(
  ref: string,
  paths: Pick<Paths, "routinesDir">,
  options: CatalogOptions = {},
): Promise<ResolvedRoutine> {
  if (isPathRef(ref)) {
    const file = resolve(ref);
    let bytes: Uint8Array;
    try {
      bytes = await readRoutineBytes(file);
    } catch (error) {
      throw new UserError(`${ref}: ${readFailure(error)}`, 1, { cause: error });
    }
    return parsed(bytes, ref, file, "file");
  }

  if (!isValidId(ref)) {
    const { quote } = await import("../text.js");
    throw new UserError(
      `${quote(ref)} is neither a routine id (lowercase letters, digits and dashes) nor a path to a .yaml file`,
    );
  }
  const builtin = options.builtinDir ?? builtinDir();
  const places: [string, "user" | "built-in"][] = [
    ...EXTENSIONS.map((ext): [string, "user"] => [join(paths.routinesDir, ref + ext), "user"]),
    ...EXTENSIONS.map((ext): [string, "built-in"] => [join(builtin, ref + ext), "built-in"]),
  ];
  for (const [file, source] of places) {
    let bytes: Uint8Array;
    try {
      bytes = await readRoutineBytes(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw new UserError(`${file}: ${readFailure(error)}`, 1, { cause: error });
    }
    return parsed(bytes, file, file, source);
  }

  const known = [...new Set([...(await routineIds(paths.routinesDir)), ...(await routineIds(builtin))])].sort();
  const { closestMatches } = await import("../text.js");
  const near = closestMatches(ref, known, 3);
  const hint = near.length > 0 ? ` Did you mean ${near.map((id) => `"${id}"`).join(" or ")}?` : "";
  throw new UserError(`no routine with the id "${ref}".${hint} Run \`soothe list\` to see them all.`);
}

async function parsed(bytes: Uint8Array, shown: string, file: string, source: RoutineSource): Promise<ResolvedRoutine> {
  const { parseRoutine } = await import("./parse.js");
  const result = parseRoutine(bytes, shown, idFromFile(file));
  if (!result.routine) throw new RoutineError(result.problems);
  return { routine: result.routine, file, source, warnings: result.problems };
}

/** Ids of the routine files in a folder (none when it does not exist). */
async function routineIds(dir: string): Promise<string[]> {
  return (await routineFiles(dir)).files.map((f) => f.id);
}

interface FolderListing {
  files: { id: string; path: string }[];
  problems: RoutineProblem[];
}

/** The routine files of a folder by id, .yaml before .yml; files whose names are not ids are reported, not listed. */
async function routineFiles(dir: string): Promise<FolderListing> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { files: [], problems: [] };
    return { files: [], problems: [problem(dir, `cannot read this folder: ${readFailure(error).replace(/^cannot read: /, "")}`)] };
  }
  const files: FolderListing["files"] = [];
  const problems: RoutineProblem[] = [];
  const seen = new Set<string>();
  for (const ext of EXTENSIONS) {
    for (const name of names.filter((n) => n.endsWith(ext)).sort()) {
      const id = name.slice(0, -ext.length);
      const path = join(dir, name);
      if (!isValidId(id)) {
        problems.push(problem(path, "not listed: a routine's file name must be an id (lowercase letters, digits and dashes)"));
      } else if (seen.has(id)) {
        problems.push(problem(path, `not listed: ${id}.yaml is used instead`));
      } else {
        seen.add(id);
        files.push({ id, path });
      }
    }
  }
  return { files, problems };
}

function problem(file: string, message: string): RoutineProblem {
  return { file, line: 1, col: 1, message, severity: "warning" };
}

/** What a list needs to know of one routine file; totals are kept apart from the settings they depend on. */
interface FileFacts {
  name?: string;
  description?: string | null;
  tags?: string[];
  avoid_if?: string[];
  /** Seconds of the plan without its transitions. */
  base_s?: number;
  /** Transitions in the plan when the transition time is above 0. */
  transitions?: number;
  /** The routine's own transition time, when it sets one. */
  transition_s?: number | null;
  /** Problems that keep the file out of the list. */
  problems: RoutineProblem[];
}

interface CacheRecord extends FileFacts {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

interface CacheData {
  stamp: string;
  files: Record<string, CacheRecord>;
}

/** Bump when what FileFacts holds changes shape. */
const CACHE_FORMAT = 2;

/**
 * Every routine: the user's (which shadow built-ins of the same id) and the built-in ones, sorted by id.
 * A file that cannot be read or parsed is left out and its problems returned, so that one bad file does not hide
 * the rest. The warnings of listed routines are left to `soothe validate`.
 */
export async function listRoutines(
  paths: Pick<Paths, "routinesDir">,
  options: ListOptions = {},
): Promise<{ entries: RoutineEntry[]; problems: RoutineProblem[] }> {
  const plan = { leadIn_s: 5, transition_s: 5, ...options.plan };
  const [user, builtin] = await Promise.all([
    routineFiles(paths.routinesDir),
    routineFiles(options.builtinDir ?? builtinDir()),
  ]);
  const userIds = new Set(user.files.map((f) => f.id));
  const candidates = [
    ...user.files.map((f) => ({ ...f, source: "user" as const })),
    ...builtin.files.filter((f) => !userIds.has(f.id)).map((f) => ({ ...f, source: "built-in" as const })),
  ];
  const problems = [...user.problems, ...builtin.problems];

  const cache = options.cacheFile ? await readCache(options.cacheFile) : undefined;
  const fresh: Record<string, CacheRecord> = {};
  let changed = false;
  const facts = await Promise.all(
    candidates.map(async (candidate) => {
      let info;
      try {
        info = await stat(candidate.path);
      } catch (error) {
        return { problems: [{ ...problem(candidate.path, readFailure(error)), severity: "error" as const }] };
      }
      const key = { size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs };
      const cached = cache?.files[candidate.path];
      if (cached && cached.size === key.size && cached.mtimeMs === key.mtimeMs && cached.ctimeMs === key.ctimeMs) {
        fresh[candidate.path] = cached;
        return cached;
      }
      const learnt = await learn(candidate.path, candidate.id);
      fresh[candidate.path] = { ...key, ...learnt };
      changed = true;
      return learnt;
    }),
  );
  if (options.cacheFile && cache && (changed || Object.keys(cache.files).length !== Object.keys(fresh).length)) {
    await writeCache(options.cacheFile, { stamp: cache.stamp, files: fresh });
  }

  const entries: RoutineEntry[] = [];
  facts.forEach((fact, index) => {
    const candidate = candidates[index]!;
    if (fact.name === undefined) {
      problems.push(...fact.problems);
      return;
    }
    const pause = fact.transition_s ?? plan.transition_s;
    entries.push({
      id: candidate.id,
      name: fact.name,
      description: fact.description ?? null,
      source: candidate.source,
      path: candidate.path,
      total_s: (fact.base_s ?? 0) + (pause > 0 ? (fact.transitions ?? 0) * pause : 0),
      tags: fact.tags ?? [],
      avoid_if: fact.avoid_if ?? [],
    });
  });
  entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { entries, problems };
}

/** Parses one file for the list. */
async function learn(path: string, id: string): Promise<FileFacts> {
  let bytes: Uint8Array;
  try {
    bytes = await readRoutineBytes(path);
  } catch (error) {
    return { problems: [{ ...problem(path, readFailure(error)), severity: "error" }] };
  }
  const [{ parseRoutine }, { expandPlan }] = await Promise.all([import("./parse.js"), import("./plan.js")]);
  const result = parseRoutine(bytes, path, id);
  if (!result.routine) return { problems: result.problems };
  const routine = result.routine;
  // Expanded with a 1 s transition and none of its own, the plan shows how many transitions there are.
  const { transition_s: own, ...rest } = routine;
  const sample = expandPlan(rest as Routine, { leadIn_s: 0, transition_s: 1 });
  const transitions = sample.segments.filter((s) => s.kind === "transition").length;
  return {
    name: routine.name,
    description: routine.description ?? null,
    tags: routine.tags,
    avoid_if: routine.avoid_if ?? [],
    base_s: sample.total_s - transitions,
    transitions,
    transition_s: own ?? null,
    problems: [],
  };
}

/**
 * The cache, if its stamp matches this parser; else an empty one with the current stamp. The stamp holds the
 * parser module's modification time, so that an upgrade or a rebuild never serves facts an older parser found.
 */
async function readCache(file: string): Promise<CacheData | undefined> {
  let stamp: string;
  try {
    const parser = fileURLToPath(new URL(`./parse${extname(fileURLToPath(import.meta.url))}`, import.meta.url));
    stamp = `${CACHE_FORMAT}:${(await stat(parser)).mtimeMs}`;
  } catch {
    return undefined;
  }
  try {
    const data = JSON.parse(await readFile(file, "utf8")) as Partial<CacheData>;
    if (data.stamp === stamp && data.files && typeof data.files === "object") return { stamp, files: data.files };
  } catch {
    // Missing or damaged: it is only a cache, rebuilt below.
  }
  return { stamp, files: {} };
}

async function writeCache(file: string, data: CacheData): Promise<void> {
  try {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(data), { mode: 0o600 });
    await rename(temp, file);
  } catch {
    // A cache that cannot be written only makes the next list slower.
  }
}
