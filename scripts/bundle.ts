// The start-up bundles, the second half of `npm run build` (after tsc). `dist/start.js` and `dist/cli.js`, each with
// everything it imports statically (the version; commander.ts, main.ts, signals.ts and the commander package),
// become one file each: Node then reads and links two files where it read a dozen, which was most of what
// `soothe --help` and `soothe list` spent before their own work (DESIGN section 5). cli.js is a script compiled
// from a V8 code cache made here (see BUNDLES). What a command imports lazily stays as tsc wrote it, one module a
// file.
//
// One rule keeps this safe: a module inside a bundle is imported by nothing outside it. Otherwise Node would load
// a second copy from its own file, and `instanceof` on its error classes would fail in silence. The build checks the
// rule over every file in dist/ and refuses to finish when it is broken, naming both files; the modules inlined are
// removed from dist/, so that nothing can load them by mistake later.
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { Script } from "node:vm";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Metafile, type Plugin } from "esbuild";

/**
 * The bundles, by entry: start.js (with the version), which answers `--version` alone, and cli.js, which start.js
 * loads for everything else: the program, main.ts and commander. start.js stays an ES module. cli.js becomes a
 * script that start.js compiles with a V8 code cache made here (cli.cache): compiling commander's code is most of
 * what is left of soothe's own start, and the cache spares it (see `loadProgram` in src/start.ts).
 */
export const BUNDLES = [
  { entry: "start.js", as: "module" },
  { entry: "cli.js", as: "script" },
] as const;

/** The code cache beside the program script, in dist/. */
export const CODE_CACHE = "cli.cache";

/**
 * A script has no `import()` of its own (Node gives a script compiled from a code cache no way to load modules):
 * the program's lazy imports call this function instead, which start.js passes in, with paths from dist/.
 */
const LOADER = "__sootheImport";

/** An import of one module by another, with the importer and the imported as absolute paths. */
export interface ImportEdge {
  importer: string;
  imported: string;
  dynamic: boolean;
}

/** A bundle: its entry, and the modules of soothe's own inside it (the entry among them), as absolute paths. */
export interface BundleContents {
  entry: string;
  inlined: ReadonlySet<string>;
}

/** Keeps every relative import out of a build and writes it down: what `imports` found, for {@link checkBundles}. */
function recordImports(edges: ImportEdge[], follow: (edge: ImportEdge) => boolean): Plugin {
  return {
    name: "record-imports",
    setup(builder) {
      builder.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.kind === "entry-point") return undefined;
        const imported = resolve(dirname(args.importer), args.path);
        const edge = { importer: args.importer, imported, dynamic: args.kind === "dynamic-import" };
        edges.push(edge);
        return follow(edge) ? undefined : { path: args.path, external: true };
      });
    },
  };
}

/**
 * What breaks the rule: a module inside two bundles; a module outside a bundle that imports one inside it (other
 * than its entry); a lazy import inside a bundle of a module the bundle already holds. Each problem names both
 * files, relative to `dist`.
 */
export function checkBundles(dist: string, bundles: readonly BundleContents[], edges: readonly ImportEdge[]): string[] {
  const name = (file: string) => relative(dist, file);
  const problems: string[] = [];
  const owner = new Map<string, BundleContents>();
  for (const bundle of bundles) {
    for (const file of bundle.inlined) {
      const other = owner.get(file);
      if (other) {
        problems.push(`${name(file)} is inside two start-up bundles, ${name(other.entry)} and ${name(bundle.entry)}: each would have a copy.`);
      }
      if (file !== bundle.entry) owner.set(file, bundle);
    }
  }
  const seen = new Set<string>();
  for (const edge of edges) {
    const bundle = owner.get(edge.imported);
    if (!bundle || (bundle.inlined.has(edge.importer) && !edge.dynamic)) continue;
    const how = bundle.inlined.has(edge.importer) ? "lazily, inside the bundle" : "from outside the bundle";
    const problem =
      `${name(edge.importer)} imports ${name(edge.imported)} ${how}, but ${name(edge.imported)} is part of the start-up bundle ` +
      `${name(bundle.entry)}: a second copy of it would load. Move what is shared to a module outside the bundle.`;
    if (!seen.has(problem)) problems.push(problem);
    seen.add(problem);
  }
  return problems;
}

/**
 * For a script: each lazy `import("...")` in soothe's own modules becomes a call of {@link LOADER} with the path from
 * dist/, and is written down as an import. An import whose path is not plain text cannot be checked, and is refused.
 */
function lazyImportsToLoader(dist: string, edges: ImportEdge[]): Plugin {
  return {
    name: "lazy-imports-to-loader",
    setup(builder) {
      builder.onLoad({ filter: /\.js$/ }, (args) => {
        if (!args.path.startsWith(dist + sep)) return undefined;
        const text = readFileSync(args.path, "utf8").replace(/\bimport\("([^"]+)"\)/g, (_, specifier: string) => {
          if (!specifier.startsWith(".")) return `${LOADER}(${JSON.stringify(specifier)})`;
          const imported = resolve(dirname(args.path), specifier);
          edges.push({ importer: args.path, imported, dynamic: true });
          return `${LOADER}(${JSON.stringify(`./${relative(dist, imported)}`)})`;
        });
        if (/\bimport\s*\(|\bimport\.meta\b/.test(text)) {
          throw new Error(`${relative(dist, args.path)} has an import() of a path that is not plain text, or import.meta: the program script cannot hold it.`);
        }
        return { contents: text, loader: "js" };
      });
    },
  };
}

/**
 * commander requires `node:child_process` when it loads, for subcommands that are programs of their own; soothe has
 * none, and loading that module costs 2-3 ms of every start. In the bundle the require waits until first use.
 */
const lazyChildProcess: Plugin = {
  name: "lazy-child-process",
  setup(builder) {
    builder.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes("/node_modules/commander/") ? { path: "child_process", namespace: "soothe-lazy" } : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: "soothe-lazy" }, () => ({
      contents: 'module.exports = new Proxy({}, { get: (_, key) => require("node:child_process")[key] });',
      loader: "js",
    }));
  },
};

/** Every .js file under `dir`. */
function jsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((item) => item.isFile() && item.name.endsWith(".js"))
    .map((item) => join(item.parentPath, item.name));
}

/** The first line of every bundle: what it is, and how a second bundling of it is recognised and refused. */
const MARK = "// Built by scripts/bundle.ts from tsc's output: edit src/, then npm run build.";

/**
 * A script is one function expression: start.js calls it with a `require` of Node's own modules (commander is
 * CommonJS and requires node:events, node:fs, ...) and the loader of lazy imports, and gets the program's exports.
 */
const SCRIPT_HEAD = `(function (require, ${LOADER}) { "use strict"; const module = { exports: {} }, exports = module.exports;`;
const SCRIPT_TAIL = "return module.exports; })";

/** One entry bundled with what it imports statically; what it imports lazily is left outside, and written down. */
async function bundle(dist: string, entry: string, as: "module" | "script", edges: ImportEdge[]) {
  if (readFileSync(entry, "utf8").startsWith(MARK)) {
    throw new Error(`${relative(dist, entry)} is a bundle already: run the whole build (npm run build), which compiles it again first.`);
  }
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: as === "module" ? "esm" : "cjs",
    platform: "node",
    target: "node20",
    // Smaller to read and compile: whitespace and syntax only; names stay as written, for stack traces.
    minifyWhitespace: true,
    minifySyntax: true,
    metafile: true,
    logLevel: "silent",
    banner: { js: as === "module" ? MARK : `${MARK}\n${SCRIPT_HEAD}` },
    footer: as === "module" ? {} : { js: SCRIPT_TAIL },
    plugins: [
      recordImports(edges, (edge) => !edge.dynamic),
      lazyChildProcess,
      ...(as === "script" ? [lazyImportsToLoader(dist, edges)] : []),
    ],
  });
  const [output] = result.outputFiles ?? [];
  const { metafile } = result;
  if (!output || !metafile) throw new Error(`esbuild wrote nothing for ${entry}`);
  const packages = packagesIn(metafile);
  if (as === "module" && packages.length > 0) {
    // An ES module has no `require` for their CommonJS; only the script is given one.
    throw new Error(`${relative(dist, entry)} would hold ${packages.join(", ")}: packages go in the program script (cli.js), not in start.js.`);
  }
  const inputs = Object.keys(metafile.inputs).filter((input) => !input.startsWith("soothe-lazy:"));
  const inlined = new Set(inputs.map((input) => resolve(input)).filter((file) => file.startsWith(dist + sep)));
  return { entry, as, inlined, packages, contents: output.contents };
}

/**
 * Builds the bundles over tsc's output in `dist`, checks the rule over every module, then writes the bundles over
 * their entries and removes the modules they hold. Returns each bundle's modules and packages, relative to `dist`.
 */
export async function bundleStartup(dist: string): Promise<{ entry: string; inlined: string[]; packages: string[] }[]> {
  const edges: ImportEdge[] = [];
  const bundles = [];
  for (const { entry, as } of BUNDLES) bundles.push(await bundle(dist, join(dist, entry), as, edges));
  const inside = new Set(bundles.flatMap((b) => [...b.inlined]));
  const others = jsFiles(dist).filter((file) => !inside.has(file));
  if (others.length > 0) {
    // The other modules are read, not bundled: each import is written down and left outside.
    await build({
      entryPoints: others,
      bundle: true,
      write: false,
      outdir: dist,
      format: "esm",
      platform: "node",
      logLevel: "silent",
      external: ["*"],
      plugins: [recordImports(edges, () => false)],
    });
  }
  const problems = checkBundles(dist, bundles, edges);
  if (problems.length > 0) throw new Error(problems.join("\n"));
  for (const { entry, contents } of bundles) writeFileSync(entry, contents);
  for (const { entry, inlined } of bundles) for (const file of inlined) if (file !== entry) rmSync(file);
  for (const { entry, as } of bundles) if (as === "script") writeCodeCache(entry, join(dist, CODE_CACHE));
  return bundles.map(({ entry, inlined, packages }) => ({
    entry: relative(dist, entry),
    inlined: [...inlined].map((file) => relative(dist, file)).sort(),
    packages,
  }));
}

/**
 * Compiles the program script, runs what every start runs (declaring the commands, laying out their help), and
 * writes V8's code cache of it: the functions compiled by then are in it. Nothing is loaded lazily meanwhile.
 */
function writeCodeCache(file: string, cache: string): void {
  const script = new Script(readFileSync(file, "utf8"), { filename: file });
  const noLazyImports = (specifier: string) => Promise.reject(new Error(`the code cache is made without loading ${specifier}`));
  const program = (script.runInThisContext() as ProgramScript)((id) => process.getBuiltinModule(id), noLazyImports);
  const walk = (command: ProgramCommand) => {
    command.helpInformation();
    command.commands.forEach(walk);
  };
  if (typeof program.createProgram === "function") {
    walk(program.createProgram("0.0.0", async () => {}));
    program.createProgram("0.0.0", async () => {}, ["node", "soothe", "list"]);
  }
  writeFileSync(cache, script.createCachedData());
}

interface ProgramCommand {
  helpInformation(): string;
  commands: readonly ProgramCommand[];
}

/** The program script: called with `require` and the loader of lazy imports, it gives back cli.ts's exports. */
type ProgramScript = (
  require: (id: string) => unknown,
  load: (specifier: string) => Promise<unknown>,
) => { createProgram?: (version: string, act: unknown, argv?: string[]) => ProgramCommand };

/** The packages from node_modules inside a bundle. */
function packagesIn(metafile: Metafile): string[] {
  const names = Object.keys(metafile.inputs).flatMap((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1] ?? []);
  return [...new Set(names)].sort();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = resolve(process.argv[2] ?? "dist");
  try {
    await bundleStartup(dist);
  } catch (error) {
    process.stderr.write(`bundle: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
