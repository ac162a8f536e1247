import type { Command } from "commander";
import { completionModel } from "../completion/model.js";
import { SHELLS, completionScript, type Shell } from "../completion/script.js";
import type { Deps } from "../deps.js";
import { UsageError } from "../errors.js";

/** `soothe completion <shell>`: prints the completion script for the shell. */
export async function completion(shell: string, program: Command, _opts: object, deps: Deps): Promise<number> {
  if (!(SHELLS as readonly string[]).includes(shell)) {
    throw new UsageError(`no completion for "${shell}"; use one of ${SHELLS.join(", ")}`);
  }
  deps.stdout.write(completionScript(shell as Shell, completionModel(program), program.name()));
  return 0;
}
