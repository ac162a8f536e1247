import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, fixture, runPiped, type TempHome, eachTestInTempHome } from "./harness.js";

const BUILT_INS = [
  "cold-pack-cycle",
  "desk-break",
  "evening-unwind",
  "flare-day",
  "glute-release",
  "heat-then-stretch",
  "morning-mobility",
  "nerve-glides",
  "pain-spike-breathing",
  "workstation-check",
];

let home: TempHome;
eachTestInTempHome((h) => (home = h));

interface ValidateReport {
  file: string;
  valid: boolean;
  problems: { line: number; col: number; message: string; severity: string }[];
}

describe("built-in routines through the built CLI", () => {
  it("every built-in routine validates with no problem at all, warnings included", async () => {
    const files = readdirSync(join(ROOT, "routines"))
      .filter((name) => name.endsWith(".yaml"))
      .map((name) => join("routines", name));
    expect(files.length).toBe(BUILT_INS.length);
    const result = await runPiped(["validate", "--json", ...files], { home });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const reports = JSON.parse(result.stdout) as ValidateReport[];
    expect(reports.filter((report) => !report.valid || report.problems.length > 0)).toEqual([]);
  });

  it("list --json shows every built-in routine with a plausible total time", async () => {
    const result = await runPiped(["list", "--json"], { home });
    expect(result.code).toBe(0);
    const routines = JSON.parse(result.stdout) as { id: string; source: string; total_s: number }[];
    const builtIns = routines.filter((routine) => routine.source === "built-in");
    expect(builtIns.map((routine) => routine.id).sort()).toEqual(BUILT_INS);
    const minutes = Object.fromEntries(builtIns.map((routine) => [routine.id, routine.total_s / 60]));
    // Everyday routines stay between 5 and 15 minutes; the desk break is 3-5; heat and cold take longer.
    for (const id of ["evening-unwind", "flare-day", "glute-release", "morning-mobility", "nerve-glides", "pain-spike-breathing"]) {
      expect(minutes[id], id).toBeGreaterThanOrEqual(5);
      expect(minutes[id], id).toBeLessThanOrEqual(15);
    }
    expect(minutes["desk-break"]).toBeGreaterThanOrEqual(3);
    expect(minutes["desk-break"]).toBeLessThanOrEqual(5);
  });
});

describe("soothe validate through the built CLI", () => {
  it("reports every problem of a file as path:line:col: message on stderr and exits 1", async () => {
    const file = fixture("invalid.yaml");
    const result = await runPiped(["validate", file], { home });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toContain(`${file}:3:5: unknown step kind "strech"; did you mean "stretch"?`);
    expect(lines.some((line) => line.startsWith(`${file}:7:5: unknown key "colour"`))).toBe(true);
  });

  it("accepts the e2e fixtures", async () => {
    const result = await runPiped(
      ["validate", fixture("quick.yaml"), fixture("manual.yaml"), fixture("long.yaml")],
      { home },
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });
});
