import * as fs from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { history } from "../../src/commands/history.js";
import { report } from "../../src/commands/report.js";
import { UsageError, UserError } from "../../src/errors.js";
import { HISTORY_CSV_COLUMNS, readCsv } from "../../src/history/csv.js";
import { openHistory } from "../../src/history/store.js";
import { FakeClock } from "../../src/session/clock.js";
import { makeDeps, type FakeDeps } from "../helpers/fake-deps.js";
import { practice, record, type SessionSpec } from "../helpers/history-data.js";

/** Monday 30 November 2026, 20:00 local. */
const NOW = new Date(2026, 10, 30, 20, 0);

const fakes: FakeDeps[] = [];
afterEach(() => {
  for (const fake of fakes.splice(0)) fake.cleanup();
});

function setup(options: Parameters<typeof makeDeps>[0] = {}, specs: SessionSpec[] = practice(NOW, 20)) {
  const fake = makeDeps({ clock: new FakeClock(0, NOW.getTime()), ...options });
  fakes.push(fake);
  const store = openHistory(fake.deps.paths.historyFile, { isAlive: () => false });
  record(store, specs);
  fake.deps.openHistory = async () => store;
  return fake;
}

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe("soothe report", () => {
  it("sends HTML down a pipe, covering the last 90 days", async () => {
    const { deps, out, err } = setup();
    expect(await report({}, deps)).toBe(0);
    expect(out()).toMatch(/^<!DOCTYPE html>/);
    expect(out()).toContain("Period: <strong>1 Sep 2026 to 30 Nov 2026 (13 weeks)</strong>.");
    expect(out()).toContain("<svg");
    expect(err()).toBe("");
  });

  it("sends Markdown with --format md, over the period --since asks for", async () => {
    const { deps, out } = setup();
    expect(await report({ format: "md", since: "2026-11-02" }, deps)).toBe(0);
    expect(out()).toMatch(/^# Self-care report/);
    expect(out()).toContain("Period: **2 Nov 2026 to 30 Nov 2026 (29 days)**.");
    expect(out()).not.toContain("| 26 Oct 2026 |");
  });

  it("writes --out in the format its extension names, readable only by its owner", async () => {
    const { deps, out, home } = setup();
    const file = join(home, "for-my-physio.md");
    expect(await report({ out: file }, deps)).toBe(0);
    expect(fs.readFileSync(file, "utf8")).toMatch(/^# Self-care report/);
    expect(mode(file)).toBe(0o600);
    expect(out()).toMatch(new RegExp(`^Report \\(\\d+ sessions\\) written to ${file}\\n$`));
  });

  it("keeps an HTML report asked for on a terminal in the private reports folder, and says where", async () => {
    const { deps, out } = setup({ tty: true });
    expect(await report({}, deps)).toBe(0);
    const file = join(deps.paths.dataDir, "reports", "report-2026-11-30.html");
    expect(fs.readFileSync(file, "utf8")).toMatch(/^<!DOCTYPE html>/);
    expect(mode(file)).toBe(0o600);
    expect(mode(join(deps.paths.dataDir, "reports"))).toBe(0o700);
    expect(out()).toMatch(new RegExp(`written to ${file}\\nOpen it in a browser to read or print it\\.\\n$`));
  });

  it("prints Markdown on a terminal rather than filing it away", async () => {
    const { deps, out } = setup({ tty: true });
    expect(await report({ format: "md" }, deps)).toBe(0);
    expect(out()).toMatch(/^# Self-care report/);
    expect(fs.existsSync(join(deps.paths.dataDir, "reports"))).toBe(false);
  });

  it("says where it cannot write, and what to do", async () => {
    const { deps, home } = setup();
    const file = join(home, "no-such-folder", "report.html");
    const error = await report({ out: file }, deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(
      `cannot write the report to "${file}": its folder does not exist; choose another place with --out FILE`,
    );
    await expect(report({ out: home, format: "html" }, deps)).rejects.toThrow(/: it is a folder;/);
  });

  it("refuses an unknown format and an unreadable --since", async () => {
    const { deps } = setup();
    await expect(report({ format: "pdf" }, deps)).rejects.toThrow(UsageError);
    await expect(report({ since: "soon" }, deps)).rejects.toThrow(/--since takes a date or a span back from today/);
  });

  it("refuses a --since after today and an --out it would not know how to write, as usage errors", async () => {
    const { deps } = setup();
    const future = await report({ since: "2099-01-01", format: "md" }, deps).catch((e: unknown) => e);
    expect(future).toBeInstanceOf(UsageError);
    expect((future as Error).message).toMatch(/^--since "2099-01-01" is after today \(\d{4}-\d{2}-\d{2}\); give a day on or before today/);
    const txt = await report({ out: "report.txt" }, deps).catch((e: unknown) => e);
    expect(txt).toBeInstanceOf(UsageError);
    expect((txt as Error).message).toBe(
      '--out "report.txt": a report is an HTML page (.html, .htm) or Markdown (.md); name the file so, or say which with --format html or --format md',
    );
  });

  it("makes a report for an empty history too", async () => {
    const { deps, out } = setup({}, []);
    expect(await report({ format: "md" }, deps)).toBe(0);
    expect(out()).toContain("No sessions were recorded in this period.");
  });

  it("counts a session on its own clock's day at the start of the period", async () => {
    // 23:30 on 1 September in Los Angeles is 2 September in UTC; it belongs to 1 September, the first day.
    const { deps, out } = setup({}, [
      { id: "la", at: new Date("2026-09-01T23:30:00.000-07:00"), startText: "2026-09-01T23:30:00.000-07:00" },
      { id: "before", at: new Date("2026-08-31T23:30:00.000+09:00"), startText: "2026-08-31T23:30:00.000+09:00" },
    ]);
    expect(await report({ format: "md", since: "2026-09-01" }, deps)).toBe(0);
    expect(out()).toContain("- Sessions: 1 (1 completed)");
  });
});

describe("soothe history --csv", () => {
  it("prints a header and a row a session, newest first", async () => {
    const { deps, out } = setup();
    expect(await history({ csv: true, limit: "3" }, deps)).toBe(0);
    const records = readCsv(out());
    expect(records[0]!.fields).toEqual([...HISTORY_CSV_COLUMNS]);
    expect(records).toHaveLength(4);
    const dates = records.slice(1).map((r) => r.fields[1]!);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(out().endsWith("\r\n")).toBe(true);
  });

  it("refuses --csv with --json", async () => {
    const { deps } = setup();
    await expect(history({ csv: true, json: true }, deps)).rejects.toThrow(UsageError);
  });
});
