import { readFile } from "node:fs/promises";
import type { Deps } from "../deps.js";
import { UserError } from "../errors.js";
import { checkWritable } from "../history/store.js";
import { quote } from "../text.js";

/**
 * `soothe history import <file>`: adds the sessions of a file that `history --json` or `history --csv` wrote.
 * Every record is checked before anything is written, so a file with one bad record changes nothing; sessions
 * already in the history (same id) are left out, so importing the same file twice adds nothing the second time.
 */
export async function historyImport(file: string, _opts: object, deps: Deps): Promise<number> {
  const { ImportError, ImportWriteError, detectFormat, parseImport, planImport, writeImport } = await import("../history/import.js");
  const { startProgress } = await import("../ui/progress.js");
  const progress = startProgress(deps, `Reading ${file}`);
  try {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why =
        code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : code === "EACCES" ? "permission denied" : (code ?? String(error));
      throw new UserError(`cannot read ${quote(file, 1000)}: ${why}; give the file that soothe history --json or --csv wrote`, 1, {
        cause: error,
      });
    }

    // What `visit list --json` and `diary list --json` print is imported by its own reader.
    const records = await (await import("./history-import-records.js")).importRecordsFile(file, text, deps);
    if (records !== null) return records;

    let sessions;
    try {
      sessions = parseImport(text, detectFormat(file, text), deps.clock.wall());
    } catch (error) {
      if (error instanceof ImportError) {
        throw new UserError(`${file}: ${error.message}. Nothing was imported; fix the file and import it again.`);
      }
      throw error;
    }

    checkWritable(deps.paths.historyFile);
    const store = await deps.openHistory();
    // Looking at what is there and writing what is not happen under one lock: two imports at once (or the same
    // one run twice) write each session once.
    const { plan, warnings } = await store.locked(async () => {
      progress.update("Reading your history");
      const { sessions: existing, warnings } = await store.readSessions();
      const plan = planImport(sessions, new Map(existing.map((s) => [s.id, s])));
      progress.update(`Importing ${count(plan.add.length)}`);
      try {
        await writeImport(store, plan, deps.clock.wall(), (done, total) => progress.update(`Importing sessions: ${done} of ${total}`));
      } catch (error) {
        if (!(error instanceof ImportWriteError)) throw error;
        const cause = error.failure instanceof UserError ? error.failure.message : `cannot write to the history: ${error.message}.`;
        throw new UserError(
          `${cause} ${error.written} of ${count(error.total)} from ${file} were written; run the same import again to finish it.`,
          1,
          { cause: error.failure },
        );
      }
      return { plan, warnings };
    });
    progress.stop();

    for (const warning of warnings) deps.stderr.write(`${deps.errTheme.yellow("soothe: warning:")} ${warning}\n`);
    const parts = [`Imported ${count(plan.add.length)} from ${file}`];
    if (plan.finish.length > 0) parts.push(`finished ${count(plan.finish.length)} an earlier import of it left cut short`);
    if (plan.present > 0) parts.push(`${count(plan.present)} already in your history, left as ${plan.present === 1 ? "it was" : "they were"}`);
    if (plan.running > 0) parts.push(`${count(plan.running)} still running when the file was written left out`);
    deps.stdout.write(`${parts.join("; ")}.\n`);
    return 0;
  } finally {
    progress.stop();
  }
}

function count(n: number): string {
  return n === 1 ? "1 session" : `${n} sessions`;
}
