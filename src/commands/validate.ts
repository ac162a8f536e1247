import { basename, extname } from "node:path";
import type { Deps } from "../deps.js";
import { formatProblem } from "../errors.js";
import { idFromFile, readFailure, readRoutineBytes } from "../routine/catalog.js";
import { isValidId } from "../routine/id.js";
import { parseRoutine } from "../routine/parse.js";
import type { RoutineProblem } from "../routine/types.js";
import { cleanText, toJson } from "../text.js";

/** One file's result in `validate --json`. */
export interface ValidationResult {
  file: string;
  valid: boolean;
  problems: Pick<RoutineProblem, "line" | "col" | "message" | "severity">[];
}

/**
 * `soothe validate <file...>`: checks routine files and prints every problem as `path:line:col: message` on stderr.
 * Returns 0 when every file is valid (warnings allowed), else 1. With `json`, prints only the results on stdout.
 */
export async function validate(files: string[], opts: { json?: boolean }, deps: Deps): Promise<number> {
  const results: ValidationResult[] = [];
  const all: RoutineProblem[][] = [];
  for (const file of files) {
    const problems = await check(file);
    all.push(problems);
    results.push({
      file,
      valid: !problems.some((p) => p.severity === "error"),
      problems: problems.map(({ line, col, message, severity }) => ({ line, col, message, severity })),
    });
  }

  if (opts.json) {
    deps.stdout.write(`${toJson(results)}\n`);
  } else {
    results.forEach((result, index) => {
      for (const problem of all[index]!) deps.stderr.write(`${formatProblem(problem)}\n`);
      if (result.valid) {
        const warnings = result.problems.length;
        const note = warnings === 0 ? "" : ` (${warnings} ${warnings === 1 ? "warning" : "warnings"})`;
        deps.stdout.write(`${cleanText(result.file)}: ${deps.theme.green("valid")}${note}\n`);
      }
    });
  }
  return results.every((r) => r.valid) ? 0 : 1;
}

async function check(file: string): Promise<RoutineProblem[]> {
  let bytes: Uint8Array;
  try {
    bytes = await readRoutineBytes(file);
  } catch (error) {
    return [{ file, line: 1, col: 1, message: readFailure(error), severity: "error" }];
  }
  const { problems } = parseRoutine(bytes, file, idFromFile(file));
  const name = basename(file, extname(file));
  if ((extname(file) === ".yaml" || extname(file) === ".yml") && !isValidId(name)) {
    problems.push({
      file,
      line: 1,
      col: 1,
      message: "the file name is not a routine id (lowercase letters, digits and dashes), so soothe list leaves it out",
      severity: "warning",
    });
    problems.sort((a, b) => a.line - b.line || a.col - b.col);
  }
  return problems;
}
