import { mostlyDone } from "../care/effort.js";
import { isPackKind, packLimitWords } from "../care/heat-cold.js";
import type { Outcome, SegmentRecord } from "../history/types.js";
import { formatClock, formatDuration } from "../routine/duration.js";
import type { Segment } from "../routine/types.js";
import {
  GET_READY,
  HALFWAY,
  HURT_LAST_TIME,
  LAST_ONE,
  SWITCH_SIDES,
  breathLabel,
  checkPhrase,
  kindLabel,
  nextPhrase,
  noteReason,
  repLabel,
  segmentName,
  setLabel,
  sideLabel,
} from "../session/cues.js";
import type { EngineSnapshot } from "../session/engine.js";
import { cleanText, displayWidth, truncate, wrap } from "../text.js";
import type { Theme } from "./theme.js";

/** How to draw: the terminal's size, colours, and whether only ASCII is safe. */
export interface RenderOptions {
  columns: number;
  rows: number;
  theme: Theme;
  ascii: boolean;
  /** Remarks about the plan (e.g. no affected side set), shown while getting ready. */
  notes?: string[];
  /**
   * When not to do this routine (care/avoid-if: the heading, then "- sentence" lines), shown while getting ready:
   * printed before the run, it would be hidden by this screen at once.
   */
  avoidIf?: readonly string[];
  /** The person pressed `!` ("this hurts"): the run waits for skip, stop or carry on. */
  hurt?: boolean;
  /** Titles of the steps marked as hurting in the last session of this routine. */
  hurtLastTime?: readonly string[];
}

/** Cues, caution and bars keep to a readable column this wide at most. */
const TEXT_COLUMN = 64;
/** The header spans at most this many columns. */
const FRAME_COLUMNS = 100;

/** One line before styling: its plain text decides its width, `style` only adds colour. */
interface Line {
  text: string;
  style?: (s: string) => string;
  /** "column": left-aligned in the centred text column. */
  align?: "left" | "center" | "column";
  /** Pre-styled content whose plain width is `text`'s (for lines with several colours). */
  styled?: string;
}

/** The header and its rule: the first blocks of the top, kept on the first rows. */
const HEADER_BLOCKS = 2;

/** A group of lines that is kept or dropped whole when the screen is short; higher priority stays longer. */
interface Block {
  lines: Line[];
  priority: number;
  /** A smaller stand-in tried before dropping the block. */
  fallback?: Line[];
}

interface Glyphs {
  full: string;
  empty: string;
  thinFull: string;
  thinEmpty: string;
  bullet: string;
  dot: string;
  rule: string;
  block: string;
  caution: string;
  /** Ends text cut short. */
  ellipsis: string;
}

const UNICODE: Glyphs = {
  full: "━",
  empty: "─",
  thinFull: "▬",
  thinEmpty: "·",
  bullet: "•",
  dot: " · ",
  rule: "─",
  block: "█",
  caution: "▲",
  ellipsis: "…",
};
const ASCII: Glyphs = {
  full: "#",
  empty: "-",
  thinFull: "#",
  thinEmpty: "-",
  bullet: "-",
  dot: " - ",
  rule: "-",
  block: "#",
  caution: "!",
  ellipsis: "...",
};

/** What the parts of the screen share: the snapshot, the options, and the sizes worked out from them. */
interface Frame {
  s: EngineSnapshot;
  options: RenderOptions;
  theme: Theme;
  g: Glyphs;
  /** Columns inside the margins. */
  width: number;
  /** The readable text column. */
  column: number;
  /** In the lead-in and in a transition the screen is about the segment that is coming. */
  focus: Segment | null;
  manual: boolean;
  resting: boolean;
}

/**
 * The live screen for one moment of a session: exactly `rows` lines (fewer only when `rows` is tiny), none wider
 * than `columns`. Pure: the same snapshot and options give the same lines.
 */
export function renderScreen(snapshot: EngineSnapshot, options: RenderOptions): string[] {
  const columns = Math.max(1, Math.floor(options.columns));
  const rows = Math.max(1, Math.floor(options.rows));
  const margin = columns >= 60 ? 2 : 1;
  const width = Math.max(1, columns - 2 * margin);
  const s = snapshot;
  const f: Frame = {
    s,
    options,
    theme: options.theme,
    g: options.ascii ? ASCII : UNICODE,
    width,
    column: Math.min(width, TEXT_COLUMN),
    focus: s.phase === "segment" ? s.segment : s.next,
    manual: s.phase === "segment" && s.segment?.duration_s === null,
    resting: s.segment?.kind === "rest",
  };
  const top = [...headerBlocks(f), ...whatBlocks(f), ...statusBlocks(f), ...countdownBlocks(f), ...reminderBlocks(f)];
  const bottom = bottomBlocks(f);
  return layout(top, bottom, rows, columns, margin + Math.floor((width - f.column) / 2), width, f.g.ellipsis);
}

/** Header: routine name on the left; step and time left on the right; a rule under it. */
function headerBlocks({ s, g, theme, width }: Frame): Block[] {
  const left = cleanText(s.routine);
  const stepText = s.steps > 0 && s.step > 0 ? `Step ${Math.min(s.step, s.steps)} of ${s.steps}` : "";
  // The routine's own time, as list and show give it: the lead-in counts down on its own, not in "left".
  const leadIn = s.phase === "lead-in" ? (s.remaining_ms ?? 0) / 1000 : 0;
  const leftText = `${formatClock(Math.ceil(s.overall_remaining_s - leadIn))} left`;
  // On a very wide terminal the header keeps to a frame, so the eye does not travel from edge to edge.
  const frame = Math.min(width, FRAME_COLUMNS);
  const head = header(left, [stepText, leftText].filter(Boolean), frame, g, theme);
  return [
    { lines: [{ ...head, align: "center" }], priority: 100 },
    { lines: [{ text: g.rule.repeat(frame), style: theme.dim, align: "center" }], priority: 15 },
    { lines: [blank()], priority: 10 },
  ];
}

/** What is happening: kind, title, details. */
function whatBlocks({ s, g, theme, focus, resting }: Frame): Block[] {
  const blocks: Block[] = [];
  let heading: string;
  if (s.phase === "lead-in") heading = GET_READY;
  else if (s.phase === "transition") heading = s.switching_sides ? SWITCH_SIDES : GET_READY;
  else if (s.phase === "done") heading = "Done";
  else heading = kindLabel(s.segment?.kind ?? "rest");
  const headingStyle = s.phase !== "segment" ? theme.yellow.bold : resting ? theme.green.bold : theme.cyan.bold;
  blocks.push({ lines: [{ text: heading.toUpperCase(), style: headingStyle, align: "center" }], priority: 90 });

  const title = focus ? cleanText(focus.title) : "";
  const titleLine = s.phase === "segment" || !focus ? title : `${s.phase === "lead-in" ? "First" : "Next"}: ${title}`;
  if (titleLine) blocks.push({ lines: [{ text: titleLine, style: theme.bold, align: "center" }], priority: 98 });

  const details: string[] = [];
  if (focus?.side) details.push(sideLabel(focus.side));
  if (focus) {
    const set = setLabel(focus);
    if (set) details.push(set);
    const reps = repLabel(focus, s.phase === "segment" ? s.elapsed_s : null);
    if (reps) details.push(reps);
    if (s.phase === "segment") {
      const breath = breathLabel(focus, s.elapsed_s);
      if (breath) details.push(breath);
    }
  }
  if (details.length > 0) blocks.push({ lines: [{ text: details.join(g.dot), align: "center" }], priority: 85 });
  blocks.push({ lines: [blank()], priority: 11 });
  return blocks;
}

/** Paused, or the "this hurts" choice: said plainly, above the countdown. Its row is kept while running. */
function statusBlocks({ s, options, theme, g, width, column }: Frame): Block[] {
  const blocks: Block[] = [];
  if (options.hurt) {
    const what = s.phase === "segment" ? "this step" : "the next step";
    const choice = options.ascii
      ? `THIS HURTS - s skip ${what} - q stop - c carry on`
      : `THIS HURTS · s skip ${what} · q stop · c carry on`;
    const short = "THIS HURTS: s skip, q stop, c carry on";
    const text = displayWidth(choice) <= width ? choice : short;
    blocks.push({ lines: [{ text, style: theme.red.bold.inverse, align: "center" }], priority: 99 });
    // With a pack on, the first thing is to take it off; otherwise to come out of the position.
    const pack = s.phase === "segment" && isPackKind(s.segment?.kind ?? "");
    const first = pack ? "Paused. Take the pack off now, then choose." : "Paused. Ease out of the position slowly, then choose.";
    const calm = `${first} s skips the whole step: all its sides and sets.`;
    blocks.push({ lines: wrapLines(calm, column, theme.bold, "", "", g.ellipsis).map((l) => ({ ...l, align: "center" })), priority: 93 });
  } else if (s.paused) {
    const text = options.ascii ? "PAUSED - press space to go on" : "PAUSED · press space to go on";
    blocks.push({ lines: [{ text, style: theme.yellow.bold.inverse, align: "center" }], priority: 99 });
  } else {
    blocks.push({ lines: [blank()], priority: 12 });
  }
  blocks.push({ lines: [blank()], priority: 12 });
  return blocks;
}

/** The countdown (or, on a manual step, the time taken so far), large, and the segment's progress. */
function countdownBlocks({ s, theme, g, width, column, manual, resting }: Frame): Block[] {
  const blocks: Block[] = [];
  // Time taken on a manual step always shows minutes ("0:42"), so it never reads as a countdown.
  const clock = manual ? formatClock(Math.floor(s.manual_elapsed_s ?? 0)) : countdownText(s.remaining_s ?? 0);
  const digitStyle = s.paused ? theme.dim : s.phase !== "segment" ? theme.yellow : resting ? theme.green : theme.cyan;
  const big = bigText(clock, width, g.block);
  const small: Line[] = [{ text: clock, style: digitStyle.bold, align: "center" }];
  blocks.push({
    lines: big ? big.map((text) => ({ text, style: digitStyle, align: "center" as const })) : small,
    fallback: small,
    priority: 80,
  });
  if (manual) {
    const hint = s.input ? "Take your time. Press Enter when you are done." : "Take your time.";
    blocks.push({ lines: [{ text: hint, style: theme.bold, align: "center" }], priority: 96 });
  }
  blocks.push({ lines: [blank()], priority: 13 });
  if (!manual && s.phase_s !== null && s.phase_s > 0) {
    const fraction = s.elapsed_s / s.phase_s;
    const bar = barLine(fraction, column, g.full, g.empty, s.paused ? theme.dim : digitStyle, theme.dim);
    blocks.push({ lines: [bar], priority: 60 }, { lines: [blank()], priority: 14 });
  }
  return blocks;
}

/** Reminders, cues and caution, in a readable column. */
function reminderBlocks({ s, options, theme, g, column, focus }: Frame): Block[] {
  const blocks: Block[] = [];
  const segment = s.segment;
  if (s.check_due && segment) {
    blocks.push({ lines: wrapLines(checkPhrase(segment.kind), column, theme.yellow.bold, "", "", g.ellipsis), priority: 94 });
  }
  if (s.limited && isPackKind(s.limited.kind)) {
    const text = packLimitWords(s.limited.kind, s.limited.reason);
    blocks.push({ lines: wrapLines(text, column, theme.yellow.bold, "", "", g.ellipsis), priority: 95 });
  }
  if (focus && options.hurtLastTime?.includes(focus.title) && !options.hurt) {
    blocks.push({ lines: wrapLines(HURT_LAST_TIME, column, theme.yellow.bold, "", "", g.ellipsis), priority: 92 });
  }
  if (s.phase === "segment" && s.halfway && segment?.halfway) {
    const text = `${HALFWAY}. ${cleanText(segment.halfway)}`;
    blocks.push({ lines: wrapLines(text, column, theme.italic, "", "", g.ellipsis), priority: 55 });
  }
  if (s.phase === "lead-in" && options.avoidIf && options.avoidIf.length > 0) {
    const lines = options.avoidIf.flatMap((line, i) =>
      i === 0
        ? wrapLines(cleanText(line), column, theme.yellow.bold, "", "", g.ellipsis)
        : wrapLines(cleanText(line.slice(2)), column, theme.yellow, "- ", "  ", g.ellipsis),
    );
    blocks.push({ lines: [...lines, blank()], priority: 75 });
  }
  if (s.phase === "lead-in" && options.notes) {
    for (const note of options.notes) {
      blocks.push({ lines: wrapLines(cleanText(note), column, theme.dim, "", "", g.ellipsis), priority: 45 });
    }
  }
  if (focus) {
    focus.cues.forEach((cue, i) => {
      const lines = wrapLines(cleanText(cue), column, undefined, `${g.bullet} `, "  ", g.ellipsis);
      blocks.push({ lines, priority: 40 - i });
    });
    if (focus.caution) {
      const mark = `${g.caution} Caution: `;
      const lines = wrapLines(cleanText(focus.caution), column, theme.yellow, mark, " ".repeat(displayWidth(mark)), g.ellipsis);
      blocks.push({ lines: [blank(), ...lines], priority: 70 });
    }
  }
  return blocks;
}

/** Bottom: what comes next, the routine's progress, the keys. */
function bottomBlocks({ s, options, theme, g, width, column, manual }: Frame): Block[] {
  const blocks: Block[] = [];
  if (s.phase === "segment") {
    const text = s.next ? nextPhrase(s.next, cleanText(s.next.title)) : LAST_ONE;
    blocks.push({ lines: [{ text, style: theme.dim.bold, align: "center" }], priority: 75 });
    blocks.push({ lines: [blank()], priority: 16 });
  }
  const overall = s.overall_total_s > 0 ? 1 - s.overall_remaining_s / s.overall_total_s : 1;
  blocks.push({ lines: [barLine(overall, column, g.thinFull, g.thinEmpty, theme.dim, theme.dim, "Routine ")], priority: 30 });
  const hints = options.hurt ? hurtHints(s, width, g, theme) : keyHints(s, manual, width, g, theme);
  blocks.push({ lines: [hints], priority: 97 });
  return blocks;
}

/** Lines for the end of a session. */
export interface SummaryOptions {
  theme: Theme;
  columns: number;
  ascii: boolean;
  routine: string;
  /**
   * The plan's time in steps and rests (routine/times.ts: its total without transitions or the lead-in, which time
   * done does not count either), for "Time in steps and rests: 5m2s of 5m2s".
   */
  planned_s: number;
}

/** The end of a session: how it ended, time done, segments done and skipped. */
export function renderSummary(
  records: readonly SegmentRecord[],
  status: "completed" | "stopped",
  options: SummaryOptions,
): string[] {
  const { theme } = options;
  const width = Math.max(1, options.columns);
  const dot = options.ascii ? " - " : " · ";
  const cut = (text: string) => truncate(text, width, options.ascii ? "..." : "…");
  const active = records.reduce((sum, r) => sum + r.active_s, 0);
  const count = (outcome: Outcome) => records.filter((r) => r.outcome === outcome).length;
  const routine = cleanText(options.routine);
  const lines: string[] = [];
  // "Complete" only for a run that did most of its exercise (care/effort), not one that skipped its way to the end.
  const title =
    status === "stopped"
      ? `Stopped: ${routine}.`
      : mostlyDone(records)
        ? `Well done: ${routine} complete.`
        : `Reached the end of ${routine}, with most of it skipped.`;
  lines.push(theme.bold(cut(title)));
  lines.push(cut(`Time in steps and rests: ${formatDuration(active)} of ${formatDuration(options.planned_s)}`));
  lines.push(theme.dim(cut("Not counted: transitions, the lead-in.")));
  const parts = [`${count("done")} done`, `${count("skipped")} skipped`];
  if (count("stopped") > 0) parts.push(`${count("stopped")} stopped`);
  lines.push(cut(`Segments: ${parts.join(dot)}`));
  const skipped = records.filter((r) => r.outcome === "skipped");
  for (const r of skipped.slice(0, 5)) {
    const name = segmentName(r, cleanText(r.title), false, noteReason(r.note));
    lines.push(theme.dim(cut(`  Skipped: ${name}`)));
  }
  if (skipped.length > 5) lines.push(theme.dim(cut(`  and ${skipped.length - 5} more skipped`)));
  const hurt = records.filter((r) => r.hurt === true);
  if (hurt.length > 0) {
    const them = hurt.length === 1 ? "it" : "them";
    const count = hurt.length === 1 ? "1 step" : `${hurt.length} steps`;
    lines.push(cut(`You marked ${count} as hurting: go easier on ${them} next time, or leave ${them} out.`));
    for (const r of hurt.slice(0, 5)) {
      lines.push(theme.dim(cut(`  Hurt: ${segmentName(r, cleanText(r.title), false)}`)));
    }
    if (hurt.length > 5) lines.push(theme.dim(cut(`  and ${hurt.length - 5} more`)));
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------------------------
// Layout helpers

function blank(): Line {
  return { text: "" };
}

/** Drops the least important blocks until everything fits in `rows`, then pins `bottom` to the last rows. */
function layout(
  top: Block[],
  bottom: Block[],
  rows: number,
  columns: number,
  indent: number,
  width: number,
  ellipsis: string,
): string[] {
  const all = [...top, ...bottom];
  const height = () => all.reduce((sum, b) => sum + b.lines.length, 0);
  while (height() > rows) {
    const candidates = all.filter((b) => b.lines.length > 0).sort((a, b) => a.priority - b.priority);
    const least = candidates[0];
    if (!least) break;
    if (least.fallback && least.lines !== least.fallback) least.lines = least.fallback;
    else least.lines = [];
  }
  const margin = columns >= 60 ? 2 : 1;
  const draw = (line: Line) => drawLine(line, columns, margin, width, indent, ellipsis);
  // The header stays on the first rows; on a tall screen the body sits a third of the way down the free space.
  const fixed = top.slice(0, HEADER_BLOCKS).flatMap((b) => b.lines.map(draw));
  const body = top.slice(HEADER_BLOCKS).flatMap((b) => b.lines.map(draw));
  const foot = bottom.flatMap((b) => b.lines.map(draw));
  const fill = Math.max(0, rows - fixed.length - body.length - foot.length);
  const above = Math.floor(fill / 3);
  const blanks = (n: number) => Array.from({ length: n }, () => "");
  return [...fixed, ...blanks(above), ...body, ...blanks(fill - above), ...foot].slice(0, rows);
}

/** A line placed within the margins and cut to fit; never wider than `columns`. */
function drawLine(line: Line, columns: number, margin: number, width: number, columnIndent: number, ellipsis: string): string {
  if (line.text === "") return "";
  const room = Math.min(width, columns);
  const full = displayWidth(line.text);
  const cut = full > room;
  const text = cut ? truncate(line.text, room, ellipsis) : line.text;
  const styled = line.styled !== undefined && !cut ? line.styled : line.style ? line.style(text) : text;
  const used = cut ? displayWidth(text) : full;
  const indent =
    line.align === "center" ? margin + Math.floor((width - used) / 2) : line.align === "column" ? columnIndent : margin;
  return " ".repeat(Math.max(0, Math.min(indent, columns - used))) + styled;
}

/** Left text and right parts on one line: the name gives way first, then the right parts from the left. */
function header(name: string, right: string[], width: number, g: Glyphs, theme: Theme): Line {
  let parts = [...right];
  let rightText = parts.join(g.dot);
  while (parts.length > 1 && displayWidth(rightText) + 2 + Math.min(10, displayWidth(name)) > width) {
    parts = parts.slice(1);
    rightText = parts.join(g.dot);
  }
  const room = Math.max(0, width - displayWidth(rightText) - 2);
  const left = truncate(name, room, g.ellipsis);
  const gap = Math.max(1, width - displayWidth(left) - displayWidth(rightText));
  const text = left + " ".repeat(gap) + rightText;
  return { text, styled: theme.bold(left) + " ".repeat(gap) + theme.dim(rightText) };
}

/** Text wrapped at word boundaries to `width` columns, as lines of the column; `first` and `rest` as in `wrap`. */
function wrapLines(
  text: string,
  width: number,
  style: ((s: string) => string) | undefined,
  first: string,
  rest: string,
  ellipsis: string,
): Line[] {
  return wrap(text, width, { first, rest, ellipsis }).map((line) => ({ text: line, style, align: "column" as const }));
}

/** A progress bar `width` columns wide (with an optional label), centred. */
function barLine(
  fraction: number,
  width: number,
  full: string,
  empty: string,
  fullStyle: (s: string) => string,
  emptyStyle: (s: string) => string,
  label = "",
): Line {
  const room = Math.max(1, width - displayWidth(label));
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const done = Math.round(f * room);
  const text = label + full.repeat(done) + empty.repeat(room - done);
  return {
    text,
    align: "center",
    styled: emptyStyle(label) + fullStyle(full.repeat(done)) + emptyStyle(empty.repeat(room - done)),
  };
}

/** The keys that work now, as short as the width needs. */
function keyHints(s: EngineSnapshot, manual: boolean, width: number, g: Glyphs, theme: Theme): Line {
  const pause = s.paused ? "resume" : "pause";
  const full = [
    ...(manual && s.input ? ["enter done"] : []),
    `space ${pause}`,
    "s skip",
    "b back",
    ...(manual ? [] : ["+/- 10s"]),
    "h/! hurts",
    "q stop",
  ];
  const short = [
    ...(manual && s.input ? ["enter"] : []),
    `spc ${pause}`,
    "s skip",
    "b back",
    ...(manual ? [] : ["+/-"]),
    "h hurts",
    "q stop",
  ];
  const shortest = short.filter((k) => k !== "h hurts");
  const candidates = [full.join(g.dot), full.join("  "), short.join("  "), short.join(" "), shortest.join(" ")];
  const text = candidates.find((c) => displayWidth(c) <= width) ?? candidates[candidates.length - 1]!;
  return { text, style: theme.dim, align: "center" };
}

/** The keys while the run waits after `!`. */
function hurtHints(s: EngineSnapshot, width: number, g: Glyphs, theme: Theme): Line {
  const what = s.phase === "segment" ? "this step" : "the next step";
  const candidates = [
    [`s skip ${what}`, "q stop the routine", "c or enter carry on"].join(g.dot),
    ["s skip", "q stop", "c carry on"].join("  "),
  ];
  const text = candidates.find((c) => displayWidth(c) <= width) ?? candidates[candidates.length - 1]!;
  return { text, style: theme.bold, align: "center" };
}

// ---------------------------------------------------------------------------------------------------------------
// Large digits

/** 0:45 style below an hour, but plain seconds below a minute: what a person glances at from the floor. */
export function countdownText(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return s < 60 ? String(s) : formatClock(s);
}

// A 3x5 font; each cell is drawn two columns wide when there is room, so the digits read from across a room.
const FONT: Record<string, string[]> = {
  "0": ["###", "# #", "# #", "# #", "###"],
  "1": [" # ", "## ", " # ", " # ", "###"],
  "2": ["###", "  #", "###", "#  ", "###"],
  "3": ["###", "  #", " ##", "  #", "###"],
  "4": ["# #", "# #", "###", "  #", "  #"],
  "5": ["###", "#  ", "###", "  #", "###"],
  "6": ["###", "#  ", "###", "# #", "###"],
  "7": ["###", "  #", "  #", "  #", "  #"],
  "8": ["###", "# #", "###", "# #", "###"],
  "9": ["###", "# #", "###", "  #", "###"],
  ":": [" ", "#", " ", "#", " "],
};

/** Height of the large digits. */
export const BIG_ROWS = 5;

/** `text` (digits and colons) in large block characters, as wide as fits in `width`; null when even the narrow form does not. */
export function bigText(text: string, width: number, block: string): string[] | null {
  for (const scale of [2, 1]) {
    const chars = [...text].filter((ch) => FONT[ch] !== undefined);
    const rows: string[] = [];
    for (let r = 0; r < BIG_ROWS; r++) {
      let row = "";
      chars.forEach((ch, i) => {
        // Digits stand two columns apart at full size; a colon sits closer to its neighbours.
        if (i > 0) row += " ".repeat(scale === 2 && ch !== ":" && chars[i - 1] !== ":" ? 2 : 1);
        row += [...FONT[ch]![r]!].map((c) => (c === "#" ? block : " ").repeat(scale)).join("");
      });
      rows.push(row);
    }
    // Every row has the same width (trailing spaces kept), so the rows stay aligned when centred.
    if (displayWidth(rows[0]!) <= width) return rows;
  }
  return null;
}
