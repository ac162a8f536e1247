import { VERSION } from "./version.js";

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
  const { cli } = await import("./cli.js");
  cli(argv, VERSION);
}
