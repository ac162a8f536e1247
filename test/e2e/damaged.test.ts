// Damaged and unusable files, through the built program: a history with garbage and a torn last line, events from
// a newer soothe, settings that cannot be used, and places that cannot be written.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Session } from "../../src/history/types.js";
import { assertBuilt, fixture, killAll, readHistoryJson, runPiped, tempHome, type TempHome } from "./harness.js";

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
    expect(stderr).toContain(`${historyFile}: the last line is damaged`);
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
