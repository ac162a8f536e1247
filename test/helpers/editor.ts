import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** What the scripted editor does to the file on one opening. */
export type EditorStep =
  /** With `encoding: "latin1"`, saves the file as an editor set to Latin-1 would. */
  | { replace: string; with: string; encoding?: "latin1" }
  | { write: string }
  | { append: string }
  /** Closes without changing anything. */
  | { nothing: true }
  /** Changes nothing and exits with this code. */
  | { exit: number }
  /** Appends `append`, says so in `<script>.ready`, then waits to be stopped (for signal tests). */
  | { hang: true; append: string };

/** A stand-in for `$EDITOR`: an executable that does the next of its steps each time it is opened. */
export interface ScriptedEditor {
  /** Path of the executable. */
  path: string;
  /** How many times it was opened. */
  opened(): number;
  /** The arguments of each opening. */
  calls(): string[][];
  /** The file's text as the editor found it at each opening. */
  seen(): string[];
  /** Path of the file that appears once a `hang` step has made its change. */
  ready: string;
}

/**
 * Writes a scripted editor into `dir`. Each opening takes the next step (the last one repeats), applies it to the
 * file named by its last argument, and records its arguments and what the file held.
 */
export function scriptedEditor(dir: string, steps: EditorStep[], name = "editor"): ScriptedEditor {
  const path = join(dir, name);
  const log = `${path}.log.json`;
  const ready = `${path}.ready`;
  const script = `#!${process.execPath}
const fs = require("node:fs");
const steps = ${JSON.stringify(steps)};
const log = ${JSON.stringify(log)};
const calls = fs.existsSync(log) ? JSON.parse(fs.readFileSync(log, "utf8")) : [];
const file = process.argv[process.argv.length - 1];
const before = fs.readFileSync(file, "utf8");
calls.push({ args: process.argv.slice(2), seen: before });
fs.writeFileSync(log, JSON.stringify(calls));
const step = steps[Math.min(calls.length - 1, steps.length - 1)];
if (step.replace !== undefined) {
  if (!before.includes(step.replace)) { console.error("scripted editor: text not found: " + step.replace); process.exit(3); }
  fs.writeFileSync(file, before.replace(step.replace, step.with), step.encoding ?? "utf8");
} else if (step.write !== undefined) fs.writeFileSync(file, step.write);
else if (step.hang) {
  fs.writeFileSync(file, before + step.append);
  fs.writeFileSync(${JSON.stringify(ready)}, "");
  setInterval(() => {}, 1000);
} else if (step.append !== undefined) fs.writeFileSync(file, before + step.append);
else if (step.exit !== undefined) process.exit(step.exit);
`;
  writeFileSync(path, script);
  chmodSync(path, 0o755);
  const records = (): { args: string[]; seen: string }[] =>
    existsSync(log) ? (JSON.parse(readFileSync(log, "utf8")) as { args: string[]; seen: string }[]) : [];
  return {
    path,
    opened: () => records().length,
    calls: () => records().map((r) => r.args),
    seen: () => records().map((r) => r.seen),
    ready,
  };
}
