import * as commander from "commander";

// Built, this module is part of the start-up bundle with commander itself inside it (scripts/bundle.ts).
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

/** What `soothe --help` shows after the commands: a few examples, and where each command's options are. */
const EXAMPLES = `
Examples:
  soothe                                    the home menu (on a terminal)
  soothe list                               every routine with its time
  soothe show flare-day                     a routine's plan, step by step
  soothe run morning-mobility --side left   a guided run
  soothe history --limit 10                 your last ten sessions
  soothe history import backup.json         sessions from another machine
  soothe report --out for-my-physio.html    a report for your physiotherapist

Run \`soothe <command> --help\` for a command's options.
`;

/**
 * The program, configured once: every command added to it inherits how mistakes are reported (exit 2, in soothe's
 * words: see main.ts) and how help is shown: `soothe --help` lists commands of commands too (`history import`),
 * followed by a few examples.
 */
export function createRootCommand(name: string): BaseCommand {
  const program = new SootheCommand(name);
  const { Help } = commander;
  program
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureHelp({
      visibleCommands(cmd: BaseCommand): BaseCommand[] {
        const own = Help.prototype.visibleCommands.call(this, cmd);
        if (cmd.parent) return own;
        const nested = (c: BaseCommand): BaseCommand[] =>
          c.commands.filter((sub) => !(sub as unknown as { _hidden: boolean })._hidden && sub.name() !== "help").flatMap((sub) => [sub, ...nested(sub)]);
        return own.flatMap((c) => [c, ...nested(c)]);
      },
      subcommandTerm(cmd: BaseCommand): string {
        const term = Help.prototype.subcommandTerm.call(this, cmd);
        const parent = cmd.parent?.parent ? `${commandPath(cmd.parent)} ` : "";
        return `${parent}${term}`;
      },
    })
    .addHelpText("after", EXAMPLES);
  return program;
}

export const Command = SootheCommand as unknown as typeof commander.Command;
export const { Option } = commander;
export type Command = BaseCommand;
export type Option = import("commander").Option;
