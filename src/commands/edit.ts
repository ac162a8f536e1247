import { spawn } from "node:child_process";
import { readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Deps, StopSignal } from "../deps.js";
import type { Env } from "../env.js";
import { CancelError, RoutineError, UserError, formatProblem } from "../errors.js";
import { isPathRef, routineFileText } from "../routine/catalog.js";
import type { RoutineProblem } from "../routine/types.js";
import {
  checkRoutineText,
  editingDir,
  ensureRoutinesDir,
  findRoutine,
  readRoutineFile,
  userRoutinePath,
  withSchemaLine,
  writeFileAtomic,
} from "../routine/user-routines.js";
import { splitCommand } from "../programs.js";
import { cleanText, displayWidth, quote, truncate } from "../text.js";
import type { Theme } from "../ui/theme.js";

export { EDITING_DIR } from "../routine/user-routines.js";

const SIGNAL_CODES: Record<StopSignal, number> = { SIGHUP: 129, SIGINT: 130, SIGQUIT: 131, SIGTERM: 143 };

/**
 * `soothe edit <routine>`: opens the user's copy of a routine in `$VISUAL` or `$EDITOR`. The editor works on a
 * separate working copy (`.editing/<id>.yaml` in the routines folder); only a valid result replaces the saved file,
 * in one rename, so a broken edit never replaces the last good version. A built-in routine becomes the user's own
 * copy when first saved. On a terminal, errors are shown with their lines and the user edits again or discards;
 * without one, they are printed, the working copy is kept for the next `soothe edit`, and it returns 1.
 */
export async function edit(id: string, _opts: object, deps: Deps): Promise<number> {
  if (isPathRef(id)) {
    throw new UserError(
      `soothe edit takes a routine id; to check a file run soothe validate ${id}, or add it to your routines with soothe import ${id}`,
    );
  }
  const found = await findRoutine(deps.paths, id);
  const target = found.source === "user" ? found.file : userRoutinePath(deps.paths, id);
  // The schema line is refreshed in what the editor sees; it reaches the saved file only with a real change.
  const base = withSchemaLine(routineFileText(await readRoutineFile(found.file)));
  const interactive = deps.stdin.isTTY === true && deps.stdout.isTTY === true;
  const work = await prepareWorkingCopy(deps, id, base, interactive);
  const editor = editorCommand(deps.env, process.platform);

  if (found.source === "built-in") {
    deps.stderr.write(`${id} is a built-in routine: your changes are saved as your own copy, ${target}\n`);
  }
  try {
    for (;;) {
      const started = deps.clock.now();
      const ended = await runEditor(editor, work, deps);
      if (ended.signal) {
        await keepOrDrop(work, base, deps, id, `soothe was stopped by ${ended.signal}`);
        return SIGNAL_CODES[ended.signal];
      }
      if (ended.code !== 0) {
        const kept = await keepOrDrop(work, base, deps, id, "");
        deps.stderr.write(
          `soothe: the editor (${editor.join(" ")}) exited with code ${ended.code}, so nothing was saved; ${id} is as it was.${kept}\n`,
        );
        return 1;
      }

      // Bytes, so that an editor that saved something other than UTF-8 is told where, not silently "fixed".
      let bytes: Uint8Array;
      try {
        bytes = await readFile(work);
      } catch (error) {
        throw new UserError(`the working copy ${work} is gone (${(error as Error).message}); nothing was saved`, 1, {
          cause: error,
        });
      }
      const text = routineFileText(bytes);
      if (text === base) {
        await rm(work, { force: true });
        const quick = deps.clock.now() - started < 1000;
        deps.stdout.write(`No changes to ${id}; nothing saved.\n`);
        if (quick) {
          deps.stderr.write(
            `If your editor opens in its own window, soothe must wait for it to close: set VISUAL with its wait option, like VISUAL="code --wait".\n`,
          );
        }
        return 0;
      }

      let problems: RoutineProblem[];
      try {
        const checked = await checkRoutineText(bytes, work, id);
        await ensureRoutinesDir(deps.paths);
        await writeFileAtomic(target, text, { replace: true });
        await rm(work, { force: true });
        for (const warning of checked.warnings) deps.stderr.write(`${formatProblem({ ...warning, file: target })}\n`);
        deps.stdout.write(`Saved ${id}: ${target}\n`);
        return 0;
      } catch (error) {
        if (!(error instanceof RoutineError)) throw error;
        problems = error.problems;
      }

      const columns = deps.stderr.columns ?? 80;
      deps.stderr.write(`${renderProblems(problems, text, deps.errTheme, columns).join("\n")}\n`);
      const errors = problems.filter((p) => p.severity === "error").length;
      const count = errors === 1 ? "1 problem" : `${errors} problems`;
      if (!interactive) {
        deps.stderr.write(
          `soothe: not saved: your edit of ${id} has ${count}, and ${target === found.file ? "the last good version is unchanged" : `${id} is still the built-in one`}. Your changes are kept in ${work}; run soothe edit ${id} to go on with them, or delete that file to start again from the saved version.\n`,
        );
        return 1;
      }
      const next = await deps.prompts.select<"edit" | "discard">({
        message: `Your edit of ${id} has ${count}. What now?`,
        choices: [
          { value: "edit", name: "Edit again", description: "reopen the editor on your changes" },
          { value: "discard", name: "Discard my changes", description: "keep the last good version" },
        ],
        default: "edit",
      });
      if (next === "discard") {
        await rm(work, { force: true });
        deps.stdout.write(`Discarded your changes; ${id} is as it was.\n`);
        return 0;
      }
    }
  } catch (error) {
    if (error instanceof CancelError || (error instanceof Error && error.name === "ExitPromptError")) {
      const kept = await keepOrDrop(work, base, deps, id, "");
      if (kept) deps.stderr.write(`${kept.trim()}\n`);
    }
    throw error;
  }
}

/**
 * Makes the working copy: a fresh one from `base`, or, when an earlier edit left changes that were not saved,
 * those changes (on a terminal the user chooses; without one they are kept, so nothing typed is lost).
 */
async function prepareWorkingCopy(deps: Deps, id: string, base: string, interactive: boolean): Promise<string> {
  const dir = await editingDir(deps.paths, id);
  const work = join(dir, `${id}.yaml`);
  let left: string | undefined;
  try {
    left = await readFile(work, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new UserError(`cannot read the working copy ${work}: ${(error as Error).message}`, 1, { cause: error });
    }
  }
  if (left !== undefined && left !== base) {
    const when = (await stat(work)).mtime;
    const at = `${when.toLocaleDateString()} ${when.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}`;
    let resume = true;
    if (interactive) {
      resume =
        (await deps.prompts.select<"resume" | "fresh">({
          message: `You have changes to ${id} that were not saved (${at}).`,
          choices: [
            { value: "resume", name: "Go on with those changes" },
            { value: "fresh", name: "Start again from the saved version", description: "the unsaved changes are dropped" },
          ],
          default: "resume",
        })) === "resume";
    } else {
      deps.stderr.write(`Going on with your unsaved changes to ${id} from ${at} (${work}).\n`);
    }
    if (resume) return work;
  }
  await writeFileAtomic(work, base, { replace: true });
  return work;
}

/** Removes the working copy when it holds no change; else keeps it and returns a sentence saying where it is. */
async function keepOrDrop(work: string, base: string, deps: Deps, id: string, why: string): Promise<string> {
  let text: string | undefined;
  try {
    text = await readFile(work, "utf8");
  } catch {
    return "";
  }
  if (text === base) {
    await rm(work, { force: true });
    if (why) deps.stderr.write(`soothe: ${why}; nothing was changed.\n`);
    return "";
  }
  const kept = ` Your changes are kept in ${work}; run soothe edit ${id} to go on with them, or delete that file to start again from the saved version.`;
  if (why) deps.stderr.write(`soothe: ${why}; nothing was saved.${kept}\n`);
  return kept;
}

/** How the editor ended: its exit code, or the stop signal soothe received while it ran. */
interface EditorEnd {
  code: number;
  signal?: StopSignal;
}

/**
 * Runs the editor on `file` with the terminal handed over (stdio inherited), without a shell. While it runs,
 * Ctrl-C belongs to the editor (which gets it too, as the terminal sends it to both); SIGTERM and SIGHUP are passed
 * on to it, and reported once it has ended.
 */
function runEditor(command: string[], file: string, deps: Deps): Promise<EditorEnd> {
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

/**
 * Problems as `path:line:col: message`, each error followed by its line of the file and a caret under the column,
 * so that the user sees what to fix. Pure.
 */
export function renderProblems(problems: RoutineProblem[], text: string, theme: Theme, columns = 80): string[] {
  const lines = text.split(/\r?\n/);
  const out: string[] = [];
  for (const problem of problems) {
    const head = formatProblem(problem);
    out.push(problem.severity === "error" ? theme.red(head) : theme.yellow(head));
    const source = lines[problem.line - 1];
    if (source === undefined || source.trim() === "") continue;
    const number = String(problem.line).padStart(5);
    const room = Math.max(20, columns - number.length - 4);
    // Tabs would move the caret; the line is shown with them as single spaces, like cleanText does.
    const shown = truncate(cleanText(source), room);
    out.push(theme.dim(`${number} | `) + shown);
    const at = displayWidth(cleanText(source.slice(0, problem.col - 1)));
    if (at < room) out.push(theme.dim(`${" ".repeat(number.length)} | `) + " ".repeat(at) + theme.red("^"));
  }
  return out;
}
