import { randomUUID } from "node:crypto";
import type { Deps } from "../deps.js";
import { asciiOnly } from "../env.js";
import { UsageError, UserError } from "../errors.js";
import { parseSince } from "../history/query.js";
import { completeVisit, readVisitOptions, type VisitAddOptions } from "../history/record-options.js";
import { recordsSince } from "../history/records.js";
import { dayKey, localIso } from "../time.js";
import type { VisitEvent } from "../history/types.js";
import { quote, toJson } from "../text.js";

export type { VisitAddOptions };

/** Options of `visit list`. */
export interface VisitListOptions {
  json?: boolean;
  since?: string;
}

/**
 * `soothe visit add`: records a session with a professional. Options first; on a terminal, a question for each
 * field they did not give (each skippable); through a pipe, the options alone.
 */
export async function visitAdd(opts: VisitAddOptions, deps: Deps): Promise<number> {
  const now = deps.clock.wall();
  let draft = readVisitOptions(opts, now);
  if (deps.stdin.isTTY && deps.stdout.isTTY) {
    const { askVisit } = await import("../ui/record-questions.js");
    draft = await askVisit(draft, deps.prompts, now);
  }
  const visit = completeVisit(draft, randomUUID(), now);
  const store = await deps.openHistory();
  const { id, ...fields } = visit;
  const event: VisitEvent = { v: 1, type: "visit", id, at: localIso(now), ...fields };
  store.appendRecord(event);
  const { visitSavedLine } = await import("../ui/visit-view.js");
  deps.stdout.write(`${visitSavedLine(visit, asciiOnly(deps.env))}\n`);
  return 0;
}

/** `soothe visit list`: visits, newest first; `--json` prints exactly the documented array. */
export async function visitList(opts: VisitListOptions, deps: Deps): Promise<number> {
  const now = deps.clock.wall();
  const since = opts.since === undefined ? undefined : dayKey(parseSince(opts.since, now));
  const visits = recordsSince((await readRecords(deps)).visits, since);
  if (opts.json) {
    deps.stdout.write(`${toJson(visits)}\n`);
    return 0;
  }
  if (visits.length === 0) {
    deps.stdout.write(since === undefined ? "No visits yet. Record one with: soothe visit add\n" : "No visits match.\n");
    return 0;
  }
  const { renderVisitTable } = await import("../ui/visit-view.js");
  deps.stdout.write(`${renderVisitTable(visits, deps.theme, asciiOnly(deps.env)).join("\n")}\n`);
  return 0;
}

/** `soothe visit rm <id>`: hides a visit by a `visit-removed` event; the log keeps every line it had. */
export async function visitRm(ref: string, _opts: unknown, deps: Deps): Promise<number> {
  const wanted = ref.trim().toLowerCase();
  if (wanted.length < 4) throw new UsageError(`give at least 4 characters of the visit's id (see soothe visit list); got ${quote(ref)}`);
  const { visits } = await readRecords(deps);
  const matches = visits.filter((v) => v.id.toLowerCase().startsWith(wanted));
  if (matches.length === 0) throw new UserError(`no visit has an id starting with ${quote(ref)}; see the ids with: soothe visit list`);
  if (matches.length > 1) throw new UsageError(`${matches.length} visits have ids starting with ${quote(ref)}; give more of the id`);
  const visit = matches[0]!;
  const store = await deps.openHistory();
  store.appendRecord({ v: 1, type: "visit-removed", id: visit.id, at: localIso(deps.clock.wall()) });
  const { longDay } = await import("../ui/report-text.js");
  const { visitWho } = await import("../ui/visit-view.js");
  deps.stdout.write(`Removed the visit of ${longDay(visit.date)}, ${visitWho(visit)}.\n`);
  return 0;
}

async function readRecords(deps: Deps) {
  const store = await deps.openHistory();
  const records = await store.readRecords();
  for (const warning of records.warnings) deps.stderr.write(`${deps.errTheme.yellow("soothe: warning:")} ${warning}\n`);
  return records;
}
