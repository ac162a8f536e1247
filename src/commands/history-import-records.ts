import type { Deps } from "../deps.js";
import { UserError } from "../errors.js";
import { checkWritable } from "../history/store.js";
import { localIso } from "../time.js";

/**
 * The part of `soothe history import` for visits and diary entries: when `text` is what `visit list --json` or
 * `diary list --json` wrote, imports it and returns the exit code; null for any other file (sessions).
 */
export async function importRecordsFile(file: string, text: string, deps: Deps): Promise<number | null> {
  const { ImportError } = await import("../history/import.js");
  const { parseRecordsImport, recordsKind, writeRecordsImport } = await import("../history/import-records.js");
  const kind = recordsKind(text);
  if (kind === null) return null;
  let events;
  try {
    events = parseRecordsImport(text, kind, localIso(deps.clock.wall()));
  } catch (error) {
    if (error instanceof ImportError) throw new UserError(`${file}: ${error.message}. Nothing was imported; fix the file and import it again.`);
    throw error;
  }
  checkWritable(deps.paths.historyFile);
  const { added, present } = await writeRecordsImport(await deps.openHistory(), events);
  const noun = (n: number) => (kind === "visit" ? `${n} visit${n === 1 ? "" : "s"}` : `${n} diary entr${n === 1 ? "y" : "ies"}`);
  const already = present > 0 ? `; ${noun(present)} already in your history, left as ${present === 1 ? "it was" : "they were"}` : "";
  deps.stdout.write(`Imported ${noun(added)} from ${file}${already}.\n`);
  return 0;
}
