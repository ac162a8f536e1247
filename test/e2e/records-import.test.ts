import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runPiped, tempHome, type TempHome, eachTestInTempHome } from "./harness.js";

// Visits and diary entries move between machines as the rest of the history does: what `visit list --json` and
// `diary list --json` print, `history import` reads.

let home: TempHome;
eachTestInTempHome((h) => (home = h));
let other: TempHome | undefined;
afterEach(async () => {
  await other?.cleanup();
  other = undefined;
});

const soothe = (args: string[], where: TempHome = home) => runPiped(args, { home: where, timeoutMs: 20_000 });

describe("history import of visits and the diary", () => {
  it("imports what visit list --json and diary list --json wrote, once", async () => {
    await soothe(["visit", "add", "--date", "2026-11-20", "--kind", "physio", "--technique", "stretching", "--pain-before", "back=5"]);
    await soothe(["visit", "add", "--date", "2026-11-27", "--kind", "massage", "--who", "Sam", "--note", "Firm on the left"]);
    await soothe(["diary", "add", "--date", "2026-11-28", "--pain", "back=4,leg=5,reach=thigh", "--sleep", "woken", "--red-flags", "none"]);
    const visits = (await soothe(["visit", "list", "--json"])).stdout;
    const diary = (await soothe(["diary", "list", "--json"])).stdout;
    const visitsFile = join(home.userHome, "visits.json");
    const diaryFile = join(home.userHome, "diary.json");
    writeFileSync(visitsFile, visits);
    writeFileSync(diaryFile, diary);

    other = await tempHome();
    const first = await soothe(["history", "import", visitsFile], other);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(`Imported 2 visits from ${visitsFile}.\n`);
    expect((await soothe(["history", "import", diaryFile], other)).stdout).toBe(`Imported 1 diary entry from ${diaryFile}.\n`);
    expect((await soothe(["visit", "list", "--json"], other)).stdout).toBe(visits);
    expect((await soothe(["diary", "list", "--json"], other)).stdout).toBe(diary);

    const again = await soothe(["history", "import", visitsFile], other);
    expect(again.stdout).toBe(`Imported 0 visits from ${visitsFile}; 2 visits already in your history, left as they were.\n`);
    expect((await soothe(["history", "--json"], other)).stdout.trim()).toBe("[]");
  });

  it("a bad item stops the import before anything is written", async () => {
    const file = join(home.userHome, "visits.json");
    const good = { id: "a1", date: "2026-11-20", kind: "massage", who: null, techniques: [], areas: [], pressure: null, minutes: null, pain_before: null, pain_after: null, note: null };
    writeFileSync(file, JSON.stringify([good, { ...good, id: "a2", kind: "reiki" }]));
    const result = await soothe(["history", "import", file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/record 2: not a visit as `soothe visit list --json` prints it.*Nothing was imported/);
    expect(() => readFileSync(join(home.dir, "history.jsonl"))).toThrow();
  });
});
