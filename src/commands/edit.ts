import type { Deps, StopSignal } from "../deps.js";
import { CancelError, RoutineError, UserError, formatProblem } from "../errors.js";
import { editorCommand, runEditor } from "../editor.js";
import { isPathRef, routineFileText } from "../routine/catalog.js";
import type { RoutineProblem } from "../routine/types.js";
import {
  checkRoutineText,
  ensureRoutinesDir,
  findRoutine,
  readRoutineFile,
  userRoutinePath,
  withSchemaLine,
  writeFileAtomic,
} from "../routine/user-routines.js";
import {
  dropIfUnchanged,
  readWorkingCopy,
  removeWorkingCopy,
  resetWorkingCopy,
  unsavedChanges,
  workingCopyPath,
} from "../routine/working-copy.js";
import { askAfterProblems, askResume } from "../ui/edit-questions.js";
import { renderProblems } from "../ui/problems-view.js";

const SIGNAL_CODES: Record<StopSignal, number> = { SIGHUP: 129, SIGINT: 130, SIGQUIT: 131, SIGTERM: 143 };

/** One `soothe edit`: the routine, its saved text, where the editor works and where a valid result goes. */
interface Editing {
  id: string;
  /** The text the editor starts from (the saved routine, its schema line refreshed). */
  base: string;
  /** The working copy the editor opens. */
  work: string;
  /** Where a valid result is saved: the user's routine file. */
  target: string;
  /** Whether `target` is the saved file itself (false while a built-in routine has no copy yet). */
  own: boolean;
  editor: string[];
  interactive: boolean;
  deps: Deps;
}

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
  const editing: Editing = { id, base, work, target, own: target === found.file, editor, interactive, deps };

  if (found.source === "built-in") {
    deps.stderr.write(`${id} is a built-in routine: your changes are saved as your own copy, ${target}\n`);
  }
  try {
    for (;;) {
      const code = await editOnce(editing);
      if (code !== "again") return code;
    }
  } catch (error) {
    if (error instanceof CancelError || (error instanceof Error && error.name === "ExitPromptError")) {
      const kept = await keepOrDrop(editing, "");
      if (kept) deps.stderr.write(`${kept.trim()}\n`);
    }
    throw error;
  }
}

/** Runs the editor once and saves a valid result: the exit code, or "again" when the user edits again. */
async function editOnce(editing: Editing): Promise<number | "again"> {
  const { deps, id } = editing;
  const started = deps.clock.now();
  const ended = await runEditor(editing.editor, editing.work, deps);
  if (ended.signal) {
    await keepOrDrop(editing, `soothe was stopped by ${ended.signal}`);
    return SIGNAL_CODES[ended.signal];
  }
  if (ended.code !== 0) {
    const kept = await keepOrDrop(editing, "");
    deps.stderr.write(
      `soothe: the editor (${editing.editor.join(" ")}) exited with code ${ended.code}, so nothing was saved; ${id} is as it was.${kept}\n`,
    );
    return 1;
  }
  const bytes = await readWorkingCopy(editing.work);
  const text = routineFileText(bytes);
  if (text === editing.base) {
    await removeWorkingCopy(editing.work);
    deps.stdout.write(`No changes to ${id}; nothing saved.\n`);
    if (deps.clock.now() - started < 1000) {
      deps.stderr.write(
        `If your editor opens in its own window, soothe must wait for it to close: set VISUAL with its wait option, like VISUAL="code --wait".\n`,
      );
    }
    return 0;
  }
  const problems = await save(editing, bytes, text);
  return problems === null ? 0 : afterProblems(editing, problems, text);
}

/** Checks the edited file and, when valid, saves it in one rename: null, or the problems that kept it unsaved. */
async function save(editing: Editing, bytes: Uint8Array, text: string): Promise<RoutineProblem[] | null> {
  const { deps, id, target } = editing;
  try {
    const checked = await checkRoutineText(bytes, editing.work, id);
    await ensureRoutinesDir(deps.paths);
    await writeFileAtomic(target, text, { replace: true });
    await removeWorkingCopy(editing.work);
    for (const warning of checked.warnings) deps.stderr.write(`${formatProblem({ ...warning, file: target })}\n`);
    deps.stdout.write(`Saved ${id}: ${target}\n`);
    return null;
  } catch (error) {
    if (!(error instanceof RoutineError)) throw error;
    return error.problems;
  }
}

/** Shows the problems with their lines; on a terminal asks whether to edit again, else keeps the changes. */
async function afterProblems(editing: Editing, problems: RoutineProblem[], text: string): Promise<number | "again"> {
  const { deps, id } = editing;
  deps.stderr.write(`${renderProblems(problems, text, deps.errTheme, deps.stderr.columns ?? 80).join("\n")}\n`);
  const errors = problems.filter((p) => p.severity === "error").length;
  const count = errors === 1 ? "1 problem" : `${errors} problems`;
  if (!editing.interactive) {
    deps.stderr.write(
      `soothe: not saved: your edit of ${id} has ${count}, and ${editing.own ? "the last good version is unchanged" : `${id} is still the built-in one`}. Your changes are kept in ${editing.work}; run soothe edit ${id} to go on with them, or delete that file to start again from the saved version.\n`,
    );
    return 1;
  }
  if ((await askAfterProblems(deps.prompts, id, count)) === "edit") return "again";
  await removeWorkingCopy(editing.work);
  deps.stdout.write(`Discarded your changes; ${id} is as it was.\n`);
  return 0;
}

/**
 * Makes the working copy: a fresh one from `base`, or, when an earlier edit left changes that were not saved,
 * those changes (on a terminal the user chooses; without one they are kept, so nothing typed is lost).
 */
async function prepareWorkingCopy(deps: Deps, id: string, base: string, interactive: boolean): Promise<string> {
  const work = await workingCopyPath(deps.paths, id);
  const left = await unsavedChanges(work, base);
  if (left !== null) {
    const when = left.modified;
    const { formatDateTime } = await import("../time.js");
    const at = formatDateTime(when, deps.clock.wall());
    if (!interactive) {
      deps.stderr.write(`Going on with your unsaved changes to ${id} from ${at} (${work}).\n`);
      return work;
    }
    if (await askResume(deps.prompts, id, at)) return work;
  }
  await resetWorkingCopy(work, base);
  return work;
}

/** Removes the working copy when it holds no change; else keeps it and returns a sentence saying where it is. */
async function keepOrDrop(editing: Editing, why: string): Promise<string> {
  const { deps, id, work } = editing;
  const left = await dropIfUnchanged(work, editing.base);
  if (left !== "kept") {
    if (why && left === "dropped") deps.stderr.write(`soothe: ${why}; nothing was changed.\n`);
    return "";
  }
  const kept = ` Your changes are kept in ${work}; run soothe edit ${id} to go on with them, or delete that file to start again from the saved version.`;
  if (why) deps.stderr.write(`soothe: ${why}; nothing was saved.${kept}\n`);
  return kept;
}
