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
  // `npm run build` bundles start.js and cli.js (with main.js and commander inside): see scripts/bundle.ts.
  it("--version loads no package and no module of soothe's but the start", async () => {
    const { packages, own } = await loaded(["--version"]);
    expect(packages).toEqual([]);
    expect(own).toEqual(["start"]);
  });

  it("--help loads two modules, the start and the program, and nothing from node_modules: commander is inside", async () => {
    expect(await loaded(["--help"])).toEqual({ packages: [], own: ["cli", "start"] });
  });

  it("the bundled program is the one commander: its mistakes are reported in soothe's words, exit 2", async () => {
    const result = await runPiped(["lst"], { home });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("soothe: unknown command 'lst' (did you mean list?); see `soothe --help` for the commands.\n");
  });

  it("list with its cache warm parses nothing and asks nothing: no parser, plan or prompts, no lock or writer", async () => {
    await runPiped(["list"], { home });
    const { own } = await loaded(["list"]);
    expect(own).toContain("routine/catalog");
    const unwanted = ["routine/parse", "routine/schema", "routine/plan", "ui/prompts", "ui/theme", "settings-file", "files/lock", "files/write"];
    for (const module of unwanted) expect(own).not.toContain(module);
  });

  it("list through a pipe loads no package (no colour, so no chalk)", async () => {
    await runPiped(["list"], { home }); // the first list fills the routine cache
    expect(await packagesLoaded(["list"])).toEqual([]);
  });

  it("list in colour loads chalk, nothing else", async () => {
    await runPiped(["list"], { home });
    expect(await packagesLoaded(["list"], { FORCE_COLOR: "1" })).toEqual(["chalk"]);
  });
});
