import type { CommandSpec, ValueKind } from "./model.js";

// Quoting and naming shared by the three scripts.

/** Command names, flags and choices go into scripts unquoted in places; they are plain words, checked here. */
export function safeWord(word: string): string {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$|^--?[A-Za-z0-9][A-Za-z0-9_-]*$/.test(word)) {
    throw new Error(`cannot put ${JSON.stringify(word)} in a completion script`);
  }
  return word;
}

/** A string in single quotes for sh, bash and zsh. */
export function sq(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A string in single quotes for fish (which treats \\ and \' as escapes inside them). */
export function fq(text: string): string {
  return `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/** One line of description: no line breaks or tabs, which would break the script's output format. */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
}

/** A command's path as the scripts' tables spell it: `config set`. */
export const key = (spec: CommandSpec) => spec.path.join(" ");

/** The kind of a value as the scripts' tables spell it: `routine`, `file`, `any`, or `choices a b c`. */
export function kindWord(value: ValueKind): string {
  return value.kind === "choices" ? `choices ${value.values.map(safeWord).join(" ")}` : value.kind;
}

/** The name of the script's functions: the program's name made a shell word, after `prefix` (`_soothe`). */
export function functionName(prefix: string, bin: string): string {
  return `${prefix}${bin.replace(/[^A-Za-z0-9_]/g, "_")}`;
}
