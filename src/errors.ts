import type { RoutineProblem } from "./routine/types.js";
import { cleanLines, cleanText } from "./clean.js";

/**
 * A mistake the user can fix: shown as a message, exit 1. The message is cleaned of control characters, as it may
 * quote a file name or a value that came from a file.
 */
export class UserError extends Error {
  override name = "UserError";
  constructor(
    message: string,
    readonly exitCode = 1,
    options?: { cause?: unknown },
  ) {
    super(cleanLines(message), options);
  }
}

/** A settings file (or its folder) that soothe cannot use: a UserError that commands showing only times may ride out. */
export class SettingsError extends UserError {
  override name = "SettingsError";
  constructor(
    message: string,
    /** The settings file concerned. */
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super(message, 1, options);
  }
}

/** A usage mistake (bad option or argument): exit 2. */
export class UsageError extends UserError {
  override name = "UsageError";
  constructor(message: string) {
    super(message, 2);
  }
}

/** One or more located problems in routine files: each shown as `path:line:col: message`, exit 1. */
export class RoutineError extends Error {
  override name = "RoutineError";
  constructor(readonly problems: RoutineProblem[]) {
    super(problems.map(formatProblem).join("\n"));
  }
}

/** The user cancelled (Ctrl-C at a prompt): exit 130. */
export class CancelError extends Error {
  override name = "CancelError";
  constructor(message = "Cancelled.") {
    super(message);
  }
}

/** `path:line:col: message` (warnings say so), without control characters: a file name may hold any. */
export function formatProblem(p: RoutineProblem): string {
  const tag = p.severity === "warning" ? "warning: " : "";
  return `${cleanText(p.file)}:${p.line}:${p.col}: ${tag}${cleanText(p.message)}`;
}

/**
 * A mistake commander found, in soothe's words: `unknown command 'hisory' (did you mean 'history'?); see
 * \`soothe --help\``. `command` is the path of the command that refused it, empty for soothe itself.
 */
export function commandLineMessage(message: string, command: string): string {
  const [first = "", ...rest] = message.replace(/^error:\s*/, "").split("\n");
  const suggestion = rest.join(" ").match(/\(Did you mean (.+)\?\)/);
  const what = first.replace(/\.$/, "");
  const hint = suggestion ? ` (did you mean ${suggestion[1]}?)` : "";
  return `${what}${hint}${usageHint(what, command)}`;
}

/** `; see \`soothe history --help\``: where to read how a command is used, unless the message says so already. */
export function usageHint(message: string, command: string): string {
  if (message.includes("--help")) return "";
  const help = `soothe ${command === "" ? "" : `${command} `}--help`;
  return `${/[.?!]$/.test(message) ? " See" : "; see"} \`${help}\`${command === "" ? " for the commands" : " for how to use it"}.`;
}
