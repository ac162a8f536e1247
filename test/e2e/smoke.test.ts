import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runPiped, spawnPty, type TempHome, eachTestInTempHome } from "./harness.js";

const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
const COMMANDS = ["run", "list", "show", "validate", "history"];

let home: TempHome;
eachTestInTempHome((h) => (home = h));

describe("soothe through a pipe", () => {
  it("--version prints the version and exits 0", async () => {
    const result = await runPiped(["--version"], { home });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(version);
  });

  it("answers -V and --version alone exactly as the full program does with other options", async () => {
    const alone = await runPiped(["-V"], { home });
    const full = await runPiped(["--no-color", "--version"], { home });
    expect(full.code).toBe(0);
    expect(alone.code).toBe(0);
    expect(alone.stdout).toBe(`${version}\n`);
    expect(alone.stdout).toBe(full.stdout);
    expect(alone.stderr).toBe(full.stderr);
  });

  it("--help lists the commands on stdout and exits 0", async () => {
    const result = await runPiped(["--help"], { home });
    expect(result.code).toBe(0);
    for (const command of COMMANDS) expect(result.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, "m"));
  });

  it("an unknown command is a usage error: exit 2 with a message on stderr only", async () => {
    const result = await runPiped(["strech"], { home });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim()).not.toBe("");
  });

  it("with no command and no terminal prints the help instead of a menu", async () => {
    const result = await runPiped([], { home });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: soothe/);
  });
});

describe("soothe under a terminal", () => {
  it("shows --help on the screen and exits 0", async () => {
    const session = spawnPty(["--help"], { home });
    const { exitCode } = await session.waitForExit(15_000);
    expect(exitCode).toBe(0);
    // The help may be taller than the 30-row screen: read the scrollback too.
    const text = session.bufferText();
    expect(text).toMatch(/^Usage: soothe/m);
    for (const command of COMMANDS) expect(text).toMatch(new RegExp(`^\\s+${command}\\b`, "m"));
    expect(session.screenText()).not.toBe("");
  });
});
