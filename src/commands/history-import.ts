import { readFile } from "node:fs/promises";
import type { Deps } from "../deps.js";
import { UserError } from "../errors.js";
import { checkWritable } from "../history/store.js";
import { quote } from "../text.js";

/** Imports this many sessions or more before a spinner is worth showing. */
const SPINNER_FROM = 200;

/**
 * `soothe history import <file>`: adds the sessions of a file that `history --json` or `history --csv` wrote.
 * Every record is checked before anything is written, so a file with one bad record changes nothing; sessions
 * already in the history (same id) are left out, so importing the same file twice adds nothing the second time.
 */
export async function historyImport(file: string, _opts: object, deps: Deps): Promise<number> {
  const { ImportError, detectFormat, parseImport, planImport, writeImport } = await import("../history/import.js");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : (code ?? String(error));
    throw new UserError(`cannot read ${quote(file)}: ${why}; give the file that soothe history --json or --csv wrote`, 1, {
      cause: error,
    });
  }

  let sessions;
  try {
    sessions = parseImport(text, detectFormat(file, text));
  } catch (error) {
    if (error instanceof ImportError) {
      throw new UserError(`${file}: ${error.message}. Nothing was imported; fix the file and import it again.`);
    }
    throw error;
  }

  checkWritable(deps.paths.historyFile);
  const store = await deps.openHistory();
  const { sessions: existing, warnings } = await store.readSessions();
  for (const warning of warnings) deps.stderr.write(`${deps.errTheme.yellow("soothe: warning:")} ${warning}\n`);
  const plan = planImport(sessions, new Set(existing.map((s) => s.id)));

  const spinner =
    deps.stderr.isTTY && deps.errTheme.level > 0 && plan.add.length >= SPINNER_FROM
      ? (await import("ora")).default({ stream: deps.stderr, text: `Importing ${plan.add.length} sessions` }).start()
      : null;
  try {
    await writeImport(store, plan.add, (done, total) => {
      if (spinner) spinner.text = `Importing sessions: ${done} of ${total}`;
    });
  } finally {
    spinner?.stop();
  }

  const parts = [`Imported ${count(plan.add.length)} from ${file}`];
  if (plan.present > 0) parts.push(`${count(plan.present)} already in your history left as they were`);
  if (plan.running > 0) parts.push(`${count(plan.running)} still running when the file was written left out`);
  deps.stdout.write(`${parts.join("; ")}.\n`);
  return 0;
}

function count(n: number): string {
  return n === 1 ? "1 session" : `${n} sessions`;
}
