import { readFile, readdir, stat } from "node:fs/promises";
import { basename, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Paths } from "../env.js";
import { RoutineError, UserError } from "../errors.js";
import { closestMatches, quote } from "../text.js";
import { isValidId } from "./id.js";
import { MAX_ROUTINE_BYTES, parseRoutine } from "./parse.js";
import { expandPlan } from "./plan.js";
import type { PlanOptions, Routine, RoutineProblem } from "./types.js";

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
}

/** Folders to look in; `builtinDir` defaults to the package's own routines/ folder (tests pass another). */
export interface CatalogOptions {
  builtinDir?: string;
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
      return "cannot read: file too large; a routine file is at most 1 MB";
    default:
      return `cannot read: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Reads a routine file as text, refusing one over the size limit before reading it. */
export async function readRoutineText(file: string): Promise<string> {
  const info = await stat(file);
  if (info.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
  if (info.size > MAX_ROUTINE_BYTES) throw Object.assign(new Error("file too large"), { code: "EFBIG" });
  return readFile(file, "utf8");
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
    let text: string;
    try {
      text = await readRoutineText(file);
    } catch (error) {
      throw new UserError(`${ref}: ${readFailure(error)}`, 1, { cause: error });
    }
    return parsed(text, ref, file, "file");
  }

  if (!isValidId(ref)) {
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
    let text: string;
    try {
      text = await readRoutineText(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw new UserError(`${file}: ${readFailure(error)}`, 1, { cause: error });
    }
    return parsed(text, file, file, source);
  }

  const known = [...new Set([...(await routineIds(paths.routinesDir)), ...(await routineIds(builtin))])].sort();
  const near = closestMatches(ref, known, 3);
  const hint = near.length > 0 ? ` Did you mean ${near.map((id) => `"${id}"`).join(" or ")}?` : "";
  throw new UserError(`no routine with the id "${ref}".${hint} Run \`soothe list\` to see them all.`);
}

function parsed(text: string, shown: string, file: string, source: RoutineSource): ResolvedRoutine {
  const result = parseRoutine(text, shown, idFromFile(file));
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

/**
 * Every routine: the user's (which shadow built-ins of the same id) and the built-in ones, sorted by id.
 * A file that cannot be read or parsed is left out and its problems returned, so that one bad file does not hide
 * the rest. Total times use `plan` for the lead-in and transition defaults.
 */
export async function listRoutines(
  paths: Pick<Paths, "routinesDir">,
  options: CatalogOptions & { plan?: Pick<PlanOptions, "leadIn_s" | "transition_s"> } = {},
): Promise<{ entries: RoutineEntry[]; problems: RoutineProblem[] }> {
  const plan: PlanOptions = { leadIn_s: 5, transition_s: 5, ...options.plan };
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
  const results = await Promise.all(
    candidates.map(async (candidate) => {
      try {
        const result = parseRoutine(await readRoutineText(candidate.path), candidate.path, candidate.id);
        return { candidate, result };
      } catch (error) {
        return { candidate, result: { problems: [{ ...problem(candidate.path, readFailure(error)), severity: "error" as const }] } };
      }
    }),
  );
  const entries: RoutineEntry[] = [];
  for (const { candidate, result } of results) {
    const routine = "routine" in result ? result.routine : undefined;
    // The warnings of a routine that is listed are for `soothe validate`; a list only says what it left out.
    if (!routine) {
      problems.push(...result.problems);
      continue;
    }
    entries.push({
      id: candidate.id,
      name: routine.name,
      description: routine.description ?? null,
      source: candidate.source,
      path: candidate.path,
      total_s: expandPlan(routine, plan).total_s,
      tags: routine.tags,
    });
  }
  entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { entries, problems };
}
