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
  return (await loaded(args, env)).packages;
}

/** Runs soothe with every module load traced: the packages and soothe's own modules (under dist/) it loaded. */
async function loaded(args: string[], env: EnvOverrides = {}): Promise<{ packages: string[]; own: string[] }> {
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
  const own = new Set<string>();
  for (const line of lines) {
    const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(line);
    if (match) names.add(match[1]!);
    const mine = /\/dist\/(.+)\.js$/.exec(line);
    if (mine && !line.includes("/node_modules/")) own.add(mine[1]!);
  }
  return { packages: [...names].sort(), own: [...own].sort() };
}

describe("start-up loads only what the call needs", () => {
  it("--version loads no package", async () => {
    expect(await packagesLoaded(["--version"])).toEqual([]);
  });

  it("--help loads commander alone", async () => {
    expect(await packagesLoaded(["--help"])).toEqual(["commander"]);
  });

  it("--help loads only soothe's entry modules: no settings, errors, prompts or routines", async () => {
    expect((await loaded(["--help"])).own).toEqual(["cli", "commander", "main", "start", "version"]);
  });

  it("list with its cache warm parses nothing and asks nothing: no parser, plan or prompts", async () => {
    await runPiped(["list"], { home });
    const { own } = await loaded(["list"]);
    expect(own).toContain("routine/catalog");
    for (const module of ["routine/parse", "routine/schema", "routine/plan", "ui/prompts", "ui/theme"]) expect(own).not.toContain(module);
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
