import { spawnSync } from "node:child_process";
import { cpSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
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

  it("--help imports one module, the start, and nothing from node_modules: the program script holds commander", async () => {
    expect(await loaded(["--help"])).toEqual({ packages: [], own: ["start"] });
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

describe("the program script and its code cache (scripts/bundle.ts)", () => {
  /** Loads the program in a fresh process from `dist`, and says whether V8 took the code cache. */
  function cachedIn(dist: string): string {
    const code = `const { loadProgram } = await import(${JSON.stringify(pathToFileURL(join(dist, "start.js")).href)});
      const { cached } = loadProgram(new URL(${JSON.stringify(pathToFileURL(join(dist, "cli.js")).href)}));
      process.stdout.write(String(cached));`;
    const result = spawnSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    return result.stdout;
  }

  /** A copy of the built program (bin, dist, package.json) in the test's home, with node_modules linked. */
  function copyOfBuild(): string {
    const root = join(home.dir, "copy");
    for (const part of ["bin", "dist", "package.json", "routines"]) cpSync(join(ROOT, part), join(root, part), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"));
    return root;
  }

  it("the build's code cache is taken by this Node", () => {
    expect(cachedIn(join(ROOT, "dist"))).toBe("true");
  });

  it("a damaged or missing cache is passed over: the same help, exit 0", () => {
    const root = copyOfBuild();
    const help = (dist: string) => spawnSync(process.execPath, [join(dist, "..", "bin", "soothe.js"), "--help"], { encoding: "utf8" });
    const expected = help(join(ROOT, "dist"));
    expect(expected.status).toBe(0);
    writeFileSync(join(root, "dist", "cli.cache"), readFileSync(join(root, "dist", "cli.cache")).subarray(0, 200));
    expect(cachedIn(join(root, "dist"))).toBe("false");
    expect(help(join(root, "dist"))).toMatchObject({ status: 0, stdout: expected.stdout, stderr: "" });
    writeFileSync(join(root, "dist", "cli.cache"), "");
    expect(cachedIn(join(root, "dist"))).toBe("false");
    expect(help(join(root, "dist"))).toMatchObject({ status: 0, stdout: expected.stdout, stderr: "" });
    rmSync(join(root, "dist", "cli.cache"));
    expect(cachedIn(join(root, "dist"))).toBe("false");
    expect(help(join(root, "dist"))).toMatchObject({ status: 0, stdout: expected.stdout, stderr: "" });
  });
});
