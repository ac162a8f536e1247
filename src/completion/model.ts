import type { Argument, Command, Option } from "commander";
import { SETTING_KEYS } from "../settings.js";

// Completion scripts are generated from the commander program itself, so a command or option added there is
// completed without touching this folder. Each script is a small walker (find the command path, the option waiting
// for a value, and the index of the positional argument under the cursor) plus lookup tables made from the model.
// Routine ids are asked of `soothe list --ids` when the user presses Tab, so new routines complete at once.

/** What a value or argument completes to. */
export type ValueKind =
  | { kind: "routine" }
  | { kind: "file" }
  | { kind: "choices"; values: string[] }
  | { kind: "any" };

/** An option: its flags (`-y`, `--yes`), what it says, and the kind of its value (null for a flag without one). */
export interface OptionSpec {
  flags: string[];
  description: string;
  value: ValueKind | null;
}

/** A positional argument. */
export interface ArgSpec {
  name: string;
  value: ValueKind;
  variadic: boolean;
}

/** One command of the program, with its path from the top (`[]` for the program, `["config", "set"]`). */
export interface CommandSpec {
  path: string[];
  description: string;
  commands: { name: string; description: string }[];
  options: OptionSpec[];
  args: ArgSpec[];
}

/** Every command of `program`, the program itself first, in the order commander holds them. Pure. */
export function completionModel(program: Command): CommandSpec[] {
  const help = program.createHelp();
  const specs: CommandSpec[] = [];
  const visit = (cmd: Command, path: string[], inherited: OptionSpec[]) => {
    const subcommands = help.visibleCommands(cmd);
    const own = help.visibleOptions(cmd).map(optionSpec);
    // Options of the commands above (--verbose, --no-color) are accepted after a subcommand too; --version and
    // --help are not passed down (each command has its own --help).
    const options = [...own, ...inherited.filter((o) => !own.some((m) => m.flags.some((f) => o.flags.includes(f))))];
    specs.push({
      path,
      description: cmd.description(),
      commands: subcommands.map((c) => ({ name: c.name(), description: c.description() })),
      options,
      args: cmd.registeredArguments.map((arg) => argSpec(arg, cmd, path, subcommands.length > 0 ? [] : undefined)),
    });
    const passed = [...inherited, ...own.filter((o) => !o.flags.includes("--help") && !o.flags.includes("--version"))];
    for (const sub of subcommands) {
      if (sub.name() === "help" && !cmd.commands.includes(sub)) {
        // commander's implicit `help [command]`: completes the names of its sibling commands.
        specs.push({
          path: [...path, "help"],
          description: sub.description(),
          commands: [],
          options: passed,
          args: [
            {
              name: "command",
              value: { kind: "choices", values: cmd.commands.filter((c) => !isHidden(c)).map((c) => c.name()) },
              variadic: false,
            },
          ],
        });
        continue;
      }
      visit(sub, [...path, sub.name()], passed);
    }
  };
  visit(program, [], []);
  return specs;
}

function isHidden(cmd: Command): boolean {
  return (cmd as unknown as { _hidden?: boolean })._hidden === true;
}

function optionSpec(option: Option): OptionSpec {
  const flags = [option.short, option.long].filter((f): f is string => f !== undefined);
  const takesValue = option.required || option.optional;
  let value: ValueKind | null = null;
  if (takesValue) {
    if (option.argChoices) value = { kind: "choices", values: [...option.argChoices] };
    else if (option.long === "--routine") value = { kind: "routine" };
    else if (/<[^>]*file[^>]*>|\[[^\]]*file[^\]]*\]/.test(option.flags)) value = { kind: "file" };
    else value = { kind: "any" };
  }
  return { flags, description: option.description, value };
}

function argSpec(arg: Argument, _cmd: Command, _path: string[], _none?: []): ArgSpec {
  const name = arg.name();
  let value: ValueKind;
  if (arg.argChoices) value = { kind: "choices", values: [...arg.argChoices] };
  else if (name === "routine") value = { kind: "routine" };
  // `config get|set|reset <key>`: the key is checked by the command (exit 1 listing them), so it has no choices
  // in commander; the script still offers them.
  else if (name === "key") value = { kind: "choices", values: [...SETTING_KEYS] };
  else if (/file/.test(name)) value = { kind: "file" };
  else value = { kind: "any" };
  return { name, value, variadic: arg.variadic };
}
