import { basename, extname } from "node:path";
import type { Deps } from "../deps.js";
import { RoutineError, UserError, formatProblem } from "../errors.js";
import { idFromFile, routineFileText } from "../routine/catalog.js";
import { isValidId } from "../routine/id.js";
import {
  ID_RULE,
  checkId,
  checkRoutineText,
  findBuiltinRoutine,
  findUserRoutine,
  readRoutineFile,
  saveUserRoutine,
  withSchemaLine,
} from "../routine/user-routines.js";
import { cleanText, quote, truncate } from "../text.js";

/**
 * `soothe import <file> [--as <id>] [--force]`: checks a routine file and adds it to the user's folder under its
 * file name (or `--as`). Writes nothing when the file has errors, and never replaces a routine of the user's
 * without `--force`. The schema line is set to this installation's schema, so editors check the copy.
 */
export async function importRoutine(file: string, opts: { as?: string; force?: boolean }, deps: Deps): Promise<number> {
  let id: string;
  if (opts.as !== undefined) {
    id = checkId(opts.as, "id for --as");
  } else {
    const name = basename(file, extname(file));
    if (!isValidId(name)) {
      throw new UserError(
        `the file name ${quote(name)} is not a routine id (${ID_RULE}); choose one with --as, like: soothe import ${file} --as ${idFromFile(file)}`,
      );
    }
    id = name;
  }

  const bytes = await readRoutineFile(file);
  let checked;
  try {
    checked = await checkRoutineText(bytes, file, id);
  } catch (error) {
    if (!(error instanceof RoutineError)) throw error;
    for (const problem of error.problems) deps.stderr.write(`${formatProblem(problem)}\n`);
    deps.stderr.write(`soothe: ${cleanText(file)} has problems, so nothing was imported; fix them and import it again.\n`);
    return 1;
  }

  const existing = await findUserRoutine(deps.paths, id);
  if (existing && !opts.force) {
    throw new UserError(
      `you already have a routine "${id}" (${existing}); to replace it, add --force, or import it under another id with --as <id>`,
    );
  }
  for (const warning of checked.warnings) deps.stderr.write(`${formatProblem(warning)}\n`);
  const saved = await saveUserRoutine(deps.paths, id, withSchemaLine(routineFileText(bytes)), { replace: opts.force === true });
  const verb = existing ? "Replaced" : "Imported";
  deps.stdout.write(`${verb} ${id} (${truncate(cleanText(checked.routine.name), 60)}): ${saved.file}\n`);
  if (await findBuiltinRoutine(id)) {
    deps.stdout.write(`It is used instead of the built-in ${id}; soothe rm ${id} brings the built-in back.\n`);
  }
  deps.stdout.write(`Run it with: soothe run ${id}\n`);
  return 0;
}
