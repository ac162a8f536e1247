import * as fs from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatSegments, formatStart, history, renderHistoryTable } from "../../src/commands/history.js";
import type { Deps, Output } from "../../src/deps.js";
import { readEnv, resolvePaths } from "../../src/env.js";
import { defaults } from "../../src/settings.js";
import { UserError } from "../../src/errors.js";
import { parseLimit, parseSince } from "../../src/history/query.js";
import { openHistory } from "../../src/history/store.js";
import { localIso } from "../../src/time.js";
import type { HistoryEvent, Session } from "../../src/history/types.js";
import { FakeClock } from "../../src/session/clock.js";
import { captureOutput } from "../../src/ui/home-menu.js";
import { createTheme } from "../../src/ui/theme.js";

/** An output that keeps what is written: the home menu's capture, as a terminal or a pipe. */
function capture(isTTY = false): Output & { text(): string } {
  return captureOutput({ isTTY } as Output);
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(join(tmpdir(), "soothe-history-cmd-"));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** "Now" for the tests: local noon on Saturday 28 November 2026, wherever the tests run. */
const NOW = new Date(2026, 10, 28, 12, 0, 0);

function makeDeps() {
  const env = readEnv({ SOOTHE_HOME: dir, HOME: dir });
  const paths = resolvePaths(env);
  const stdout = capture();
  const stderr = capture();
  const store = openHistory(paths.historyFile, { isAlive: () => false });
  const deps: Deps = {
    env,
    paths,
    stdin: new PassThrough(),
    stdout,
    stderr,
    clock: new FakeClock(0, NOW.getTime()),
    theme: createTheme(false),
    errTheme: createTheme(false),
    verbose: false,
    loadSettings: async () => defaults(),
    saveSettings: async () => {
      throw new Error("no settings change expected");
    },
    openHistory: async () => store,
    prompts: {
      select: async () => {
        throw new Error("no prompt expected");
      },
      confirm: async () => {
        throw new Error("no prompt expected");
      },
      input: async () => {
        throw new Error("no prompt expected");
      },
      number: async () => {
        throw new Error("no prompt expected");
      },
    },
    onSignal: () => () => {},
    pid: 1,
    hostname: "test",
  };
  return { deps, store, out: () => stdout.text(), err: () => stderr.text() };
}

function record(store: ReturnType<typeof openHistory>, id: string, when: Date, routine: [string, string], outcomes: string[], end?: "completed" | "stopped") {
  const at = localIso(when);
  const events: HistoryEvent[] = [
    { v: 1, type: "start", session: id, at, routine: { id: routine[0], name: routine[1] }, planned_s: 600, pid: 99, host: "h" },
    ...outcomes.map(
      (outcome, i): HistoryEvent => ({
        v: 1,
        type: "segment",
        session: id,
        at,
        segment: { title: `Step ${i}`, kind: "stretch", side: null, set: 1, planned_s: 60, active_s: outcome === "done" ? 48.1 : 0, outcome: outcome as "done" },
      }),
    ),
  ];
  if (end) events.push({ v: 1, type: "end", session: id, at, status: end });
  for (const event of events) store.append(event);
}

function seed(store: ReturnType<typeof openHistory>) {
  record(store, "one", new Date(2026, 10, 24, 19, 30), ["evening", "Evening wind-down"], ["done", "done"], "stopped");
  record(
    store,
    "two",
    new Date(2026, 10, 25, 8, 1),
    ["morning", "Morning mobility"],
    ["done", "done", "done", "done", "done", "done", "done", "done", "done", "skipped", "skipped"],
    "completed",
  );
  record(store, "three", new Date(2026, 10, 26, 7, 0), ["morning", "Morning mobility"], []);
}

describe("soothe history", () => {
  it("prints a table, newest first", async () => {
    const { deps, store, out, err } = makeDeps();
    seed(store);
    expect(await history({}, deps)).toBe(0);
    expect(out().split("\n")).toEqual([
      "Date              Routine            Status       Active  Segments",
      "Thu 26 Nov 07:00  Morning mobility   interrupted      0s  none",
      "Wed 25 Nov 08:01  Morning mobility   completed     7m13s  9/11, 2 skipped",
      "Tue 24 Nov 19:30  Evening wind-down  stopped       1m36s  2/2",
      "",
    ]);
    expect(err()).toBe("");
  });

  it("--json prints exactly the array, newest first, two-space indented", async () => {
    const { deps, store, out, err } = makeDeps();
    seed(store);
    expect(await history({ json: true }, deps)).toBe(0);
    const sessions = JSON.parse(out()) as Session[];
    expect(out()).toBe(`${JSON.stringify(sessions, null, 2)}\n`);
    expect(sessions.map((s) => [s.id, s.status, s.active_s, s.ended_at === null])).toEqual([
      ["three", "interrupted", 0, true],
      ["two", "completed", 432.9, false],
      ["one", "stopped", 96.2, false],
    ]);
    expect(Object.keys(sessions[1]!)).toEqual([
      "id",
      "routine",
      "started_at",
      "ended_at",
      "status",
      "planned_s",
      "active_s",
      "segments",
      "pain_before",
      "pain_after",
      "spread",
      "note",
    ]);
    expect(sessions[1]!.started_at).toBe(localIso(new Date(2026, 10, 25, 8, 1)));
    expect(err()).toBe("");
  });

  it("--json with no sessions is an empty array", async () => {
    const { deps, out } = makeDeps();
    await history({ json: true }, deps);
    expect(out()).toBe("[]\n");
  });

  it("passes --limit, --since and --routine to the store", async () => {
    const { deps, store, out } = makeDeps();
    seed(store);
    await history({ json: true, limit: "1", routine: "morning" }, deps);
    expect((JSON.parse(out()) as Session[]).map((s) => s.id)).toEqual(["three"]);

    const second = makeDeps();
    seed(second.store);
    await history({ json: true, since: "2026-11-25" }, second.deps);
    expect((JSON.parse(second.out()) as Session[]).map((s) => s.id)).toEqual(["three", "two"]);
  });

  it("says how to start when there is nothing yet, and when nothing matches", async () => {
    const { deps, store, out } = makeDeps();
    await history({}, deps);
    expect(out()).toBe("No sessions yet. Start one with: soothe run <routine>\n");
    seed(store);
    const again = makeDeps();
    seed(again.store);
    await history({ routine: "nope" }, again.deps);
    expect(again.out()).toBe("No sessions match.\n");
  });

  it("warns on stderr about damaged lines and keeps stdout pure JSON", async () => {
    const { deps, store, out, err } = makeDeps();
    seed(store);
    fs.appendFileSync(store.file, '{"v":1,"type":"sta');
    await history({ json: true }, deps);
    expect(JSON.parse(out())).toHaveLength(3);
    expect(err()).toBe(`soothe: warning: ${store.file}: skipped 1 damaged line (line 19); it is left in the file\n`);
  });

  it.each(["0", "-3", "x", "1.5", ""])("rejects --limit %j as a usage error (exit 2)", async (limit) => {
    const { deps, out } = makeDeps();
    const error = await history({ limit }, deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    expect((error as UserError).message).toBe(`--limit takes a whole number above 0, got ${JSON.stringify(limit)}`);
    expect(out()).toBe("");
  });

  it("rejects a --since it cannot read", async () => {
    const { deps } = makeDeps();
    await expect(history({ since: "last tuesday" }, deps)).rejects.toThrow(
      '--since takes a date or a span back from today, got "last tuesday"; for example --since 2026-11-01, --since 30d or --since 12w',
    );
  });
});

describe("table pieces", () => {
  it("counts segments done out of those recorded, and the skipped ones", () => {
    const seg = (outcome: "done" | "skipped" | "stopped") => ({ title: "t", kind: "rest" as const, side: null, set: null, planned_s: 1, active_s: 1, outcome });
    const with_ = (outcomes: ("done" | "skipped" | "stopped")[]) => formatSegments({ segments: outcomes.map(seg) } as unknown as Session);
    expect(with_([])).toBe("none");
    expect(with_(["done", "done"])).toBe("2/2");
    expect(with_(["done", "skipped", "stopped"])).toBe("1/3, 1 skipped");
  });

  it("formats the start as recorded, with the year when it is not this year's", () => {
    expect(formatStart("2026-11-25T08:01:02.345+01:00", NOW)).toBe("Wed 25 Nov 08:01");
    expect(formatStart("2025-01-05T23:59:00.000-05:00", NOW)).toBe("Sun 5 Jan 2025 23:59");
  });

  it("removes terminal escapes from routine names and cuts long ones", () => {
    const session = {
      id: "x",
      routine: { id: "evil", name: "Evil\u001b[2J name\u0007" },
      started_at: "2026-11-25T08:01:02.345+01:00",
      ended_at: null,
      status: "running",
      planned_s: 1,
      active_s: 1,
      segments: [],
      pain_before: null,
      pain_after: null,
      spread: null,
      note: null,
    } satisfies Session;
    const long = { ...session, routine: { id: "long", name: "A very long routine name that goes on and on" } };
    const lines = renderHistoryTable([session, long], { now: NOW, theme: createTheme(false) });
    expect(lines.slice(1)).toEqual([
      "Wed 25 Nov 08:01  Evil name                         running      1s  none",
      "Wed 25 Nov 08:01  A very long routine name that g…  running      1s  none",
    ]);
  });
});

describe("parseSince and parseLimit", () => {
  it.each([
    ["2026-11-01", new Date(2026, 10, 1)],
    ["2026-02-28", new Date(2026, 1, 28)],
    ["30d", new Date(2026, 9, 29, 12, 0, 0)],
    ["1d", new Date(2026, 10, 27, 12, 0, 0)],
    ["2w", new Date(2026, 10, 14, 12, 0, 0)],
    [" 12W ", new Date(2026, 8, 5, 12, 0, 0)],
  ])("reads --since %j", (text, date) => {
    expect(parseSince(text, NOW)).toEqual(date);
  });

  it.each(["2026-02-30", "2026-13-01", "0d", "30", "30m", "yesterday", ""])("rejects --since %j", (text) => {
    expect(() => parseSince(text, NOW)).toThrow(UserError);
    expect(() => parseSince(text, NOW)).toThrow(/2026-11-01/);
  });

  it.each([
    ["1", 1],
    ["20", 20],
    [" 7 ", 7],
  ])("reads --limit %j", (text, n) => {
    expect(parseLimit(text)).toBe(n);
  });
});
