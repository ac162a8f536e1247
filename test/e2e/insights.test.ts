// stats, history --csv, history import and report through the built bin/soothe.js, as a person or a script uses them.
import * as fs from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { HISTORY_CSV_COLUMNS, readCsv } from "../../src/history/csv.js";
import type { Stats } from "../../src/history/stats.js";
import { openHistory } from "../../src/history/store.js";
import type { Session } from "../../src/history/types.js";
import { practice, record, type SessionSpec } from "../helpers/history-data.js";
import { assertBuilt, killAll, readHistoryJson, runPiped, spawnPty, tempHome, type TempHome } from "./harness.js";

// Several suites share two cores: be generous.
const SLOW = { timeoutMs: 45_000 };
const TEST_TIMEOUT = 150_000;

const homes: TempHome[] = [];
let home: TempHome;

beforeAll(() => assertBuilt());
beforeEach(async () => {
  home = await newHome();
});
afterEach(async () => {
  killAll();
  for (const h of homes.splice(0)) await h.cleanup();
});

async function newHome(): Promise<TempHome> {
  const h = await tempHome();
  homes.push(h);
  return h;
}

function fill(target: TempHome, specs: SessionSpec[]): void {
  record(openHistory(join(target.dir, "history.jsonl")), specs);
}

async function ok(args: string[], where: TempHome, env: Record<string, string> = {}) {
  const result = await runPiped(args, { home: where, env, ...SLOW });
  expect(result.stderr, `soothe ${args.join(" ")}`).toBe("");
  expect(result.code, `soothe ${args.join(" ")}`).toBe(0);
  return result.stdout;
}

describe("soothe stats --json", () => {
  it("prints the documented figures for a realistic history", async () => {
    const specs = practice(new Date(), 10);
    fill(home, specs);
    const stats = JSON.parse(await ok(["stats", "--json"], home)) as Stats;
    expect(stats.sessions).toBe(specs.length);
    expect(stats.completed).toBe(specs.filter((s) => (s.status ?? "completed") === "completed").length);
    expect(Object.keys(stats)).toEqual([
      "sessions", "completed", "active_s", "per_week", "counted", "streak", "week", "pain", "routines", "techniques", "trend",
    ]);
    expect(stats.week.goal).toBe(5);
    expect(stats.streak.longest).toBeGreaterThanOrEqual(stats.streak.current);
    expect(stats.streak.longest).toBeGreaterThan(1);
    // The two routines that help come first; the other two tie on no change.
    expect(stats.routines.map((r) => r.id).slice(0, 2)).toEqual(["glute-release", "nerve-glides"]);
    expect(stats.routines.map((r) => r.id).slice(2).sort()).toEqual(["cold-pack-cycle", "morning-mobility"]);
    expect(Object.keys(stats.routines[0]!)).toEqual(
      expect.arrayContaining(["id", "name", "sessions", "completed", "avg_back_change", "avg_leg_change", "meaningful", "spread"]),
    );
    expect(stats.pain.avg_back_change).toBeLessThan(0);
  }, TEST_TIMEOUT);

  it("gives the same days and streaks whatever time zone it runs in", async () => {
    // Recorded around the end of March 2020 on clocks in New York, London and Tokyo.
    fill(home, [
      { id: "a", at: new Date("2020-03-30T23:30:00.000-04:00"), startText: "2020-03-30T23:30:00.000-04:00" },
      { id: "b", at: new Date("2020-03-31T23:55:00.000+01:00"), startText: "2020-03-31T23:55:00.000+01:00" },
      { id: "c", at: new Date("2020-04-01T00:10:00.000+09:00"), startText: "2020-04-01T00:10:00.000+09:00" },
      { id: "d", at: new Date("2020-04-03T12:00:00.000+09:00"), startText: "2020-04-03T12:00:00.000+09:00" },
    ]);
    const results: Stats[] = [];
    for (const TZ of ["UTC", "America/Los_Angeles", "Pacific/Auckland"]) {
      results.push(JSON.parse(await ok(["stats", "--json"], home, { TZ })) as Stats);
    }
    for (const stats of results) expect(stats.streak).toEqual({ current: 0, longest: 3 });
    expect(results[1]).toEqual({ ...results[0], week: results[1]!.week });
  }, TEST_TIMEOUT);

  it("refuses a --since it cannot read: a usage error (exit 2), a message, no stack trace", async () => {
    const result = await runPiped(["stats", "--since", "yesterday-ish"], { home, ...SLOW });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^soothe: --since takes a date or a span back from today/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, TEST_TIMEOUT);
});

describe("the dashboard on a terminal", () => {
  it("fits 80 columns and reads without colour", async () => {
    fill(home, practice(new Date(), 10));
    const session = spawnPty(["stats"], { home, cols: 80, rows: 50, noColor: true });
    const { exitCode } = await session.waitForExit(45_000);
    expect(exitCode).toBe(0);
    const text = session.bufferText();
    expect(text).toContain("Your practice (all routines, all time)");
    expect(text).toMatch(/Last 12 weeks, minutes a day {2,}Pain before each session, 0-10/);
    expect(text).toMatch(/^Glute release +\d+ +\d+ +-[\d.]+ +-[\d.]+ +\d+\/\d+ +\d+$/m);
    expect(session.output()).not.toMatch(/\u001b\[[0-9;]*m/);
    // A line wider than the terminal would have wrapped: each starts where the dashboard meant it to.
    for (const line of text.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
  }, TEST_TIMEOUT);
});

describe("moving history between machines", () => {
  it("history --json, then import into an empty history, gives the same sessions; a second import adds nothing", async () => {
    fill(home, practice(new Date(), 6));
    const original = await readHistoryJson(home);
    const file = join(home.userHome, "backup.json");
    fs.writeFileSync(file, await ok(["history", "--json"], home));

    const other = await newHome();
    expect(await ok(["history", "import", file], other)).toBe(`Imported ${original.length} sessions from ${file}.\n`);
    expect(await readHistoryJson(other)).toEqual(original);
    const before = fs.readFileSync(join(other.dir, "history.jsonl"), "utf8");
    expect(await ok(["history", "import", file], other)).toBe(
      `Imported 0 sessions from ${file}; ${original.length} sessions already in your history, left as they were.\n`,
    );
    expect(fs.readFileSync(join(other.dir, "history.jsonl"), "utf8")).toBe(before);
    expect(fs.statSync(join(other.dir, "history.jsonl")).mode & 0o777).toBe(0o600);
  }, TEST_TIMEOUT);

  it("history --csv, then import, keeps every column the CSV has", async () => {
    fill(home, practice(new Date(), 6));
    const csv = await ok(["history", "--csv"], home);
    const records = readCsv(csv);
    expect(records[0]!.fields).toEqual([...HISTORY_CSV_COLUMNS]);
    const file = join(home.userHome, "backup.csv");
    fs.writeFileSync(file, csv);

    const other = await newHome();
    await ok(["history", "import", file], other);
    expect(await ok(["history", "--csv"], other)).toBe(csv);
    const strip = (sessions: Session[]) => sessions.map(({ segments: _segments, ...rest }) => rest);
    expect(strip(await readHistoryJson(other))).toEqual(strip(await readHistoryJson(home)));
  }, TEST_TIMEOUT);

  it("a file with a bad record changes nothing and says which record, which field and what to do", async () => {
    fill(home, practice(new Date(), 1));
    const sessions = await readHistoryJson(home);
    (sessions[1] as unknown as Record<string, unknown>).status = "finished";
    const file = join(home.userHome, "bad.json");
    fs.writeFileSync(file, JSON.stringify(sessions));

    const other = await newHome();
    const result = await runPiped(["history", "import", file], { home: other, ...SLOW });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `soothe: ${file}: record 2, field status: expected completed, stopped, interrupted or running, got "finished". ` +
        "Nothing was imported; fix the file and import it again.\n",
    );
    expect(fs.existsSync(join(other.dir, "history.jsonl")) ? fs.readFileSync(join(other.dir, "history.jsonl"), "utf8") : "").toBe("");
  }, TEST_TIMEOUT);
});

describe("soothe report", () => {
  it("writes the HTML page to --out and Markdown down a pipe", async () => {
    fill(home, practice(new Date(), 14));
    const file = join(home.userHome, "report.html");
    expect(await ok(["report", "--out", file], home)).toMatch(/^Report \(\d+ sessions\) written to .*report\.html\nOpen it in a browser/);
    const html = fs.readFileSync(file, "utf8");
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="pain-chart"');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const md = await ok(["report", "--format", "md", "--since", "30d"], home);
    expect(md).toMatch(/^# Self-care report: sciatica and low-back pain\n\nPeriod: \*\*.* \(31 days\)\*\*/);
    expect(md).toContain("## Routines and how pain changed");
  }, TEST_TIMEOUT);

  it("refuses an unknown format as a usage error", async () => {
    const result = await runPiped(["report", "--format", "pdf"], { home, ...SLOW });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Allowed choices are html, md/);
  }, TEST_TIMEOUT);
});
