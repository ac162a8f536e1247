import * as fs from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { spawn } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { UserError } from "../../src/errors.js";
import { checkWritable, lastLineWarning, openHistory } from "../../src/history/store.js";
import { planImport, sessionEvents, writeImport, type ImportedSession } from "../../src/history/import.js";
import type { HistoryEvent, SegmentRecord } from "../../src/history/types.js";

// Pass-through spies on the functions the store reads with, to count the bytes a query reads.
vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>();
  return { ...actual, readSync: vi.fn(actual.readSync), createReadStream: vi.fn(actual.createReadStream) };
});

const readSync = vi.mocked(fs.readSync);
const createReadStream = vi.mocked(fs.createReadStream);
const bytesRead = () => readSync.mock.results.reduce((sum, r) => sum + (r.type === "return" ? (r.value as number) : 0), 0);

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(join(tmpdir(), "soothe-history-"));
  file = join(dir, "data", "history.jsonl");
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  vi.clearAllMocks();
});

const dead = () => false;

function at(day: number, minute = 0): string {
  return `2026-11-${String(day).padStart(2, "0")}T08:${String(minute).padStart(2, "0")}:00.000+01:00`;
}

function start(session: string, when: string, routine = "morning", pid = 4242): HistoryEvent {
  return { v: 1, type: "start", session, at: when, routine: { id: routine, name: `Routine ${routine}` }, planned_s: 60, pid, host: "box" };
}

function segment(session: string, active_s = 30, extra: Partial<SegmentRecord> = {}): HistoryEvent {
  const record: SegmentRecord = { title: "Knee to chest", kind: "stretch", side: "left", set: 1, planned_s: 30, active_s, outcome: "done", ...extra };
  return { v: 1, type: "segment", session, at: at(1), segment: record };
}

function end(session: string, status: "completed" | "stopped" = "completed"): HistoryEvent {
  return { v: 1, type: "end", session, at: at(1, 30), status };
}

/** One finished session's lines. */
/** A finished session as an import file holds it. */
function importedSession(id: string, when: Date, record = 1): ImportedSession {
  const started = when.toISOString();
  const segment: SegmentRecord = { title: "Knee to chest", kind: "stretch", side: "left", set: 1, planned_s: 30, active_s: 30, outcome: "done" };
  const ended = new Date(when.getTime() + 60_000).toISOString();
  return { record, id, routine: { id: "morning", name: "Routine morning" }, started_at: started, ended_at: ended, status: "completed", planned_s: 60, segments: [segment], pain_before: null, pain_after: null, note: null };
}

function sessionLines(id: string, when: string, routine = "morning"): string {
  return [start(id, when, routine), segment(id, 10), segment(id, 20), end(id)].map((e) => `${JSON.stringify(e)}\n`).join("");
}

describe("append", () => {
  it("round-trips events and creates the folder 0700 and the file 0600", async () => {
    const store = openHistory(file, { isAlive: dead });
    expect(store.file).toBe(file);
    store.append(start("a", at(1)));
    store.append(segment("a", 12.3));
    store.append(end("a"));
    expect(fs.statSync(dirname(file)).mode & 0o777).toBe(0o700);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const lines = fs.readFileSync(file, "utf8").split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe("");
    expect(JSON.parse(lines[0]!)).toEqual(start("a", at(1)));
    const { sessions, warnings } = await store.readSessions();
    expect(warnings).toEqual([]);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ id: "a", status: "completed", active_s: 12.3, ended_at: at(1, 30) });
  });

  it("leaves the mode of an existing file alone", () => {
    fs.mkdirSync(dirname(file), { recursive: true });
    fs.writeFileSync(file, "", { mode: 0o640 });
    fs.chmodSync(file, 0o640);
    openHistory(file).append(start("a", at(1)));
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
  });

  it("starts on a fresh line after a torn last line, and reads past it with one warning", async () => {
    fs.mkdirSync(dirname(file), { recursive: true });
    const torn = JSON.stringify(segment("a")).slice(0, 25);
    fs.writeFileSync(file, `${JSON.stringify(start("a", at(1)))}\n${JSON.stringify(segment("a", 5))}\n${torn}`);
    const store = openHistory(file, { isAlive: dead });

    const before = await store.readSessions();
    expect(before.warnings).toEqual([`${file}: skipped 1 damaged line (line 3); it is left in the file`]);
    expect(before.sessions[0]).toMatchObject({ id: "a", status: "interrupted", active_s: 5 });
    const limited = await store.readSessions({ limit: 1 });
    expect(limited.warnings).toEqual([`${file}: skipped 1 damaged line (the last line); it is left in the file`]);

    store.append(end("a", "stopped"));
    const text = fs.readFileSync(file, "utf8");
    expect(text.endsWith(`\n${torn}\n${JSON.stringify(end("a", "stopped"))}\n`)).toBe(true);
    const after = await store.readSessions();
    expect(after.warnings).toEqual([`${file}: skipped 1 damaged line (line 3); it is left in the file`]);
    expect(after.sessions[0]).toMatchObject({ id: "a", status: "stopped" });
  });

  it("reads the same few bytes to append (the head and the last byte), however long the file is", () => {
    fs.mkdirSync(dirname(file), { recursive: true });
    fs.writeFileSync(file, sessionLines("s", at(1)));
    readSync.mockClear();
    openHistory(file).append(start("first", at(2)));
    const short = bytesRead();
    fs.writeFileSync(file, Array.from({ length: 2000 }, (_, i) => sessionLines(`s${i}`, at(1))).join(""));
    readSync.mockClear();
    openHistory(file).append(start("new", at(2)));
    expect(bytesRead()).toBe(short);
    expect(bytesRead()).toBeLessThanOrEqual(65);
    expect(createReadStream).not.toHaveBeenCalled();
  });

  it("refuses with a UserError that says where and why when the folder cannot be made", () => {
    const blocker = join(dir, "not-a-folder");
    fs.writeFileSync(blocker, "");
    const target = join(blocker, "history.jsonl");
    const store = openHistory(target);
    expect(() => store.append(start("a", at(1)))).toThrow(UserError);
    expect(() => store.append(start("a", at(1)))).toThrow(
      `cannot create the history folder ${blocker}: ${blocker} is a regular file, not a folder. ` +
        "Fix that, or set SOOTHE_HOME to a folder you can write to.",
    );
    const deeper = join(blocker, "sub", "history.jsonl");
    expect(() => checkWritable(deeper)).toThrow(
      `cannot create the history folder ${join(blocker, "sub")}: ${blocker} is a regular file, not a folder.`,
    );
    fs.mkdirSync(file, { recursive: true });
    expect(() => checkWritable(file)).toThrow(`${file} cannot be used as the history file: it is a folder, not a regular file.`);
  });

  it.skipIf(process.getuid?.() === 0)("refuses when the folder is read-only", () => {
    fs.mkdirSync(dirname(file), { recursive: true, mode: 0o500 });
    expect(() => checkWritable(file)).toThrow(`cannot write to ${file}: permission denied (EACCES).`);
  });

  it("checkWritable creates the folder and an empty file, and leaves an existing file as it was", () => {
    checkWritable(file);
    expect(fs.statSync(dirname(file)).mode & 0o777).toBe(0o700);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, "utf8")).toBe("");
    fs.writeFileSync(file, sessionLines("a", at(1)));
    checkWritable(file);
    expect(fs.readFileSync(file, "utf8")).toBe(sessionLines("a", at(1)));
  });

  it("two processes appending at once both land intact", async () => {
    const storeUrl = new URL("../../src/history/store.ts", import.meta.url).href;
    const script = join(dir, "writer.ts");
    fs.writeFileSync(
      script,
      `import { openHistory } from ${JSON.stringify(storeUrl)};
const [file, id] = process.argv.slice(2);
const store = openHistory(file);
store.append({ v: 1, type: "start", session: id, at: new Date().toISOString(), routine: { id: "r", name: "R" }, planned_s: 1, pid: process.pid, host: "h" });
for (let i = 0; i < 300; i++) store.append({ v: 1, type: "segment", session: id, at: new Date().toISOString(),
  segment: { title: "x".repeat(200), kind: "rest", side: null, set: null, planned_s: 1, active_s: 1, outcome: "done" } });
store.append({ v: 1, type: "end", session: id, at: new Date().toISOString(), status: "completed" });
`,
    );
    const tsx = fileURLToPath(import.meta.resolve("tsx"));
    const runWriter = (id: string) =>
      new Promise<number>((resolve, reject) => {
        const child = spawn(process.execPath, ["--import", tsx, script, file, id], { stdio: ["ignore", "ignore", "inherit"] });
        child.on("error", reject);
        child.on("exit", (code) => resolve(code ?? -1));
      });
    expect(await Promise.all([runWriter("one"), runWriter("two")])).toEqual([0, 0]);
    const { sessions, warnings } = await openHistory(file).readSessions();
    expect(warnings).toEqual([]);
    expect(sessions.map((s) => [s.status, s.segments.length, s.active_s]).sort()).toEqual([
      ["completed", 300, 300],
      ["completed", 300, 300],
    ]);
  });
});

describe("lastLineWarning", () => {
  const good = () => `${JSON.stringify(start("a", at(1)))}\n${JSON.stringify(segment("a", 5))}\n`;
  const torn = JSON.stringify(segment("a")).slice(0, 25);
  const warning = (f: string) =>
    `${f}: 1 damaged line (the last line, cut short as it was written?) is left in the file; this session starts on a fresh line`;

  it.each([
    ["a torn last line", () => `${good()}${torn}`, true],
    ["garbage as the last line, with its newline", () => `${good()}not json\n`, true],
    ["a torn line that is the whole file", () => torn, true],
    ["a whole history", () => good(), false],
    ["a last event without its newline", () => good().slice(0, -1), false],
    ["an event from a newer soothe last", () => `${good()}{"v":2,"type":"pulse"}\n`, false],
    ["blank lines at the end", () => `${good()}\n\n`, false],
    ["garbage further up only", () => `garbage\n${good()}`, false],
    ["an empty file", () => "", false],
  ])("%s: warns %s", (_name, text, warns) => {
    fs.mkdirSync(dirname(file), { recursive: true });
    fs.writeFileSync(file, text());
    // A tiny chunk size makes the last line span several reads.
    for (const chunkSize of [3, 64 * 1024]) expect(lastLineWarning(file, chunkSize)).toBe(warns ? warning(file) : null);
  });

  it("is quiet when there is no file, and reads only the end of a long one", () => {
    expect(lastLineWarning(file)).toBeNull();
    fs.mkdirSync(dirname(file), { recursive: true });
    fs.writeFileSync(file, `${sessionLines("a", at(1)).repeat(2000)}${torn}`);
    readSync.mockClear();
    expect(lastLineWarning(file, 1024)).toBe(warning(file));
    expect(bytesRead()).toBeLessThanOrEqual(1024 + 64);
  });
});

describe("readSessions", () => {
  it("gives nothing and no warning when there is no file yet", async () => {
    expect(await openHistory(file).readSessions()).toEqual({ sessions: [], warnings: [] });
    expect(await openHistory(file).readSessions({ limit: 5 })).toEqual({ sessions: [], warnings: [] });
    expect(fs.existsSync(file)).toBe(false);
  });

  it("skips garbage lines with one warning naming the file and the lines, and ignores blank lines", async () => {
    fs.mkdirSync(dirname(file), { recursive: true });
    const lines = [
      JSON.stringify(start("a", at(1))),
      "",
      "   ",
      JSON.stringify(segment("a", 7)),
      "not json at all",
      JSON.stringify({ v: 1, type: "segment", session: "a", at: at(1) }),
      "[1, 2]",
      JSON.stringify({ type: "end", session: "a", at: at(1), status: "completed" }),
      JSON.stringify(end("a")),
    ];
    fs.writeFileSync(file, `${lines.join("\n")}\n`);
    const original = fs.readFileSync(file);
    const store = openHistory(file, { isAlive: dead });
    const { sessions, warnings } = await store.readSessions();
    expect(warnings).toEqual([`${file}: skipped 4 damaged lines (lines 5, 6, 7, 8); they are left in the file`]);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ status: "completed", active_s: 7 });
    expect((await store.readSessions({ limit: 1 })).warnings).toEqual([
      `${file}: skipped 4 damaged lines (lines 2, 3, 4, 5 counted from the end); they are left in the file`,
    ]);
    expect(fs.readFileSync(file).equals(original)).toBe(true);
  });

  it("ignores events from a newer version but keeps them in the file", async () => {
    const store = openHistory(file, { isAlive: dead });
    store.append(start("a", at(1)));
    const newer = [
      JSON.stringify({ v: 2, type: "start", session: "future", at: at(1), whatever: true }),
      JSON.stringify({ v: 1, type: "pain", session: "a", at: at(1), before: 4 }),
      JSON.stringify({ v: 3, type: "segment", session: "a", segment: "new shape" }),
    ];
    fs.appendFileSync(file, `${newer.join("\n")}\n`);
    store.append(segment("a", 3));
    store.append(end("a"));
    for (const query of [{}, { limit: 1 }]) {
      const { sessions, warnings } = await store.readSessions(query);
      expect(warnings).toEqual([]);
      expect(sessions.map((s) => [s.id, s.segments.length])).toEqual([["a", 1]]);
    }
    const text = fs.readFileSync(file, "utf8");
    for (const line of newer) expect(text).toContain(`${line}\n`);
  });

  it("tells running from interrupted with the injected check", async () => {
    const alive = vi.fn((pid: number) => pid === 1);
    const store = openHistory(file, { isAlive: alive });
    store.append(start("live", at(1), "morning", 1));
    store.append(start("gone", at(1, 5), "morning", 2));
    store.append(start("done", at(1, 10), "morning", 3));
    store.append(end("done", "stopped"));
    const { sessions } = await store.readSessions();
    expect(sessions.map((s) => [s.id, s.status])).toEqual([
      ["done", "stopped"],
      ["gone", "interrupted"],
      ["live", "running"],
    ]);
    expect(alive).toHaveBeenCalledWith(1, "box", Date.parse(at(1)));
    expect(alive).not.toHaveBeenCalledWith(3, "box", expect.anything());
  });

  it("keeps interleaved sessions of two runs apart, newest start first", async () => {
    const one = openHistory(file, { isAlive: dead });
    const two = openHistory(file, { isAlive: dead });
    one.append(start("a", at(1, 0)));
    one.append(segment("a", 1));
    two.append(start("b", at(1, 1)));
    one.append(segment("a", 2));
    two.append(segment("b", 4));
    one.append(end("a", "completed"));
    two.append(segment("b", 8));
    two.append(end("b", "stopped"));
    for (const chunkSize of [1, 13, 65536]) {
      for (const query of [{}, { limit: 2 }, { limit: 10 }]) {
        const { sessions } = await openHistory(file, { isAlive: dead, chunkSize }).readSessions(query);
        expect(sessions.map((s) => [s.id, s.status, s.active_s])).toEqual([
          ["b", "stopped", 12],
          ["a", "completed", 3],
        ]);
      }
    }
    const { sessions } = await openHistory(file, { isAlive: dead, chunkSize: 5 }).readSessions({ limit: 1 });
    expect(sessions.map((s) => [s.id, s.segments.length])).toEqual([["b", 2]]);
  });

  it("filters by since and routine, with and without limit", async () => {
    fs.mkdirSync(dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      [
        sessionLines("s1", "2026-11-01T23:30:00.000+01:00", "morning"),
        sessionLines("s2", "2026-11-02T08:00:00.000+01:00", "evening"),
        sessionLines("s3", "2026-11-03T08:00:00.000+01:00", "morning"),
        sessionLines("s4", "2026-11-04T08:00:00.000+01:00", "evening"),
        sessionLines("s5", "2026-11-05T08:00:00.000+01:00", "morning"),
      ].join(""),
    );
    const store = openHistory(file, { isAlive: dead, chunkSize: 50 });
    const ids = async (query: Parameters<typeof store.readSessions>[0]) => (await store.readSessions(query)).sessions.map((s) => s.id);
    const since = new Date("2026-11-02T07:00:00.000Z");
    expect(await ids({ routine: "morning" })).toEqual(["s5", "s3", "s1"]);
    expect(await ids({ routine: "morning", limit: 2 })).toEqual(["s5", "s3"]);
    expect(await ids({ since })).toEqual(["s5", "s4", "s3", "s2"]);
    expect(await ids({ since, limit: 3 })).toEqual(["s5", "s4", "s3"]);
    expect(await ids({ since, routine: "evening", limit: 5 })).toEqual(["s4", "s2"]);
    expect(await ids({ since: new Date("2026-11-02T07:00:00.001Z") })).toEqual(["s5", "s4", "s3"]);
    expect(await ids({ routine: "nope", limit: 3 })).toEqual([]);
  });

  it("with a limit, reads only the end of a long file", async () => {
    fs.mkdirSync(dirname(file), { recursive: true });
    const count = 3000;
    // Runs write their starts in time order: one a minute here.
    const minute = (i: number) => new Date(Date.parse(at(1)) + i * 60_000).toISOString();
    fs.writeFileSync(file, Array.from({ length: count }, (_, i) => sessionLines(`s${i}`, minute(i))).join(""));
    const size = fs.statSync(file).size;
    expect(size).toBeGreaterThan(1_000_000);
    const store = openHistory(file, { isAlive: dead });

    readSync.mockClear();
    createReadStream.mockClear();
    const { sessions } = await store.readSessions({ limit: 20 });
    expect(sessions.map((s) => s.id)).toEqual(Array.from({ length: 20 }, (_, i) => `s${count - 1 - i}`));
    expect(createReadStream).not.toHaveBeenCalled();
    expect(bytesRead()).toBeLessThanOrEqual(64 * 1024 + 64);

    const all = await store.readSessions();
    expect(createReadStream).toHaveBeenCalledTimes(1);
    expect(all.sessions).toHaveLength(count);
    expect(all.sessions.slice(0, 20)).toEqual(sessions);
  });

  it("gives the same sessions from the end as from the start, for every limit and chunk size", async () => {
    const store = openHistory(file, { isAlive: dead });
    const events: HistoryEvent[] = [];
    for (let i = 0; i < 6; i++) {
      events.push(start(`s${i}`, at(1, i), i % 2 ? "odd" : "even"));
      if (i > 0) events.push(segment(`s${i - 1}`, i, { title: "Ünïcode ✓ title" }));
      if (i > 1 && i % 2 === 0) events.push(end(`s${i - 2}`));
    }
    for (const event of events) store.append(event);
    fs.appendFileSync(file, "garbage\n");
    const full = (await store.readSessions()).sessions;
    for (const chunkSize of [1, 2, 3, 17, 100, 100000]) {
      const chunked = openHistory(file, { isAlive: dead, chunkSize });
      for (let limit = 1; limit <= 8; limit++) {
        expect((await chunked.readSessions({ limit })).sessions).toEqual(full.slice(0, limit));
        expect((await chunked.readSessions({ limit, routine: "odd" })).sessions).toEqual(
          full.filter((s) => s.routine.id === "odd").slice(0, limit),
        );
      }
    }
  });

  it("after an import of older sessions: newest first by start time, and --limit still reads only the end", async () => {
    fs.mkdirSync(dirname(file), { recursive: true });
    const minute = (i: number) => new Date(Date.parse(at(1)) + i * 60_000).toISOString();
    fs.writeFileSync(file, Array.from({ length: 2000 }, (_, i) => sessionLines(`r${i}`, minute(i))).join(""));
    const store = openHistory(file, { isAlive: dead });
    // An import of 500 sessions from before, and one from between the runs, then five runs today.
    const older = Array.from({ length: 500 }, (_, i) => importedSession(`i${i}`, new Date(Date.parse("2026-10-01T08:00:00Z") + i * 60_000)));
    older.push(importedSession("between", new Date(Date.parse(minute(1990)) + 30_000)));
    const existing = new Map((await store.readSessions()).sessions.map((s) => [s.id, s]));
    await writeImport(store, planImport(older, existing), new Date());
    for (let i = 0; i < 5; i++) fs.appendFileSync(file, sessionLines(`today${i}`, minute(3000 + i)));
    const size = fs.statSync(file).size;

    const all = (await store.readSessions()).sessions;
    expect(all.map((s) => s.started_at)).toEqual([...all.map((s) => s.started_at)].sort((a, b) => Date.parse(b) - Date.parse(a)));
    readSync.mockClear();
    const { sessions } = await store.readSessions({ limit: 20 });
    expect(sessions.map((s) => s.id)).toEqual(all.slice(0, 20).map((s) => s.id));
    expect(sessions.slice(0, 6).map((s) => s.id)).toEqual(["today4", "today3", "today2", "today1", "today0", "r1999"]);
    expect(sessions.map((s) => s.id)).toContain("between");
    // The five runs, the import block and fifteen runs above it: a fraction of the file.
    expect(bytesRead()).toBeLessThan(size / 2);
  });

  it("skips an import's block when reading from the end, unless its sessions are among the newest", async () => {
    fs.mkdirSync(dirname(file), { recursive: true });
    const minute = (i: number) => new Date(Date.parse(at(1)) + i * 60_000).toISOString();
    fs.writeFileSync(file, Array.from({ length: 30 }, (_, i) => sessionLines(`r${i}`, minute(i))).join(""));
    const store = openHistory(file, { isAlive: dead });
    // A restored backup of 3,000 sessions from before, then two runs.
    const backup = Array.from({ length: 3000 }, (_, i) => importedSession(`b${i}`, new Date(Date.parse("2025-01-01T08:00:00Z") + i * 3_600_000)));
    const existing = new Map((await store.readSessions()).sessions.map((s) => [s.id, s]));
    await writeImport(store, planImport(backup, existing), new Date(minute(40)));
    fs.appendFileSync(file, sessionLines("today0", minute(50)) + sessionLines("today1", minute(51)));
    const size = fs.statSync(file).size;
    readSync.mockClear();
    const { sessions } = await store.readSessions({ limit: 5 });
    expect(sessions.map((s) => s.id)).toEqual(["today1", "today0", "r29", "r28", "r27"]);
    // The chunk with the mark, and one or two before the block: not the block's megabyte.
    expect(size).toBeGreaterThan(1_000_000);
    expect(bytesRead()).toBeLessThan(3 * 64 * 1024);
    // Asking for more than the runs hold reads the block too, newest first.
    const many = await store.readSessions({ limit: 40 });
    expect(many.sessions.slice(32).map((s) => s.id)).toEqual(["b2999", "b2998", "b2997", "b2996", "b2995", "b2994", "b2993", "b2992"]);
  });

  it("gives the same sessions from the end as from the start with import blocks, cut or whole, anywhere", async () => {
    fs.mkdirSync(dirname(file), { recursive: true });
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let round = 0; round < 12; round++) {
      fs.writeFileSync(file, "");
      const store = openHistory(file, { isAlive: dead, chunkSize: 257 });
      let clock = Date.parse("2026-11-01T08:00:00Z");
      for (let step = 0; step < 8; step++) {
        if (random() < 0.5) {
          clock += 60_000;
          fs.appendFileSync(file, sessionLines(`r${round}-${step}`, new Date(clock).toISOString(), random() < 0.5 ? "odd" : "even"));
          continue;
        }
        const sessions = Array.from({ length: 1 + Math.floor(random() * 4) }, (_, i) =>
          importedSession(`i${round}-${step}-${i}`, new Date(clock - Math.floor(random() * 10 * 86_400_000))),
        );
        const existing = new Map((await store.readSessions()).sessions.map((s) => [s.id, s]));
        const plan = planImport(sessions, existing);
        const luck = random();
        // Now and then an import is cut short before its mark.
        if (luck < 0.25) for (const s of plan.add) store.appendAll(sessionEvents(s));
        else if (luck < 0.5) {
          // A run starts while the import writes: its lines land inside the block.
          let first = true;
          const busy = {
            ...store,
            appendAll: (events: readonly HistoryEvent[]) => {
              const bytes = store.appendAll(events);
              if (events.length > 0 && first) {
                first = false;
                clock += 1000;
                fs.appendFileSync(file, sessionLines(`during${round}-${step}`, new Date(clock).toISOString()));
              }
              return bytes;
            },
          };
          await writeImport(busy, plan, new Date(clock));
        } else await writeImport(store, plan, new Date(clock));
      }
      const full = (await store.readSessions()).sessions;
      for (let limit = 1; limit <= full.length + 1; limit++) {
        expect((await store.readSessions({ limit })).sessions).toEqual(full.slice(0, limit));
        expect((await store.readSessions({ limit, routine: "odd" })).sessions).toEqual(full.filter((s) => s.routine.id === "odd").slice(0, limit));
      }
    }
  });

  it("copes with a very long line: --limit and the last-line check cost about one read of the file", async () => {
    fs.mkdirSync(dirname(file), { recursive: true });
    const long = `{"v":1,"session":"x","type":"segment","note":"${"a".repeat(24 * 1024 * 1024)}`;
    fs.writeFileSync(file, `${sessionLines("a", at(1))}${sessionLines("b", at(2))}${long}`);
    const size = fs.statSync(file).size;
    const timed = async (fn: () => unknown) => {
      const began = performance.now();
      await fn();
      return performance.now() - began;
    };
    const once = await timed(() => fs.readFileSync(file).indexOf("\n"));
    readSync.mockClear();
    let result: Awaited<ReturnType<ReturnType<typeof openHistory>["readSessions"]>> | undefined;
    const limited = await timed(async () => (result = await openHistory(file, { isAlive: dead }).readSessions({ limit: 5 })));
    expect(result!.sessions.map((s) => s.id)).toEqual(["b", "a"]);
    expect(result!.warnings).toEqual([`${file}: skipped 1 damaged line (the last line); it is left in the file`]);
    expect(bytesRead()).toBeLessThanOrEqual(size + 64);
    let warning: string | null = null;
    const checked = await timed(() => (warning = lastLineWarning(file)));
    expect(warning).toBe(`${file}: 1 damaged line (the last line, cut short as it was written?) is left in the file; this session starts on a fresh line`);
    // Reading it whole once is the yardstick; putting the line together chunk by chunk took hundreds of times that.
    expect(limited).toBeLessThan(20 * once + 250);
    expect(checked).toBeLessThan(20 * once + 250);
  });

  it("reports a history path that is a folder as a UserError", async () => {
    fs.mkdirSync(file, { recursive: true });
    await expect(openHistory(file).readSessions()).rejects.toThrow(UserError);
    await expect(openHistory(file).readSessions({ limit: 1 })).rejects.toThrow(
      `${file} cannot be used as the history file: it is a folder, not a regular file.`,
    );
  });
});
