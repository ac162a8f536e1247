import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { EMERGENCY_SIGN_IDS, emergencySigns, flagReason } from "../../src/care/diary-flags.js";
import { EMERGENCY_SIGNS } from "../../src/care/red-flags.js";
import { diaryAdd, diaryList } from "../../src/commands/diary.js";
import { UsageError } from "../../src/errors.js";
import { readDiaryOptions, readRedFlagsOption } from "../../src/history/record-options.js";
import { openHistory } from "../../src/history/store.js";
import type { DiaryEntry } from "../../src/history/types.js";
import { FakeClock } from "../../src/session/clock.js";
import { renderDiaryTable } from "../../src/ui/diary-view.js";
import { createTheme } from "../../src/ui/theme.js";
import { makeDeps, promptsFor, type FakeDeps } from "../helpers/fake-deps.js";

const NOW = new Date(2026, 11, 1, 21, 0, 0);
let fake: FakeDeps | undefined;
afterEach(() => fake?.cleanup());

function setup(tty = false, envVars: NodeJS.ProcessEnv = {}): FakeDeps {
  fake = makeDeps({ clock: new FakeClock(0, NOW.getTime()), tty, envVars });
  const f = fake;
  f.deps.openHistory = async () => openHistory(f.deps.paths.historyFile, { isAlive: () => false });
  return f;
}

async function entries(f: FakeDeps): Promise<DiaryEntry[]> {
  const start = f.out().length;
  await diaryList({ json: true }, f.deps);
  return JSON.parse(f.out().slice(start)) as DiaryEntry[];
}

describe("the emergency-sign rule of the diary", () => {
  it("names one id for each emergency sign of the safety screen", () => {
    expect(EMERGENCY_SIGN_IDS).toHaveLength(EMERGENCY_SIGNS.length);
    expect(emergencySigns()[0]).toEqual({ id: "both-legs", text: EMERGENCY_SIGNS[0] });
  });

  it.each([
    [{ numbness: "none", weakness: "some", bothLegs: false }, null],
    [{ numbness: "some", weakness: null, bothLegs: false }, null],
    [{ numbness: "a-lot", weakness: null, bothLegs: false }, "You noted a lot of numbness."],
    [{ numbness: null, weakness: "a-lot", bothLegs: false }, "You noted a lot of weakness."],
    [{ numbness: "a-lot", weakness: "a-lot", bothLegs: true }, "You noted pain in both legs, a lot of numbness and a lot of weakness."],
  ] as const)("flagReason(%j) is %j", (answers, reason) => {
    expect(flagReason(answers)).toBe(reason);
  });

  it("--red-flags: alone asks, a list keeps those signs, none keeps none, anything else is a usage error", () => {
    expect(readRedFlagsOption(undefined, EMERGENCY_SIGN_IDS)).toBeUndefined();
    expect(readRedFlagsOption(true, EMERGENCY_SIGN_IDS)).toBe("ask");
    expect(readRedFlagsOption("None", EMERGENCY_SIGN_IDS)).toEqual([]);
    expect(readRedFlagsOption("bowel,bladder", EMERGENCY_SIGN_IDS)).toEqual(["bowel", "bladder"]);
    expect(() => readRedFlagsOption("fever", EMERGENCY_SIGN_IDS)).toThrow(UsageError);
  });

  it("reads every diary option, and refuses a level outside none, some, a-lot", () => {
    expect(
      readDiaryOptions(
        {
          date: "2026-11-30",
          pain: "back=5,leg=6,reach=thigh",
          worst: "back=7,leg=8",
          tingling: "some",
          numbness: "none",
          weakness: "A-LOT",
          sittingMin: "20",
          walkingMin: "30",
          sleep: "woken",
          note: "Long drive",
        },
        NOW,
      ),
    ).toEqual({
      date: "2026-11-30",
      pain: { back: 5, leg: 6, reach: "thigh" },
      worst: { back: 7, leg: 8 },
      tingling: "some",
      numbness: "none",
      weakness: "a-lot",
      sitting_min: 20,
      walking_min: 30,
      sleep: "woken",
      note: "Long drive",
    });
    expect(() => readDiaryOptions({ numbness: "lots" }, NOW)).toThrow(/--numbness "lots" is not allowed.*none, some, a-lot/);
    expect(() => readDiaryOptions({ sleep: "bad" }, NOW)).toThrow(/use one of fine, woken/);
  });
});

describe("diary add through a pipe", () => {
  it("saves the options alone, and asks nothing when no answer points to an emergency sign", async () => {
    const f = setup();
    expect(await diaryAdd({ pain: "back=4,leg=5", tingling: "some", sleep: "fine" }, f.deps)).toBe(0);
    expect(f.out()).toBe("Saved the diary for Tue 1 Dec 2026: back 4, leg 5.\n");
    const [entry] = await entries(f);
    expect(entry).toMatchObject({ date: "2026-12-01", pain: { back: 4, leg: 5, reach: null }, tingling: "some", numbness: null, red_flags: [] });
    expect(entry!.at).toMatch(/^2026-12-01T21:00:00\.000/);
  });

  it("--date fills in a missed day", async () => {
    const f = setup();
    await diaryAdd({ date: "2026-11-28", pain: "leg=3" }, f.deps);
    expect((await entries(f))[0]!.date).toBe("2026-11-28");
  });

  it("when an answer points to an emergency sign, lists the signs and the advice (it cannot ask), keeping none", async () => {
    const f = setup();
    await diaryAdd({ weakness: "a-lot" }, f.deps);
    expect(f.out()).toContain("You noted a lot of weakness.");
    expect(f.out()).toContain("call emergency services or go to an emergency department now");
    expect(f.out()).toContain(`  - ${EMERGENCY_SIGNS[2]}`);
    expect((await entries(f))[0]!.red_flags).toEqual([]);
  });

  it("signs given with --red-flags are kept and the advice is shown", async () => {
    const f = setup();
    await diaryAdd({ redFlags: "saddle-numbness" }, f.deps);
    expect(f.out()).toMatch(/Call emergency services or go to an emergency department now/);
    expect((await entries(f))[0]!.red_flags).toEqual(["saddle-numbness"]);
    const table = renderDiaryTable(await entries(f), createTheme(false));
    expect(table).toContain(`  emergency sign noted: ${EMERGENCY_SIGNS[2]}`);
  });
});

describe("diary add on a terminal", () => {
  /** Answers: numbers by message start, selects by message start; everything else skipped. */
  function answers(numbers: Record<string, number>, selects: Record<string, string>, confirms: Record<string, boolean>, asked: string[]) {
    const pick = <T>(table: Record<string, T>, message: string): T | undefined =>
      Object.entries(table).find(([start]) => message.startsWith(start))?.[1];
    return promptsFor({
      number: async ({ message }) => (asked.push(message), pick(numbers, message) ?? null),
      select: async ({ message }) => (asked.push(message), (pick(selects, message) ?? "\u0000skip") as never),
      confirm: async ({ message }) => (asked.push(message), pick(confirms, message) ?? false),
      input: async ({ message, default: value }) => (asked.push(message), value ?? ""),
    });
  }

  it("asks every field, and no emergency question when nothing points to one", async () => {
    const f = setup(true);
    const asked: string[] = [];
    f.deps.prompts = answers({ "Back pain now": 3, "Leg pain now": 2, "How many minutes can you sit": 40 }, { "Last night": "fine" }, {}, asked);
    await diaryAdd({}, f.deps);
    expect(asked.map((m) => m.split(/[,(?]/)[0]!.trim())).toEqual([
      "Day this entry is about",
      "Back pain now",
      "Leg pain now",
      "How far down your leg does the pain reach now",
      "Worst back pain today",
      "Worst leg pain today",
      "Is the leg pain in both legs",
      "Pins and needles today",
      "Numbness today",
      "Weakness in the leg today",
      "How many minutes can you sit before pain makes you stop",
      "How many minutes can you walk before pain makes you stop",
      "Last night's sleep",
      "A note for today",
    ]);
    expect((await entries(f))[0]).toMatchObject({ pain: { back: 3, leg: 2, reach: null }, sitting_min: 40, sleep: "fine", red_flags: [] });
  });

  it("leg pain in both legs leads to the emergency signs; the first yes shows the advice at once and is kept", async () => {
    const f = setup(true);
    const asked: string[] = [];
    f.deps.prompts = answers({}, {}, { "Is the leg pain in both legs": true, [`Do you have ${EMERGENCY_SIGNS[1]}`]: true }, asked);
    await diaryAdd({ pain: "leg=6" }, f.deps);
    const flagQuestions = asked.filter((m) => m.startsWith("Do you have"));
    expect(flagQuestions).toEqual([`Do you have ${EMERGENCY_SIGNS[0]}?`, `Do you have ${EMERGENCY_SIGNS[1]}?`]);
    const out = f.out();
    expect(out).toContain("You noted pain in both legs.");
    // The advice comes before the entry is saved, and only once.
    expect(out.indexOf("Call emergency services")).toBeLessThan(out.indexOf("Saved the diary"));
    expect(out.split("Call emergency services").length).toBe(2);
    expect((await entries(f))[0]!.red_flags).toEqual(["both-legs-weak-numb"]);
  });

  it("--red-flags alone asks the signs even when nothing points to them; all no keeps none", async () => {
    const f = setup(true);
    const asked: string[] = [];
    f.deps.prompts = answers({}, {}, {}, asked);
    await diaryAdd({ redFlags: true, pain: "leg=0" }, f.deps);
    expect(asked.filter((m) => m.startsWith("Do you have"))).toHaveLength(EMERGENCY_SIGNS.length);
    expect(asked).not.toContain("Is the leg pain in both legs?");
    expect(f.out()).not.toContain("Call emergency services");
    expect((await entries(f))[0]!.red_flags).toEqual([]);
  });
});

describe("diary list", () => {
  it("draws with ASCII only on a terminal that cannot show more", async () => {
    const f = setup(false, { TERM: "dumb" });
    await diaryAdd({ pain: "leg=3" }, f.deps);
    const start = f.out().length;
    await diaryList({}, f.deps);
    const table = f.out().slice(start);
    expect(table).toMatch(/leg 3 +- +- +- +- +-\n/);
    expect(table).not.toMatch(/[^\x20-\x7e\n]/);
  });

  it("lists newest first, --since keeps the later ones, and says how to start when empty", async () => {
    const f = setup();
    await diaryList({}, f.deps);
    expect(f.out()).toBe("No diary entries yet. Add one with: soothe diary add\n");
    await diaryAdd({ date: "2026-11-25", pain: "back=6" }, f.deps);
    await diaryAdd({ date: "2026-11-30", pain: "back=4", note: "Better after the walk" }, f.deps);
    expect((await entries(f)).map((e) => e.date)).toEqual(["2026-11-30", "2026-11-25"]);
    const start = f.out().length;
    await diaryList({ since: "2026-11-28" }, f.deps);
    const table = f.out().slice(start).split("\n");
    expect(table[0]).toMatch(/^Date\s+Pain now\s+Worst\s+Symptoms\s+Sit\s+Walk\s+Sleep$/);
    expect(table[1]).toMatch(/^Mon 30 Nov 2026\s+back 4/);
    expect(table[2]).toBe("  Better after the walk");
    expect(table).toHaveLength(4);
    expect(readFileSync(f.deps.paths.historyFile, "utf8").trim().split("\n")).toHaveLength(2);
  });
});
