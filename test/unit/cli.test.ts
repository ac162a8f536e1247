import { describe, expect, it } from "vitest";
import { createProgram } from "../../src/cli.js";

const program = createProgram("0.0.0", async () => {});

describe("the program", () => {
  it("declares every command, in the order --help lists them", () => {
    expect(program.commands.map((command) => command.name())).toEqual([
      "run",
      "safety",
      "list",
      "show",
      "validate",
      "history",
      "stats",
      "report",
      "visit",
      "diary",
      "brief",
      "today",
      "programme",
      "new",
      "edit",
      "copy",
      "rm",
      "export",
      "import",
      "config",
      "completion",
      "remind",
    ]);
  });

  it.each([
    ["history", ["import"]],
    ["visit", ["add", "list", "rm"]],
    ["programme", ["set", "show", "clear"]],
    ["diary", ["add", "list"]],
    ["config", ["list", "get", "set", "reset", "path"]],
  ])("gives %s its subcommands", (name, subcommands) => {
    const command = program.commands.find((candidate) => candidate.name() === name);
    expect(command?.commands.map((sub) => sub.name())).toEqual(subcommands);
  });
});

describe("the program built for one command line", () => {
  const names = (...args: string[]) => createProgram("0.0.0", async () => {}, ["node", "soothe", ...args]).commands.map((c) => c.name());
  const all = program.commands.map((command) => command.name());

  it("declares only the command named, with the others of its group", () => {
    expect(names("list")).toEqual(["list", "show", "validate"]);
    expect(names("--verbose", "run", "--side", "left", "desk-break")).toEqual(["run"]);
    expect(names("history", "import", "backup.json")).toEqual(["history"]);
    expect(names("import", "mine.yaml")).toEqual(["new", "edit", "copy", "rm", "export", "import"]);
  });

  it.each([
    ["no command (the home menu)", []],
    ["help asked after a command", ["list", "--help"]],
    ["help asked with -h", ["-h"]],
    ["the help command", ["help", "list"]],
    ["a word that is not a command, for the suggestion", ["lst"]],
    ["completion, which walks every command", ["completion", "bash"]],
  ])("declares every command for %s", (_, args) => {
    expect(names(...args)).toEqual(all);
  });
});
