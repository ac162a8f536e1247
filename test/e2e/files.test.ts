// Where the history and settings are written, through the built program: only regular files (or links to them),
// never a FIFO, device or folder, never a file that is not a soothe history, and no command ever hangs on one.
import { execFileSync } from "node:child_process";
import { lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { eachTestInTempHome, fixture, readHistoryJson, runPiped, type TempHome } from "./harness.js";
import type { Settings } from "../../src/deps.js";

let home: TempHome;
eachTestInTempHome((h) => (home = h));

const TINY = fixture("tiny.yaml");
const RUN = ["run", TINY, "--no-sound", "--no-checkin"];
const history = () => join(home.dir, "history.jsonl");
const settings = () => join(home.dir, "config.json");

function mkfifo(path: string): void {
  execFileSync("mkfifo", [path]);
}

/** One finished session, as a run writes it. */
function sessionLines(id: string, at = "2026-11-21T08:00:00.000+01:00"): string {
  return [
    { v: 1, session: id, at, type: "start", routine: { id: "tiny", name: "Tiny e2e" }, planned_s: 1, pid: 1, host: "elsewhere" },
    {
      v: 1,
      session: id,
      at,
      type: "segment",
      segment: { title: "One breath", kind: "stretch", side: null, set: 1, planned_s: 1, active_s: 1, outcome: "done" },
    },
    { v: 1, session: id, at, type: "end", status: "completed" },
  ]
    .map((event) => `${JSON.stringify(event)}\n`)
    .join("");
}

const PASSWD = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n";

describe("the history file", () => {
  it("that is /dev/null is refused: a run does not start, nothing is said to be saved", async () => {
    symlinkSync("/dev/null", history());
    const result = await runPiped(RUN, { home });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`soothe: ${history()} cannot be used as the history file: it is a symbolic link to /dev/null, which is a device`);
    expect(result.stdout).not.toContain("Saved in your history");
    const listed = await runPiped(["history"], { home });
    expect(listed.code).toBe(1);
    expect(listed.stderr).toContain("which is a device");
  });

  it.each([[["history"]], [["history", "--json"]], [["stats"]], [["report", "--format", "md"]], [RUN]])(
    "that is a FIFO: %j is refused at once, naming it, and never hangs",
    async (args) => {
      mkfifo(history());
      const result = await runPiped(args, { home, timeoutMs: 8000 });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`${history()} cannot be used as the history file: it is a FIFO (named pipe), not a regular file.`);
      expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    },
  );

  it("that is a link to a history in a synced folder is used, and stays a link", async () => {
    const synced = join(home.userHome, "Sync");
    mkdirSync(synced);
    writeFileSync(join(synced, "history.jsonl"), sessionLines("old"));
    symlinkSync(join(synced, "history.jsonl"), history());
    const result = await runPiped(RUN, { home });
    expect(result.code).toBe(0);
    expect(lstatSync(history()).isSymbolicLink()).toBe(true);
    const sessions = await readHistoryJson(home);
    expect(sessions.map((s) => s.status)).toEqual(["completed", "completed"]);
    expect(readFileSync(join(synced, "history.jsonl"), "utf8").startsWith(sessionLines("old"))).toBe(true);
  });

  it("that is a link to a file that is not a soothe history is refused, and the file is left as it was", async () => {
    const other = join(home.userHome, "passwd");
    writeFileSync(other, PASSWD);
    symlinkSync(other, history());
    for (const args of [RUN, ["history"]]) {
      const result = await runPiped(args, { home });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`${history()} is not a soothe history: its first line is not a soothe event`);
      expect(result.stderr).not.toContain("root:");
    }
    expect(readFileSync(other, "utf8")).toBe(PASSWD);
  });

  it("that is a dangling link is refused with what it points at", async () => {
    const gone = join(home.userHome, "unmounted", "history.jsonl");
    symlinkSync(gone, history());
    const result = await runPiped(RUN, { home });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${history()} cannot be used as the history file: it is a symbolic link to ${gone}, which does not exist.`);
  });

  it("that starts with a UTF-8 byte order mark keeps its first session", async () => {
    writeFileSync(history(), `\uFEFF${sessionLines("first")}${sessionLines("second", "2026-11-22T08:00:00.000+01:00")}`);
    const result = await runPiped(["history", "--json"], { home });
    expect(result.stderr).toBe("");
    expect((JSON.parse(result.stdout) as { id: string }[]).map((s) => s.id)).toEqual(["second", "first"]);
  });
});

describe("the settings file", () => {
  it.each([[RUN], [["config", "get", "lead_in"]], [["config", "set", "lead_in", "10s"]], [["history"]]])(
    "that is a FIFO: %j ends at once, naming it",
    async (args) => {
      rmSync(settings());
      mkfifo(settings());
      const result = await runPiped(args, { home, timeoutMs: 8000 });
      expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
      if (args[0] !== "history") {
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(`the settings file ${settings()} cannot be used: it is a FIFO (named pipe), not a regular file.`);
      } else {
        expect(result.code).toBe(0);
      }
    },
  );

  it("that is a link to another file never shows that file's contents", async () => {
    const other = join(home.userHome, "passwd");
    writeFileSync(other, PASSWD);
    const linked = join(home.userHome, "home");
    mkdirSync(linked);
    symlinkSync(other, join(linked, "config.json"));
    const result = await runPiped(["config", "get", "lead_in"], { home: linked, env: { HOME: home.userHome } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`the settings file ${join(linked, "config.json")} cannot be used: it is not valid JSON`);
    expect(result.stderr).not.toMatch(/root|daemon|x:0/);
  });
});

describe("settings written by several soothes at once", () => {
  it("9 parallel config set of 9 keys keep every value", async () => {
    const sets: [string, string, unknown][] = [
      ["lead_in", "7s", 7],
      ["transition", "3s", 3],
      ["sound", "off", false],
      ["voice", "auto", "auto"],
      ["voice_command", "espeak-ng -s 120", "espeak-ng -s 120"],
      ["affected_side", "left", "left"],
      ["pain_checkins", "off", false],
      ["weekly_goal", "3", 3],
      ["color", "never", "never"],
    ];
    const results = await Promise.all(sets.map(([key, value]) => runPiped(["config", "set", key, value], { home, timeoutMs: 30_000 })));
    for (const result of results) expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
    const listed = await runPiped(["config", "list", "--json"], { home });
    const stored = JSON.parse(listed.stdout) as Settings;
    for (const [key, , value] of sets) expect({ key, value: stored[key as keyof Settings] }).toEqual({ key, value });
    expect(stored.safety_shown).toBe(true);
  });
});

describe("history import run several times at once", () => {
  /** 50 finished sessions, as `history --json` prints them, each with two segments. */
  function backup(): string {
    const sessions = Array.from({ length: 50 }, (_, i) => {
      const at = new Date(Date.parse("2026-10-01T08:00:00.000Z") + i * 3_600_000).toISOString();
      const end = new Date(Date.parse(at) + 120_000).toISOString();
      const segment = (title: string, active_s: number) => ({ title, kind: "stretch", side: null, set: 1, planned_s: 60, active_s, outcome: "done" });
      return {
        id: `s${i}`,
        routine: { id: "tiny", name: "Tiny e2e" },
        started_at: at,
        ended_at: end,
        status: "completed",
        planned_s: 120,
        active_s: 90 + i,
        segments: [segment("One", 30), segment("Two", 60 + i)],
        pain_before: null,
        pain_after: null,
        spread: null,
        note: null,
      };
    });
    const file = join(home.userHome, "backup.json");
    writeFileSync(file, JSON.stringify(sessions));
    return file;
  }

  it("10 parallel imports of the same 50-session file leave exactly 50 sessions, each with its own segments", async () => {
    const file = backup();
    const results = await Promise.all(Array.from({ length: 10 }, () => runPiped(["history", "import", file], { home, timeoutMs: 60_000 })));
    for (const result of results) expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
    const imported = results.map((r) => Number(/Imported (\d+) session/.exec(r.stdout)?.[1]));
    expect(imported.reduce((a, b) => a + b, 0)).toBe(50);
    const sessions = await readHistoryJson(home);
    expect(sessions).toHaveLength(50);
    expect(new Set(sessions.map((s) => s.id)).size).toBe(50);
    for (const s of sessions) {
      const i = Number(s.id.slice(1));
      expect({ id: s.id, segments: s.segments.length, active_s: s.active_s }).toEqual({ id: s.id, segments: 2, active_s: 90 + i });
    }
  });
});

describe("what history --json writes, history import reads back", () => {
  it("one odd line (a start whose at is not a date) is reported when read and leaves the backup restorable", async () => {
    const odd = JSON.stringify({ v: 1, session: "odd", at: "yesterday", type: "start", routine: { id: "tiny", name: "Tiny e2e" }, planned_s: 1, pid: 1, host: "elsewhere" });
    writeFileSync(history(), `${sessionLines("first")}${odd}\n${sessionLines("second", "2026-11-22T08:00:00.000+01:00")}`);
    const exported = await runPiped(["history", "--json"], { home });
    expect(exported.code).toBe(0);
    expect(exported.stderr).toContain(`${history()}: skipped 1 damaged line (line 4)`);
    const file = join(home.userHome, "backup.json");
    writeFileSync(file, exported.stdout);
    rmSync(history());
    const restored = await runPiped(["history", "import", file], { home });
    expect({ code: restored.code, stderr: restored.stderr }).toEqual({ code: 0, stderr: "" });
    expect((await readHistoryJson(home)).map((s) => s.id)).toEqual(["second", "first"]);
  });
});

describe("a session without an end", () => {
  it("is running only while its own process lives: a start from before the machine started reads interrupted", async () => {
    const start = { v: 1, session: "old", at: "2020-01-01T08:00:00.000+00:00", type: "start", routine: { id: "tiny", name: "Tiny e2e" }, planned_s: 1, pid: 1, host: hostname() };
    writeFileSync(history(), `${JSON.stringify(start)}\n`);
    const [session] = await readHistoryJson(home);
    expect(session).toMatchObject({ id: "old", status: "interrupted" });
  });
});
