import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Visit } from "../../src/history/types.js";
import { KEYS, runPiped, spawnPty, type PtySession, type TempHome, eachTestInTempHome } from "./harness.js";

// Visits to a professional through the built program: options through a pipe, questions under a terminal.

let home: TempHome;
eachTestInTempHome((h) => (home = h));

const soothe = (args: string[]) => runPiped(args, { home, timeoutMs: 20_000 });

async function visits(): Promise<Visit[]> {
  const result = await soothe(["visit", "list", "--json"]);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Visit[];
}

async function answer(session: PtySession, prompt: string | RegExp, keys: string): Promise<void> {
  await session.waitForText(prompt, 20_000);
  session.press(keys);
}

describe("soothe visit through a pipe", () => {
  it("adds from options alone, lists newest first, and rm hides one while the log keeps its lines", async () => {
    const first = await soothe(["visit", "add", "--date", "2026-11-20", "--kind", "physio", "--who", "Ana", "--note", "Home exercises"]);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe("");
    const second = await soothe([
      "visit", "add", "--date", "2026-11-27", "--kind", "massage", "--who", "Sam", "--technique", "deep-tissue,trigger-point",
      "--areas", "glutes,piriformis", "--pressure", "firm", "--minutes", "45",
      "--pain-before", "back=6,leg=7,reach=thigh", "--pain-after", "back=4,leg=5,reach=buttock",
    ]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^Saved: Fri 27 Nov 2026, Massage therapist \(Sam\): deep-tissue, trigger-point; back 6→4, leg 7→5 \(id [0-9a-f]{8}\)\.$/m);

    const listed = await visits();
    expect(listed.map((v) => [v.date, v.kind, v.who])).toEqual([
      ["2026-11-27", "massage", "Sam"],
      ["2026-11-20", "physio", "Ana"],
    ]);
    expect(listed[0]).toEqual({
      id: listed[0]!.id,
      date: "2026-11-27",
      kind: "massage",
      who: "Sam",
      techniques: ["deep-tissue", "trigger-point"],
      areas: ["glutes", "piriformis"],
      pressure: "firm",
      minutes: 45,
      pain_before: { back: 6, leg: 7, reach: "thigh" },
      pain_after: { back: 4, leg: 5, reach: "buttock" },
      note: null,
    });

    const table = await soothe(["visit", "list"]);
    expect(table.stdout).not.toContain("\u001b[");
    expect(table.stdout).toContain("Home exercises");

    const log = join(home.dir, "history.jsonl");
    const before = readFileSync(log, "utf8");
    const removed = await soothe(["visit", "rm", listed[1]!.id.slice(0, 8)]);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toBe("Removed the visit of Fri 20 Nov 2026, Physiotherapist (Ana).\n");
    expect(readFileSync(log, "utf8").startsWith(before)).toBe(true);
    expect((await visits()).map((v) => v.who)).toEqual(["Sam"]);
  });

  it("a bad value exits 2 with the allowed list and writes nothing; an unknown id exits 1", async () => {
    const bad = await soothe(["visit", "add", "--kind", "masage"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'soothe: --kind "masage" is not allowed (did you mean "massage"?); use one of massage, physio, osteopath, chiropractor, doctor, other; see `soothe visit add --help` for how to use it.\n',
    );
    expect(await visits()).toEqual([]);
    const unknown = await soothe(["visit", "rm", "abcdef12"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no visit has an id starting with "abcdef12"/);
  });
});

describe("soothe visit add under a terminal", () => {
  it("asks for what the options did not give; Enter skips a question", async () => {
    const session = spawnPty(["visit", "add", "--kind", "massage", "--pain-after", "back=3"], { home, noColor: true });
    await answer(session, "? Day of the visit", KEYS.enter);
    await answer(session, "? Their name or practice", `Sam${KEYS.enter}`);
    await answer(session, "? Techniques used", `swedish, myofascial${KEYS.enter}`);
    await answer(session, "? Areas worked on", KEYS.enter);
    await answer(session, "? Pressure", `${KEYS.down}${KEYS.down}${KEYS.enter}`);
    await answer(session, "? How many minutes", `50${KEYS.enter}`);
    await answer(session, "? Back pain before the visit", `6${KEYS.enter}`);
    await answer(session, "? Leg pain before the visit", KEYS.enter);
    await answer(session, "? How far down your leg does the pain reach before the visit?", KEYS.enter);
    await answer(session, "? A note to keep with this visit", `Felt looser${KEYS.enter}`);
    const { exitCode } = await session.waitForExit(20_000);
    expect(exitCode).toBe(0);
    expect(session.bufferText()).toMatch(/Saved: .*, Massage therapist \(Sam\): swedish, myofascial; back 6→3/);
    const [visit] = await visits();
    expect(visit).toMatchObject({
      kind: "massage",
      who: "Sam",
      techniques: ["swedish", "myofascial"],
      areas: [],
      pressure: "medium",
      minutes: 50,
      pain_before: { back: 6, leg: null, reach: null },
      pain_after: { back: 3, leg: null, reach: null },
      note: "Felt looser",
    });
  });

  it("Ctrl-C at a question exits 130 and saves nothing", async () => {
    const session = spawnPty(["visit", "add"], { home, noColor: true });
    await answer(session, "? Day of the visit", KEYS.ctrlC);
    expect((await session.waitForExit(20_000)).exitCode).toBe(130);
    expect(await visits()).toEqual([]);
  });
});
