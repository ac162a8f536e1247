// The brief in its three forms: text for the terminal, Markdown to paste, and one self-contained HTML page to print
// or hand over. Pure: data in, text out. Everything from a person's records is escaped by the form's own rule.
import { MEANINGFUL_RULE } from "../care/pain-change.js";
import type { BriefData } from "../history/brief.js";
import { cleanText, wrap } from "../text.js";
import { outlineSvg, outlineText, type OutlineState } from "./body-outline.js";
import { BRIEF_TITLE, briefSections } from "./brief-words.js";
import { escapeHtml, htmlPage } from "./report-html.js";
import { escapeMarkdown } from "./report-markdown.js";
import { shortDay } from "./report-text.js";

/** Said at the end of every brief. */
export const BRIEF_NOTE =
  "Made by soothe from what I recorded at home: pain from 0 (none) to 10 (worst imaginable); a meaningful drop is " +
  `${MEANINGFUL_RULE}. It is not a diagnosis.`;

/** Lines left for the person's own questions. */
const BLANK_QUESTIONS = 3;

function outlineOf(data: BriefData): OutlineState {
  return { side: data.where.side, bothLegs: data.where.both_legs, reach: data.where.latest ?? data.where.furthest };
}

function period(data: BriefData): string {
  return `${shortDay(data.from)} to ${shortDay(data.to)}`;
}

/** The brief as text, wrapped to `width` columns. */
export function renderBriefText(data: BriefData, options: { ascii: boolean; width: number }): string {
  const width = Math.max(40, Math.min(100, options.width));
  const bullet = options.ascii ? "- " : "• ";
  const lines = [BRIEF_TITLE, `${period(data)}`, ""];
  for (const section of briefSections(data)) {
    lines.push(section.heading.toUpperCase());
    if (section.id === "where") lines.push(...outlineText(outlineOf(data), options.ascii));
    for (const line of section.lines) lines.push(...wrap(cleanText(line), width, { first: bullet, rest: "  " }));
    if (section.id === "questions") for (let i = 0; i < BLANK_QUESTIONS; i++) lines.push(`${bullet}${"_".repeat(Math.min(60, width - 4))}`);
    lines.push("");
  }
  lines.push(...wrap(BRIEF_NOTE, width));
  return `${lines.join("\n")}\n`;
}

/** The brief in Markdown: the outline in a code block, each section a list. */
export function renderBriefMarkdown(data: BriefData): string {
  const lines = [`# ${BRIEF_TITLE}`, "", period(data), ""];
  for (const section of briefSections(data)) {
    lines.push(`## ${section.heading}`, "");
    if (section.id === "where") lines.push("```", ...outlineText(outlineOf(data), true), "```", "");
    for (const line of section.lines) lines.push(`- ${escapeMarkdown(line)}`);
    if (section.id === "questions") for (let i = 0; i < BLANK_QUESTIONS; i++) lines.push("- ");
    lines.push("");
  }
  lines.push("---", "", `_${BRIEF_NOTE}_`, "");
  return lines.join("\n");
}

/** The brief as one HTML page: styles inline, the outline as inline SVG, no script, nothing loaded from anywhere. */
export function renderBriefHtml(data: BriefData): string {
  const sections = briefSections(data).map((section) => {
    const items = section.lines.map((line) => `<li>${escapeHtml(line)}</li>`);
    if (section.id === "questions") for (let i = 0; i < BLANK_QUESTIONS; i++) items.push('<li class="blank"></li>');
    const figure =
      section.id === "where"
        ? `<figure class="outline">${outlineSvg(outlineOf(data), "Body outline seen from behind, painful parts filled")}</figure>`
        : "";
    return `<section id="${section.id}">\n<h2>${escapeHtml(section.heading)}</h2>\n${figure}<ul>${items.join("")}</ul>\n</section>`;
  });
  return htmlPage(`${BRIEF_TITLE}, ${period(data)}`, STYLE, [
    `<header><h1>${escapeHtml(BRIEF_TITLE)}</h1><p class="meta">${escapeHtml(period(data))}</p></header>`,
    ...sections,
    `<footer><p class="note">${escapeHtml(BRIEF_NOTE)}</p></footer>`,
  ]);
}

const STYLE = `
:root { --ink: #1c2024; --muted: #5b6470; --rule: #d5dae0; --pain: #b4461b; --skin: #f3f5f7; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
main { max-width: 760px; margin: 0 auto; padding: 24px 20px 40px; }
h1 { font-size: 1.45em; margin: 0 0 4px; }
h2 { font-size: 1.1em; margin: 22px 0 6px; padding-bottom: 3px; border-bottom: 1px solid var(--rule); }
.meta, .note { color: var(--muted); margin: 0; }
ul { margin: 0; padding-left: 1.2em; }
li { margin: 2px 0; }
li.blank { list-style: none; border-bottom: 1px solid var(--muted); height: 1.8em; margin-left: -1.2em; }
figure.outline { float: right; margin: 0 0 8px 16px; }
.body-outline .part { fill: var(--skin); stroke: var(--muted); stroke-width: 1; }
.body-outline .part.marked { fill: var(--pain); }
.body-outline text { font: 11px system-ui, sans-serif; fill: var(--ink); }
section { overflow: hidden; }
footer { margin-top: 28px; padding-top: 8px; border-top: 1px solid var(--rule); font-size: 0.88em; }
@page { size: A4; margin: 16mm 14mm; }
@media print { body { font-size: 10.5pt; } main { padding: 0; max-width: none; } h2 { break-after: avoid; } li { break-inside: avoid; } }
`.trim();
