import type { Deps } from "../deps.js";
import { UserError } from "../errors.js";
import { isPathRef } from "../routine/catalog.js";
import {
  checkId,
  findBuiltinRoutine,
  findUserRoutine,
  readRoutineFile,
  removeUserRoutine,
  unknownRoutine,
} from "../routine/user-routines.js";
import { cleanText, truncate } from "../text.js";

/**
 * `soothe rm <routine> [--yes]`: removes one of the user's routines. Built-in routines cannot be removed. On a
 * terminal it asks first unless `--yes`; without a terminal it needs `--yes`, since nobody can answer.
 */
export async function rm(id: string, opts: { yes?: boolean }, deps: Deps): Promise<number> {
  if (isPathRef(id)) throw new UserError(`soothe rm takes a routine id, not a path; see the ids with: soothe list`);
  checkId(id);
  const file = await findUserRoutine(deps.paths, id);
  const builtin = await findBuiltinRoutine(id);
  if (!file) {
    if (builtin) {
      throw new UserError(
        `"${id}" is a built-in routine and cannot be removed. To change it, run soothe edit ${id} (which makes your own copy), or make a copy under another id with: soothe copy ${id} <new-id>`,
      );
    }
    throw await unknownRoutine(deps.paths, id, { userOnly: true });
  }

  if (!opts.yes) {
    if (!deps.stdin.isTTY || !deps.stdout.isTTY) {
      throw new UserError(`there is no terminal to ask on before removing ${id}; to remove it, run: soothe rm ${id} --yes`);
    }
    const name = await routineName(file);
    const ok = await deps.prompts.confirm({
      message: `Remove your routine ${id}${name ? ` (${name})` : ""}? This cannot be undone.`,
      default: false,
    });
    if (!ok) {
      deps.stdout.write(`Nothing removed; ${id} is still there.\n`);
      return 0;
    }
  }
  const removed = await removeUserRoutine(deps.paths, id);
  if (!removed) throw await unknownRoutine(deps.paths, id, { userOnly: true });
  deps.stdout.write(`Removed ${id} (${removed}).\n`);
  if (builtin) deps.stdout.write(`The built-in ${id} is used again.\n`);
  return 0;
}

/** The routine's name for the question, if its file can be read and parsed; a broken file can still be removed. */
async function routineName(file: string): Promise<string | undefined> {
  try {
    const { parseRoutine } = await import("../routine/parse.js");
    const name = parseRoutine(await readRoutineFile(file), file, "x").routine?.name;
    return name === undefined ? undefined : truncate(cleanText(name), 50);
  } catch {
    return undefined;
  }
}
