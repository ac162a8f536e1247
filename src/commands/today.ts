import type { Deps } from "../deps.js";
import { dayKey } from "../time.js";
import { loadProgramme } from "../programme/store.js";
import { buildToday, nextDue, remindPlan, todayJson } from "../programme/today.js";
import { UserError } from "../errors.js";
import { toJson } from "../text.js";
import { programmeIfReadable, readAll } from "./programme.js";

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

/**
 * For the home menu: when a programme is set, prints today's lines and returns the routine to run next (null when
 * all is done); null with nothing printed when none is set.
 */
export async function todayForHome(deps: Deps): Promise<{ next: string | null } | null> {
  const loaded = await programmeIfReadable(deps);
  if (!loaded) return null;
  const result = buildToday(loaded.programme, loaded.routines, await readAll(deps), dayKey(deps.clock.wall()));
  const { renderToday } = await import("../ui/programme-view.js");
  deps.stdout.write(`${renderToday(result, deps.theme).join("\n")}\n\n`);
  return { next: nextDue(result) };
}

/** `remind --programme`: the routine due next, how many reminders are left today and how far apart. */
export async function remindFromProgramme(deps: Deps): Promise<{ routine: string; times: number; interval_s: number }> {
  const loaded = await loadProgramme(deps.paths);
  if (!loaded) throw new UserError("no programme is set, so there is nothing to follow; set one with: soothe programme set <file>");
  const now = deps.clock.wall();
  const plan = remindPlan(buildToday(loaded.programme, loaded.routines, await readAll(deps), dayKey(now)), now);
  if (!plan) throw new UserError("everything your programme has due today is done (soothe today shows it); nothing to remind you of");
  return plan;
}
