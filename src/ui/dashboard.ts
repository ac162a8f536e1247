import { MEANINGFUL_NOTE, MEANINGFUL_RULE } from "../care/pain-change.js";
import { helpScore, type PainPoint, type Stats } from "../history/stats.js";
import { dayKey, dayNumber, dayOfNumber, formatDay as formatDayText, monthName, mondayOf } from "../time.js";
import { formatActive } from "../routine/duration.js";
import { cleanText, displayWidth, pad, truncate, wrap } from "../text.js";
import type { Theme } from "./theme.js";

/** What the dashboard shows. */
export interface DashboardData {
  stats: Stats;
  /** Active minutes on each local day, `YYYY-MM-DD`. */
  minutes: Map<string, number>;
  /** Pain before each session, oldest first. */
  pain: PainPoint[];
  now: Date;
  /** What the figures cover, for the title: `--since` and `--routine` as given. */
  since?: Date;
  routine?: string;
}

/** How to draw it. */
export interface DashboardStyle {
  theme: Theme;
  /** Only ASCII characters (TERM=dumb, or a locale that is not UTF-8). */
  ascii: boolean;
  /** Terminal columns; the dashboard never draws wider (80 when unknown). */
  width: number;
}

/** Weeks in the calendar heat map. */
export const HEAT_WEEKS = 12;

/** Minute thresholds of the heat map's shades: 0, then 1-4, 5-14, 15-29, 30 and more. */
const HEAT_STEPS = [1, 5, 15, 30] as const;

interface Glyphs {
  heat: [string, string, string, string, string];
  future: string;
  back: string;
  leg: string;
  both: string;
  link: string;
  axisY: string;
  axisPlain: string;
  corner: string;
  axisX: string;
  goalDone: string;
  goalLeft: string;
  dash: string;
  dot: string;
  /** Ends a name cut short. */
  ellipsis: string;
}

const UNICODE: Glyphs = {
  heat: ["·", "░", "▒", "▓", "█"],
  future: " ",
  back: "●",
  leg: "○",
  both: "◉",
  link: "·",
  axisY: "┤",
  axisPlain: "│",
  corner: "└",
  axisX: "─",
  goalDone: "■",
  goalLeft: "□",
  dash: "–",
  dot: "·",
  ellipsis: "…",
};

const ASCII: Glyphs = {
  heat: [".", "-", "+", "*", "#"],
  future: " ",
  back: "B",
  leg: "L",
  both: "X",
  link: ".",
  axisY: "|",
  axisPlain: "|",
  corner: "+",
  axisX: "-",
  goalDone: "#",
  goalLeft: ".",
  dash: "-",
  dot: "-",
  ellipsis: "...",
};

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/**
 * The `soothe stats` dashboard: the figures, a heat map of the last 12 weeks beside a chart of pain over time
 * (one under the other on a narrow terminal), and what helps, routine by routine. Pure; never wider than
 * `style.width`, and readable without colour: shades and series differ by character, not only by colour.
 */
export function renderDashboard(data: DashboardData, style: DashboardStyle): string[] {
  const width = Math.max(40, Math.min(style.width, 120));
  const g = style.ascii ? ASCII : UNICODE;
  const t = style.theme;
  const lines: string[] = [];
  lines.push(...renderFigures(data, g, t, width));
  lines.push("");
  const heat = renderHeatMap(data.minutes, data.now, g, t);
  const besideWidth = width - blockWidth(heat) - 3;
  if (besideWidth >= 36) {
    lines.push(...beside(heat, renderPainChart(data.pain, data.now, besideWidth, g, t), 3));
  } else {
    lines.push(...heat, "", ...renderPainChart(data.pain, data.now, Math.min(width, 60), g, t));
  }
  lines.push("");
  lines.push(...renderRoutineTable(data.stats, width, g, t));
  return lines.map((line) => line.replace(/\s+$/, ""));
}

// ---------------------------------------------------------------------------------------------------------------
// Figures

function renderFigures(data: DashboardData, g: Glyphs, t: Theme, width: number): string[] {
  const { stats } = data;
  const scope = [
    data.routine !== undefined ? `routine ${cleanText(data.routine)}` : "all routines",
    data.since !== undefined ? `since ${formatDay(dayKey(data.since), data.now)}` : "all time",
  ].join(", ");
  const lines = [t.bold(`Your practice`) + t.dim(` (${scope})`)];
  lines.push(
    `Sessions ${t.bold(String(stats.sessions))}, completed ${t.bold(String(stats.completed))}, ` +
      `active ${t.bold(formatActive(stats.active_s))}, ${t.bold(formatNumber(stats.per_week))} a week on average`,
  );
  lines.push(
    `Streak ${t.bold(plural(stats.streak.current, "day"))} ${g.dot} longest ${plural(stats.streak.longest, "day")}` +
      `    This week ${t.bold(`${stats.week.sessions} of ${stats.week.goal}`)} ${goalBar(stats.week, g, t)}`,
  );
  const p = stats.pain;
  if (p.sessions === 0) {
    lines.push(t.dim("Pain: no session with a check-in before and after yet."));
  } else {
    lines.push(
      `Pain change (after minus before): back ${t.bold(signed(p.avg_back_change, g))}, ` +
        `leg ${t.bold(signed(p.avg_leg_change, g))} over ${plural(p.sessions, "session")}`,
    );
    const share = p.meaningful_share === null ? "" : ` (${Math.round(p.meaningful_share * 100)} %)`;
    const spread = p.spread_known > 0 ? ` ${g.dot} pain spread after ${p.spread} of ${p.spread_known}` : "";
    lines.push(`Meaningful drop in ${t.bold(String(p.meaningful))} of ${p.sessions}${share}${spread}`);
    lines.push(t.dim(MEANINGFUL_NOTE));
  }
  return lines.flatMap((line) => wrap(line, width, { ellipsis: g.ellipsis }));
}

function goalBar(week: Stats["week"], g: Glyphs, t: Theme): string {
  const done = Math.min(week.sessions, week.goal);
  const extra = week.sessions > week.goal ? ` +${week.sessions - week.goal}` : "";
  return t.green(g.goalDone.repeat(done)) + t.dim(g.goalLeft.repeat(week.goal - done)) + extra;
}

// ---------------------------------------------------------------------------------------------------------------
// Heat map

/** The last 12 weeks, a row a weekday and a column a week (Monday on top), shaded by minutes. */
export function renderHeatMap(minutes: Map<string, number>, now: Date, g: Glyphs = UNICODE, t?: Theme): string[] {
  const today = dayNumber(dayKey(now));
  const first = dayNumber(mondayOf(dayKey(now))) - 7 * (HEAT_WEEKS - 1);
  const label = "    ";
  // Month names over the first week that starts in a new month, when there is room for them.
  let months = label;
  let lastMonth = -1;
  for (let c = 0; c < HEAT_WEEKS; c++) {
    const month = Number(dayOfNumber(first + 7 * c).slice(5, 7)) - 1;
    const at = label.length + 2 * c;
    if (month !== lastMonth && months.length <= at) {
      months = months.padEnd(at) + monthName(month + 1);
      lastMonth = month;
    }
  }
  const rows = WEEKDAYS.map((name, r) => {
    let row = `${name} `;
    for (let c = 0; c < HEAT_WEEKS; c++) {
      const day = first + 7 * c + r;
      if (day > today) {
        row += `${g.future} `;
        continue;
      }
      const level = heatLevel(minutes.get(dayOfNumber(day)) ?? 0);
      const cell = g.heat[level]!;
      row += `${t ? (level === 0 ? t.dim(cell) : t.green(cell)) : cell} `;
    }
    return row;
  });
  const legend = HEAT_STEPS.map((from, i) => {
    const to = HEAT_STEPS[i + 1];
    return `${g.heat[i + 1]} ${to === undefined ? `${from}+` : `${from}-${to - 1}`}`;
  });
  const title = `Last ${HEAT_WEEKS} weeks, minutes a day`;
  return [t ? t.bold(title) : title, months, ...rows, `${g.heat[0]} 0 ${legend.join(" ")}`];
}

/** Shade for a day's minutes: 0 for none, then one step per threshold. */
export function heatLevel(minutes: number): 0 | 1 | 2 | 3 | 4 {
  if (minutes <= 0) return 0;
  let level = 1;
  for (let i = 1; i < HEAT_STEPS.length; i++) if (minutes >= HEAT_STEPS[i]!) level = i + 1;
  return level as 1 | 2 | 3 | 4;
}

// ---------------------------------------------------------------------------------------------------------------
// Pain chart

/** A row a point of the 0-10 scale: with fewer, every odd value would fall between two rows. */
const CHART_ROWS = 11;

/**
 * Back and leg pain before each session over time, in `width` columns: a row for each level from 10 down to 0
 * (every other one labelled); a column spans a
 * stretch of days (readings that share one are averaged); dots link the readings of a series.
 */
export function renderPainChart(points: readonly PainPoint[], now: Date, width: number, g: Glyphs = UNICODE, t?: Theme): string[] {
  const title = "Pain before each session, 0-10";
  const head = t ? t.bold(title) : title;
  if (points.length === 0) {
    const none = ["No pain check-ins yet: soothe run asks how", "your back and leg feel before and after."];
    return [head, "", ...(none.every((line) => displayWidth(line) <= width) ? none : wrap(none.join(" "), width, { ellipsis: g.ellipsis }))];
  }
  const plotWidth = Math.max(10, width - 4);
  const firstDay = dayNumber(points[0]!.day);
  const span = dayNumber(dayKey(now)) - firstDay;
  const column = (day: string) => (span <= 0 ? 0 : Math.round(((dayNumber(day) - firstDay) / span) * (plotWidth - 1)));

  const grid: string[][] = Array.from({ length: CHART_ROWS }, () => Array<string>(plotWidth).fill(" "));
  const series = (area: "back" | "leg") => {
    const sums = new Map<number, { sum: number; n: number }>();
    for (const p of points) {
      const v = p[area];
      if (v === null) continue;
      const c = Math.min(plotWidth - 1, Math.max(0, column(p.day)));
      const cell = sums.get(c) ?? { sum: 0, n: 0 };
      cell.sum += v;
      cell.n++;
      sums.set(c, cell);
    }
    return [...sums.entries()].sort((a, b) => a[0] - b[0]).map(([c, { sum, n }]) => ({ c, row: rowOf(sum / n) }));
  };
  const back = series("back");
  const leg = series("leg");
  // Links first, so that readings drawn after them win.
  for (const s of [back, leg]) {
    for (let i = 1; i < s.length; i++) {
      const a = s[i - 1]!;
      const b = s[i]!;
      for (let c = a.c + 1; c < b.c; c++) {
        const row = Math.round(a.row + ((b.row - a.row) * (c - a.c)) / (b.c - a.c));
        if (grid[row]![c] === " ") grid[row]![c] = "link";
      }
    }
  }
  for (const { c, row } of back) grid[row]![c] = "back";
  for (const { c, row } of leg) grid[row]![c] = grid[row]![c] === "back" ? "both" : "leg";

  const paint = (cell: string) => {
    switch (cell) {
      case "back":
        return t ? t.cyan(g.back) : g.back;
      case "leg":
        return t ? t.magenta(g.leg) : g.leg;
      case "both":
        return t ? t.bold(g.both) : g.both;
      case "link":
        return t ? t.dim(g.link) : g.link;
      default:
        return cell;
    }
  };
  const lines = [head];
  grid.forEach((cells, r) => {
    const value = 10 - r;
    const label = value % 2 === 0 ? `${String(value).padStart(2)} ${g.axisY}` : `   ${g.axisPlain}`;
    lines.push(`${label}${cells.map(paint).join("")}`);
  });
  lines.push(`   ${g.corner}${g.axisX.repeat(plotWidth)}`);
  const left = formatDay(dayOfNumber(firstDay), now);
  const right = span > 0 ? formatDay(dayKey(now), now) : "";
  lines.push(`    ${left}${right.padStart(Math.max(1, plotWidth - left.length))}`);
  const legend = `    ${g.back} back  ${g.leg} leg  ${g.both} both`;
  lines.push(t ? t.dim(legend) : legend);
  return lines;
}

/** Row of a value on the 0-10 scale, 0 at the top (10). */
function rowOf(value: number): number {
  const clamped = Math.min(10, Math.max(0, value));
  return Math.min(CHART_ROWS - 1, Math.max(0, Math.round(10 - clamped)));
}

// ---------------------------------------------------------------------------------------------------------------
// Routine table

/** What helps: a row a routine, best first, with the changes in back and leg pain (after minus before). */
export function renderRoutineTable(stats: Stats, width: number, g: Glyphs = UNICODE, t?: Theme): string[] {
  const title = "What helps: pain change after each routine";
  const head = t ? t.bold(truncate(title, width, g.ellipsis)) : truncate(title, width, g.ellipsis);
  if (stats.routines.length === 0) return [head, "No sessions."];
  const rows = stats.routines.map((r) => [
    cleanText(r.name).trim() || cleanText(r.id),
    String(r.sessions),
    String(r.completed),
    signed(r.avg_back_change, g),
    signed(r.avg_leg_change, g),
    r.pain_sessions > 0 ? `${r.meaningful}/${r.pain_sessions}` : g.dash,
    r.spread_known > 0 ? `${r.spread}/${r.spread_known}` : g.dash,
  ]);
  const layout = (headers: readonly string[], gap: number) => {
    const numberWidths = headers.slice(1).map((h, i) => Math.max(h.length, ...rows.map((row) => displayWidth(row[i + 1]!))));
    const fixed = numberWidths.reduce((a, b) => a + b, 0) + gap * (headers.length - 1);
    const longest = Math.max(headers[0]!.length, ...rows.map((row) => displayWidth(row[0]!)));
    return { headers, gap, numberWidths, nameWidth: Math.min(longest, width - fixed) };
  };
  // Short headers and narrower gaps when the full ones leave too little room for the names.
  let chosen = layout(["Routine", "Sessions", "Done", "Back", "Leg", "Meaningful", "Spread"], 2);
  if (chosen.nameWidth < 12) chosen = layout(["Routine", "N", "Done", "Back", "Leg", "Drop", "Spr"], 1);
  const { headers, gap, numberWidths } = chosen;
  const nameWidth = Math.max(6, chosen.nameWidth);
  const widths = [nameWidth, ...numberWidths];
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === 0 ? pad(truncate(cell, nameWidth, g.ellipsis), nameWidth) : pad(cell, widths[i]!, "right")))
      .join(" ".repeat(gap));
  const lines = [head, t ? t.dim(line(headers)) : line(headers)];
  rows.forEach((row, i) => {
    const text = line(row);
    // Routines without pain data are listed, but faintly: they cannot be ranked.
    lines.push(t && helpScore(stats.routines[i]!) === null ? t.dim(text) : text);
  });
  const notes =
    gap === 2
      ? ["Back, Leg: average of after minus before; lower is better.", `Meaningful: drops of ${MEANINGFUL_RULE}, of sessions with both check-ins.`]
      : ["N: sessions. Back, Leg: average of after minus before; lower is better.", `Drop: meaningful drops (${MEANINGFUL_RULE}) of sessions with both check-ins. Spr: pain spread.`];
  for (const note of notes) for (const part of wrap(note, width, { ellipsis: g.ellipsis })) lines.push(t ? t.dim(part) : part);
  return lines;
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers

/** Puts two blocks side by side, `gap` spaces apart; the left one padded to its widest line. */
export function beside(left: string[], right: string[], gap: number): string[] {
  const w = blockWidth(left);
  const rows = Math.max(left.length, right.length);
  return Array.from({ length: rows }, (_, i) => `${pad(left[i] ?? "", w)}${" ".repeat(gap)}${right[i] ?? ""}`);
}

function blockWidth(lines: string[]): number {
  return Math.max(0, ...lines.map(displayWidth));
}

/** "-1.4", "+0.5", "0", or a dash when there is no value. */
export function signed(value: number | null, g: Pick<Glyphs, "dash"> = UNICODE): string {
  if (value === null) return g.dash;
  if (value === 0) return "0";
  return `${value > 0 ? "+" : "-"}${formatNumber(Math.abs(value))}`;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** "2 Sep" for a day `YYYY-MM-DD`, with the year when it is not `now`'s. */
export function formatDay(day: string, now: Date): string {
  return formatDayText(day, now);
}
