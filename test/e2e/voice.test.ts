import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { assertBuilt, killAll, readHistoryJson, runPiped, tempHome, type TempHome } from "./harness.js";

// Voice with a fake speech program: a shell script that records each call's arguments, one call a line, each
// argument in <angle brackets>. The routine's title holds shell syntax that would leave a file behind if anything
// ran it through a shell.

const TITLE = 'Reach $(touch pwned-1); touch pwned-2 "quoted" `touch pwned-3`';
const ROUTINE = [
  "name: Voice e2e",
  "lead_in: 0",
  "transition: 1s",
  "steps:",
  `  - stretch: '${TITLE}'`,
  "    hold: 1s",
  "    sides: both",
  "",
].join("\n");

let home: TempHome;
let work: string;
let routine: string;
let log: string;

beforeAll(() => assertBuilt());
beforeEach(async () => {
  home = await tempHome();
  work = join(home.userHome, "work");
  mkdirSync(work);
  routine = join(work, "voice-e2e.yaml");
  writeFileSync(routine, ROUTINE);
  log = join(home.userHome, "speech.log");
});
afterEach(async () => {
  killAll();
  await home.cleanup();
});

/** Writes a recording speech program called `name` into a new folder and returns the folder. */
function speechProgram(name: string, then = ""): string {
  const bin = join(home.userHome, "bin");
  mkdirSync(bin, { recursive: true });
  const path = join(bin, name);
  writeFileSync(path, `#!/bin/sh\nline=""\nfor a in "$@"; do line="$line<$a>"; done\nprintf '%s\\n' "$line" >> '${log}'\n${then}`);
  chmodSync(path, 0o755);
  return bin;
}

function settings(values: Record<string, unknown>): void {
  writeFileSync(join(home.dir, "config.json"), JSON.stringify(values));
}

const calls = () => (existsSync(log) ? readFileSync(log, "utf8").trimEnd().split("\n") : []);

/**
 * What the run says, in order, besides the count of a last second ("1"), which a one-second segment may or may not
 * get depending on when the timer fires. A phrase may be cut off by the next before its program has even started
 * (on a busy machine), so what was said must be these in order, some perhaps missing, and always ending in "done".
 */
const PHRASES = [`${TITLE}, left side`, "switch sides", `${TITLE}, right side`, "done"];

function expectSaid(said: string[], prefix: string): void {
  const expected = PHRASES.map((phrase) => `${prefix}<${phrase}>`);
  let at = 0;
  for (const line of said.filter((l) => l !== `${prefix}<1>`)) {
    const found = expected.indexOf(line, at);
    expect(found, `"${line}" is not one of ${JSON.stringify(expected.slice(at))}`).toBeGreaterThanOrEqual(0);
    at = found + 1;
  }
  expect(said.at(-1)).toBe(`${prefix}<done>`);
  expect(said.some((line) => line.includes(TITLE))).toBe(true);
}

async function runRoutine(args: string[] = [], env: Record<string, string | undefined> = {}) {
  const result = await runPiped(["run", routine, "--no-sound", ...args], { home, env, cwd: work, timeoutMs: 30_000 });
  expect(result.stderr).not.toMatch(/internal error/i);
  return result;
}

describe("soothe run with a voice", () => {
  it("speaks through voice_command, the phrase as its last argument, never through a shell", async () => {
    const bin = speechProgram("recorder");
    settings({ voice: "on", voice_command: `${join(bin, "recorder")} --rate "1 2"` });
    const result = await runRoutine();
    expect(result.code).toBe(0);
    expectSaid(calls(), "<--rate><1 2>");
    for (const file of ["pwned-1", "pwned-2", "pwned-3"]) expect(existsSync(join(work, file))).toBe(false);
    const [session] = await readHistoryJson(home);
    expect(session?.status).toBe("completed");
  });

  it("finds a speech program on the PATH with --voice, even when the setting is off", async () => {
    const bin = speechProgram("espeak-ng");
    const result = await runRoutine(["--voice"], { PATH: `${bin}:${process.env.PATH ?? ""}` });
    expect(result.code).toBe(0);
    expectSaid(calls(), "");
  });

  it("--no-voice keeps it quiet when the setting is on", async () => {
    const bin = speechProgram("espeak-ng");
    settings({ voice: "on" });
    const result = await runRoutine(["--no-voice"], { PATH: `${bin}:${process.env.PATH ?? ""}` });
    expect(result.code).toBe(0);
    expect(calls()).toEqual([]);
  });

  it("a missing speech program is one note on stderr; the run goes on and completes", async () => {
    settings({ voice: "on", voice_command: join(home.userHome, "no-such-speaker") });
    const result = await runRoutine();
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('voice is off for this run: "');
    expect(result.stderr).toContain('no-such-speaker" (from voice_command) was not found');
    const [session] = await readHistoryJson(home);
    expect(session?.status).toBe("completed");
    expect(session?.segments.map((s) => s.outcome)).toEqual(["done", "done"]);
  });

  it("a speech program that never finishes does not hold up the run", async () => {
    const bin = speechProgram("slow-speaker", "exec sleep 5\n");
    settings({ voice: "on", voice_command: join(bin, "slow-speaker") });
    const result = await runRoutine();
    expect(result.code).toBe(0);
    expect(calls().at(-1)).toBe("<done>");
    const [session] = await readHistoryJson(home);
    expect(session?.status).toBe("completed");
    // Each side's one second was timed by the clock, not by the speech: well under the 5 s each phrase takes.
    for (const segment of session!.segments) expect(segment.active_s).toBeLessThan(3);
  });
});
