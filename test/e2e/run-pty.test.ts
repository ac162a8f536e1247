import { describe, expect, it } from "vitest";
import { KEYS, fixture, readHistoryJson, spawnPty, type TempHome, eachTestInTempHome } from "./harness.js";

let home: TempHome;
eachTestInTempHome((h) => (home = h));

// The header's time left in the routine, e.g. "0:21 left" (the segment's own countdown is drawn in block digits).
const TIME_LEFT = /(\d+):(\d\d) left/;

function secondsLeft(screen: string): number {
  const match = TIME_LEFT.exec(screen);
  return match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
}

describe("soothe run under a terminal", () => {
  it("shows the title and a countdown; space pauses; q stops, exits 0 and saves a stopped session", async () => {
    const run = spawnPty(["run", fixture("long.yaml"), "--no-sound", "--no-checkin"], { home });
    await run.waitForText("Long hold", 10_000);
    const first = secondsLeft(await run.waitForText(TIME_LEFT, 10_000));
    expect(first).toBeGreaterThan(15);
    expect(first).toBeLessThanOrEqual(22);
    await run.waitForScreen((screen) => secondsLeft(screen) < first, 5_000, "the countdown to go down");

    expect(run.screenText()).toContain("Long e2e hold");

    run.press(KEYS.space);
    const paused = secondsLeft(await run.waitForText(/paused/i, 5_000));
    // While paused the clock stands still (polling a real process; unit tests use a fake clock instead).
    await new Promise((done) => setTimeout(done, 1_500));
    expect(secondsLeft(run.screenText())).toBe(paused);

    run.press("q");
    const { exitCode } = await run.waitForExit(10_000);
    expect(exitCode).toBe(0);

    const [session] = await readHistoryJson(home);
    expect(session?.status).toBe("stopped");
    expect(session?.routine.id).toBe("long");
    expect(session?.segments.at(-1)?.outcome).toBe("stopped");
  });

  it("redraws to fit after a resize", async () => {
    const run = spawnPty(["run", fixture("long.yaml"), "--no-sound", "--no-checkin"], { home });
    await run.waitForText("Long hold", 10_000);
    run.resize(60, 20);
    await run.waitForScreen(
      // The header (routine name ... time left) on one line again: the old 80-column line would have wrapped.
      (screen) => screen.includes("Long hold") && screen.split("\n").some((line) => /Long e2e hold.*\d+:\d\d left/.test(line)),
      5_000,
      "the run to redraw at 60x20",
    );
    run.press("q");
    expect((await run.waitForExit(10_000)).exitCode).toBe(0);
  });

  it("Ctrl-C stops, exits 130 and saves a stopped session", async () => {
    const run = spawnPty(["run", fixture("long.yaml"), "--no-sound", "--no-checkin"], { home });
    await run.waitForText("Long hold", 10_000);
    run.press(KEYS.ctrlC);
    const { exitCode } = await run.waitForExit(10_000);
    expect(exitCode).toBe(130);
    const [session] = await readHistoryJson(home);
    expect(session?.status).toBe("stopped");
  });

  it("Enter finishes a manual step and the run completes", async () => {
    const run = spawnPty(["run", fixture("manual.yaml"), "--no-sound", "--no-checkin"], { home });
    // The title alone on its line: the current step, not the "Next: ..." hint shown during the step before.
    await run.waitForText(/^\s*Walk to the window and back\s*$/m, 10_000);
    run.press(KEYS.enter);
    const { exitCode } = await run.waitForExit(10_000);
    expect(exitCode).toBe(0);
    const [session] = await readHistoryJson(home);
    expect(session?.status).toBe("completed");
    expect(session?.segments.map((s) => [s.kind, s.outcome])).toEqual([
      ["stretch", "done"],
      ["manual", "done"],
      ["rest", "done"],
    ]);
  });

  it("s skips the rest of the hold", async () => {
    const run = spawnPty(["run", fixture("long.yaml"), "--no-sound", "--no-checkin"], { home });
    await run.waitForText("Long hold", 10_000);
    run.press("s");
    const { exitCode } = await run.waitForExit(10_000);
    expect(exitCode).toBe(0);
    const [session] = await readHistoryJson(home);
    expect(session?.status).toBe("completed");
    expect(session?.segments.map((s) => [s.title, s.outcome])).toEqual([
      ["Long hold", "skipped"],
      ["Short rest", "done"],
    ]);
  });
});

describe("Ctrl-\\ (SIGQUIT) during a run", () => {
  it("restores the terminal, saves the session as stopped and exits 131, like SIGTERM", async () => {
    const run = spawnPty(["run", fixture("long.yaml"), "--no-sound", "--no-checkin"], { home });
    await run.waitForText(TIME_LEFT, 10_000);
    expect(run.output()).toContain("\u001b[?25l");
    run.kill("SIGQUIT");
    const { exitCode } = await run.waitForExit(10_000);
    expect(exitCode).toBe(131);
    const output = run.output();
    // The cursor is shown again after it was last hidden.
    expect(output.lastIndexOf("\u001b[?25h")).toBeGreaterThan(output.lastIndexOf("\u001b[?25l"));
    const [session] = await readHistoryJson(home);
    expect(session?.status).toBe("stopped");
    expect(session?.segments.at(-1)?.outcome).toBe("stopped");
  });
});
