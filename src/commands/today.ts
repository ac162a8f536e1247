import type { Deps } from "../deps.js";
import { dayKey } from "../history/time.js";
import { loadProgramme } from "../programme/store.js";
import { buildToday, todayJson } from "../programme/today.js";
import { toJson } from "../text.js";
import { readAll } from "./programme.js";

/** `soothe today [--json]`: what the programme has due today and what is done, with today's doses. */
export async function today(opts: { json?: boolean }, deps: Deps): Promise<number> {
  const loaded = await loadProgramme(deps.paths);
  if (!loaded) {
    if (opts.json) deps.stdout.write("null\n");
    else deps.stdout.write("No programme is set. Set one with: soothe programme set <file>\n");
    return 0;
  }
  const result = buildToday(loaded.programme, loaded.routines, await readAll(deps), dayKey(deps.clock.wall()));
  if (opts.json) {
    deps.stdout.write(`${toJson(todayJson(result))}\n`);
    return 0;
  }
  const { renderToday } = await import("../ui/programme-view.js");
  deps.stdout.write(`${renderToday(result, deps.theme).join("\n")}\n`);
  return 0;
}
