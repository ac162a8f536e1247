import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, assertBuilt, childEnv, runPiped, tempHome, type TempHome } from "./harness.js";

// The completion scripts as a shell loads them: each must parse (`bash -n`, `zsh -n`, `fish -n`), and its
// completion function, called the way the shell calls it, must offer commands, options and routine ids (the
// built-in ones and the user's, asked of the built `soothe` on the PATH). A shell that is not installed is skipped,
// and the test's name says so.

function installed(shell: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${shell}`], { stdio: "ignore" }).status === 0;
}
const HAS = { bash: installed("bash"), zsh: installed("zsh"), fish: installed("fish") };
const skipped = (shell: keyof typeof HAS) => (HAS[shell] ? "" : ` (skipped: ${shell} is not installed)`);

let home: TempHome;
let env: Record<string, string>;
const scripts: Record<string, string> = {};

beforeAll(async () => {
  assertBuilt();
  home = await tempHome();
  // A `soothe` on the PATH, as after an install, running the built program.
  const bin = join(home.userHome, "bin");
  mkdirSync(bin);
  writeFileSync(join(bin, "soothe"), `#!/bin/sh\nexec '${process.execPath}' '${BIN}' "$@"\n`);
  chmodSync(join(bin, "soothe"), 0o755);
  mkdirSync(join(home.dir, "routines"), { recursive: true });
  writeFileSync(join(home.dir, "routines", "my-lunch-stretch.yaml"), "name: Mine\nsteps:\n  - rest: Still\n    duration: 5s\n");
  env = childEnv(home, { PATH: `${bin}:${process.env.PATH ?? ""}` });
  for (const shell of ["bash", "zsh", "fish"]) {
    const result = await runPiped(["completion", shell], { home, env });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    scripts[shell] = join(home.userHome, `completion.${shell}`);
    writeFileSync(scripts[shell], result.stdout);
  }
});
afterAll(async () => {
  await home?.cleanup();
});

/** Runs `script` in `shell` with the test's environment and returns its stdout. */
function inShell(shell: string, args: string[], script: string): string {
  return execFileSync(shell, [...args, script], { env, encoding: "utf8", timeout: 20_000 });
}

/** Completions offered for the words (the last one is being typed), one a line. */
function offered(shell: "bash" | "zsh" | "fish", words: string[]): string[] {
  let output: string;
  if (shell === "bash") {
    const array = words.map((w) => `'${w}'`).join(" ");
    output = inShell("bash", ["-c"], `source '${scripts.bash}'; COMP_WORDS=(${array}); COMP_CWORD=${words.length - 1}; _soothe; printf '%s\\n' "\${COMPREPLY[@]}"`);
  } else if (shell === "zsh") {
    // The completion system's builtins, stood in for by functions that print what they would offer.
    const stubs = [
      "compdef() { :; }",
      "compset() { :; }",
      "_files() { print -- '<files>'; }",
      'compadd() { if [[ $1 == -a ]]; then print -l -- ${(P)2}; return; fi; [[ $1 == -- ]] && shift; print -l -- "$@"; }',
      "_describe() { print -l -- ${(P)4}; }",
    ].join("\n");
    const array = words.map((w) => `'${w}'`).join(" ");
    output = inShell("zsh", ["-f", "-c"], `${stubs}\nsource '${scripts.zsh}'\nwords=(${array}); CURRENT=${words.length}\n_soothe`);
  } else {
    const line = words.join(" ");
    output = inShell("fish", ["--no-config", "-c"], `source '${scripts.fish}'; complete -C '${line}'`);
  }
  return output.split("\n").filter((l) => l !== "");
}

/** The completions without their descriptions (zsh: `name:description`, fish: `name<TAB>description`). */
const names = (lines: string[]) => lines.map((l) => l.split("\t")[0]!.replace(/(?<!\\):.*$/, ""));

describe.each(["bash", "zsh", "fish"] as const)("%s completion", (shell) => {
  const title = (what: string) => `${what}${skipped(shell)}`;

  it.skipIf(!HAS[shell])(title("the script parses"), () => {
    const check = spawnSync(shell, ["-n", scripts[shell]!], { encoding: "utf8" });
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
  });

  it.skipIf(!HAS[shell])(title("offers the commands"), () => {
    const commands = names(offered(shell, ["soothe", ""]));
    for (const command of ["run", "list", "show", "new", "edit", "copy", "rm", "export", "import", "config", "completion", "remind"]) {
      expect(commands).toContain(command);
    }
    expect(names(offered(shell, ["soothe", "re"]))).toEqual(expect.arrayContaining(["remind"]));
  });

  it.skipIf(!HAS[shell])(title("offers a command's options, and the choices of an option's value"), () => {
    const options = names(offered(shell, ["soothe", "run", "--"]));
    expect(options).toEqual(expect.arrayContaining(["--voice", "--no-voice", "--side", "--dry-run", "--no-input"]));
    expect(names(offered(shell, ["soothe", "run", "--side", ""])).sort()).toEqual(["left", "right"]);
    expect(names(offered(shell, ["soothe", "rm", "-"]))).toEqual(expect.arrayContaining(["--yes"]));
  });

  it.skipIf(!HAS[shell])(title("offers built-in and user routine ids where a routine goes"), () => {
    for (const command of ["run", "show", "edit", "copy", "rm", "export"]) {
      const ids = names(offered(shell, ["soothe", command, ""]));
      expect(ids).toContain("desk-break");
      expect(ids).toContain("my-lunch-stretch");
    }
    expect(names(offered(shell, ["soothe", "run", "my-"]))).toContain("my-lunch-stretch");
    expect(names(offered(shell, ["soothe", "remind", "--routine", ""]))).toContain("desk-break");
  });

  it.skipIf(!HAS[shell])(title("offers setting keys and completion shells"), () => {
    expect(names(offered(shell, ["soothe", "config", "set", "voice"]))).toEqual(expect.arrayContaining(["voice", "voice_command"]));
    expect(names(offered(shell, ["soothe", "completion", ""])).sort()).toEqual(["bash", "fish", "zsh"]);
  });
});

describe("the bash script after a subcommand's arguments", () => {
  it.skipIf(!HAS.bash)(`offers nothing for copy's new id${skipped("bash")}`, () => {
    expect(offered("bash", ["soothe", "copy", "desk-break", ""])).toEqual([]);
  });
});
