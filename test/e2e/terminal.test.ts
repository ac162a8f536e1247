// The live run screen, `stats` and `show` on terminals of every shape: narrow, wide, resized, without UTF-8, and
// dumb. The screen is read back through a headless xterm, so "fits" means what a person would see.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KEYS, fixture, readHistoryJson, spawnPty, type PtySession, type TempHome, eachTestInTempHome } from "./harness.js";

let home: TempHome;
eachTestInTempHome((h) => (home = h));

const RUN = ["--no-sound", "--no-checkin"];
/** The header's time left in the routine, e.g. "0:21 left". */
const TIME_LEFT = /\d+:\d\d left/;
/** A locale without UTF-8: LANG=C, and nothing that would override it. */
const LANG_C = { LANG: "C", LC_ALL: undefined, LC_CTYPE: undefined };

/** Rows of the whole buffer (scrollback included) that the terminal had to wrap because they were too wide. */
function wrappedRows(run: PtySession): number[] {
  const buffer = run.term.buffer.active;
  const rows: number[] = [];
  for (let y = 0; y < buffer.length; y++) if (buffer.getLine(y)?.isWrapped) rows.push(y);
  return rows;
}

/** Whether the screen shows the run laid out to fit: header on one line, nothing wrapped, nothing too wide. */
function fits(run: PtySession, title: string): boolean {
  const lines = run.screenLines();
  const header = new RegExp(`${title}.*${TIME_LEFT.source}`);
  return (
    lines.some((line) => header.test(line)) &&
    wrappedRows(run).length === 0 &&
    lines.every((line) => line.length <= run.term.cols)
  );
}

const isAscii = (text: string) => /^[\x00-\x7f]*$/.test(text);

describe("the live run screen", () => {
  it.each([
    [40, 24],
    [200, 40],
  ])("fits %i columns: title, countdown, bars and key hints, nothing wrapped", async (cols, rows) => {
    const run = spawnPty(["run", fixture("long.yaml"), ...RUN], { home, cols, rows });
    await run.waitForText(TIME_LEFT, 10_000);
    await run.waitForText("Long hold", 5_000);
    // The key hints are the last line drawn: wait for them, so that the whole frame is on the screen.
    await run.waitForText("q stop", 5_000);
    const screen = run.screenText();
    expect(fits(run, "Long e2e hold"), screen).toBe(true);
    expect(screen).toMatch(/██/);
    // The segment's bar and the routine's bar.
    expect(screen).toMatch(/[━─]{10,}/);
    expect(screen).toMatch(/Routine [▬·]{10,}/);
    expect(screen).toMatch(/space pause|spc pause/);
    expect(screen).toContain("q stop");
    run.press("q");
    expect((await run.waitForExit(10_000)).exitCode).toBe(0);
  });

  it("redraws to fit when resized from 80 to 40 and to 200 columns, and the run completes and is saved", async () => {
    const run = spawnPty(["run", fixture("quick.yaml"), ...RUN], { home, cols: 80, rows: 30 });
    await run.waitForText("Knee to chest", 10_000);
    run.resize(40, 30);
    await run.waitForScreen(() => fits(run, "Quick e2e st"), 3_000, "the run to redraw at 40 columns");
    run.resize(200, 30);
    await run.waitForScreen(
      () => fits(run, "Quick e2e st") && run.screenLines().some((line) => line.length > 120),
      3_000,
      "the run to redraw at 200 columns",
    );
    expect((await run.waitForExit(15_000)).exitCode).toBe(0);
    const [session] = await readHistoryJson(home);
    expect(session?.status).toBe("completed");
    expect(session?.segments.map((s) => [s.side, s.outcome])).toEqual([
      ["left", "done"],
      ["right", "done"],
    ]);
  });

  it.each([
    ["long.yaml", 80, "Long e2e hold", "Long hold"],
    // The routine's name is cut short here: with "..." rather than an ellipsis character.
    ["quick.yaml", 40, "Quick e2e \\.\\.\\.", "Knee to chest"],
  ])("with LANG=C draws only ASCII (%s at %i columns): # digits and bars, - rules", async (file, cols, title, step) => {
    const run = spawnPty(["run", fixture(file), ...RUN], { home, cols, env: LANG_C });
    await run.waitForText(TIME_LEFT, 10_000);
    await run.waitForText(step, 5_000);
    const screen = run.screenText();
    expect(isAscii(screen), screen).toBe(true);
    expect(screen).toMatch(/##/);
    expect(screen).toMatch(/Routine [#-]{10,}/);
    expect(fits(run, title), screen).toBe(true);
    run.press("q");
    expect((await run.waitForExit(10_000)).exitCode).toBe(0);
    expect(isAscii(run.output())).toBe(true);
  });

  it("with TERM=dumb prints plain ASCII lines with no cursor movement, and keys still work", async () => {
    const run = spawnPty(["run", fixture("long.yaml"), ...RUN], { home, env: { TERM: "dumb" } });
    await run.waitForText("Start: Long hold 20s", 10_000);
    expect(run.screenText()).toContain("Keys: space pause");
    run.press(KEYS.space);
    await run.waitForText("Paused. Press space to go on.", 5_000);
    run.press(KEYS.space);
    await run.waitForText("Going on.", 5_000);
    run.press("q");
    expect((await run.waitForExit(10_000)).exitCode).toBe(0);
    const raw = run.output();
    // No escape sequence at all: no cursor positioning, no erasing, no alternate screen, no colour.
    expect(raw).not.toContain("\u001b");
    expect(isAscii(raw)).toBe(true);
    expect(run.bufferText()).toContain("Stopped: Long e2e hold.");
    const [session] = await readHistoryJson(home);
    expect(session?.status).toBe("stopped");
  });
});

/** Three sessions of the Tiny routine, one with pain check-ins. */
function writeHistory(): void {
  const lines: object[] = [];
  for (const [i, day] of [27, 28, 29].entries()) {
    const session = `s${i}`;
    const at = `2026-11-${day}T08:00:00.000+01:00`;
    lines.push(
      { v: 1, session, at, type: "start", routine: { id: "tiny", name: "Tiny e2e with a rather long routine name" }, planned_s: 600, pid: 1, host: "elsewhere", ...(i === 2 ? { pain_before: { back: 5, leg: 6, reach: "thigh" } } : {}) },
      { v: 1, session, at, type: "segment", segment: { title: "One breath", kind: "stretch", side: null, set: 1, planned_s: 600, active_s: 600, outcome: "done" } },
      { v: 1, session, at, type: "end", status: "completed" },
    );
    if (i === 2) lines.push({ v: 1, session, at, type: "checkin", pain_after: { back: 3, leg: 4, reach: "buttock" } });
  }
  writeFileSync(join(home.dir, "history.jsonl"), lines.map((line) => `${JSON.stringify(line)}\n`).join(""), { mode: 0o600 });
}

describe("stats and show on a narrow terminal", () => {
  it.each([
    ["stats", "UTF-8", ["stats"], {}],
    ["stats", "LANG=C", ["stats"], LANG_C],
    ["show", "UTF-8", ["show", "morning-mobility"], {}],
    ["show", "LANG=C", ["show", "morning-mobility"], LANG_C],
  ])("%s at 40 columns (%s) wraps nothing", async (_name, locale, args, env) => {
    writeHistory();
    const run = spawnPty(args, { home, cols: 40, rows: 30, env });
    expect((await run.waitForExit(10_000)).exitCode).toBe(0);
    const text = run.bufferText();
    expect(text.split("\n").length).toBeGreaterThan(10);
    expect(wrappedRows(run), text).toEqual([]);
    if (locale === "LANG=C") expect(isAscii(text), text).toBe(true);
    expect(text).toMatch(args[0] === "stats" ? /Sessions 3, completed 3/ : /Total \d+m\d+s in \d+ steps/);
  });
});
