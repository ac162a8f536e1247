import * as fs from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { historyImport } from "../../src/commands/history-import.js";
import { UserError } from "../../src/errors.js";
import { historyCsv } from "../../src/history/csv.js";
import {
  CSV_SEGMENT_TITLE,
  ImportError,
  ImportWriteError,
  detectFormat,
  missingEvents,
  parseImport,
  planImport,
  sessionEvents,
  writeImport,
} from "../../src/history/import.js";
import { buildSessions } from "../../src/history/sessions.js";
import { localIso } from "../../src/time.js";
import { openHistory } from "../../src/history/store.js";
import type { HistoryEvent, ImportMark, Session } from "../../src/history/types.js";
import { FakeClock } from "../../src/session/clock.js";
import { startProgress } from "../../src/ui/progress.js";
import { createTheme } from "../../src/ui/theme.js";
import { FakeOutput, makeDeps, type FakeDeps } from "../helpers/fake-deps.js";
import { record, sessionsOf, type SessionSpec } from "../helpers/history-data.js";

const SPECS: SessionSpec[] = [
  {
    id: "a1",
    at: new Date("2026-11-20T08:00:00.000+01:00"),
    startText: "2026-11-20T08:00:00.000+01:00",
    routine: ["glute-release", "Glute release"],
    before: [6, 7, "calf"],
    after: [4, 5, "thigh"],
    note: 'Better; "tight" on the left,\nthen easier',
    titles: ["Ball massage", "Figure-4 stretch", "Knee to chest"],
    hurt: [1],
  },
  {
    id: "a2",
    at: new Date("2026-11-21T19:45:00.000-05:00"),
    startText: "2026-11-21T19:45:00.000-05:00",
    routine: ["nerve-glides", "Nerve glides"],
    status: "stopped",
    outcomes: ["done", "skipped", "stopped"],
    before: [5, null, null],
  },
  { id: "a3", at: new Date("2026-11-22T07:00:00.000+00:00"), startText: "2026-11-22T07:00:00.000+00:00", status: "interrupted" },
];
/** Newest first, as history --json prints them: a3, a2, a1. */
const SESSIONS = sessionsOf(SPECS);

/** Parses, writes through a fresh event list, and rebuilds: what an import puts in a history. */
function roundTrip(text: string, format: "json" | "csv"): Session[] {
  return buildSessions(planImport(parseImport(text, format), new Set()).add.flatMap(sessionEvents), () => false);
}

/** The message of the ImportError that parsing `text` throws. */
function importError(text: string, format: "json" | "csv"): string {
  try {
    parseImport(text, format);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return (error as Error).message;
  }
  throw new Error("expected the import to be refused");
}

describe("reading what history --json printed", () => {
  it("gives back every session exactly, segments, check-ins, notes and hurt marks included", () => {
    expect(roundTrip(JSON.stringify(SESSIONS, null, 2), "json")).toEqual(SESSIONS);
  });

  it("writes the events a run would have: start, segments, end, then the check-in", () => {
    const [imported] = parseImport(JSON.stringify([SESSIONS[2]]), "json");
    expect(sessionEvents(imported!).map((e) => e.type)).toEqual(["start", "segment", "segment", "segment", "end", "checkin"]);
    const start = sessionEvents(imported!)[0]!;
    // Never this machine's process: an imported session without an end reads interrupted, not running.
    expect(start).toMatchObject({ type: "start", pid: 0, host: "imported", at: "2026-11-20T08:00:00.000+01:00" });
  });
});

describe("reading what history --csv printed", () => {
  it("gives back times, status, pain, notes, routine and the counts of segments", () => {
    const back = roundTrip(historyCsv(SESSIONS), "csv");
    expect(back).toHaveLength(3);
    back.forEach((session, i) => {
      const original = SESSIONS[i]!;
      const { segments, ...rest } = session;
      const { segments: originalSegments, ...originalRest } = original;
      expect(rest).toEqual(originalRest);
      const outcomes = (list: Session["segments"], outcome: string) => list.filter((s) => s.outcome === outcome).length;
      expect(outcomes(segments, "done")).toBe(outcomes(originalSegments, "done"));
      expect(outcomes(segments, "skipped")).toBe(outcomes(originalSegments, "skipped"));
      expect(segments.every((s) => s.title === CSV_SEGMENT_TITLE)).toBe(true);
    });
  });

  it("reads the file a spreadsheet saved again: TRUE/FALSE, 2 for 2.0, times with seconds and without the T", () => {
    const resaved = historyCsv(SESSIONS)
      .replace(/,(true|false),/g, (_m, b: string) => `,${b.toUpperCase()},`)
      .replace(/,(\d+)\.0,/g, ",$1,")
      .replace(/2026-11-20T08:00:00\.000\+01:00/g, "2026-11-20 08:00:00+01:00");
    expect(resaved).toMatch(/,FALSE,|,TRUE,/);
    expect(resaved).not.toMatch(/,\d+\.0,/);
    const back = roundTrip(resaved, "csv");
    expect(back.map((s) => [s.id, s.started_at, s.active_s])).toEqual(
      SESSIONS.map((s) => [s.id, s.id === "a1" ? "2026-11-20T08:00:00+01:00" : s.started_at, s.active_s]),
    );
  });

  it.each([
    ["2026-11-25 08:01:02", new Date(2026, 10, 25, 8, 1, 2)],
    ["2026-11-25 08:01", new Date(2026, 10, 25, 8, 1, 0)],
    ["2026-11-25T08:01:02", new Date(2026, 10, 25, 8, 1, 2)],
  ])("reads a time without an offset, %j, as this machine's local time", (cell, local) => {
    const text = `id,routine,status,started_at,spread,minutes\nx1,desk-break,interrupted,${cell},True,2\n`;
    const [session] = roundTrip(text, "csv");
    expect(session!.started_at).toBe(localIso(local).replace(/\.000/, ""));
    expect(session!.active_s).toBe(120);
  });

  it("takes a hand-made table with only the needed columns, in any order", () => {
    const text = "status,started_at,routine,id,minutes,back_before,back_after,ended_at\n" +
      "completed,2026-11-25T08:00:00+01:00,desk-break,x1,2.5,4,2,2026-11-25T08:03:00+01:00\n";
    const [session] = roundTrip(text, "csv");
    expect(session).toMatchObject({
      id: "x1",
      routine: { id: "desk-break", name: "desk-break" },
      status: "completed",
      active_s: 150,
      pain_before: { back: 4, leg: null, reach: null },
      pain_after: { back: 2, leg: null, reach: null },
    });
  });
});

describe("checking every record", () => {
  const good = () => JSON.parse(JSON.stringify(SESSIONS)) as Record<string, unknown>[];
  const withChange = (index: number, change: (s: Record<string, unknown>) => void) => {
    const list = good();
    change(list[index]!);
    return JSON.stringify(list);
  };

  it.each<[string, (s: Record<string, unknown>) => void, string]>([
    ["an unknown status", (s) => (s.status = "done"), 'record 2, field status: expected completed, stopped, interrupted or running, got "done"'],
    ["a completed session without an end", (s) => (s.ended_at = null), "record 2, field ended_at: a stopped session needs the time it ended"],
    ["a missing end", (s) => delete s.ended_at, "record 2, field ended_at: missing; use null for a session that did not end"],
    ["a 30 February", (s) => (s.started_at = "2026-02-30T08:00:00.000+01:00"), 'record 2, field started_at: expected a date and time with its offset such as 2026-11-25T08:01:02.345+01:00, got "2026-02-30T08:00:00.000+01:00"'],
    ["a 29 February outside a leap year", (s) => (s.started_at = "2026-02-29T08:00:00+01:00"), "field started_at"],
    ["24:00", (s) => (s.started_at = "2026-11-21T24:00:00+01:00"), "field started_at"],
    ["an offset beyond +14:00", (s) => (s.started_at = "2026-11-21T08:00:00+15:00"), "field started_at"],
    ["a time without its offset", (s) => (s.started_at = "2026-11-21T08:00:00"), "field started_at"],
    ["an end before the start", (s) => (s.ended_at = "2026-11-01T08:00:00.000+01:00"), 'record 2, field ended_at: "2026-11-01T08:00:00.000+01:00" is before the start'],
    ["a pain level of 11", (s) => (s.pain_before = { back: 11, leg: null, reach: null }), "record 2, field pain_before.back: expected a pain level from 0 to 10, or nothing, got 11"],
    ["a reach that is not on the list", (s) => (s.pain_before = { back: 1, leg: 1, reach: "knee" }), 'record 2, field pain_before.reach: expected one of none, back, buttock, thigh, calf, foot, got "knee"'],
    ["a segment kind that does not exist", (s) => ((s.segments as Record<string, unknown>[])[1]!.kind = "yoga"), 'record 2, field segments[1].kind: expected one of stretch, exercise, massage, ice, heat, breathe, rest, manual, got "yoga"'],
    ["a segment outcome that does not exist", (s) => ((s.segments as Record<string, unknown>[])[0]!.outcome = "ok"), "record 2, field segments[0].outcome"],
    ["set 0", (s) => ((s.segments as Record<string, unknown>[])[0]!.set = 0), "record 2, field segments[0].set: expected a whole number from 1, or null, got 0"],
    ["negative seconds", (s) => (s.planned_s = -5), "record 2, field planned_s: expected seconds, a number from 0 to 604800, got -5"],
    ["an empty id", (s) => (s.id = ""), 'record 2, field id: expected a non-empty text, got ""'],
    ["an id with control characters", (s) => (s.id = "a\u001b[2J"), "record 2, field id: holds control characters"],
    ["a routine that is not an object", (s) => (s.routine = "glute"), 'record 2, field routine: expected { "id", "name" }, got "glute"'],
    ["a note that is a number", (s) => (s.note = 5), "record 2, field note: expected a text, got 5"],
    ["an interrupted session with an end", (s) => ((s.status = "interrupted"), (s.ended_at = "2026-11-21T20:00:00-05:00")), "record 2, field ended_at: an interrupted session has no end"],
  ])("refuses %s, naming the record and field", (_what, change, message) => {
    expect(importError(withChange(1, change), "json")).toContain(message);
  });

  it("reports the first bad record when there are several", () => {
    const list = good();
    list[1]!.status = "nope";
    list[2]!.status = "nope";
    expect(importError(JSON.stringify(list), "json")).toMatch(/^record 2, field status/);
  });

  it("refuses a session that appears twice in the file", () => {
    const list = good();
    list[2]!.id = list[0]!.id;
    expect(importError(JSON.stringify(list), "json")).toBe('record 3, field id: "a3" is also the id of record 1; each session must appear once');
  });

  it.each([
    ["{ not json", "line 1: this is not valid JSON at column 3: a key must be in double quotes, and no comma may follow the last entry"],
    ['[\n  {"id": "x",}\n]', "line 2: this is not valid JSON at column 14: a key must be in double quotes"],
    ['{"id": "x"}', "expected an array of sessions, as `soothe history --json` prints"],
    ["[1]", "record 1: expected a session object, got 1"],
  ])("refuses a JSON file %j that is not a list of sessions", (text, message) => {
    expect(importError(text, "json")).toContain(message);
  });

  it.each([
    ["", "the file is empty; expected a header line and one line a session"],
    ["id,routine\nx,y\n", "line 1: the header has no status, started_at columns; expected the columns of `soothe history --csv`"],
    ["id,routine,status,started_at\nx,y,completed\n", "record 1 (line 2): has 3 fields but the header has 4; a comma or quote may be missing"],
    [
      "id,routine,status,started_at,ended_at,back_before\nx,y,completed,2026-11-25T08:00:00+01:00,2026-11-25T08:10:00+01:00,five\n",
      'record 1 (line 2), field back_before: expected a number, got "five"',
    ],
    ['id,routine,status,started_at\n"x,y,completed,2026-11-25T08:00:00+01:00\n', "line 2: a quoted field is never closed"],
    ["id,routine,status,started_at\nx,y,running,2026-11-25T08:00:00+01:00\nz,y,sleeping,2026-11-25T09:00:00+01:00\n", 'record 2 (line 3), field status: expected completed, stopped, interrupted or running, got "sleeping"'],
  ])("refuses a CSV file %j with a located message", (text, message) => {
    expect(importError(text, "csv")).toContain(message);
  });

  it("tells JSON from CSV by the extension, else by the first character", () => {
    expect(detectFormat("backup.JSON", "id,x")).toBe("json");
    expect(detectFormat("backup.csv", "[")).toBe("csv");
    expect(detectFormat("backup", "\ufeff  [ {")).toBe("json");
    expect(detectFormat("backup.txt", "id,routine")).toBe("csv");
  });
});

describe("planning and writing an import", () => {
  it("leaves out sessions already present and those still running, and adds the rest oldest first", () => {
    const list = JSON.parse(JSON.stringify(SESSIONS)) as Record<string, unknown>[];
    list.push({ ...list[2]!, id: "live", status: "running", ended_at: null });
    const plan = planImport(parseImport(JSON.stringify(list), "json"), new Set(["a2"]));
    expect(plan.present).toBe(1);
    expect(plan.running).toBe(1);
    expect(plan.add.map((s) => s.id)).toEqual(["a1", "a3"]);
  });

  it("appends each session in one write, then the mark that ends the block, and reports progress", async () => {
    const writes: string[][] = [];
    const marks: ImportMark[] = [];
    const progress: [number, number][] = [];
    const many = Array.from({ length: 250 }, (_, i) => ({ ...SESSIONS[2]!, id: `m${i}` }));
    const plan = planImport(parseImport(JSON.stringify(many), "json"), new Map());
    let size = 0;
    const store = {
      appendAll: (events: readonly HistoryEvent[]) => {
        if (events.length === 0) return 0;
        writes.push(events.map((e) => e.session));
        size += 100;
        return 100;
      },
      markImport: (m: ImportMark) => marks.push(m),
      size: () => size,
    };
    await writeImport(store, plan, new Date("2026-11-25T08:00:00Z"), (done, total) => progress.push([done, total]));
    expect(writes).toHaveLength(250);
    for (const [i, write] of writes.entries()) expect(new Set(write)).toEqual(new Set([`m${i}`]));
    const at = localIso(new Date("2026-11-25T08:00:00Z"));
    const newest = plan.add.at(-1)!.started_at;
    expect(marks).toEqual([{ v: 1, type: "import", at, sessions: 250, before: null, bytes: 25_000, lines: 250 * 6, newest }]);
    expect(progress).toEqual([
      [100, 250],
      [200, 250],
      [250, 250],
    ]);
  });

  it("says how many sessions were written when a write fails part-way", async () => {
    let calls = 0;
    const store = {
      appendAll: (events: readonly HistoryEvent[]) => {
        if (events.length > 0 && ++calls === 3) throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
        return 0;
      },
      markImport: () => undefined,
      size: () => 0,
    };
    const plan = planImport(parseImport(JSON.stringify(SESSIONS), "json"), new Map());
    const error = await writeImport(store, plan, new Date()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportWriteError);
    expect(error).toMatchObject({ written: 2, total: 3 });
  });

  it("finishes a session an earlier import left cut short, and leaves whole or different ones alone", () => {
    const [imported] = parseImport(JSON.stringify([SESSIONS[2]]), "json");
    const events = sessionEvents(imported!);
    const cut = buildSessions(events.slice(0, 2), () => false)[0]!;
    expect(missingEvents(imported!, cut)).toEqual(events.slice(2));
    const whole = buildSessions(events, () => false)[0]!;
    expect(missingEvents(imported!, whole)).toEqual([]);
    const other = { ...whole, segments: whole.segments.map((s) => ({ ...s, active_s: s.active_s + 1 })) };
    expect(missingEvents(imported!, other)).toEqual([]);
    const plan = planImport([imported!], new Map([[cut.id, cut]]));
    expect(plan).toMatchObject({ add: [], present: 0, finish: [events.slice(2)] });
  });

  it("refuses a session whose active_s is not the sum of its segments', naming the field", () => {
    const list = JSON.parse(JSON.stringify([SESSIONS[0]])) as Record<string, unknown>[];
    list[0]!.active_s = 330;
    expect(importError(JSON.stringify(list), "json")).toMatch(/^record 1, field active_s: 330 is not the sum of the segments' active_s \(\d+(\.\d)?\)/);
  });

  it("refuses a session that starts in the future, naming the field", () => {
    const list = JSON.parse(JSON.stringify([SESSIONS[0]])) as Record<string, unknown>[];
    list[0]!.started_at = "2099-01-01T08:00:00.000+01:00";
    expect(importError(JSON.stringify(list), "json")).toMatch(/^record 1, field started_at: "2099-01-01T08:00:00.000\+01:00" is in the future/);
  });
});

describe("soothe history import", () => {
  const fakes: FakeDeps[] = [];
  afterEach(() => {
    for (const fake of fakes.splice(0)) fake.cleanup();
  });

  function setup(specs: SessionSpec[] = []) {
    const fake = makeDeps();
    fakes.push(fake);
    const store = openHistory(fake.deps.paths.historyFile, { isAlive: () => false });
    record(store, specs);
    fake.deps.openHistory = async () => store;
    const write = (name: string, text: string) => {
      const file = join(fake.home, name);
      fs.writeFileSync(file, text);
      return file;
    };
    const historyText = () => (fs.existsSync(store.file) ? fs.readFileSync(store.file, "utf8") : "");
    return { ...fake, store, write, historyText };
  }

  it("imports a JSON export, and a second import of the same file changes nothing", async () => {
    const { deps, out, write, store, historyText } = setup();
    const file = write("backup.json", JSON.stringify(SESSIONS));
    expect(await historyImport(file, {}, deps)).toBe(0);
    expect(out()).toBe(`Imported 3 sessions from ${file}.\n`);
    expect((await store.readSessions()).sessions).toEqual(SESSIONS);
    const before = historyText();
    expect(await historyImport(file, {}, deps)).toBe(0);
    expect(out()).toContain(`Imported 0 sessions from ${file}; 3 sessions already in your history, left as they were.\n`);
    expect(historyText()).toBe(before);
  });

  it("merges: only sessions the history lacks are added, and the CSV of the result imports as a no-op", async () => {
    const { deps, out, write, store, historyText } = setup([SPECS[0]!]);
    const file = write("other.csv", historyCsv(SESSIONS));
    expect(await historyImport(file, {}, deps)).toBe(0);
    expect(out()).toBe(`Imported 2 sessions from ${file}; 1 session already in your history, left as it was.\n`);
    const merged = (await store.readSessions()).sessions;
    expect(merged.map((s) => s.id)).toEqual(["a3", "a2", "a1"]);
    const again = write("again.csv", historyCsv(merged));
    const before = historyText();
    expect(await historyImport(again, {}, deps)).toBe(0);
    expect(historyText()).toBe(before);
  });

  it("writes nothing when any record is bad, and says which one and what to do", async () => {
    const { deps, write, historyText } = setup([SPECS[0]!]);
    const list = JSON.parse(JSON.stringify(SESSIONS)) as Record<string, unknown>[];
    list[2]!.pain_after = { back: 3, leg: 12, reach: null };
    const file = write("bad.json", JSON.stringify(list));
    const before = historyText();
    const error = await historyImport(file, {}, deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(1);
    expect((error as Error).message).toBe(
      `${file}: record 3, field pain_after.leg: expected a pain level from 0 to 10, or nothing, got 12. Nothing was imported; fix the file and import it again.`,
    );
    expect(historyText()).toBe(before);
  });

  it("says when the file cannot be read", async () => {
    const { deps, home } = setup();
    await expect(historyImport(join(home, "missing.json"), {}, deps)).rejects.toThrow(
      /cannot read ".*missing\.json": no such file; give the file that soothe history --json or --csv wrote/,
    );
    await expect(historyImport(home, {}, deps)).rejects.toThrow(/it is a folder/);
  });

  it("finishes, on a second run, a session the first left cut short (a kill or a full disk)", async () => {
    const { deps, out, write, store } = setup();
    const file = write("backup.json", JSON.stringify(SESSIONS));
    const [first] = parseImport(JSON.stringify([SESSIONS[0]]), "json");
    // What a killed import leaves: the start and one segment of one session, and a torn line.
    store.appendAll(sessionEvents(first!).slice(0, 2));
    fs.appendFileSync(store.file, '{"v":1,"session":"a3","type":"seg');
    expect((await store.readSessions()).sessions[0]).toMatchObject({ id: SESSIONS[0]!.id, status: "interrupted" });
    expect(await historyImport(file, {}, deps)).toBe(0);
    expect(out()).toContain("Imported 2 sessions");
    expect(out()).toContain("finished 1 session an earlier import of it left cut short");
    expect((await store.readSessions()).sessions).toEqual(SESSIONS);
  });

  it("two imports of the same file at once write each session once (the lock covers the look and the write)", async () => {
    const { deps, write, store, historyText } = setup();
    const file = write("backup.json", JSON.stringify(SESSIONS));
    const codes = await Promise.all([historyImport(file, {}, deps), historyImport(file, {}, deps), historyImport(file, {}, deps)]);
    expect(codes).toEqual([0, 0, 0]);
    expect((await store.readSessions()).sessions).toEqual(SESSIONS);
    expect(historyText().split("\n").filter((line) => line.includes('"type":"start"'))).toHaveLength(3);
  });

  it("after a failure, says how many sessions were written and how to finish", async () => {
    const { deps, write, store } = setup();
    const file = write("backup.json", JSON.stringify(SESSIONS));
    let calls = 0;
    const appendAll = store.appendAll.bind(store);
    store.appendAll = (events) => {
      if (events.length > 0 && ++calls === 2) {
        throw new UserError(`cannot write to ${store.file}: the disk is full (ENOSPC). Fix that, or set SOOTHE_HOME to a folder you can write to.`);
      }
      return appendAll(events);
    };
    await expect(historyImport(file, {}, deps)).rejects.toThrow(
      `the disk is full (ENOSPC). Fix that, or set SOOTHE_HOME to a folder you can write to. 1 of 3 sessions from ${file} were written; run the same import again to finish it.`,
    );
    store.appendAll = appendAll;
    expect(await historyImport(file, {}, deps)).toBe(0);
    expect((await store.readSessions()).sessions).toEqual(SESSIONS);
  });

  it("leaves running sessions out and says so", async () => {
    const { deps, out, write } = setup();
    const list = JSON.parse(JSON.stringify(SESSIONS)) as Record<string, unknown>[];
    list[2]!.status = "running";
    list[2]!.ended_at = null;
    const file = write("live.json", JSON.stringify(list));
    expect(await historyImport(file, {}, deps)).toBe(0);
    expect(out()).toBe(`Imported 2 sessions from ${file}; 1 session still running when the file was written left out.\n`);
  });
});

/** A terminal stream with the cursor methods a spinner uses. */
class FakeTerminal extends FakeOutput {
  cursorTo(_x: number, _y?: number | (() => void), done?: () => void): boolean {
    done?.();
    return true;
  }
  moveCursor(_dx: number, _dy: number, done?: () => void): boolean {
    done?.();
    return true;
  }
  clearLine(_dir: number, done?: () => void): boolean {
    done?.();
    return true;
  }
}

describe("progress", () => {
  const tty = () => {
    const stderr = new FakeTerminal({ isTTY: true });
    return { stderr, errTheme: createTheme(true), clock: new FakeClock() };
  };

  it("shows nothing for work that ends within the delay", () => {
    const deps = tty();
    const progress = startProgress(deps, "Importing");
    deps.clock.advance(399);
    progress.stop();
    deps.clock.advance(1000);
    expect(deps.stderr.text()).toBe("");
    expect(deps.clock.pending).toBe(0);
  });

  it("shows a spinner on a terminal once the work takes longer, with the latest text", async () => {
    const deps = tty();
    const progress = startProgress(deps, "Reading");
    progress.update("Importing sessions: 100 of 900");
    deps.clock.advance(400);
    await expect.poll(() => deps.stderr.text(), { timeout: 5000 }).toContain("Importing sessions: 100 of 900");
    progress.stop();
  });

  it("never shows one when stderr is not a terminal, or animation is off", () => {
    for (const deps of [
      { ...tty(), stderr: new FakeOutput({ isTTY: false }) },
      { ...tty(), errTheme: createTheme(false) },
    ]) {
      const progress = startProgress(deps, "Importing");
      expect(deps.clock.pending).toBe(0);
      progress.stop();
      expect(deps.stderr.text()).toBe("");
    }
  });
});
