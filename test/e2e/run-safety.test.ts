// The safety rules of a run, as a person meets them under a terminal: the warning signs until read, both legs,
// pain of 8 or more, and a pack's 20 minutes on the skin with + and b.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KEYS, fixture, readHistoryJson, runPiped, spawnPty, tempHomesPerTest, type TempHome } from "./harness.js";

const home = tempHomesPerTest();

async function settings(h: TempHome): Promise<Record<string, unknown>> {
  try {
    return JSON.parse(await readFile(join(h.dir, "config.json"), "utf8")) as Record<string, unknown>;
  } catch {
    return {};
  }
}

const flat = (text: string) => text.replace(/\s+/g, " ");

describe("the warning signs", () => {
  it("Enter alone does not pass them: nothing starts, and they show again next time; yes marks them read", async () => {
    const h = await home({ firstRun: true });
    const first = spawnPty(["run", fixture("quick.yaml"), "--no-sound", "--no-checkin"], { home: h });
    await first.waitForText("Go on to the routine?", 15_000);
    first.press(KEYS.enter);
    await first.waitForText("Nothing started.", 10_000);
    expect((await first.waitForExit(10_000)).exitCode).toBe(0);
    expect((await settings(h)).safety_shown).toBeUndefined();
    expect(await readHistoryJson(h)).toEqual([]);

    const second = spawnPty(["run", fixture("quick.yaml"), "--no-sound", "--no-checkin"], { home: h });
    await second.waitForText("Go on to the routine?", 15_000);
    second.press("y");
    second.press(KEYS.enter);
    await second.waitForText("Knee to chest", 15_000);
    expect((await second.waitForExit(20_000)).exitCode).toBe(0);
    expect((await settings(h)).safety_shown).toBe(true);
  });

  it("through a pipe: printed, never marked as read", async () => {
    const h = await home({ firstRun: true });
    const result = await runPiped(["run", fixture("quick.yaml"), "--no-sound"], { home: h, timeoutMs: 20_000 });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("sciatica in both legs");
    expect((await settings(h)).safety_shown).toBeUndefined();
  });
});

describe("both legs", () => {
  const ask = async (h: TempHome) => {
    const run = spawnPty(["run", fixture("glide.yaml"), "--no-sound", "--no-checkin"], { home: h });
    await run.waitForText("Which side does your sciatica affect?", 15_000);
    run.press(KEYS.down + KEYS.down); // Left, Right, Both legs
    run.press(KEYS.enter);
    await run.waitForText("Is the pain in both legs new, or getting worse?", 10_000);
    return run;
  };

  it("new or getting worse: the emergency signs, nothing starts, get help now", async () => {
    const h = await home();
    const run = await ask(h);
    expect(flat(run.bufferText())).toContain("numbness around your genitals or anus");
    run.press(KEYS.enter); // Yes, or I am not sure
    await run.waitForText("needs help", 10_000);
    expect((await run.waitForExit(10_000)).exitCode).toBe(0);
    expect(await readHistoryJson(h)).toEqual([]);
  });

  it("long-standing and checked: the affected step runs on both sides", async () => {
    const h = await home();
    const run = await ask(h);
    run.press(KEYS.down);
    run.press(KEYS.enter);
    expect((await run.waitForExit(20_000)).exitCode).toBe(0);
    const [session] = await readHistoryJson(h);
    expect(session?.segments.map((s) => s.side)).toEqual(["left", "right"]);
    expect([undefined, null]).toContain((await settings(h)).affected_side);
  });
});

describe("pain of 8 or more before a run", () => {
  it("reminds of the emergency signs and offers a gentler routine; stopping starts nothing", async () => {
    const h = await home();
    const run = spawnPty(["run", fixture("quick.yaml"), "--no-sound"], { home: h });
    await run.waitForText("0 no pain, 10 worst imaginable", 15_000);
    run.press("9");
    run.press(KEYS.enter);
    await run.waitForText(/Leg pain now/, 10_000);
    run.press(KEYS.enter);
    await run.waitForText("How far down your leg", 10_000);
    run.press(KEYS.enter);
    const screen = flat(await run.waitForText("A gentler routine may suit a flare better", 10_000));
    expect(screen).toContain("Your back pain is 9 out of 10.");
    expect(screen).toContain("Switch to Flare day");
    expect(flat(run.bufferText())).toContain("sciatica in both legs");
    await run.waitForText("Stop here", 5000);
    run.press(KEYS.up); // the last choice
    run.press(KEYS.enter);
    await run.waitForText("Nothing started.", 10_000);
    expect((await run.waitForExit(10_000)).exitCode).toBe(0);
    expect(await readHistoryJson(h)).toEqual([]);
  });
});

describe("a pack's 20 minutes on the skin", () => {
  it("+ adds nothing past 20 minutes and says why; b from the break gives only what is left", async () => {
    const h = await home();
    const run = spawnPty(["run", fixture("long-pack.yaml"), "--no-sound", "--no-checkin"], { home: h });
    await run.waitForText("Use the cold pack", 15_000);
    run.press("y");
    run.press(KEYS.enter);
    await run.waitForText("Next: Pack off", 15_000);
    run.press("+");
    await run.waitForText("no more time can be added", 10_000);
    run.press("s");
    await run.waitForText("Pack off", 10_000);
    run.press("b");
    const screen = flat(await run.waitForText(/gets only what is left/, 10_000));
    expect(screen).toContain("Cold pack");
    expect(screen).toContain("ICE");
    run.press("q");
    expect((await run.waitForExit(10_000)).exitCode).toBe(0);
    const [session] = await readHistoryJson(h);
    const ice = session!.segments.filter((s) => s.kind === "ice");
    expect(ice.map((s) => s.outcome)).toEqual(["skipped", "stopped"]);
  });
});
