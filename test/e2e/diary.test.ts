import { describe, expect, it } from "vitest";
import type { DiaryEntry } from "../../src/history/types.js";
import { KEYS, runPiped, spawnPty, type PtySession, type TempHome, eachTestInTempHome } from "./harness.js";

// The symptom diary through the built program: options through a pipe, questions under a terminal.

let home: TempHome;
eachTestInTempHome((h) => (home = h));

const soothe = (args: string[]) => runPiped(args, { home, timeoutMs: 20_000 });

async function entries(): Promise<DiaryEntry[]> {
  const result = await soothe(["diary", "list", "--json"]);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as DiaryEntry[];
}

async function answer(session: PtySession, prompt: string | RegExp, keys: string): Promise<void> {
  await session.waitForText(prompt, 20_000);
  session.press(keys);
}

describe("soothe diary through a pipe", () => {
  it("adds from options alone, a missed day with --date, and lists newest first", async () => {
    const today = await soothe([
      "diary", "add", "--pain", "back=5,leg=6,reach=thigh", "--worst", "back=7,leg=8", "--tingling", "some",
      "--numbness", "none", "--weakness", "none", "--sitting-min", "20", "--walking-min", "30", "--sleep", "woken",
    ]);
    expect(today.code).toBe(0);
    expect(today.stdout).toMatch(/^Saved the diary for .*: back 5, leg 6 \(thigh\)\.\n$/);
    const missed = await soothe(["diary", "add", "--date", "2026-11-02", "--pain", "back=7"]);
    expect(missed.code).toBe(0);
    const list = await entries();
    expect(list.map((e) => e.date)[1]).toBe("2026-11-02");
    expect(list[0]).toMatchObject({
      pain: { back: 5, leg: 6, reach: "thigh" },
      worst: { back: 7, leg: 8 },
      tingling: "some",
      numbness: "none",
      weakness: "none",
      sitting_min: 20,
      walking_min: 30,
      sleep: "woken",
      red_flags: [],
      note: null,
    });
    expect(Object.keys(list[0]!)).toEqual([
      "id", "date", "at", "pain", "worst", "tingling", "numbness", "weakness", "sitting_min", "walking_min", "sleep", "red_flags", "note",
    ]);
  });

  it("a bad value exits 2 with the allowed list; a sign given with --red-flags is kept with the advice", async () => {
    const bad = await soothe(["diary", "add", "--weakness", "lots"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^soothe: --weakness "lots" is not allowed; use one of none, some, a-lot\b/);
    const flagged = await soothe(["diary", "add", "--numbness", "a-lot", "--red-flags", "bladder"]);
    expect(flagged.code).toBe(0);
    expect(flagged.stdout).toContain("Call emergency services or go to an emergency department now.");
    expect((await entries()).map((e) => e.red_flags)).toEqual([["bladder"]]);
  });
});

describe("soothe diary add under a terminal", () => {
  it("a lot of numbness leads to the emergency signs; a yes shows the advice at once and is kept", async () => {
    const session = spawnPty(["diary", "add", "--pain", "back=4,leg=5", "--worst", "back=6,leg=6", "--tingling", "some"], {
      home,
      noColor: true,
    });
    await answer(session, "? Day this entry is about", KEYS.enter);
    await answer(session, "? Is the leg pain in both legs?", KEYS.enter);
    await answer(session, "? Numbness today?", `${KEYS.down}${KEYS.down}${KEYS.down}${KEYS.enter}`);
    await answer(session, "? Weakness in the leg today?", KEYS.enter);
    await answer(session, "? How many minutes can you sit", `25${KEYS.enter}`);
    await answer(session, "? How many minutes can you walk", KEYS.enter);
    await answer(session, "? Last night's sleep?", KEYS.enter);
    await answer(session, "? A note for today", KEYS.enter);
    await session.waitForText("You noted a lot of numbness.", 20_000);
    await answer(session, "? Do you have sciatica in both legs?", `n${KEYS.enter}`);
    await answer(session, "? Do you have weakness or numbness in both legs", `y${KEYS.enter}`);
    await session.waitForText("Call emergency services or go to an emergency department now.", 20_000);
    const { exitCode } = await session.waitForExit(20_000);
    expect(exitCode).toBe(0);
    expect(session.bufferText()).not.toContain("Do you have numbness around");
    const [entry] = await entries();
    expect(entry).toMatchObject({ numbness: "a-lot", sitting_min: 25, red_flags: ["both-legs-weak-numb"] });
  });
});

describe("the home menu offers the diary once a day", () => {
  it("puts Today's diary first until today has an entry", async () => {
    const session = spawnPty([], { home, noColor: true, rows: 40 });
    await session.waitForText("What would you like to do?", 20_000);
    await session.waitForText(/❯ Today's diary/, 20_000);
    session.press(KEYS.enter);
    await answer(session, "? Day this entry is about", KEYS.enter);
    await answer(session, "? Back pain now", `3${KEYS.enter}`);
    for (const question of ["? Leg pain now", "? How far down your leg", "? Worst back pain today", "? Worst leg pain today"]) {
      await answer(session, question, KEYS.enter);
    }
    await answer(session, "? Is the leg pain in both legs?", KEYS.enter);
    for (const question of ["? Pins and needles today?", "? Numbness today?", "? Weakness in the leg today?"]) {
      await answer(session, question, KEYS.enter);
    }
    for (const question of ["? How many minutes can you sit", "? How many minutes can you walk", "? Last night's sleep?", "? A note for today"]) {
      await answer(session, question, KEYS.enter);
    }
    await session.waitForText("Saved the diary for", 20_000);
    await session.waitForScreen((screen) => screen.split("What would you like to do?").length === 3, 20_000, "the menu again");
    const menu = session.screenText().split("What would you like to do?").at(-1)!;
    expect(menu).not.toContain("Today's diary");
    expect(menu).toContain("❯ Run a routine");
    session.press(KEYS.ctrlC);
    await session.waitForExit(20_000);
    expect((await entries()).map((e) => e.pain)).toEqual([{ back: 3, leg: null, reach: null }]);
  });
});

