import { createRequire } from "node:module";

/**
 * commander, loaded as the CommonJS package it is. Its ES module wrapper makes Node scan the CommonJS source for
 * exports before linking, which costs about 5 ms of every start; `require` skips that.
 */
const commander = createRequire(import.meta.url)("commander") as typeof import("commander");

type BaseCommand = import("commander").Command;

/**
 * A mistake on the command line that commander found (unknown command or option, missing or invalid argument):
 * thrown instead of printed, so that soothe reports it in its own style with exit 2. `command` is the path of the
 * command that refused it (`history import`; empty for `soothe` itself).
 */
export class CommandLineMistake extends Error {
  override name = "CommandLineMistake";
  constructor(
    message: string,
    readonly code: string,
    readonly command: string,
  ) {
    super(message);
  }
}

/** The words after `soothe` that name a command: `history import`. */
export function commandPath(command: BaseCommand): string {
  const names: string[] = [];
  for (let c: BaseCommand | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(" ");
}

/**
 * Every soothe command, whoever declares it: `program.command()` makes its subcommands of this class too, so what is
 * set here holds for commands added anywhere.
 * - Mistakes are thrown as {@link CommandLineMistake} (commander would print `error: …` itself).
 */
class SootheCommand extends commander.Command {
  override createCommand(name?: string): SootheCommand {
    return new SootheCommand(name);
  }

  override error(message: string, options?: { code?: string; exitCode?: number }): never {
    throw new CommandLineMistake(message, options?.code ?? "commander.error", commandPath(this));
  }
}

/**
 * Refuses an option of a parent command given to one of its subcommands, which does not take it: commander hands
 * `history import --limit 1 file` the `--limit` of `history`, and `import` would ignore it without a word. The
 * program's own options (`--verbose`, `--no-color`) go with every command.
 */
export function refuseParentOptions(action: BaseCommand): void {
  const own = new Set(action.options.map((o) => o.attributeName()));
  for (let parent = action.parent; parent?.parent; parent = parent.parent) {
    for (const option of parent.options) {
      const key = option.attributeName();
      if (own.has(key) || parent.getOptionValueSource(key) !== "cli") continue;
      action.error(`error: ${option.long ?? option.short} is an option of 'soothe ${commandPath(parent)}', not of 'soothe ${commandPath(action)}'`, {
        code: "commander.unknownOption",
      });
    }
  }
}

export const Command = SootheCommand as unknown as typeof commander.Command;
export const { Option } = commander;
export type Command = BaseCommand;
export type Option = import("commander").Option;
