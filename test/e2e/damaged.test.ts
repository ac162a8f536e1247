// Damaged and unusable files, through the built program: a history with garbage and a torn last line, events from
// a newer soothe, settings that cannot be used, and places that cannot be written.
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Session } from "../../src/history/types.js";
import {
  assertBuilt,
  fixture,
  killAll,
  readHistoryJson,
  runPiped,
  spawnPty,
  tempHome,
  type EnvOverrides,
  type TempHome,
} from "./harness.js";

let home: TempHome;
let historyFile: string;

beforeAll(() => assertBuilt());
beforeEach(async () => {
  home = await tempHome();
  historyFile = join(home.dir, "history.jsonl");
});
afterEach(async () => {
  killAll();
  await home.cleanup();
});

const TINY = fixture("tiny.yaml");

/** Runs the tiny routine through a pipe and expects it to complete. */
async function runTiny(): Promise<{ stdout: string; stderr: string }> {
  const result = await runPiped(["run", TINY, "--no-sound", "--no-checkin"], { home, timeoutMs: 15_000 });
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(result.code).toBe(0);
  return result;
}

/** A whole session's lines, as a run writes them. */
function sessionLines(id: string, day: number): string[] {
  const at = (s: number) => `2026-11-${String(day).padStart(2, "0")}T08:00:0${s}.000+01:00`;
  return [
    { v: 1, session: id, at: at(0), type: "start", routine: { id: "tiny", name: "Tiny e2e" }, planned_s: 1, pid: 1, host: "elsewhere" },
    {
      v: 1,
      session: id,
      at: at(1),
      type: "segment",
      segment: { title: "One breath", kind: "stretch", side: null, set: 1, planned_s: 1, active_s: 1, outcome: "done" },
    },
    { v: 1, session: id, at: at(1), type: "end", status: "completed" },
  ].map((event) => JSON.stringify(event));
}

const TORN = '{"v":1,"session":"s3","at":"2026-11-23T08:00:00.000+01:00","type":"sta';

/** Two good sessions, garbage between them, a half-written event on its own line, and a torn last line. */
function damagedHistory(): string {
  return [
    ...sessionLines("s1", 21),
    "this is not json",
    '{"v":1,"session":"s2","type":"segment"',
    ...sessionLines("s2", 22),
    "\u0000\u0000\u0000",
  ].join("\n").concat("\n", TORN);
}

const WARNING = (count: number) =>
  `soothe: warning: ${historyFile}: skipped ${count} damaged lines`;

describe("a damaged history", () => {
  it.each([
    [["history"]],
    [["history", "--json"]],
    [["stats"]],
    [["stats", "--json"]],
    [["report", "--format", "md", "--since", "2026-01-01"]],
  ])("soothe %j reads every good session past garbage and a torn last line, with one warning", async (args) => {
    writeFileSync(historyFile, damagedHistory(), { mode: 0o600 });
    const before = readFileSync(historyFile);
    const result = await runPiped(args, { home });
    expect(result.code).toBe(0);
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      `${WARNING(4)} (lines 4, 5, 9, 10); they are left in the file`,
    ]);
    expect(readFileSync(historyFile).equals(before)).toBe(true);
    if (args.join(" ") === "history --json") {
      const sessions = JSON.parse(result.stdout) as Session[];
      expect(sessions.map((s) => [s.id, s.status, s.segments.length])).toEqual([
        ["s2", "completed", 1],
        ["s1", "completed", 1],
      ]);
    }
  });

  it("a run warns once, appends on a fresh line, and history then reads every earlier session and the new one whole", async () => {
    writeFileSync(historyFile, damagedHistory(), { mode: 0o600 });
    const before = readFileSync(historyFile, "utf8");
    const { stderr } = await runTiny();
    expect(stderr.match(/warning/g)).toHaveLength(1);
    expect(stderr).toContain(`${historyFile}: 1 damaged line (the last line, cut short as it was written?) is left in the file`);
    expect(stderr).toContain("this session starts on a fresh line");

    const after = readFileSync(historyFile, "utf8");
    expect(after.startsWith(`${before}\n`)).toBe(true);
    const added = after.slice(before.length + 1).split("\n");
    expect(added.at(-1)).toBe("");
    expect(added.slice(0, -1).map((line) => (JSON.parse(line) as { type: string }).type)).toEqual(["start", "segment", "end"]);

    const result = await runPiped(["history", "--json"], { home });
    expect(result.code).toBe(0);
    expect(result.stderr.match(/warning/g)).toHaveLength(1);
    expect(result.stderr).toContain(`${WARNING(4)} (lines 4, 5, 9, 10)`);
    const sessions = JSON.parse(result.stdout) as Session[];
    expect(sessions).toHaveLength(3);
    const [latest, ...earlier] = sessions;
    expect(earlier.map((s) => s.id)).toEqual(["s2", "s1"]);
    expect(latest).toMatchObject({ routine: { id: "tiny" }, status: "completed" });
    expect(latest?.segments.map((s) => [s.title, s.outcome])).toEqual([["One breath", "done"]]);
  });

  it("events from a newer soothe are kept, never rewritten, and read past without a warning", async () => {
    const [start, segment, end] = sessionLines("s1", 21) as [string, string, string];
    const newer = [
      // A field this version does not know, on a known event.
      start.replace('"pid":1', '"pid":1,"device":"watch"'),
      // An event type this version does not know.
      '{"v":1,"session":"s1","at":"2026-11-21T08:00:00.500+01:00","type":"heart-rate","bpm":64}',
      // A later format version.
      '{"v":2,"session":"s1","at":"2026-11-21T08:00:00.700+01:00","type":"segment","segment":{"title":"Future","parts":[1,2]}}',
      segment.replace('"outcome":"done"', '"outcome":"done","effort":3'),
      end,
    ].join("\n").concat("\n");
    writeFileSync(historyFile, newer, { mode: 0o600 });
    const listed = await runPiped(["history", "--json"], { home });
    expect(listed.code).toBe(0);
    expect(listed.stderr).toBe("");
    const [session] = JSON.parse(listed.stdout) as Session[];
    expect(session?.segments).toEqual([
      { title: "One breath", kind: "stretch", side: null, set: 1, planned_s: 1, active_s: 1, outcome: "done" },
    ]);
    expect(Object.keys(session ?? {})).not.toContain("device");

    const { stderr } = await runTiny();
    expect(stderr).toBe("");
    const after = readFileSync(historyFile, "utf8");
    expect(after.startsWith(newer)).toBe(true);
    expect(await readHistoryJson(home)).toHaveLength(2);
  });

  it("history import adds sessions after the damaged lines and leaves every one of them in place", async () => {
    const exported = join(home.userHome, "export.json");
    const other = await tempHome();
    try {
      writeFileSync(join(other.dir, "history.jsonl"), `${sessionLines("s9", 20).join("\n")}\n`, { mode: 0o600 });
      const out = await runPiped(["history", "--json"], { home: other });
      writeFileSync(exported, out.stdout);
    } finally {
      await other.cleanup();
    }
    writeFileSync(historyFile, damagedHistory(), { mode: 0o600 });
    const before = readFileSync(historyFile, "utf8");
    const result = await runPiped(["history", "import", exported], { home });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Imported 1 session");
    expect(result.stderr.match(/warning/g)).toHaveLength(1);
    const after = readFileSync(historyFile, "utf8");
    expect(after.startsWith(`${before}\n`)).toBe(true);
    const sessions = await readHistoryJson(home);
    expect(sessions.map((s) => s.id).sort()).toEqual(["s1", "s2", "s9"]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Settings

const NEED_SETTINGS: string[][] = [
  ["run", TINY, "--no-sound", "--no-checkin"],
  ["config", "get", "lead_in"],
  ["config", "list"],
  ["stats"],
  ["report", "--format", "md"],
];
const NO_SETTINGS_NEEDED: string[][] = [["--version"], ["validate", TINY], ["history"]];
const SHOW_TIMES: [string[], string][] = [
  [["list"], "Morning mobility"],
  [["show", TINY], "One breath"],
];

type Damage = (file: string) => void;
const write =
  (text: string): Damage =>
  (file) =>
    writeFileSync(file, text, { mode: 0o600 });

const DAMAGE: [string, Damage, RegExp][] = [
  ["not JSON", write('{ "lead_in": 5,'), /it is not valid JSON/],
  ["JSON with a bad value", write('{ "safety_shown": true, "weekly_goal": "lots" }\n'), /weekly_goal must be a whole number from 1 to 21; got "lots"/],
  ["a JSON array", write('[{ "safety_shown": true }]\n'), /it should hold a JSON object of settings/],
  ["a folder in place of the file", (file) => mkdirSync(file), /it is a folder, not a regular file/],
];

/** The settings file's bytes (or "folder") and the files named like it, to compare before and after. */
function snapshot(file: string): { bytes: Buffer | "folder"; names: string[] } {
  let bytes: Buffer | "folder";
  try {
    bytes = readFileSync(file);
  } catch {
    bytes = "folder";
  }
  // No backup, temp or lock file beside it (the routine list's cache may come and go).
  return { bytes, names: readdirSync(home.dir).filter((name) => name.startsWith("config")).sort() };
}

describe("a settings file that cannot be used", () => {
  it.each(DAMAGE)("%s: commands that need settings stop with exit 1, naming the file and `soothe config reset`", async (_name, damage, reason) => {
    const file = join(home.dir, "config.json");
    writeFileSync(historyFile, `${sessionLines("s1", 21).join("\n")}\n`, { mode: 0o600 });
    const historyBefore = readFileSync(historyFile);
    // In place of the good file tempHome wrote.
    rmSync(file);
    damage(file);
    const before = snapshot(file);

    // Side by side: none of them may write anything.
    const [needing, notNeeding, showing] = await Promise.all([
      Promise.all(NEED_SETTINGS.map((args) => runPiped(args, { home, timeoutMs: 15_000 }))),
      Promise.all(NO_SETTINGS_NEEDED.map((args) => runPiped(args, { home }))),
      Promise.all(SHOW_TIMES.map(([args]) => runPiped(args, { home }))),
    ]);
    for (const [i, args] of NEED_SETTINGS.entries()) {
      const result = needing[i]!;
      expect({ args, code: result.code }).toEqual({ args, code: 1 });
      expect(result.stderr).toContain(`soothe: the settings file ${file} cannot be used: `);
      expect(result.stderr).toMatch(reason);
      expect(result.stderr).toContain("run `soothe config reset` to go back to the defaults.");
      expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(result.stdout).toBe("");
    }
    for (const [i, args] of NO_SETTINGS_NEEDED.entries()) {
      const result = notNeeding[i]!;
      expect({ args, code: result.code, stderr: result.stderr }).toEqual({ args, code: 0, stderr: "" });
      expect(result.stdout).not.toBe("");
    }
    for (const [i, [args, shown]] of SHOW_TIMES.entries()) {
      const result = showing[i]!;
      expect({ args, code: result.code }).toEqual({ args, code: 0 });
      expect(result.stdout).toContain(shown);
      expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(result.stderr).toContain(`times are shown with the default settings, because the settings file ${file} cannot be used`);
      expect(result.stderr).toContain("soothe config reset");
    }

    expect(snapshot(file)).toEqual(before);
    expect(readFileSync(historyFile).equals(historyBefore)).toBe(true);
  });

  it.skipIf(process.getuid?.() === 0)("a file that cannot be read (mode 000) stops `run` and `config get`, and is left as it was", async () => {
    // Skipped as root: root reads a file of mode 000 all the same. The folder case above covers an unreadable file.
    const file = join(home.dir, "config.json");
    chmodSync(file, 0o000);
    try {
      for (const args of [NEED_SETTINGS[0]!, NEED_SETTINGS[1]!]) {
        const result = await runPiped(args, { home, timeoutMs: 15_000 });
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(`soothe: the settings file ${file} cannot be used: permission denied.`);
        expect(result.stderr).toContain("soothe config reset");
      }
    } finally {
      chmodSync(file, 0o600);
    }
    expect(readFileSync(file, "utf8")).toBe(`${JSON.stringify({ safety_shown: true })}\n`);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Places that cannot be written (a parent that is a regular file fails even for root)

interface Place {
  /** Environment for the child, set up in `home`. */
  env: () => EnvOverrides;
  /** What stderr must say: the path and the reason. */
  message: () => string;
}

const PLACES: [string, Place][] = [
  [
    "the history folder sits under a regular file",
    {
      env: () => ({ SOOTHE_HOME: undefined, XDG_CONFIG_HOME: home.dir, XDG_DATA_HOME: join(home.userHome, "blocker", "data") }),
      message: () =>
        `soothe: cannot create the history folder ${join(home.userHome, "blocker", "data", "soothe")}: ${join(home.userHome, "blocker")} is a regular file, not a folder.`,
    },
  ],
  [
    "the data folder is a regular file",
    {
      env: () => ({ SOOTHE_HOME: undefined, XDG_CONFIG_HOME: home.dir, XDG_DATA_HOME: home.userHome, HOME: home.userHome }),
      message: () =>
        `soothe: cannot create the history folder ${join(home.userHome, "soothe")}: ${join(home.userHome, "soothe")} is a regular file, not a folder.`,
    },
  ],
  [
    "the history file is a folder",
    {
      env: () => ({}),
      message: () => `soothe: ${historyFile} cannot be used as the history file: it is a folder, not a regular file.`,
    },
  ],
  [
    "SOOTHE_HOME sits under a regular file",
    {
      env: () => ({ SOOTHE_HOME: join(home.userHome, "blocker", "soothe") }),
      message: () =>
        `soothe: cannot create the history folder ${join(home.userHome, "blocker", "soothe")}: ${join(home.userHome, "blocker")} is a regular file, not a folder.`,
    },
  ],
];

/** Sets up the obstacle a place needs; returns what the folders hold, to check nothing was added. */
function obstruct(name: string): () => string[] {
  // XDG_CONFIG_HOME=home.dir means settings at home.dir/soothe/config.json, SOOTHE_HOME=home.dir at
  // home.dir/config.json: mark the safety screen as seen in both, in a file already at the current migration (an
  // older file is brought up to date when first read, which would change it).
  mkdirSync(join(home.dir, "soothe"), { recursive: true });
  const settings = `${JSON.stringify({ safety_shown: true, __internal__: { migrations: { version: "0.1.0" } } })}\n`;
  for (const dir of [home.dir, join(home.dir, "soothe")]) writeFileSync(join(dir, "config.json"), settings, { mode: 0o600 });
  writeFileSync(join(home.userHome, "blocker"), "a regular file\n");
  if (name === "the data folder is a regular file") writeFileSync(join(home.userHome, "soothe"), "not a folder\n");
  if (name === "the history file is a folder") mkdirSync(historyFile);
  const list = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? [`${path}/`, ...list(path)] : [`${path} ${readFileSync(path, "utf8")}`];
    });
  return () => [...list(home.dir), ...list(home.userHome)].sort();
}

describe("a run whose session could not be saved", () => {
  it.each(PLACES)("%s: refuses before the countdown through a pipe, exit 1, saying where and why", async (name, place) => {
    const contents = obstruct(name);
    const before = contents();
    const result = await runPiped(["run", TINY, "--no-sound", "--no-checkin"], { home, env: place.env() });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(place.message());
    expect(result.stderr).toMatch(/set SOOTHE_HOME to a folder you can write to\.\n$/);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(result.stdout).toBe("");
    expect(contents()).toEqual(before);
  });

  it.each(PLACES)("%s: refuses before the countdown on a terminal, exit 1, saying where and why", async (name, place) => {
    const contents = obstruct(name);
    const before = contents();
    const run = spawnPty(["run", TINY, "--no-sound", "--no-checkin"], { home, env: place.env() });
    const { exitCode } = await run.waitForExit(15_000);
    expect(exitCode).toBe(1);
    const screen = run.bufferText().replace(/\n/g, "");
    expect(screen).toContain(place.message().replace(/\n/g, ""));
    // The live screen never opened: no alternate screen, no countdown.
    expect(run.output()).not.toContain("\u001b[?1049h");
    expect(screen).not.toMatch(/left|GET READY|One breath/);
    expect(contents()).toEqual(before);
  });
});
