import { formatProblem } from "../errors.js";
import type { RoutineProblem } from "../routine/types.js";
import { cleanText, displayWidth, truncate } from "../text.js";
import type { Theme } from "./theme.js";

/**
 * Problems as `path:line:col: message`, each error followed by its line of the file and a caret under the column,
 * so that the user sees what to fix. Pure.
 */
export function renderProblems(problems: RoutineProblem[], text: string, theme: Theme, columns = 80): string[] {
  const lines = text.split(/\r?\n/);
  const out: string[] = [];
  for (const problem of problems) {
    const head = formatProblem(problem);
    out.push(problem.severity === "error" ? theme.red(head) : theme.yellow(head));
    const source = lines[problem.line - 1];
    if (source === undefined || source.trim() === "") continue;
    const number = String(problem.line).padStart(5);
    const room = Math.max(20, columns - number.length - 4);
    // Tabs would move the caret; the line is shown with them as single spaces, like cleanText does.
    const shown = truncate(cleanText(source), room);
    out.push(theme.dim(`${number} | `) + shown);
    const at = displayWidth(cleanText(source.slice(0, problem.col - 1)));
    if (at < room) out.push(theme.dim(`${" ".repeat(number.length)} | `) + " ".repeat(at) + theme.red("^"));
  }
  return out;
}
