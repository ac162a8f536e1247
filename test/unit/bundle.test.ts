import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type BundleContents, type ImportEdge, bundleStartup, checkBundles } from "../../scripts/bundle.js";
import { loadProgram } from "../../src/start.js";

const DIST = "/p/dist";
const at = (name: string) => `${DIST}/${name}`;
const edge = (importer: string, imported: string, dynamic = false): ImportEdge => ({ importer: at(importer), imported: at(imported), dynamic });
const cli: BundleContents = { entry: at("cli.js"), inlined: new Set([at("cli.js"), at("main.js"), at("commander.js")]) };
const start: BundleContents = { entry: at("start.js"), inlined: new Set([at("start.js"), at("version.js")]) };

describe("checkBundles: a module inside a start-up bundle is imported by nothing outside it", () => {
  it("accepts static imports inside a bundle, lazy imports out of it, and imports of a bundle's entry", () => {
    const edges = [
      edge("cli.js", "main.js"),
      edge("main.js", "commander.js"),
      edge("cli.js", "commands/list.js", true),
      edge("main.js", "settings.js", true),
      edge("start.js", "version.js"),
      edge("start.js", "cli.js", true),
      edge("commands/home.js", "cli.js", true),
    ];
    expect(checkBundles(DIST, [start, cli], edges)).toEqual([]);
  });

  it("refuses a module outside that imports one inside, naming both files and the bundle", () => {
    const problems = checkBundles(DIST, [start, cli], [edge("commands/run.js", "main.js"), edge("commands/run.js", "main.js")]);
    expect(problems).toEqual([
      "commands/run.js imports main.js from outside the bundle, but main.js is part of the start-up bundle cli.js: " +
        "a second copy of it would load. Move what is shared to a module outside the bundle.",
    ]);
  });

  it("refuses a lazy import, inside a bundle, of a module the bundle holds", () => {
    const [problem] = checkBundles(DIST, [cli], [edge("main.js", "commander.js", true)]);
    expect(problem).toMatch(/^main\.js imports commander\.js lazily, inside the bundle, but commander\.js is part of the start-up bundle cli\.js/);
  });

  it("refuses a module inside two bundles", () => {
    const both: BundleContents = { entry: at("cli.js"), inlined: new Set([at("cli.js"), at("version.js")]) };
    expect(checkBundles(DIST, [start, both], [])).toEqual(["version.js is inside two start-up bundles, start.js and cli.js: each would have a copy."]);
  });
});

describe("bundleStartup over a built tree", () => {
  let root: string;
  let dist: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "soothe-bundle-"));
    dist = join(root, "dist");
    mkdirSync(join(dist, "commands"), { recursive: true });
    const files: Record<string, string> = {
      "version.js": 'export const VERSION = "9.9.9";\n',
      "start.js": 'import { VERSION } from "./version.js";\nexport const start = () => VERSION;\n',
      "shared.js": "export class Mistake extends Error {}\n",
      "cli.js": 'import { Mistake } from "./shared.js";\nexport async function cli(v) { const { run } = await import("./commands/run.js"); return `${v} ${run(Mistake)}`; }\n',
      "commands/run.js": 'import { helper } from "../helper.js";\nexport function run(M) { return helper(new M() instanceof M); }\n',
      "helper.js": "export const helper = (ok) => (ok ? 'one copy' : 'two copies');\n",
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dist, name), text);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("writes each bundle over its entry, removes the modules it holds, and keeps what loads lazily", async () => {
    const bundles = await bundleStartup(dist);
    const cliUrl = pathToFileURL(join(dist, "cli.js"));
    expect(bundles).toEqual([
      { entry: "start.js", inlined: ["start.js", "version.js"], packages: [] },
      { entry: "cli.js", inlined: ["cli.js", "shared.js"], packages: [] },
    ]);
    expect(existsSync(join(dist, "version.js"))).toBe(false);
    expect(existsSync(join(dist, "shared.js"))).toBe(false);
    expect(existsSync(join(dist, "commands", "run.js"))).toBe(true);
    // The program is a script: its lazy import goes through the loader start.js gives it, with a path from dist/.
    expect(readFileSync(join(dist, "cli.js"), "utf8")).toContain('__sootheImport("./commands/run.js")');
    expect(readFileSync(join(dist, "cli.js"), "utf8")).not.toMatch(/\bimport\(/);
    const { start } = (await import(pathToFileURL(join(dist, "start.js")).href)) as { start(): string };
    expect(existsSync(join(dist, "cli.cache"))).toBe(true);
    const loaded = loadProgram(cliUrl);
    expect(await (loaded.program.cli as unknown as (v: string) => Promise<string>)(start())).toBe("9.9.9 one copy");
  });

  // Whether V8 took the cache is checked in a fresh process (test/e2e/startup.test.ts): here the build has
  // compiled the same text already, and V8 keeps it.
  it("runs the program the same when the code cache is missing or is not one", async () => {
    await bundleStartup(dist);
    const cliUrl = pathToFileURL(join(dist, "cli.js"));
    const run = (loaded: ReturnType<typeof loadProgram>) => (loaded.program.cli as unknown as (v: string) => Promise<string>)("1");
    writeFileSync(join(dist, "cli.cache"), Buffer.from("not a code cache at all, but bytes of the same kind of length"));
    expect(await run(loadProgram(cliUrl))).toBe("1 one copy");
    rmSync(join(dist, "cli.cache"));
    expect(await run(loadProgram(cliUrl))).toBe("1 one copy");
  });

  it("refuses a lazy import in the program whose path is not plain text: it could not be checked", async () => {
    writeFileSync(join(dist, "cli.js"), 'const where = "./commands/run.js";\nexport async function cli() { return import(where); }\n');
    await expect(bundleStartup(dist)).rejects.toThrow("cli.js has an import() of a path that is not plain text, or import.meta");
  });

  it("refuses a package in start.js: an ES module bundle has no require for its CommonJS", async () => {
    mkdirSync(join(root, "node_modules", "cjs-thing"), { recursive: true });
    writeFileSync(join(root, "node_modules", "cjs-thing", "package.json"), '{ "name": "cjs-thing", "main": "index.js" }\n');
    writeFileSync(join(root, "node_modules", "cjs-thing", "index.js"), 'module.exports = require("node:path").sep;\n');
    writeFileSync(join(dist, "start.js"), 'import sep from "cjs-thing";\nexport const start = () => sep;\n');
    await expect(bundleStartup(dist)).rejects.toThrow("start.js would hold cjs-thing: packages go in the program script (cli.js), not in start.js.");
  });

  it("refuses a tree it has bundled already, rather than bundle a bundle", async () => {
    await bundleStartup(dist);
    await expect(bundleStartup(dist)).rejects.toThrow("start.js is a bundle already: run the whole build (npm run build)");
  });

  it("refuses, and writes nothing, when a lazily loaded module imports one the bundle holds", async () => {
    writeFileSync(join(dist, "commands", "run.js"), 'import { Mistake } from "../shared.js";\nexport function run(M) { return M === Mistake; }\n');
    const before = readFileSync(join(dist, "cli.js"), "utf8");
    await expect(bundleStartup(dist)).rejects.toThrow(/^commands\/run\.js imports shared\.js from outside the bundle, but shared\.js is part of the start-up bundle cli\.js/);
    expect(readFileSync(join(dist, "cli.js"), "utf8")).toBe(before);
    expect(existsSync(join(dist, "shared.js"))).toBe(true);
  });
});
