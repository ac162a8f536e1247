import { spawn } from "node:child_process";
import type { Deps, StopSignal } from "./deps.js";
import type { Env } from "./env.js";
import { UserError } from "./errors.js";
import { splitCommand } from "./programs.js";
import { quote } from "./text.js";

// The user's text editor: which one, and running it on a file with the terminal handed over.

/** How the editor ended: its exit code, or the stop signal soothe received while it ran. */
export interface EditorEnd {
  code: number;
  signal?: StopSignal;
}

/**
 * Runs the editor on `file` with the terminal handed over (stdio inherited), without a shell. While it runs,
 * Ctrl-C belongs to the editor (which gets it too, as the terminal sends it to both); SIGTERM and SIGHUP are passed
 * on to it, and reported once it has ended.
 */
export function runEditor(command: string[], file: string, deps: Pick<Deps, "onSignal">): Promise<EditorEnd> {
  const [program, ...args] = command;
  return new Promise((settle, reject) => {
    let received: StopSignal | undefined;
    const child = spawn(program!, [...args, file], { stdio: "inherit", shell: false });
    const unsubscribe = deps.onSignal((signal) => {
      if (signal === "SIGINT") return;
      received = signal;
      child.kill(signal);
    });
    child.on("error", (error: NodeJS.ErrnoException) => {
      unsubscribe();
      const why = error.code === "ENOENT" ? "not found" : error.code === "EACCES" ? "permission denied" : error.message;
      reject(
        new UserError(
          `cannot start the editor "${program}": ${why}. Set VISUAL or EDITOR to the editor you use, like: export EDITOR=nano`,
          1,
          { cause: error },
        ),
      );
    });
    child.on("exit", (code, signal) => {
      unsubscribe();
      if (received) settle({ code: code ?? 1, signal: received });
      else settle({ code: code ?? (signal ? 128 : 1) });
    });
  });
}

/**
 * The editor to run, as a program and its arguments: `$VISUAL`, else `$EDITOR`, else `notepad` on Windows and
 * `vi` elsewhere. The value may hold arguments ("code --wait"); it is split into words, never given to a shell.
 * Double or single quotes keep a path with spaces together; backslashes are kept as they are (Windows paths).
 */
export function editorCommand(env: Pick<Env, "VISUAL" | "EDITOR">, platform: NodeJS.Platform): string[] {
  for (const [name, value] of [
    ["VISUAL", env.VISUAL],
    ["EDITOR", env.EDITOR],
  ] as const) {
    if (value === undefined || value.trim() === "") continue;
    const words = splitCommand(value, { escapes: false });
    if (typeof words === "string") {
      throw new UserError(`${name} (${quote(value, 60)}) cannot be used: ${words}. Set it to your editor, like: export ${name}=nano`);
    }
    return words;
  }
  return [platform === "win32" ? "notepad" : "vi"];
}
