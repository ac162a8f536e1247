import { cleanLines, hasControls } from "../clean.js";
import type { Deps } from "../deps.js";
import { UserError } from "../errors.js";
import { isPathRef } from "../routine/catalog.js";
import { findRoutine, readRoutineFile } from "../routine/user-routines.js";

/**
 * `soothe export <routine>`: the routine's YAML on stdout exactly as stored (the user's copy when there is one),
 * to share it or keep it elsewhere: `soothe export my-back > my-back.yaml`. A file with problems is still printed,
 * with a warning on stderr, so that it can be shared for help. On a terminal, escape sequences and control
 * characters in the file are left out (a shared file must not drive the terminal); redirected, the bytes are exact.
 */
export async function exportRoutine(id: string, _opts: object, deps: Deps): Promise<number> {
  if (isPathRef(id)) throw new UserError(`soothe export takes a routine id, not a path; see the ids with: soothe list`);
  const found = await findRoutine(deps.paths, id);
  const bytes = await readRoutineFile(found.file);
  const text = deps.stdout.isTTY ? new TextDecoder().decode(bytes) : "";
  if (deps.stdout.isTTY && hasControls(text)) {
    deps.stdout.write(cleanLines(text.replace(/\r\n/g, "\n")));
    deps.stderr.write(
      `${deps.errTheme.yellow("soothe: warning:")} ${id} holds control characters, left out above; ` +
        `for the exact file: soothe export ${id} > ${id}.yaml\n`,
    );
  } else {
    deps.stdout.write(bytes);
  }
  const { parseRoutine } = await import("../routine/parse.js");
  const errors = parseRoutine(bytes, found.file, id).problems.filter((p) => p.severity === "error").length;
  if (errors > 0) {
    const problems = errors === 1 ? "1 problem" : `${errors} problems`;
    deps.stderr.write(
      `${deps.errTheme.yellow("soothe: warning:")} ${id} has ${problems} and will not run as it is; see them with: soothe validate ${found.file}\n`,
    );
  }
  return 0;
}
