import { spawn } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, isAbsolute, join } from "node:path";

// Starting helper programs (speech, desktop notifications) safely: never through a shell, never waited for.

/** What soothe needs of a started program: to hear that it failed, to stop it, and to know whether it ended. */
export interface StartedProgram {
  on(event: "error", listener: (error: Error) => void): unknown;
  on(event: "exit", listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
  kill(signal?: NodeJS.Signals): unknown;
}

/** Starts `program` with `args` (no shell), its output ignored; child_process.spawn in production. */
export type StartProgram = (program: string, args: readonly string[]) => StartedProgram;

/** Finds a program by name: its full path, or null when it is not installed. */
export type FindProgram = (name: string) => string | null;

/**
 * Starts a program without a shell: arguments reach it exactly as given, whatever quotes or `;` they hold. Its
 * output is ignored and it is not waited for (unref), so it can never hold up a timer or the exit.
 */
export const startProgram: StartProgram = (program, args) => {
  const child = spawn(program, [...args], { stdio: "ignore", shell: false, windowsHide: true });
  child.unref();
  return child;
};

const WINDOWS_EXTENSIONS = [".exe", ".cmd", ".bat", ".com"];

/**
 * A PATH lookup like `which`: the first executable file called `name` in the folders of `pathList`. A name with a
 * path separator is checked as it is.
 */
export function findOnPath(name: string, pathList: string | undefined, platform: NodeJS.Platform = process.platform): string | null {
  if (name === "") return null;
  const extensions = platform === "win32" ? ["", ...WINDOWS_EXTENSIONS] : [""];
  const candidates =
    name.includes("/") || (platform === "win32" && name.includes("\\")) || isAbsolute(name)
      ? extensions.map((ext) => name + ext)
      : (pathList ?? "")
          .split(platform === "win32" ? ";" : delimiter)
          .filter((folder) => folder !== "")
          .flatMap((folder) => extensions.map((ext) => join(folder, name + ext)));
  for (const candidate of candidates) {
    try {
      if (!statSync(candidate).isFile()) continue;
      if (platform !== "win32") accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here, or not executable: look further.
    }
  }
  return null;
}

/**
 * Splits a command line such as `espeak-ng -v "en-gb" -s 140` into a program and its arguments the way a POSIX
 * shell would split words (single and double quotes, backslash escapes), without any of a shell's other powers:
 * no variables, globs, pipes or `;`. With `escapes` false a backslash is an ordinary character, for values that
 * may hold Windows paths (`C:\Tools\edit.exe`). Returns a message when the text cannot be split (an open quote,
 * nothing).
 */
export function splitCommand(text: string, options: { escapes?: boolean } = {}): string[] | string {
  const escapes = options.escapes ?? true;
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quote === "'") {
      if (ch === "'") quote = null;
      else word += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = null;
      else if (escapes && ch === "\\" && i + 1 < text.length && '"\\$`'.includes(text[i + 1]!)) word += text[++i];
      else word += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (escapes && ch === "\\" && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote) return `a ${quote === "'" ? "single" : "double"} quote is not closed`;
  if (inWord) words.push(word);
  if (words.length === 0) return "it names no program";
  return words;
}
