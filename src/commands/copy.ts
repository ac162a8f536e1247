import type { Deps } from "../deps.js";
import { UserError, formatProblem } from "../errors.js";
import { isPathRef, routineFileText } from "../routine/catalog.js";
import {
  checkId,
  checkRoutineText,
  findBuiltinRoutine,
  findRoutine,
  findUserRoutine,
  readRoutineFile,
  saveUserRoutine,
  withSchemaLine,
} from "../routine/user-routines.js";

/**
 * `soothe copy <routine> <new-id>`: copies a routine (the user's own, or a built-in) to a new id in the user's
 * folder, with the schema line on top for editors. Refuses an id the user already has.
 */
export async function copy(id: string, newId: string, _opts: object, deps: Deps): Promise<number> {
  if (isPathRef(id)) {
    throw new UserError(`soothe copy takes a routine id; to add a routine file, run: soothe import ${id} --as ${newId}`);
  }
  checkId(id);
  checkId(newId, "id for the copy");
  const source = await findRoutine(deps.paths, id);
  const existing = await findUserRoutine(deps.paths, newId);
  if (existing) {
    const hint = newId === id ? "it is already yours; change it with: soothe edit " + id : `choose another id, or remove yours first with: soothe rm ${newId}`;
    throw new UserError(`you already have a routine "${newId}" (${existing}); ${hint}`);
  }
  const original = await readRoutineFile(source.file);
  // A broken source is reported in its own file, where it can be fixed.
  await checkRoutineText(original, source.file, newId);
  const text = withSchemaLine(routineFileText(original));
  const saved = await saveUserRoutine(deps.paths, newId, text, { replace: false });
  for (const warning of saved.warnings) deps.stderr.write(`${formatProblem(warning)}\n`);
  deps.stdout.write(`Copied ${id} to ${newId}: ${saved.file}\n`);
  if (await findBuiltinRoutine(newId)) {
    deps.stdout.write(`It is used instead of the built-in ${newId}; soothe rm ${newId} brings the built-in back.\n`);
  }
  deps.stdout.write(`Change it with: soothe edit ${newId}\n`);
  return 0;
}
