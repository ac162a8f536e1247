import { ESCAPE_SEQUENCE, cleanText, hasControls } from "./clean.js";

// The cleaners live in clean.ts; most callers find them here, beside the width helpers.
export { cleanLines, cleanText, hasControls, toJson } from "./clean.js";

// ---- display width ----
//
// Columns a terminal gives text: printable ASCII one each; East Asian Wide and Fullwidth characters and emoji two;
// controls, format characters and combining marks none. Measured a grapheme cluster at a time (a base character
// with its marks, an emoji with its modifiers and joiners), so that a family emoji or a flag counts once.
// Hand-written rather than a library: the usual one builds large regular expressions when loaded, which cost more
// than the rest of a `soothe list`. Intl.Segmenter loads its data when first made, so it is made only for text
// that has clusters of more than one code point; other text is measured a code point at a time.

// East Asian Width W and F ranges (Unicode 16, EastAsianWidth.txt), merged, as [first, last] pairs in order.
// Most emoji with default emoji presentation are W here too.
// prettier-ignore
const WIDE = [
  0x1100, 0x115f, 0x231a, 0x231b, 0x2329, 0x232a, 0x23e9, 0x23ec, 0x23f0, 0x23f0, 0x23f3, 0x23f3, 0x25fd, 0x25fe,
  0x2614, 0x2615, 0x2630, 0x2637, 0x2648, 0x2653, 0x267f, 0x267f, 0x268a, 0x268f, 0x2693, 0x2693, 0x26a1, 0x26a1,
  0x26aa, 0x26ab, 0x26bd, 0x26be, 0x26c4, 0x26c5, 0x26ce, 0x26ce, 0x26d4, 0x26d4, 0x26ea, 0x26ea, 0x26f2, 0x26f3,
  0x26f5, 0x26f5, 0x26fa, 0x26fa, 0x26fd, 0x26fd, 0x2705, 0x2705, 0x270a, 0x270b, 0x2728, 0x2728, 0x274c, 0x274c,
  0x274e, 0x274e, 0x2753, 0x2755, 0x2757, 0x2757, 0x2795, 0x2797, 0x27b0, 0x27b0, 0x27bf, 0x27bf, 0x2b1b, 0x2b1c,
  0x2b50, 0x2b50, 0x2b55, 0x2b55, 0x2e80, 0x2e99, 0x2e9b, 0x2ef3, 0x2f00, 0x2fd5, 0x2ff0, 0x303e, 0x3041, 0x3096,
  0x3099, 0x30ff, 0x3105, 0x312f, 0x3131, 0x318e, 0x3190, 0x31e5, 0x31ef, 0x321e, 0x3220, 0x3247, 0x3250, 0xa48c,
  0xa490, 0xa4c6, 0xa960, 0xa97c, 0xac00, 0xd7a3, 0xf900, 0xfaff, 0xfe10, 0xfe19, 0xfe30, 0xfe52, 0xfe54, 0xfe66,
  0xfe68, 0xfe6b, 0xff01, 0xff60, 0xffe0, 0xffe6, 0x16fe0, 0x16fe4, 0x16ff0, 0x16ff6, 0x17000, 0x18cda,
  0x18cff, 0x18d20, 0x18d80, 0x18df2, 0x18e00, 0x19191, 0x191a0, 0x191d2, 0x1aff0, 0x1aff3, 0x1aff5, 0x1affb,
  0x1affd, 0x1affe, 0x1b000, 0x1b128, 0x1b132, 0x1b132, 0x1b150, 0x1b152, 0x1b155, 0x1b155, 0x1b164, 0x1b168,
  0x1b170, 0x1b2fb, 0x1d300, 0x1d356, 0x1d360, 0x1d376, 0x1f004, 0x1f004, 0x1f0cf, 0x1f0cf, 0x1f18e, 0x1f18e,
  0x1f191, 0x1f19a, 0x1f1ae, 0x1f1ae, 0x1f200, 0x1f202, 0x1f210, 0x1f23b, 0x1f240, 0x1f248, 0x1f250, 0x1f251,
  0x1f260, 0x1f265, 0x1f300, 0x1f320, 0x1f32d, 0x1f335, 0x1f337, 0x1f37c, 0x1f37e, 0x1f393, 0x1f3a0, 0x1f3ca,
  0x1f3cf, 0x1f3d3, 0x1f3e0, 0x1f3f0, 0x1f3f4, 0x1f3f4, 0x1f3f8, 0x1f43e, 0x1f440, 0x1f440, 0x1f442, 0x1f4fc,
  0x1f4ff, 0x1f53d, 0x1f54b, 0x1f54e, 0x1f550, 0x1f567, 0x1f57a, 0x1f57a, 0x1f595, 0x1f596, 0x1f5a4, 0x1f5a4,
  0x1f5fb, 0x1f64f, 0x1f680, 0x1f6c5, 0x1f6cc, 0x1f6cc, 0x1f6d0, 0x1f6d2, 0x1f6d5, 0x1f6d9, 0x1f6dc, 0x1f6df,
  0x1f6eb, 0x1f6ec, 0x1f6f4, 0x1f6fc, 0x1f7da, 0x1f7da, 0x1f7e0, 0x1f7eb, 0x1f7f0, 0x1f7f0, 0x1f90c, 0x1f93a,
  0x1f93c, 0x1f945, 0x1f947, 0x1f9ff, 0x1fa70, 0x1fa7c, 0x1fa80, 0x1fac6, 0x1fac8, 0x1fac8, 0x1facc, 0x1fadd,
  0x1fadf, 0x1faeb, 0x1faef, 0x1fafa, 0x20000, 0x2fffd, 0x30000, 0x3fffd,
];

/** True when the code point is East Asian Wide or Fullwidth: two columns. */
export function isWide(codePoint: number): boolean {
  if (codePoint < WIDE[0]!) return false;
  // The CJK Unified Ideographs and Hangul syllables are the common case; binary search covers the rest.
  if (codePoint >= 0x3250 && codePoint <= 0xa48c) return true;
  if (codePoint >= 0xac00 && codePoint <= 0xd7a3) return true;
  let low = 0;
  let high = WIDE.length / 2 - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (codePoint < WIDE[mid * 2]!) high = mid - 1;
    else if (codePoint > WIDE[mid * 2 + 1]!) low = mid + 1;
    else return true;
  }
  return false;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
// Text whose every character takes one column and stands alone: ASCII, Latin letters, dashes, quotes, bullets, the
// ellipsis, arrows, box drawing, blocks and shapes (the tables and bars soothe draws). Checked without Unicode
// property classes, which cost a few milliseconds to compile on first use: a `list` never needs them.
const NARROW = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2500-\u25fc]*$/;
// Code points that take no column of their own: controls, format characters (joiners, tags), combining marks,
// default-ignorable ones (variation selectors) and lone surrogates.
const INVISIBLE = /^[\p{Cc}\p{Cf}\p{Mn}\p{Me}\p{Default_Ignorable_Code_Point}\p{Cs}]$/u;
// Code points that may belong to the cluster of the one before: when none is present, every code point is a
// cluster of its own. Marks, format characters, Hangul vowel and final jamo, regional indicators, skin tones.
const JOINING = /[\p{M}\p{Cf}\p{Cc}\p{Default_Ignorable_Code_Point}\p{Cs}\u1160-\u11ff\ud7b0-\ud7ff\u{1f1e6}-\u{1f1ff}\u{1f3fb}-\u{1f3ff}]/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const SPACING_MARK = /^\p{Mc}$/u;
const REGIONAL_INDICATOR = /^[\u{1f1e6}-\u{1f1ff}]{2}$/u;

let segmenter: Intl.Segmenter | undefined;

/** The grapheme clusters of `s`: code points when none can join, else what Intl.Segmenter finds. */
function clusters(s: string): Iterable<string> {
  if (NARROW.test(s) || !JOINING.test(s)) return s;
  segmenter ??= new Intl.Segmenter();
  return Array.from(segmenter.segment(s), (part) => part.segment);
}

/** Columns one grapheme cluster takes. */
function clusterWidth(cluster: string): number {
  const code = cluster.codePointAt(0)!;
  if (cluster.length === 1 || (cluster.length === 2 && code > 0xffff)) {
    if (code >= 0x20 && code < 0x7f) return 1;
    if (NARROW.test(cluster)) return 1;
    return INVISIBLE.test(cluster) ? 0 : isWide(code) ? 2 : 1;
  }
  // An emoji sequence: a pictograph asking for emoji presentation (U+FE0F) or joined to another, a keycap, a flag.
  if (
    (PICTOGRAPHIC.test(cluster) && (cluster.includes("\ufe0f") || cluster.includes("\u200d"))) ||
    cluster.includes("\u20e3") ||
    REGIONAL_INDICATOR.test(cluster)
  ) {
    return 2;
  }
  let width = 0;
  let base = true;
  for (const char of cluster) {
    if (INVISIBLE.test(char)) continue;
    const point = char.codePointAt(0)!;
    if (base) {
      width += isWide(point) ? 2 : 1;
      base = false;
    } else if (SPACING_MARK.test(char) || (point >= 0xff00 && point <= 0xffef)) {
      // Spacing marks and halfwidth or fullwidth forms after the base take room of their own.
      width += isWide(point) ? 2 : 1;
    }
  }
  return width;
}

/** Columns a string takes in a terminal (wide characters and emoji count 2, combining marks 0). */
export function displayWidth(s: string): number {
  if (PRINTABLE_ASCII.test(s) || NARROW.test(s)) return s.length;
  const text = s.includes("\u001b") || s.includes("\u009b") ? s.replace(ESCAPE_SEQUENCE, "") : s;
  let width = 0;
  for (const cluster of clusters(text)) width += clusterWidth(cluster);
  return width;
}

/** Cuts `s` to at most `width` columns, ending in `ellipsis` when something was cut. Never splits a character. */
export function truncate(s: string, width: number, ellipsis = "…"): string {
  if (width <= 0) return "";
  if (displayWidth(s) <= width) return s;
  const room = width - displayWidth(ellipsis);
  if (room < 0) return "";
  let out = "";
  let used = 0;
  for (const cluster of clusters(s)) {
    const w = clusterWidth(cluster);
    if (used + w > room) break;
    out += cluster;
    used += w;
  }
  return out + ellipsis;
}

/** How `wrap` starts its lines and cuts a word too long for one. */
export interface WrapOptions {
  /** Put before the first line (a bullet, say). */
  first?: string;
  /** Put before every other line (the indent under that bullet). */
  rest?: string;
  /** Ends a word cut to fit a line on its own ("..." where only ASCII is safe). */
  ellipsis?: string;
}

/**
 * `text` broken at whitespace into lines of at most `width` columns, the first starting with `first` and the others
 * with `rest`. A word too long for a line of its own is cut, ending in `ellipsis`, so that no line is ever wider.
 * Nothing but whitespace gives no lines.
 */
export function wrap(text: string, width: number, options: WrapOptions = {}): string[] {
  const { first = "", rest = "", ellipsis = "…" } = options;
  // Text that fits keeps its spacing (a dashboard row lines up its columns with runs of spaces).
  const trimmed = text.trim();
  if (trimmed === "") return [];
  if (!/[\t\n\r]/.test(trimmed) && displayWidth(first + trimmed) <= width) return [first + trimmed];
  const start = (prefix: string, word: string) =>
    prefix + truncate(word, Math.max(1, width - displayWidth(prefix)), ellipsis);
  const lines: string[] = [];
  let line: string | null = null;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line === null) line = start(first, word);
    else if (displayWidth(line) + 1 + displayWidth(word) <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = start(rest, word);
    }
  }
  if (line !== null) lines.push(line);
  return lines;
}

/** Pads `s` with spaces to `width` columns (left-aligned, or right-aligned with `align: "right"`). */
export function pad(s: string, width: number, align: "left" | "right" = "left"): string {
  const fill = " ".repeat(Math.max(0, width - displayWidth(s)));
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

/**
 * A value from a file, quoted for a message: cleaned and cut so that a long or hostile value stays readable. A value
 * that held control characters says so, since what is shown is then not quite what the file holds.
 */
export function quote(value: unknown, width = 40): string {
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  const note = hasControls(text) ? " (shown without its control characters)" : "";
  return `"${truncate(cleanText(text), width)}"${note}`;
}
