// Development entry: runs the TypeScript sources through tsx (slower to start; never on a user's path).
import { cli } from "../src/cli.js";
import { VERSION } from "../src/version.js";

cli(process.argv, VERSION);
