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
