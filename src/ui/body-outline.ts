// A small body outline, seen from behind, showing the side of the pain and how far down the leg it reaches: as
// text for the terminal and Markdown, and as inline SVG for the HTML brief. Pure.
import type { Side } from "../routine/types.js";
import type { Reach } from "../history/types.js";
import { OUTLINE_ROWS, rowMarked } from "./brief-words.js";

/** What the outline shows. */
export interface OutlineState {
  side: Side | null;
  bothLegs: boolean;
  reach: Reach | null;
}

/** Which legs to mark: the side recorded, both when both hurt, and both when the side is not known. */
function legs(state: OutlineState): { left: boolean; right: boolean } {
  if (state.bothLegs || state.side === null) return { left: true, right: true };
  return { left: state.side === "left", right: state.side === "right" };
}

const LABELS: Record<string, string> = { back: "lower back", buttock: "buttock", thigh: "thigh", calf: "calf", foot: "foot" };

/** The outline as lines of text; `ascii` draws with `#` and `.` only. */
export function outlineText(state: OutlineState, ascii: boolean): string[] {
  const [on, off] = ascii ? ["##", ".."] : ["██", "░░"];
  const leg = legs(state);
  const lines = ["   seen from behind", "         O", "       / | \\"];
  for (const row of OUTLINE_ROWS) {
    const marked = rowMarked(row, state.reach);
    if (row === "back") {
      lines.push(`        ${marked ? on : off}${marked ? on.slice(0, 1) : off.slice(0, 1)}      ${LABELS[row]}`);
      continue;
    }
    const left = marked && leg.left ? on : off;
    const right = marked && leg.right ? on : off;
    lines.push(`      ${left}   ${right}    ${LABELS[row]}`);
  }
  lines.push("      L     R");
  return lines;
}

/** The outline as an inline SVG figure, its marked parts filled; `title` names it for screen readers. */
export function outlineSvg(state: OutlineState, title: string): string {
  const leg = legs(state);
  const rows: Record<string, { y: number; h: number }> = {
    buttock: { y: 112, h: 26 },
    thigh: { y: 140, h: 52 },
    calf: { y: 194, h: 52 },
    foot: { y: 248, h: 12 },
  };
  const part = (x: number, y: number, w: number, h: number, marked: boolean, name: string) =>
    `<rect class="part${marked ? " marked" : ""}" x="${x}" y="${y}" width="${w}" height="${h}" rx="4"><title>${name}${marked ? ": painful" : ""}</title></rect>`;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="body-outline" viewBox="0 0 220 280" width="220" height="280" role="img" aria-label="${title}">`,
    `<circle class="part" cx="70" cy="20" r="14"/>`,
    `<rect class="part" x="44" y="38" width="52" height="72" rx="12"/>`,
    part(50, 82, 40, 26, rowMarked("back", state.reach), "lower back"),
  ];
  for (const row of ["buttock", "thigh", "calf", "foot"] as const) {
    const { y, h } = rows[row]!;
    const marked = rowMarked(row, state.reach);
    parts.push(part(46, y, 22, h, marked && leg.left, `left ${row}`), part(72, y, 22, h, marked && leg.right, `right ${row}`));
  }
  const labels: [string, number][] = [
    ["lower back", 98],
    ["buttock", 128],
    ["thigh", 169],
    ["calf", 223],
    ["foot", 258],
  ];
  for (const [text, y] of labels) parts.push(`<text x="112" y="${y}">${text}</text>`);
  parts.push(`<text x="57" y="276" text-anchor="middle">L</text>`, `<text x="83" y="276" text-anchor="middle">R</text>`, "</svg>");
  return parts.join("\n");
}
