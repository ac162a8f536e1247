import { Command, Option } from "commander";
import type { Deps } from "./deps.js";
import { runMain } from "./main.js";

/** The program: commands, options and help. Each action lazy-imports its command and returns an exit code. */
export function createProgram(version: string, act: (fn: (deps: Deps) => Promise<number>) => Promise<void>): Command {
  const program = new Command("soothe")
    .description("A calm terminal coach for at-home sciatica and low-back self-care.")
    .version(version, "-V, --version", "print the version")
    .option("--no-color", "no colour, even on a terminal")
    .option("--verbose", "show details and stack traces on errors")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str) });

  program.action(() =>
    act(async (deps) => {
      const { home } = await import("./commands/home.js");
      return home(program, deps);
    }),
  );

  program
    .command("run")
    .description("walk through a routine with a live countdown")
    .argument("<routine>", "routine id, or a path to a .yaml file")
    .option("--no-input", "never read keys or prompt; run start to finish (implied when stdin is not a terminal)")
    .option("--lead-in <duration>", "get-ready time before the first step, e.g. 10s")
    .addOption(new Option("--side <side>", "your affected side for this run").choices(["left", "right"]))
    .option("--dry-run", "print the plan and exit")
    .option("--no-sound", "no terminal bell")
    .option("--no-checkin", "skip the pain questions before and after")
    .action((routine: string, opts) =>
      act(async (deps) => {
        const { run } = await import("./commands/run.js");
        return run(routine, opts, deps);
      }),
    );

  program
    .command("list")
    .description("list built-in and your own routines")
    .option("--json", "print JSON")
    .action((opts) =>
      act(async (deps) => {
        const { list } = await import("./commands/list.js");
        return list(opts, deps);
      }),
    );

  program
    .command("show")
    .description("show a routine's plan with times")
    .argument("<routine>", "routine id, or a path to a .yaml file")
    .option("--json", "print JSON")
    .option("--side <side>", "your affected side, to resolve sides")
    .action((routine: string, opts) =>
      act(async (deps) => {
        const { show } = await import("./commands/show.js");
        return show(routine, opts, deps);
      }),
    );

  program
    .command("validate")
    .description("check routine files; print every problem as path:line:col: message")
    .argument("<file...>", "routine files")
    .option("--json", "print JSON")
    .action((files: string[], opts) =>
      act(async (deps) => {
        const { validate } = await import("./commands/validate.js");
        return validate(files, opts, deps);
      }),
    );

  program
    .command("history")
    .description("past sessions, newest first")
    .option("--json", "print JSON")
    .option("--limit <n>", "at most this many sessions")
    .option("--since <date>", "only sessions on or after this date (YYYY-MM-DD, or 30d)")
    .option("--routine <id>", "only sessions of this routine")
    .action((opts) =>
      act(async (deps) => {
        const { history } = await import("./commands/history.js");
        return history(opts, deps);
      }),
    );

  return program;
}

/** Entry point used by bin/soothe.js. */
export function cli(argv: string[] = process.argv): void {
  void runMain(argv, (act) => createProgram(VERSION, act));
}

/** Kept in step with package.json by a test. */
export const VERSION = "0.1.0";
