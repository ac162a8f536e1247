import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KEYS, fixture, readHistoryJson, runPiped, spawnPty, tempHomesPerTest } from "./harness.js";

const home = tempHomesPerTest();

describe("the first run on a machine", () => {
  it("on a terminal: shows the warning signs once and asks to go on; the next run goes straight in", async () => {
    const h = await home({ firstRun: true });
    const first = spawnPty(["run", fixture("quick.yaml"), "--no-sound", "--no-checkin"], { home: h });
    const screen = await first.waitForText("Go on to the routine?", 15_000);
    expect(screen).toContain("Please read these warning signs once");
    expect(screen).toContain("sciatica in both legs");
    expect(screen).toContain("numbness around your genitals or anus");
    expect(screen).toContain("(foot drop)");
    first.press("y");
    first.press(KEYS.enter);
    await first.waitForText("Knee to chest", 15_000);
    expect((await first.waitForExit(20_000)).exitCode).toBe(0);
    const config = JSON.parse(await readFile(join(h.dir, "config.json"), "utf8")) as { safety_shown?: boolean };
    expect(config.safety_shown).toBe(true);

    const second = spawnPty(["run", fixture("quick.yaml"), "--no-sound", "--no-checkin"], { home: h });
    await second.waitForText("Knee to chest", 15_000);
    expect((await second.waitForExit(20_000)).exitCode).toBe(0);
    expect(second.output()).not.toContain("warning signs");
    expect(await readHistoryJson(h)).toHaveLength(2);
  });

  it("through a pipe: prints the warning signs, then runs", async () => {
    const h = await home({ firstRun: true });
    const result = await runPiped(["run", fixture("quick.yaml"), "--no-sound"], { home: h, timeoutMs: 20_000 });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("sciatica in both legs");
    expect(result.stdout.indexOf("sciatica in both legs")).toBeLessThan(result.stdout.indexOf("Quick e2e stretch:"));
    expect(result.stdout).toContain("Well done");
  });
});

describe("the ! key under a terminal", () => {
  it("pauses with a choice; s skips the step, which history keeps as hurting", async () => {
    const h = await home();
    const run = spawnPty(["run", fixture("long.yaml"), "--no-sound", "--no-checkin"], { home: h });
    await run.waitForText("Long hold", 15_000);
    run.press("!");
    const screen = await run.waitForText("THIS HURTS", 10_000);
    expect(screen).toContain("s skip this step");
    expect(screen).toContain("q stop");
    expect(screen).toContain("c carry on");
    run.press("s");
    await run.waitForText("Short rest", 10_000);
    expect((await run.waitForExit(20_000)).exitCode).toBe(0);
    expect(run.bufferText()).toContain("You marked 1 step as hurting");
    const [session] = await readHistoryJson(h);
    expect(session?.status).toBe("completed");
    expect(session?.segments.map((s) => [s.title, s.outcome, s.hurt ?? false])).toEqual([
      ["Long hold", "skipped", true],
      ["Short rest", "done", false],
    ]);
  });
});

describe("check-ins and heat and cold under a terminal", () => {
  it("asks pain before and after, with the anchors; the answers land in history", async () => {
    const h = await home();
    const run = spawnPty(["run", fixture("quick.yaml"), "--no-sound"], { home: h });
    await run.waitForText("0 no pain, 10 worst imaginable", 15_000);
    run.press("6");
    run.press(KEYS.enter);
    await run.waitForText(/Leg pain now/, 10_000);
    run.press(KEYS.enter); // skipped
    await run.waitForText("How far down your leg", 10_000);
    run.press(KEYS.down + KEYS.down + KEYS.down + KEYS.down); // Skip, none, back, buttock, thigh
    run.press(KEYS.enter);
    await run.waitForText("Back pain after the routine", 20_000);
    run.press("3");
    run.press(KEYS.enter);
    await run.waitForText(/Leg pain after the routine/, 10_000);
    run.press(KEYS.enter);
    await run.waitForText("How far down your leg does the pain reach after", 10_000);
    run.press(KEYS.down + KEYS.down); // Skip, none, back only
    run.press(KEYS.enter);
    await run.waitForText("A note to keep", 10_000);
    run.press("felt easier");
    run.press(KEYS.enter);
    await run.waitForText("Back pain went from 6 to 3", 10_000);
    expect((await run.waitForExit(10_000)).exitCode).toBe(0);
    const [session] = await readHistoryJson(h);
    expect(session).toMatchObject({
      status: "completed",
      pain_before: { back: 6, leg: null, reach: "thigh" },
      pain_after: { back: 3, leg: null, reach: "back" },
      spread: false,
      note: "felt easier",
    });
  });

  it("asks before the first cold pack; no leaves it out and says so", async () => {
    const h = await home();
    const run = spawnPty(["run", fixture("pack.yaml"), "--no-sound", "--no-checkin"], { home: h });
    const screen = await run.waitForText("Use the cold pack", 15_000);
    expect(screen).toContain("numb skin");
    run.press("n");
    run.press(KEYS.enter);
    await run.waitForText("Leaving out the cold steps", 10_000);
    expect((await run.waitForExit(20_000)).exitCode).toBe(0);
    const [session] = await readHistoryJson(h);
    expect(session?.segments.map((s) => [s.kind, s.outcome])).toEqual([
      ["ice", "skipped"],
      ["stretch", "done"],
    ]);
  });

  it("through a pipe, prints the reminder, which names numb skin", async () => {
    const h = await home();
    const result = await runPiped(["run", fixture("pack.yaml"), "--no-sound"], { home: h, timeoutMs: 20_000 });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("numb");
    expect(result.stdout).toContain("towel");
  });
});

describe("soothe safety", () => {
  it("prints the warning signs and the sources", async () => {
    const h = await home();
    const result = await runPiped(["safety"], { home: h });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("sciatica in both legs");
    expect(result.stdout).toContain("Sources:");
    expect(result.stdout).toContain("https://www.nhs.uk/conditions/sciatica/");
  });
});
