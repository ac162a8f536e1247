import { VERSION } from "./version.js";

type Program = typeof import("./cli.js");

/**
 * Entry point used by bin/soothe.js. `soothe --version` alone is answered here, before commander loads, as the
 * commonest call from scripts; everything else goes through the full program in cli.js.
 */
export async function start(argv: string[] = process.argv): Promise<void> {
  const args = argv.slice(2);
  if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  loadProgram(new URL("./cli.js", import.meta.url)).program.cli(argv, VERSION);
}

/**
 * The program, cli.js as the build leaves it (scripts/bundle.ts): a script holding cli.ts, main.ts and commander,
 * with V8's code cache of it beside it (cli.cache). Compiling that code is most of what soothe itself spends at
 * start, and the cache spares it; without the cache, or with one this Node cannot use (another version, other
 * flags), the script is compiled from its text as usual. `cached` says which happened.
 */
export function loadProgram(file: URL): { program: Program; cached: boolean } {
  const { readFileSync } = process.getBuiltinModule("node:fs");
  const { Script } = process.getBuiltinModule("node:vm");
  const { fileURLToPath } = process.getBuiltinModule("node:url");
  const path = fileURLToPath(file);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(new URL("./cli.cache", file));
  } catch {
    cachedData = undefined;
  }
  const script = new Script(readFileSync(path, "utf8"), { filename: path, cachedData });
  const run = script.runInThisContext() as (require: (id: string) => unknown, load: (path: string) => Promise<unknown>) => Program;
  // The script's lazy imports come here, with paths from the folder it is in (a script has no import() of its own).
  const program = run(
    (id) => process.getBuiltinModule(id),
    (specifier) => import(new URL(specifier, file).href),
  );
  return { program, cached: cachedData !== undefined && !script.cachedDataRejected };
}
