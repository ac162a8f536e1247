// What JSON.parse finds wrong in a file soothe reads (settings, an import), in soothe's words and with a line and a
// column: the runtime's own message is written for programmers and quotes the whole text.

/** Where a JSON text goes wrong (line and column from 1, when the runtime says) and what is wrong there. */
export interface JsonProblem {
  line: number | null;
  col: number | null;
  words: string;
}

const ENDS_TOO_SOON = "the JSON ends too soon: a closing }, ] or quote is missing";

const WORDS: [RegExp, string][] = [
  [/double-quoted property name|property name or '\}'/, "a key must be in double quotes, and no comma may follow the last entry"],
  [/Expected ',' or '[}\]]'/, "a comma is missing between two entries"],
  [/Bad control character/, "text in quotes holds a line break or a control character; write \\n for a line break"],
  [/Bad (escaped character|Unicode escape)/, "a backslash in quotes starts an escape JSON does not know; write \\\\ for a backslash"],
  [/non-whitespace character after JSON/, "something follows the end of the JSON; remove it"],
  [/Unexpected end of JSON/, ENDS_TOO_SOON],
  [/Unterminated string/, "a quote is opened and never closed"],
  [/Unexpected token/, "a character out of place; check the commas, quotes and brackets before it"],
];

/** soothe's words for the error JSON.parse threw on `text`. */
export function jsonProblem(text: string, error: unknown): JsonProblem {
  const message = error instanceof Error ? error.message : String(error);
  let words = WORDS.find(([pattern]) => pattern.test(message))?.[1] ?? "this is not valid JSON";
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  if (lineCol) return { line: Number(lineCol[1]), col: Number(lineCol[2]), words };
  const position = /at position (\d+)/.exec(message);
  const end = /Unexpected end of JSON/.test(message);
  if (!position && !end) return { line: null, col: null, words };
  const offset = Math.min(end ? text.length : Number(position![1]), text.length);
  // Whatever the runtime expected, at the very end it means that the text stops before the JSON does.
  if (offset >= text.trimEnd().length && !/Unterminated string/.test(message)) words = ENDS_TOO_SOON;
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const col = [...before.slice(before.lastIndexOf("\n") + 1)].length + 1;
  return { line, col, words };
}

/** "at line 2, column 5: …", or only the words when the place is not known. */
export function jsonProblemText(problem: JsonProblem): string {
  return problem.line === null ? problem.words : `at line ${problem.line}, column ${problem.col}: ${problem.words}`;
}
