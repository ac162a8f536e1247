import { mkdir, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Paths } from "../env.js";
import { UserError } from "../errors.js";
import { describeKind, inspect, type Found } from "../files/open.js";
import { ensureRoutinesDir, writeFileAtomic } from "./user-routines.js";

// The working copy `soothe edit` hands to the editor: a file beside the user's routines, so that only a checked
// result ever replaces a saved routine, and changes that could not be saved wait there for the next edit.

/** Name of the folder, inside the routines folder, that holds working copies while they are edited. */
export const EDITING_DIR = ".editing";

/**
 * Where the working copy of routine `id` is; its folder is made (private to the user) when missing. The folder is
 * soothe's own: a symbolic link there, or a working copy that is a link, a FIFO or anything but a regular file, is
 * refused, never followed, so an edit never reads or writes through it.
 */
export async function workingCopyPath(paths: Paths, id: string): Promise<string> {
  const dir = join(await ensureRoutinesDir(paths), EDITING_DIR);
  const refuse = (path: string, found: Found, wanted: string): never => {
    throw new UserError(
      `${path} is ${describeKind(found)}; soothe keeps its working copies there only as ${wanted} of its own and never ` +
        `follows a link there. Remove it, and soothe makes a fresh one.`,
    );
  };
  const found = inspect(dir);
  if (found.link !== null || (found.kind !== "folder" && found.kind !== "missing")) refuse(dir, found, "a folder");
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const work = join(dir, `${id}.yaml`);
  const copy = inspect(work);
  if (copy.link !== null || (copy.kind !== "file" && copy.kind !== "missing")) refuse(work, copy, "regular files");
  return work;
}

/** Changes an earlier edit left in `work` (when they differ from `base`), with the time they were made. */
export async function unsavedChanges(work: string, base: string): Promise<{ modified: Date } | null> {
  let left: string;
  try {
    left = await readFile(work, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new UserError(`cannot read the working copy ${work}: ${(error as Error).message}`, 1, { cause: error });
  }
  return left === base ? null : { modified: (await stat(work)).mtime };
}

/** Starts the working copy afresh from `base`. */
export async function resetWorkingCopy(work: string, base: string): Promise<void> {
  await writeFileAtomic(work, base, { replace: true });
}

/** The working copy as the editor left it, as bytes (an editor that saved something other than UTF-8 is told where). */
export async function readWorkingCopy(work: string): Promise<Uint8Array> {
  try {
    return await readFile(work);
  } catch (error) {
    throw new UserError(`the working copy ${work} is gone (${(error as Error).message}); nothing was saved`, 1, {
      cause: error,
    });
  }
}

/** Removes the working copy when it holds no change from `base`; says whether it was kept, dropped or already gone. */
export async function dropIfUnchanged(work: string, base: string): Promise<"kept" | "dropped" | "gone"> {
  let text: string;
  try {
    text = await readFile(work, "utf8");
  } catch {
    return "gone";
  }
  if (text !== base) return "kept";
  await removeWorkingCopy(work);
  return "dropped";
}

/** Removes the working copy, once saved or discarded. */
export async function removeWorkingCopy(work: string): Promise<void> {
  await rm(work, { force: true });
}
