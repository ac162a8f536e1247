// One planned time: list, show, the run's heading, its summary and history --json give the same figures, and any
// other figure is labelled for what it is (routine/times.ts).
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, readHistoryJson, runPiped, type TempHome, eachTestInTempHome } from "./harness.js";

let home: TempHome;
eachTestInTempHome((h) => (home = h));

describe("the time of a routine, on every screen", () => {
  it("is the same total in list, show, the run's heading and history --json, with the lead-in labelled apart", async () => {
    mkdirSync(join(home.dir, "routines"), { recursive: true });
    copyFileSync(fixture("quick.yaml"), join(home.dir, "routines", "quick.yaml"));
    const listed = JSON.parse((await runPiped(["list", "--json"], { home })).stdout) as { id: string; total_s: number }[];
    const total = listed.find((r) => r.id === "quick")!.total_s;
    expect(total).toBe(5);
    expect((JSON.parse((await runPiped(["show", "quick", "--json"], { home })).stdout) as { total_s: number }).total_s).toBe(total);
    expect((await runPiped(["list"], { home })).stdout).toMatch(/^quick\s+Quick e2e stretch\s+user\s+5s\s+test$/m);
    expect((await runPiped(["show", "quick"], { home })).stdout).toContain("Total 5s in 1 step.");

    const run = await runPiped(["run", "quick", "--no-sound", "--lead-in", "2s"], { home, timeoutMs: 30_000 });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Quick e2e stretch: 1 step, 5s, plus 2s to get ready\n");
    // Time done counts neither the 1s transition nor the lead-in: it is compared with the time in steps and rests.
    expect(run.stdout).toMatch(/Time in steps and rests: 4s of 4s\nNot counted: transitions, the lead-in\./);
    expect(run.stdout).not.toContain("planned");
    const [session] = await readHistoryJson(home);
    expect(session!.planned_s).toBe(total);
  }, 40_000);

  it("is the same for a built-in routine in list, show and run --dry-run", async () => {
    const listed = JSON.parse((await runPiped(["list", "--json"], { home })).stdout) as { id: string; total_s: number }[];
    const flare = listed.find((r) => r.id === "flare-day")!.total_s;
    expect((JSON.parse((await runPiped(["show", "flare-day", "--json"], { home })).stdout) as { total_s: number }).total_s).toBe(flare);
    const minutes = `${Math.floor(flare / 60)}m${flare % 60 ? `${flare % 60}s` : ""}`;
    expect((await runPiped(["run", "flare-day", "--dry-run"], { home })).stdout).toContain(`Total ${minutes} in `);
  });
});
