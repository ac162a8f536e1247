import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node, type Pair } from "yaml";
import type * as z from "zod";
import { cleanText, hasControls, quote, truncate } from "../text.js";
import type { RoutineProblem } from "./types.js";
import { yamlProblem } from "./yaml-problem.js";

// Reading a YAML file that soothe checks as strictly as a compiler (routines, programmes): the checks made before the
// YAML parser is called (size, binary, UTF-8, nesting, entries), and YamlChecker, which walks the parsed document and
// reports every problem at the line and column of the key or value at fault.

/** Most alias expansions accepted in one file: enough for reuse, far too few for a "billion laughs". */
export const MAX_ALIAS_COUNT = 100;
/**
 * Deepest nesting of YAML collections (mappings and lists) accepted before the YAML parser is even called: a real
 * routine nests about 3 levels, and 2 more for each repeat group. Far deeper nesting is only there to exhaust the
 * parser's stack.
 */
export const MAX_NESTING = 40;
/**
 * Most lines and list entries in one file, counted before the YAML parser is called, whose time grows with them:
 * the largest built-in routine has under 100, and 5,000 still parse in a fraction of a second.
 */
export const MAX_ENTRIES = 5_000;
/** Most problems reported for one file; a file with more is not worth reading line by line. */
export const MAX_PROBLEMS = 100;

/** A problem found before parsing, at a line and column. */
export interface EarlyProblem {
  line: number;
  col: number;
  message: string;
}

/**
 * The text of a YAML file's content (bytes checked to be UTF-8 text, or text), without a byte order mark; or the
 * first problem that keeps it from being parsed: a NUL byte, bytes that are not UTF-8, nesting or entries past the
 * limits. `what` names the kind of file in messages ("a routine", "a programme").
 */
export function decodeYaml(content: string | Uint8Array, what: string): { text: string } | EarlyProblem {
  const binary = `this is a binary file, not ${what} (it holds a NUL byte); ${what.replace(/^an? /, "a ")} is YAML text`;
  let text: string;
  if (typeof content === "string") {
    text = content;
  } else {
    // A NUL first: an image or an archive is most likely not UTF-8 either, and "binary file" says more.
    const nulByte = content.indexOf(0);
    if (nulByte !== -1) return { ...bytePosition(content, nulByte), message: binary };
    const bad = invalidUtf8At(content);
    if (bad < content.length) {
      const byte = content[bad]!.toString(16).toUpperCase().padStart(2, "0");
      return { ...bytePosition(content, bad), message: `not UTF-8 text (byte 0x${byte}); save the file as UTF-8` };
    }
    text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(content);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const nul = text.indexOf("\u0000");
  if (nul !== -1) return { ...position(text, nul), message: binary };
  const limit = structureLimit(text, MAX_NESTING, MAX_ENTRIES);
  if (limit) {
    const message =
      limit.limit === "nesting"
        ? `nested too deeply (more than ${MAX_NESTING} levels of lists and mappings); ${what} needs only a few`
        : `too many lines and list entries (more than ${formatCount(MAX_ENTRIES)}); ${what} needs a few hundred at most` +
          (what === "a routine" ? ", and repeat: runs steps again" : "");
    return { ...position(text, limit.offset), message };
  }
  return { text };
}

/** Line and column (both from 1, the column in characters) of an offset in `text`. */
export function position(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: [...text.slice(start, offset)].length + 1 };
}

/** Line and column (both from 1, the column in characters, a byte order mark not counted) of a byte offset. */
export function bytePosition(bytes: Uint8Array, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < offset; i = bytes.indexOf(0x0a, i + 1)) {
    line++;
    lineStart = i + 1;
  }
  // The default decoder drops a byte order mark, which takes no column; bytes that are not UTF-8 count one each.
  const before = new TextDecoder("utf-8").decode(bytes.subarray(lineStart, offset));
  return { line, col: [...before].length + 1 };
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence (the length when all do). */
export function invalidUtf8At(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // Lead byte: how many continuation bytes follow, and the range the first of them must fall in (RFC 3629).
    let need: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < low || c > high : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return i;
}

/** Where a file first goes past one of the limits checked before parsing, and which. */
export interface StructureLimit {
  offset: number;
  limit: "nesting" | "entries";
}

/**
 * Where the nesting of YAML collections first goes past `maxDepth`, or their entries past `maxEntries`; null when
 * neither does. An estimate made without parsing, in one pass, outside quotes and comments. Nesting: each block
 * indentation deeper than the one before, each `- ` or `? ` that opens a collection on a line, and each open `[` or
 * `{` is a level; it never counts less than half the real depth, so deeply nested files are caught, and it is far
 * above any real routine's count, so none is refused by it. Entries: each line of block content, each `- ` or `? `
 * after the first on a line, and each comma in a flow collection; the YAML parser's time grows with them, and a
 * routine has a few hundred.
 */
export function structureLimit(text: string, maxDepth: number, maxEntries: number): StructureLimit | null {
  const nesting = (offset: number): StructureLimit => ({ offset, limit: "nesting" });
  const indents: number[] = [];
  let entries = 0;
  let flow = 0;
  let quote: string | null = null;
  let i = 0;
  const n = text.length;
  while (i < n) {
    // Start of a line: its indentation and the indicators that open block collections on it.
    let col = 0;
    while (i < n && text[i] === " ") {
      i++;
      col++;
    }
    const blank = i >= n || text[i] === "\n" || text[i] === "\r" || text[i] === "#";
    if (!blank && flow === 0 && quote === null) {
      while (indents.length > 0 && indents[indents.length - 1]! >= col) indents.pop();
      indents.push(col);
      if (++entries > maxEntries) return { offset: i, limit: "entries" };
      let inline = 0;
      while (i + 1 < n && (text[i] === "-" || text[i] === "?") && (text[i + 1] === " " || text[i + 1] === "\t")) {
        if (inline > 0 && ++entries > maxEntries) return { offset: i, limit: "entries" };
        inline++;
        i += 2;
        while (i < n && (text[i] === " " || text[i] === "\t")) i++;
        if (indents.length + inline > maxDepth) return nesting(i);
      }
      // The indicators count only on this line: the next line's indentation tells its own depth.
      if (indents.length + inline > maxDepth) return nesting(i);
    }
    // The rest of the line: flow brackets and quotes.
    let previous = " ";
    while (i < n && text[i] !== "\n") {
      const ch = text[i]!;
      if (quote !== null) {
        if (ch === "\\" && quote === '"') i++;
        else if (ch === quote) quote = null;
      } else if (ch === "#" && (previous === " " || previous === "\t")) {
        while (i < n && text[i] !== "\n") i++;
        break;
      } else if ((ch === '"' || ch === "'") && /[\s[{,:?-]/.test(previous)) {
        quote = ch;
      } else if (ch === "[" || ch === "{") {
        flow++;
        if (indents.length + flow > maxDepth) return nesting(i);
      } else if ((ch === "]" || ch === "}") && flow > 0) {
        flow--;
      } else if (ch === "," && flow > 0 && ++entries > maxEntries) {
        return { offset: i, limit: "entries" };
      }
      previous = ch;
      i++;
    }
    i++;
  }
  return null;
}

/** A key of a mapping, with where it and its value stand. */
export interface Entry {
  key: string;
  pair: Pair<unknown, unknown>;
  keyAt: number;
  valueAt: number;
  value: Node | null;
}

/** Thrown by YamlChecker.report once a file has given MAX_PROBLEMS problems, to stop checking it. */
class TooManyProblems extends Error {
  constructor(readonly offset: number) {
    super("too many problems");
  }
}

/**
 * A parsed YAML document and the problems found in it, each at a line and column. Subclasses walk the document with
 * `entries`, `check` (a zod schema, each issue where it lies) and `locate`, and report with `error`.
 */
export class YamlChecker {
  readonly problems: RoutineProblem[] = [];
  readonly lines = new LineCounter();
  readonly doc: Document.Parsed;

  constructor(
    readonly text: string,
    readonly file: string,
  ) {
    // logLevel "error": the parser would print its warnings (a key that is a list) on the process's stderr; they are
    // reported as problems of the file instead.
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: false, logLevel: "error" });
  }

  /**
   * Runs `body` (which reports what it finds) and returns every problem sorted by place; past MAX_PROBLEMS, the
   * problems so far and a last one saying the check stopped.
   */
  checkWithin<T>(body: () => T): { value?: T; problems: RoutineProblem[] } {
    try {
      return { value: body(), problems: this.sorted() };
    } catch (error) {
      if (!(error instanceof TooManyProblems)) throw error;
      // Past this many, the rest are most likely the same mistake again, or the file is something else entirely.
      const { line, col } = this.lines.linePos(Math.max(0, Math.min(error.offset, this.text.length)));
      const message = `stopped after ${MAX_PROBLEMS} problems; fix these and check the file again`;
      return { problems: [...this.sorted(), { file: this.file, line, col, message, severity: "error" }] };
    }
  }

  /**
   * Reports the YAML parser's errors and warnings, and expands every alias once under the limit so that a walk can
   * follow aliases safely. False when the document cannot be walked. `aliasAdvice` ends the message on too many
   * aliases ("write the steps out instead").
   */
  checkDocument(aliasAdvice: string): boolean {
    const { doc } = this;
    for (const error of doc.errors) this.report("error", error.pos[0], `bad YAML: ${yamlProblem(error, this.text)}`);
    for (const warning of doc.warnings) this.report("warning", warning.pos[0], yamlProblem(warning, this.text));
    if (doc.errors.length > 0) return false;
    if (this.unknownAliases()) return false;
    try {
      doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch {
      // The parser does not say which alias went over; the first one shows where the file starts to use them.
      let first = 0;
      visit(doc, {
        Alias: (_, node) => {
          first = node.range?.[0] ?? 0;
          return visit.BREAK;
        },
      });
      this.error(first, `too many YAML aliases (more than ${MAX_ALIAS_COUNT} expansions); ${aliasAdvice}`);
      return false;
    }
    return true;
  }

  /** Reports each alias (`*name`) that refers to no anchor before it; true when there is one. */
  unknownAliases(): boolean {
    let found = false;
    visit(this.doc, {
      Alias: (_, node) => {
        if (node.resolve(this.doc) !== undefined) return;
        found = true;
        const name = truncate(cleanText(node.source), 40);
        this.error(
          node.range?.[0] ?? 0,
          `*${name} refers to no anchor: write &${name} before it on the value to repeat, or put a value that starts with * in quotes`,
        );
      },
    });
    return found;
  }

  /** Records a problem; past MAX_PROBLEMS, stops the whole check (see checkWithin). */
  report(severity: RoutineProblem["severity"], offset: number, message: string): void {
    if (this.problems.length >= MAX_PROBLEMS) throw new TooManyProblems(offset);
    const { line, col } = this.lines.linePos(Math.max(0, Math.min(offset, this.text.length)));
    this.problems.push({ file: this.file, line, col, message, severity });
  }

  error(offset: number, message: string): void {
    this.report("error", offset, message);
  }

  get errorCount(): number {
    return this.problems.filter((p) => p.severity === "error").length;
  }

  /** The problems so far, by line and column. */
  sorted(): RoutineProblem[] {
    return [...this.problems].sort((a, b) => a.line - b.line || a.col - b.col);
  }

  /** Line and column of an offset. */
  at(offset: number): { line: number; col: number } {
    return this.lines.linePos(Math.max(0, Math.min(offset, this.text.length)));
  }

  resolve(node: unknown): Node | null {
    let current = node;
    // An alias may point at another alias only through its anchor; a few hops is plenty.
    for (let hops = 0; hops < 8 && isAlias(current); hops++) current = current.resolve(this.doc) ?? null;
    if (isAlias(current)) return null;
    if (isScalar(current) && current.value === null) return null;
    return (current as Node | null | undefined) ?? null;
  }

  start(node: unknown, fallback: number): number {
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    return range ? range[0] : fallback;
  }

  js(node: Node | null): unknown {
    if (node === null) return null;
    return node.toJS(this.doc, { maxAliasCount: MAX_ALIAS_COUNT });
  }

  /** The keys of a mapping, with positions; a key given twice is reported and its second value ignored. */
  entries(map: Node): Entry[] {
    if (!isMap(map)) return [];
    const seen = new Set<string>();
    const out: Entry[] = [];
    for (const pair of map.items) {
      const keyNode = pair.key;
      const keyAt = this.start(keyNode, this.start(map, 0));
      let key = keyText(isAlias(keyNode) ? keyNode.resolve(this.doc) : keyNode);
      if (key !== null && hasControls(key)) {
        // Checked as the key it shows as, so that the rest of the file is checked as the author sees it.
        const shown = cleanText(key).trim();
        if (shown !== "") {
          this.error(keyAt, `the key "${truncate(shown, 40)}" holds control characters (such as terminal escape codes); type it again without them`);
        }
        key = shown === "" ? null : shown;
      }
      if (key === null) {
        this.error(keyAt, "keys must be plain words, like name or steps");
        continue;
      }
      if (seen.has(key)) {
        this.error(keyAt, `${quote(key)} is given twice; keep one`);
        continue;
      }
      seen.add(key);
      const raw = pair.value;
      const value = this.resolve(raw);
      // An empty value has no place of its own in the file: point at its key.
      const valueAt = value === null ? keyAt : this.start(raw, keyAt);
      out.push({ key, pair, keyAt, valueAt, value });
    }
    return out;
  }

  /** Checks one value with its schema; reports each issue where it lies. Returns the value when valid. */
  check<T>(schema: z.ZodType<T>, entry: Entry): { ok: true; value: T } | { ok: false } {
    const input = this.js(entry.value);
    const result = schema.safeParse(input);
    if (result.success) return { ok: true, value: result.data };
    const reported = new Set<string>();
    for (const issue of result.error.issues) {
      const at = this.locate(entry.value, issue.path, entry.valueAt);
      // Two checks of one value can fail with the same message; say it once.
      if (reported.has(`${at}:${issue.message}`)) continue;
      reported.add(`${at}:${issue.message}`);
      this.error(at, issue.message);
    }
    return { ok: false };
  }

  /** The offset of the node at `path` below `node`, or the nearest one found on the way. */
  locate(node: Node | null, path: readonly PropertyKey[], fallback: number): number {
    let current: unknown = node;
    let at = fallback;
    for (const part of path) {
      const resolved = this.resolve(current);
      let next: unknown;
      if (isSeq(resolved) && typeof part === "number") next = resolved.items[part];
      else if (isMap(resolved)) next = resolved.items.find((p) => keyText(p.key) === String(part))?.value;
      if (next === undefined || next === null) break;
      at = this.start(next, at);
      current = next;
    }
    return at;
  }
}

export function keyText(node: unknown): string | null {
  if (!isScalar(node)) return null;
  const { value } = node;
  if (value === null) return "";
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : null;
}

/** What a node is, for messages: "a mapping", "a list", "text ("x")". */
export function nodeKind(node: Node): string {
  if (isMap(node)) return "a mapping";
  if (isSeq(node)) return "a list";
  if (isScalar(node)) return typeof node.value === "string" ? `text (${quote(node.value)})` : `a ${typeof node.value}`;
  return "something else";
}

/** A count with thousands separators, for messages. */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "too many";
}
