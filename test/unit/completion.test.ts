import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { createProgram } from "../../src/cli.js";
import { completion } from "../../src/commands/completion.js";
import { completionModel, type CommandSpec } from "../../src/completion/model.js";
import { completionScript } from "../../src/completion/script.js";
import { UsageError } from "../../src/errors.js";
import { SETTING_KEYS } from "../../src/settings.js";
import { makeDeps } from "../helpers/fake-deps.js";

const program = createProgram("0.0.0", async () => {});
const model = completionModel(program);
const spec = (...path: string[]): CommandSpec => {
  const found = model.find((s) => s.path.join(" ") === path.join(" "));
  if (!found) throw new Error(`no command ${path.join(" ")}`);
  return found;
};
const flags = (s: CommandSpec) => s.options.flatMap((o) => o.flags);

describe("completionModel", () => {
  it("has every command of the program, with its description", () => {
    const names = spec().commands.map((c) => c.name);
    for (const name of ["run", "list", "show", "validate", "history", "new", "edit", "copy", "rm", "export", "import", "config", "completion", "remind"]) {
      expect(names).toContain(name);
    }
    expect(spec().commands.find((c) => c.name === "rm")?.description).toBe("remove one of your routines");
  });

  it.each([["run"], ["show"], ["edit"], ["rm"], ["export"], ["copy"]])("%s completes routine ids first", (name) => {
    expect(spec(name).args[0]).toEqual({ name: "routine", value: { kind: "routine" }, variadic: false });
  });

  it("copy's second argument is a new id, left to the user", () => {
    expect(spec("copy").args[1]).toEqual({ name: "new-id", value: { kind: "any" }, variadic: false });
  });

  it("files for validate and import; shells for completion; setting keys for config", () => {
    expect(spec("validate").args).toEqual([{ name: "file", value: { kind: "file" }, variadic: true }]);
    expect(spec("import").args[0]?.value).toEqual({ kind: "file" });
    expect(spec("completion").args[0]?.value).toEqual({ kind: "choices", values: ["bash", "zsh", "fish"] });
    for (const action of ["get", "set", "reset"]) {
      expect(spec("config", action).args[0]?.value).toEqual({ kind: "choices", values: SETTING_KEYS });
    }
    expect(spec("config").commands.map((c) => c.name)).toEqual(["list", "get", "set", "reset", "path", "help"]);
  });

  it("knows which options take values, and what they complete to", () => {
    const run = spec("run");
    expect(run.options.find((o) => o.flags.includes("--side"))?.value).toEqual({ kind: "choices", values: ["left", "right"] });
    expect(run.options.find((o) => o.flags.includes("--lead-in"))?.value).toEqual({ kind: "any" });
    expect(run.options.find((o) => o.flags.includes("--voice"))?.value).toBeNull();
    expect(flags(run)).toEqual(expect.arrayContaining(["--voice", "--no-voice", "--dry-run", "--no-input", "--help", "--no-color", "--verbose"]));
    expect(spec("remind").options.find((o) => o.flags.includes("--routine"))?.value).toEqual({ kind: "routine" });
    expect(flags(spec("rm"))).toEqual(expect.arrayContaining(["-y", "--yes"]));
  });

  it("leaves out hidden options", () => {
    expect(flags(spec("list"))).not.toContain("--ids");
  });
});

describe("completionScript", () => {
  it.each(["bash", "zsh", "fish"] as const)("%s: asks soothe for the routine ids at the moment of completing", (shell) => {
    const script = completionScript(shell, model);
    expect(script).toContain("soothe list --ids 2>/dev/null");
    for (const name of ["run", "edit", "copy", "remind", "completion"]) expect(script).toContain(name);
    expect(script).toContain("--no-voice");
  });

  it("registers the function the way each shell expects", () => {
    expect(completionScript("bash", model)).toMatch(/^complete -F _soothe soothe$/m);
    expect(completionScript("zsh", model)).toMatch(/^#compdef soothe\n/);
    expect(completionScript("zsh", model)).toContain("compdef _soothe soothe");
    expect(completionScript("fish", model)).toMatch(/^complete -c soothe -f -a '\(__soothe_complete\)'$/m);
  });

  it("quotes descriptions safely", () => {
    const odd = new Command("soothe");
    odd.command("go").description(`it's "quoted" $(nothing) \\ and\nmore`);
    const oddModel = completionModel(odd);
    expect(completionScript("zsh", oddModel)).toContain(`'go:it'\\''s "quoted" $(nothing) \\ and more'`);
    expect(completionScript("fish", oddModel)).toContain(`'it\\'s "quoted" $(nothing) \\\\ and more'`);
  });

  it("refuses a command name that is not a plain word", () => {
    const odd = new Command("soothe");
    odd.command("go;rm");
    expect(() => completionScript("bash", completionModel(odd))).toThrow(/cannot put "go;rm" in a completion script/);
  });
});

describe("soothe completion", () => {
  it("prints the script for the shell asked", async () => {
    const f = makeDeps();
    try {
      expect(await completion("fish", program, {}, f.deps)).toBe(0);
      expect(f.out()).toBe(completionScript("fish", model));
      await expect(completion("tcsh", program, {}, f.deps)).rejects.toBeInstanceOf(UsageError);
    } finally {
      f.cleanup();
    }
  });
});
