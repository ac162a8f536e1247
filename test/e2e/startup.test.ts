import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { ROOT, runPiped, type EnvOverrides, type TempHome, eachTestInTempHome } from "./harness.js";

// Start-up time is measured by `npm run bench`; this test keeps its cause in check: which packages each call loads.
const PRELOAD = pathToFileURL(join(ROOT, "test", "helpers", "trace-loads.mjs")).href;

let home: TempHome;
eachTestInTempHome((h) => (home = h));

/** Runs soothe with every module load traced; returns the packages from node_modules it loaded, sorted. */
async function packagesLoaded(args: string[], env: EnvOverrides = {}): Promise<string[]> {
  const trace = join(home.dir, "loads.txt");
  const result = await runPiped(args, {
    home,
    env: { ...env, NODE_OPTIONS: `--import ${PRELOAD}`, SOOTHE_TRACE_LOADS: trace },
  });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  const lines = readFileSync(trace, "utf8").split("\n");
  // The trace must have seen the program itself, or it proves nothing.
  expect(lines.some((line) => line.endsWith("/bin/soothe.js"))).toBe(true);
  const names = new Set<string>();
  for (const line of lines) {
    const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(line);
    if (match) names.add(match[1]!);
  }
  return [...names].sort();
}

describe("start-up loads only what the call needs", () => {
  it("--version loads no package", async () => {
    expect(await packagesLoaded(["--version"])).toEqual([]);
  });

  it("--help loads commander alone", async () => {
    expect(await packagesLoaded(["--help"])).toEqual(["commander"]);
  });

  it("list through a pipe loads commander alone (no colour, so no chalk)", async () => {
    await runPiped(["list"], { home }); // the first list fills the routine cache
    expect(await packagesLoaded(["list"])).toEqual(["commander"]);
  });

  it("list in colour loads commander and chalk, nothing else", async () => {
    await runPiped(["list"], { home });
    expect(await packagesLoaded(["list"], { FORCE_COLOR: "1" })).toEqual(["chalk", "commander"]);
  });
});
