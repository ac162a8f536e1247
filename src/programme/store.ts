import { mkdir, unlink } from "node:fs/promises";
import type { Paths } from "../env.js";
import { RoutineError, UserError } from "../errors.js";
import { readFailure, readRoutineBytes, resolveRoutine } from "../routine/catalog.js";
import type { Routine } from "../routine/types.js";
import { routineIds } from "../routine/user-routines.js";
import { writeFileAtomicSync } from "../files/write.js";
import type { FileRole } from "../files/open.js";
import { programmeFile } from "./file.js";
import { parseProgramme } from "./parse.js";
import { checkReferences, type RoutineLookup } from "./references.js";
import type { Programme } from "./types.js";

export { programmeFile };

/** A programme checked whole, with the routines it names. */
export interface LoadedProgramme {
  programme: Programme;
  routines: Map<string, Routine>;
}

/**
 * Checks a programme's text and the routines it names; throws a RoutineError with every problem, each at its place
 * in `shown` (the path to show).
 */
export async function checkProgrammeText(content: string | Uint8Array, shown: string, paths: Pick<Paths, "routinesDir">): Promise<LoadedProgramme> {
  const parsed = parseProgramme(content, shown);
  const lookup = await lookupFor(parsed.draft, paths);
  const problems = [...parsed.problems, ...checkReferences(parsed.draft, shown, lookup)].sort((a, b) => a.line - b.line || a.col - b.col);
  if (!parsed.programme || problems.some((p) => p.severity === "error")) throw new RoutineError(problems);
  return { programme: parsed.programme, routines: lookup.routines };
}

/** The routines a programme names, each parsed (a broken one stops here with its own problems), and every id known. */
async function lookupFor(programme: Pick<Programme, "routines">, paths: Pick<Paths, "routinesDir">): Promise<RoutineLookup & { routines: Map<string, Routine> }> {
  const ids = await routineIds(paths);
  const routines = new Map<string, Routine>();
  for (const { routine: id } of programme.routines) {
    if (!ids.includes(id)) continue;
    try {
      routines.set(id, (await resolveRoutine(id, paths)).routine);
    } catch (error) {
      if (error instanceof RoutineError) throw error;
    }
  }
  return { ids, routines, get: (id) => routines.get(id) };
}

/** The programme set, checked again against today's routines; null when none is set. */
export async function loadProgramme(paths: Pick<Paths, "configDir" | "routinesDir">): Promise<LoadedProgramme | null> {
  const file = programmeFile(paths);
  let bytes: Uint8Array;
  try {
    bytes = await readRoutineBytes(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new UserError(`${file}: ${readFailure(error)}`, 1, { cause: error });
  }
  return checkProgrammeText(bytes, file, paths);
}

/** How messages about the programme file name it, and what to do. */
const PROGRAMME_ROLE: FileRole = { name: "the programme file", fix: "set SOOTHE_HOME to a folder you can write to" };

/** Copies a checked programme's text into place (0600, in a 0700 folder), replacing the one set before. */
export async function saveProgramme(paths: Pick<Paths, "configDir">, text: string): Promise<string> {
  const file = programmeFile(paths);
  await mkdir(paths.configDir, { recursive: true, mode: 0o700 });
  writeFileAtomicSync(file, text, PROGRAMME_ROLE);
  return file;
}

/** Removes the programme; false when none was set. */
export async function clearProgramme(paths: Pick<Paths, "configDir">): Promise<boolean> {
  const file = programmeFile(paths);
  try {
    await unlink(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw new UserError(`cannot remove ${file}: ${readFailure(error).replace(/^cannot read: /, "")}`, 1, { cause: error });
  }
}
