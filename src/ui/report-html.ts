import { MEANINGFUL_RULE } from "../care/pain-change.js";
import { doseWords } from "../care/progression.js";
import type { ReportData, ReportDoses } from "../history/report.js";
import type { PainPoint } from "../history/stats.js";
import { dayNumber, dayOfNumber, weekdayOf } from "../time.js";
import { cleanText } from "../text.js";
import {
  DISCLAIMER,
  REPORT_TITLE,
  activeTime,
  goalText,
  spreadText,
  beforeAfter,
  change,
  generatedText,
  level,
  longDay,
  monthName,
  periodText,
  shortDay,
  sideAndSet,
  summaryLines,
} from "./report-text.js";
import { TOLERANCE_HEADERS, VISIT_HEADERS, redFlagLines, toleranceRows, visitRows } from "./report-records.js";

/**
 * Text from the history made safe for HTML: control characters out, then the five characters that mean something
 * in markup (in text and in attribute values) replaced by entities. Everything from a file or a person goes
 * through here, so no session can add markup, script or a link to the page.
 */
export function escapeHtml(text: string): string {
  return cleanText(text).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** A note over several lines: each line escaped, line breaks kept. */
function escapeLines(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(escapeHtml)
    .join("<br>");
}

/**
 * The report as one self-contained HTML page: styles inline, the chart as inline SVG, no script, and a content
 * security policy that forbids loading anything at all, so the page can be mailed or printed as it is.
 */
export function renderReportHtml(data: ReportData): string {
  const title = `${REPORT_TITLE}, ${periodText(data)}`;
  const body = [
    `<header>`,
    `<h1>${escapeHtml(REPORT_TITLE)}</h1>`,
    `<p class="meta">Period: <strong>${escapeHtml(periodText(data))}</strong>. Made on ${escapeHtml(generatedText(data.generated))}.</p>`,
    `</header>`,
    section("summary", "Summary", `<ul class="summary">${summaryLines(data).map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>`),
    section("chart", "Pain before each session", chartFigure(data)),
    section("weeks", "Sessions and adherence by week", weeksTable(data)),
    section("routines", "Routines and how pain changed", routinesTable(data)),
    section("visits", "Visits to professionals", visitsBlock(data)),
    section("diary", "Sitting, walking and emergency signs from the diary", diaryBlock(data)),
    section("events", "Pain that spread, and “this hurts” moments", eventsBlock(data)),
    ...(data.doses ? [section("doses", `Doses in the programme “${data.doses.programme}”`, dosesBlock(data.doses))] : []),
    section("notes", "Notes", notesBlock(data)),
    section("sessions", "Every session", sessionsTable(data)),
    `<footer><p class="disclaimer">${escapeHtml(DISCLAIMER)}</p></footer>`,
  ];
  return htmlPage(title, STYLE, body);
}

/**
 * A self-contained page (the report, the brief): nothing loaded from outside, as the Content-Security-Policy says;
 * `title` is escaped here, `style` and `body` are trusted markup.
 */
export function htmlPage(title: string, style: string, body: readonly string[]): string {
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="soothe">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${style}</style>`,
    "</head>",
    "<body>",
    "<main>",
    ...body,
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

function section(id: string, heading: string, content: string): string {
  return `<section id="${id}">\n<h2>${escapeHtml(heading)}</h2>\n${content}\n</section>`;
}

function none(text: string): string {
  return `<p class="none">${escapeHtml(text)}</p>`;
}

/** A table: `align` holds "n" for a numeric column (right-aligned) and "" for text. */
function table(headers: string[], rows: string[][], align: string, caption?: string): string {
  const cls = (i: number) => (align[i] === "n" ? ' class="n"' : "");
  return [
    "<table>",
    caption ? `<caption>${escapeHtml(caption)}</caption>` : "",
    `<thead><tr>${headers.map((h, i) => `<th scope="col"${cls(i)}>${escapeHtml(h)}</th>`).join("")}</tr></thead>`,
    `<tbody>`,
    ...rows.map((row) => `<tr>${row.map((cell, i) => `<td${cls(i)}>${cell}</td>`).join("")}</tr>`),
    `</tbody>`,
    "</table>",
  ]
    .filter(Boolean)
    .join("\n");
}

function weeksTable(data: ReportData): string {
  if (data.totals.sessions === 0) return none("No sessions in this period.");
  const rows = data.weeks.map((w) => {
    const goal =
      w.goal_met === true ? "met" : `<span class="muted">${escapeHtml(goalText(w))}</span>`;
    return [
      escapeHtml(`${shortDay(w.start)}`),
      String(w.sessions),
      String(w.completed),
      escapeHtml(activeTime(w.active_s)),
      goal,
      escapeHtml(level(w.avg_back_before)),
      escapeHtml(level(w.avg_leg_before)),
    ];
  });
  return table(
    ["Week from Monday", "Sessions", "Completed", "Active", `Goal (${data.goal})`, "Back before", "Leg before"],
    rows,
    " nnn nn",
    "Back and leg: average pain before the week's sessions, 0-10.",
  );
}

function routinesTable(data: ReportData): string {
  if (data.routines.length === 0) return none("No sessions in this period.");
  const rows = data.routines.map((r) => [
    escapeHtml(r.name.trim() || r.id),
    String(r.sessions),
    String(r.completed),
    escapeHtml(change(r.avg_back_change)),
    escapeHtml(change(r.avg_leg_change)),
    escapeHtml(r.pain_sessions > 0 ? `${r.meaningful} of ${r.pain_sessions}` : "–"),
    escapeHtml(spreadText(r)),
  ]);
  return table(
    ["Routine", "Sessions", "Completed", "Back change", "Leg change", "Meaningful drops", "Pain spread after"],
    rows,
    " nnnnnn",
    `What helped most first. Change: average of after minus before, lower is better. Meaningful: a drop of ${MEANINGFUL_RULE}.`,
  );
}

function visitsBlock(data: ReportData): string {
  if (data.visits.length === 0) return none("No visits recorded in this period.");
  const rows = visitRows(data).map((row) => row.map(escapeHtml));
  return table(VISIT_HEADERS, rows, "     n  ", "Pain: 0-10 before and after the visit, as the person rated it.");
}

function diaryBlock(data: ReportData): string {
  const parts: string[] = [];
  parts.push(
    data.tolerance.length === 0
      ? none("No sitting or walking times in the diary for this period.")
      : table(TOLERANCE_HEADERS, toleranceRows(data).map((row) => row.map(escapeHtml)), " nn", "Average minutes before pain made the person stop."),
  );
  if (data.red_flags.length > 0) {
    parts.push("<h3>Emergency signs noted in the diary</h3>");
    parts.push(`<ul class="notes">${redFlagLines(data).map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>`);
  }
  return parts.join("\n");
}

function eventsBlock(data: ReportData): string {
  const parts: string[] = [];
  parts.push("<h3>Pain reached further down the leg after the session</h3>");
  parts.push(
    data.spread.length === 0
      ? none("None recorded.")
      : table(
          ["Date", "Time", "Routine", "Reach before → after"],
          data.spread.map((s) => [escapeHtml(longDay(s.day)), escapeHtml(s.time), escapeHtml(s.routine), escapeHtml(`${s.before} → ${s.after}`)]),
          "    ",
        ),
  );
  parts.push("<h3>“This hurts”, pressed during a step</h3>");
  parts.push(
    data.hurts.length === 0
      ? none("None recorded.")
      : table(
          ["Date", "Time", "Routine", "Step"],
          data.hurts.map((h) => {
            const where = sideAndSet(h.side, h.set);
            return [
              escapeHtml(longDay(h.day)),
              escapeHtml(h.time),
              escapeHtml(h.routine),
              `${escapeHtml(h.step)}${where ? ` <span class="muted">(${escapeHtml(where)})</span>` : ""}`,
            ];
          }),
          "    ",
        ),
  );
  return parts.join("\n");
}

function notesBlock(data: ReportData): string {
  if (data.notes.length === 0) return none("No notes in this period.");
  return `<ul class="notes">\n${data.notes
    .map(
      (n) =>
        `<li><span class="when">${escapeHtml(`${longDay(n.day)} ${n.time}`)}, ${escapeHtml(n.routine)}</span><br>${escapeLines(n.text)}</li>`,
    )
    .join("\n")}\n</ul>`;
}

function sessionsTable(data: ReportData): string {
  if (data.sessions.length === 0) return none("No sessions in this period.");
  const rows = data.sessions.map((s) => [
    escapeHtml(longDay(s.day)),
    escapeHtml(s.time),
    escapeHtml(s.routine),
    escapeHtml(s.status),
    escapeHtml(activeTime(s.active_s)),
    escapeHtml(beforeAfter(s.back_before, s.back_after)),
    escapeHtml(beforeAfter(s.leg_before, s.leg_after)),
  ]);
  return table(["Date", "Time", "Routine", "Status", "Active", "Back before → after", "Leg before → after"], rows, "    nnn");
}

// ---------------------------------------------------------------------------------------------------------------
// Chart

const CHART = { width: 720, height: 280, left: 44, right: 16, top: 14, bottom: 58 } as const;

function chartFigure(data: ReportData): string {
  if (data.series.length === 0) return none("No pain check-ins in this period.");
  const backs = data.series.filter((p) => p.back !== null).length;
  const legs = data.series.filter((p) => p.leg !== null).length;
  return [
    '<figure class="chart">',
    renderPainSvg(data.series, data.from, data.to),
    `<figcaption>Pain rated before each session, 0 (none) to 10 (worst imaginable): back (${backs} readings) and leg (${legs}). ` +
      `Changes within a session are in the tables below.</figcaption>`,
    "</figure>",
  ].join("\n");
}

/**
 * Back and leg pain before each session as an inline SVG line chart: time across (the whole period), 0-10 up.
 * Back is a solid line with round points, leg a dashed line with square points, so the two stay apart in print
 * without colour. Pure: points in, markup out.
 */
export function renderPainSvg(points: readonly PainPoint[], from: string, to: string): string {
  const { width, height, left, right, top, bottom } = CHART;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const start = dayNumber(from);
  const span = Math.max(1, dayNumber(to) + 1 - start);
  const x = (p: PainPoint) => round(left + ((dayNumber(p.day) - start + p.minutes / 1440) / span) * plotW);
  const xDay = (n: number) => round(left + ((n - start) / span) * plotW);
  const y = (v: number) => round(top + ((10 - Math.min(10, Math.max(0, v))) / 10) * plotH);

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="pain-chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="chart-title chart-desc">`,
    `<title id="chart-title">Pain before each session</title>`,
    `<desc id="chart-desc">Back and leg pain from 0 to 10, ${escapeHtml(shortDay(from))} to ${escapeHtml(shortDay(to))}.</desc>`,
  );
  // Grid and the 0-10 scale.
  for (let v = 0; v <= 10; v += 2) {
    parts.push(`<line class="grid" x1="${left}" y1="${y(v)}" x2="${left + plotW}" y2="${y(v)}"/>`);
    parts.push(`<text class="tick" x="${left - 8}" y="${y(v) + 4}" text-anchor="end">${v}</text>`);
  }
  // Time ticks: each Monday for a short period, each month's first day for a longer one.
  const days = span;
  for (let n = start; n < start + days; n++) {
    const key = dayOfNumber(n);
    const dom = Number(key.slice(8, 10));
    const month = Number(key.slice(5, 7));
    let label: string | null = null;
    if (days <= 42 && weekdayOf(key) === 0) label = shortDay(key, false);
    else if (days > 42 && dom === 1) label = month === 1 ? `${monthName(month)} ${key.slice(0, 4)}` : monthName(month);
    if (label === null) continue;
    parts.push(`<line class="tick-mark" x1="${xDay(n)}" y1="${top + plotH}" x2="${xDay(n)}" y2="${top + plotH + 5}"/>`);
    parts.push(`<text class="tick" x="${xDay(n)}" y="${top + plotH + 18}" text-anchor="middle">${escapeHtml(label)}</text>`);
  }
  parts.push(`<line class="axis" x1="${left}" y1="${top + plotH}" x2="${left + plotW}" y2="${top + plotH}"/>`);
  parts.push(`<line class="axis" x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}"/>`);

  for (const area of ["back", "leg"] as const) {
    const values = points.filter((p) => p[area] !== null).map((p) => ({ x: x(p), y: y(p[area]!) }));
    if (values.length === 0) continue;
    const d = values.map((v, i) => `${i === 0 ? "M" : "L"}${v.x} ${v.y}`).join(" ");
    parts.push(`<path class="line line-${area}" d="${d}"/>`);
    parts.push(`<g class="points points-${area}">`);
    for (const v of values) {
      parts.push(
        area === "back"
          ? `<circle cx="${v.x}" cy="${v.y}" r="3.2"/>`
          : `<rect x="${round(v.x - 3)}" y="${round(v.y - 3)}" width="6" height="6"/>`,
      );
    }
    parts.push("</g>");
  }

  // Legend under the time axis.
  const ly = height - 12;
  parts.push(
    `<g class="legend">`,
    `<line class="line line-back" x1="${left}" y1="${ly - 4}" x2="${left + 28}" y2="${ly - 4}"/>`,
    `<circle class="legend-back" cx="${left + 14}" cy="${ly - 4}" r="3.2"/>`,
    `<text x="${left + 36}" y="${ly}">Back</text>`,
    `<line class="line line-leg" x1="${left + 90}" y1="${ly - 4}" x2="${left + 118}" y2="${ly - 4}"/>`,
    `<rect class="legend-leg" x="${left + 101}" y="${ly - 7}" width="6" height="6"/>`,
    `<text x="${left + 126}" y="${ly}">Leg</text>`,
    `</g>`,
    "</svg>",
  );
  return parts.join("\n");
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

// ---------------------------------------------------------------------------------------------------------------
// Style: system fonts only, and an A4 print layout.

const STYLE = `
:root { --ink: #1c2024; --muted: #5b6470; --rule: #d5dae0; --back: #1d4e89; --leg: #b4461b; --band: #f3f5f7; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 820px; margin: 0 auto; padding: 24px 20px 40px; }
h1 { font-size: 1.5em; margin: 0 0 4px; }
h2 { font-size: 1.15em; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1em; margin: 16px 0 6px; }
.meta { color: var(--muted); margin: 0; }
ul.summary { padding-left: 1.2em; margin: 0; }
ul.summary li { margin: 2px 0; }
table { width: 100%; border-collapse: collapse; font-size: 0.92em; }
caption { caption-side: bottom; text-align: left; color: var(--muted); font-size: 0.9em; padding-top: 4px; }
th, td { text-align: left; padding: 3px 8px 3px 0; border-bottom: 1px solid var(--rule); vertical-align: top; }
th { font-weight: 600; border-bottom: 1.5px solid var(--ink); }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr:nth-child(even) td { background: var(--band); }
.muted, .none { color: var(--muted); }
ul.notes { list-style: none; padding: 0; margin: 0; }
ul.notes li { padding: 6px 0; border-bottom: 1px solid var(--rule); }
ul.notes .when { color: var(--muted); font-size: 0.9em; }
figure.chart { margin: 0; }
figure.chart svg { width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: 0.9em; margin-top: 4px; }
.pain-chart text { font: 11px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--ink); }
.pain-chart .tick { fill: var(--muted); }
.pain-chart .grid { stroke: var(--rule); stroke-width: 1; }
.pain-chart .axis, .pain-chart .tick-mark { stroke: var(--muted); stroke-width: 1; }
.pain-chart .line { fill: none; stroke-width: 2; stroke-linejoin: round; stroke-linecap: round; }
.pain-chart .line-back { stroke: var(--back); }
.pain-chart .line-leg { stroke: var(--leg); stroke-dasharray: 6 4; }
.pain-chart .points-back circle, .pain-chart .legend-back { fill: var(--back); }
.pain-chart .points-leg rect, .pain-chart .legend-leg { fill: var(--leg); }
footer { margin-top: 32px; padding-top: 8px; border-top: 1px solid var(--rule); }
.disclaimer { color: var(--muted); font-size: 0.88em; margin: 0; }
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; margin-top: 18px; }
  h3 { break-after: avoid; page-break-after: avoid; }
  tr, figure, li { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  tbody tr:nth-child(even) td { background: none; }
}
`.trim();

/** The programme's progressed steps, each with its dose over time. */
function dosesBlock(doses: ReportDoses): string {
  return doses.steps
    .map((step) =>
      table(
        ["Day", "Dose", "Why"],
        step.history.map((h) => [escapeHtml(longDay(h.date)), escapeHtml(doseWords(h.dose, step.unit)), escapeHtml(h.reason)]),
        " n ",
        `${step.step} (${step.routine})`,
      ),
    )
    .join("\n");
}
