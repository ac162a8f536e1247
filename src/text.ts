import stringWidth from "string-width";

// Terminal escape sequences: CSI (ESC [ or the 8-bit CSI 0x9b), OSC/DCS/SOS/PM/APC strings ended by BEL or ST,
// and any other two-character ESC sequence. Removed whole so that no fragment of one reaches a terminal.
const ESCAPE_SEQUENCE =
  /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[\u0020-\u002f]*[\u0030-\u007e]?/g;
const WHITESPACE_CONTROL = /[\t\n\v\f\r]/g;
// Every remaining C0 control, DEL and C1 control.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * Text from a routine file made safe to print: terminal escape sequences and control characters removed; tabs and
 * line breaks become spaces. Printable text, including any script or emoji, is kept as it is.
 */
export function cleanText(s: string): string {
  return s.replace(ESCAPE_SEQUENCE, "").replace(WHITESPACE_CONTROL, " ").replace(CONTROL, "");
}

/** Columns a string takes in a terminal (wide characters count 2, combining marks 0). */
export function displayWidth(s: string): number {
  return stringWidth(s);
}

let segmenter: Intl.Segmenter | undefined;

/** Cuts `s` to at most `width` columns, ending in `ellipsis` when something was cut. Never splits a character. */
export function truncate(s: string, width: number, ellipsis = "…"): string {
  if (width <= 0) return "";
  if (stringWidth(s) <= width) return s;
  const room = width - stringWidth(ellipsis);
  if (room < 0) return "";
  segmenter ??= new Intl.Segmenter();
  let out = "";
  let used = 0;
  for (const { segment } of segmenter.segment(s)) {
    const w = stringWidth(segment);
    if (used + w > room) break;
    out += segment;
    used += w;
  }
  return out + ellipsis;
}

/** Pads `s` with spaces to `width` columns (left-aligned, or right-aligned with `align: "right"`). */
export function pad(s: string, width: number, align: "left" | "right" = "left"): string {
  const fill = " ".repeat(Math.max(0, width - stringWidth(s)));
  return align === "left" ? s + fill : fill + s;
}

/** Edit distance with adjacent transpositions (optimal string alignment), for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i]!;
      const prev = d[i - 1]!;
      let best = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      }
      row[j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidates closest to `input`, best first: those within a distance that grows with the word's length
 * (1 edit in 3 letters, from 1 to 3), or that start with it, compared case-insensitively. Empty when nothing is
 * close enough to be a likely typo.
 */
export function closestMatches(input: string, candidates: readonly string[], limit = 3): string[] {
  const needle = input.toLowerCase();
  if (needle.length === 0 || needle.length > 100) return [];
  const allowed = Math.min(3, Math.max(1, Math.floor(needle.length / 3)));
  return candidates
    .map((candidate, index) => {
      const lower = candidate.toLowerCase();
      // A candidate that starts with what was typed (or the reverse) is a likely match even when far in letters.
      const prefix = lower.length >= 3 && needle.length >= 3 && (lower.startsWith(needle) || needle.startsWith(lower));
      const distance = editDistance(needle, lower);
      return { candidate, index, distance: prefix ? Math.min(distance, 1) : distance };
    })
    .filter((c) => c.distance <= allowed && c.candidate !== input)
    .sort((x, y) => x.distance - y.distance || x.index - y.index)
    .slice(0, limit)
    .map((c) => c.candidate);
}

/** `did you mean "x"?` for the closest candidate, or "" when none is close. */
export function didYouMean(input: string, candidates: readonly string[]): string {
  const [best] = closestMatches(input, candidates, 1);
  return best === undefined ? "" : `did you mean "${best}"?`;
}

/** A value from a file, quoted for a message: cleaned and cut so that a long or hostile value stays readable. */
export function quote(value: unknown, width = 40): string {
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  return `"${truncate(cleanText(text), width)}"`;
}
