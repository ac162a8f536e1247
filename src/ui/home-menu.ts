// The pieces of the home menu that draw and ask: routine choices, a routine's actions, paged screens and the last
// session. commands/home.ts only says what each entry does.
import { Writable } from "node:stream";
import { avoidIfSummary } from "../care/avoid-if.js";
import type { Deps, Output } from "../deps.js";
import type { RoutineEntry } from "../routine/catalog.js";
import { formatDuration } from "../routine/duration.js";
import type { Session } from "../history/types.js";
import { formatDateTime } from "../time.js";
import { cleanText, displayWidth, pad, truncate } from "../text.js";
import type { Theme } from "./theme.js";

/** The value of every "Back" choice; Esc answers it too. */
export const BACK = "\u0000back";

/** A choice of a select prompt. */
export interface Choice<T = string> {
  value: T;
  name: string;
  description?: string;
}

/** Lines a select prompt may show at once: the terminal's height less the question, the description and the hint. */
export function pageSize(deps: Pick<Deps, "stdout">): number {
  return Math.max(5, (deps.stdout.rows ?? 24) - 4);
}

/** Asks with a "Back" choice at the end, which Esc also picks; the list is as tall as the terminal allows. */
export async function ask<T extends string>(deps: Deps, message: string, choices: Choice<T>[], back = "Back"): Promise<T | typeof BACK> {
  return deps.prompts.select<T | typeof BACK>({
    message,
    choices: [...choices, { value: BACK, name: back }],
    back: BACK,
    pageSize: pageSize(deps),
  });
}

/**
 * One choice a routine: names padded to one width so that the times line up, the total time as `list` shows it,
 * and, for routines that share a name, the id and where each comes from, so that they can be told apart. The
 * description stays on one line of the terminal (one that wraps would break a word at its edge).
 */
export function routineChoices(entries: readonly RoutineEntry[], columns: number, theme: Theme): Choice[] {
  const titles = entries.map((e) => truncate(cleanText(e.name).trim() || e.id, 48));
  const titleWidth = Math.max(...titles.map(displayWidth));
  const count = new Map<string, number>();
  for (const t of titles) count.set(t, (count.get(t) ?? 0) + 1);
  return entries.map((e, i) => {
    const shared = (count.get(titles[i]!) ?? 0) > 1;
    const where = shared ? theme.dim(`  ${cleanText(e.id)}, ${e.source === "user" ? "yours" : "built-in"}`) : "";
    const name = `${pad(titles[i]!, titleWidth)}  ${theme.dim(pad(formatDuration(e.total_s), 7, "right"))}${where}`;
    // When not to do the routine comes first, so that it is the part never cut off.
    const preview = [avoidIfSummary(e), e.description].filter(Boolean).join(" ");
    const description = truncate(cleanText(preview).trim(), Math.min(100, columns - 1));
    return description ? { value: e.id, name, description } : { value: e.id, name };
  });
}

/** What can be done with one routine; removing is offered for the user's own routines only. */
export type RoutineAction = "run" | "show" | "edit" | "copy" | "rm";

/** The actions of a routine, as choices. */
export function routineActions(entry: Pick<RoutineEntry, "source">): Choice<RoutineAction>[] {
  const actions: Choice<RoutineAction>[] = [
    { value: "run", name: "Run it" },
    { value: "show", name: "Show its plan" },
    {
      value: "edit",
      name: "Edit it",
      description: entry.source === "user" ? "in your editor" : "a copy in your folder, in your editor",
    },
    { value: "copy", name: "Copy it", description: "to a new id in your folder" },
  ];
  if (entry.source === "user") actions.push({ value: "rm", name: "Remove it", description: "from your folder" });
  return actions;
}

/** An output that keeps what is written, with the terminal's width, so that a screen can be paged. */
export function captureOutput(like: Output): Output & { text(): string } {
  let text = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  }) as unknown as Output & { text(): string };
  stream.isTTY = like.isTTY;
  stream.columns = like.columns;
  stream.rows = like.rows;
  stream.text = () => text;
  return stream;
}

/**
 * Shows `text` a screen at a time: what fits is written, then "Next page" or "Back" (Esc) is asked until the end or
 * until Back. Text that fits the terminal is written whole, with nothing asked.
 */
export async function showPaged(deps: Deps, text: string): Promise<void> {
  const lines = text.replace(/\n$/, "").split("\n");
  const room = Math.max(5, (deps.stdout.rows ?? 24) - 3);
  if (lines.length <= room) {
    deps.stdout.write(`${lines.join("\n")}\n`);
    return;
  }
  const pages = Math.ceil(lines.length / room);
  for (let page = 0; page < pages; page++) {
    deps.stdout.write(`${lines.slice(page * room, (page + 1) * room).join("\n")}\n`);
    if (page === pages - 1) return;
    const next = await deps.prompts.select<string>({
      message: `Page ${page + 1} of ${pages}`,
      choices: [
        { value: "next", name: "Next page" },
        { value: BACK, name: "Back to the menu" },
      ],
      back: BACK,
    });
    if (next === BACK) return;
  }
}

/** The last session in a few lines: when, which routine, how it ended, time, steps, pain and note. */
export function lastSessionLines(session: Session, now: Date, theme: Theme): string[] {
  const done = session.segments.filter((s) => s.outcome === "done").length;
  const skipped = session.segments.filter((s) => s.outcome === "skipped").length;
  const pain = (p: Session["pain_before"]) => (p ? `back ${p.back ?? "–"}, leg ${p.leg ?? "–"}` : "–");
  const lines = [
    theme.bold(`Last session: ${cleanText(session.routine.name).trim() || cleanText(session.routine.id)}`),
    `${formatDateTime(session.started_at, now)}, ${session.status}`,
    `Active ${formatDuration(session.active_s)} · steps ${done} done, ${skipped} skipped`,
  ];
  if (session.pain_before || session.pain_after) lines.push(`Pain before ${pain(session.pain_before)} · after ${pain(session.pain_after)}`);
  if (session.note) lines.push(`Note: ${cleanText(session.note)}`);
  return lines;
}
