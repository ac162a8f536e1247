import { describe, expect, it } from "vitest";
import { fixture, readHistoryJson, runPiped, spawnPiped, type TempHome, eachTestInTempHome } from "./harness.js";

let home: TempHome;
eachTestInTempHome((h) => (home = h));

describe("soothe run through a pipe", () => {
  it("runs a routine start to finish, a line per segment, and records one completed session", async () => {
    const result = await runPiped(["run", fixture("quick.yaml"), "--no-sound"], { home, timeoutMs: 20_000 });
    expect(result.stderr).not.toMatch(/internal error/i);
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n").filter((line) => line.includes("Knee to chest"));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(result.stdout).toMatch(/left/i);
    expect(result.stdout).toMatch(/right/i);
    // Nothing but plain text on a pipe.
    expect(result.stdout).not.toContain("\u001b[");

    const sessions = await readHistoryJson(home);
    expect(sessions).toHaveLength(1);
    const session = sessions[0]!;
    expect(session.routine.id).toBe("quick");
    expect(session.status).toBe("completed");
    expect(session.ended_at).not.toBeNull();
    expect(session.segments.map((s) => [s.kind, s.title, s.side, s.set, s.planned_s, s.outcome])).toEqual([
      ["stretch", "Knee to chest", "left", 1, 2, "done"],
      ["stretch", "Knee to chest", "right", 1, 2, "done"],
    ]);
    for (const segment of session.segments) {
      expect(segment.active_s).toBeGreaterThanOrEqual(1.8);
      expect(segment.active_s).toBeLessThanOrEqual(3);
    }
    const sum = session.segments.reduce((total, s) => total + s.active_s, 0);
    expect(session.active_s).toBeCloseTo(sum, 0);
  });

  it("records a manual step as skipped when there is no input, and still completes", async () => {
    const result = await runPiped(["run", fixture("manual.yaml"), "--no-sound"], { home, timeoutMs: 20_000 });
    expect(result.code).toBe(0);
    const [session] = await readHistoryJson(home);
    expect(session?.status).toBe("completed");
    expect(session?.segments.map((s) => [s.kind, s.outcome])).toEqual([
      ["stretch", "done"],
      ["manual", "skipped"],
      ["rest", "done"],
    ]);
    expect(session?.segments[1]?.planned_s).toBeNull();
  });

  it.each([
    ["SIGTERM", 143],
    ["SIGINT", 130],
    ["SIGHUP", 129],
    ["SIGQUIT", 131],
  ] as const)("saves the session as stopped on %s and exits %i", async (signal, code) => {
    const running = spawnPiped(["run", fixture("long.yaml"), "--no-sound"], { home });
    await running.waitForOutput("Long hold", { timeoutMs: 10_000 });
    running.kill(signal);
    const result = await running.exit;
    expect(result.code).toBe(code);
    const [session] = await readHistoryJson(home);
    expect(session?.status).toBe("stopped");
    expect(session?.ended_at).not.toBeNull();
    expect(session?.segments.at(-1)?.outcome).toBe("stopped");
  });

  it("kill -9 keeps the segments finished so far, and the session reads as interrupted", async () => {
    const running = spawnPiped(["run", fixture("two-steps.yaml"), "--no-sound"], { home });
    await running.waitForOutput("Start: Long hold", { timeoutMs: 10_000 });
    running.kill("SIGKILL");
    const result = await running.exit;
    expect(result.signal).toBe("SIGKILL");
    const [session, ...others] = await readHistoryJson(home);
    expect(others).toEqual([]);
    expect(session?.status).toBe("interrupted");
    expect(session?.ended_at).toBeNull();
    expect(session?.segments.map((s) => [s.title, s.outcome])).toEqual([["Short hold", "done"]]);
  });

  it("two runs at once in two terminals both land whole in the history", async () => {
    const args = ["run", fixture("quick.yaml"), "--no-sound"];
    const [first, second] = await Promise.all([
      runPiped(args, { home, timeoutMs: 20_000 }),
      runPiped(args, { home, timeoutMs: 20_000 }),
    ]);
    expect([first.code, second.code]).toEqual([0, 0]);
    const sessions = await readHistoryJson(home);
    expect(sessions).toHaveLength(2);
    expect(new Set(sessions.map((s) => s.id)).size).toBe(2);
    for (const session of sessions) {
      expect(session.status).toBe("completed");
      expect(session.segments.map((s) => [s.side, s.outcome])).toEqual([
        ["left", "done"],
        ["right", "done"],
      ]);
    }
  });

  it("fails with exit 1 and a located message for an invalid routine", async () => {
    const result = await runPiped(["run", fixture("invalid.yaml")], { home });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/invalid\.yaml:3:5: .*strech.*stretch/);
    expect(await readHistoryJson(home)).toEqual([]);
  });
});
