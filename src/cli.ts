import { Command, Option, createRootCommand } from "./commander.js";
import type { Deps } from "./deps.js";
import { runMain } from "./main.js";

type Act = (fn: (deps: Deps) => Promise<number>) => Promise<void>;

/**
 * Adds one command, or one group of commands, to the program. To add a command, write one such function below
 * (declare it, and let its action lazy-import the command file) and list it in COMMANDS with the words that name
 * it, where it takes its place in `soothe --help`.
 */
export type AddCommands = (program: Command, act: Act) => void;

/** Every command after the home menu, in the order `soothe --help` lists them, with the words that name them. */
const COMMANDS: readonly (readonly [names: readonly string[], add: AddCommands])[] = [
  [["run"], addRun],
  [["safety"], addSafety],
  [["list", "show", "validate"], addRoutineViews],
  [["history"], addHistory],
  [["stats", "report"], addInsights],
  [["visit"], addVisit],
  [["diary"], addDiary],
  [["brief"], addBrief],
  [["today", "programme"], addProgramme],
  [["new", "edit", "copy", "rm", "export", "import"], addRoutineFiles],
  [["config"], addConfig],
  [["completion"], addCompletion],
  [["remind"], addRemind],
];

/**
 * The program: commands, options and help. Each action lazy-imports its command and returns an exit code.
 * Given the command line, only the command it names is declared: building the other forty costs every start a few
 * milliseconds and changes nothing for that command. Everything is declared when help is asked, when the word is
 * not a command (commander suggests the nearest), for the home menu, and for `completion`, which walks them all.
 */
export function createProgram(version: string, act: Act, argv?: readonly string[]): Command {
  const program = createRootCommand("soothe")
    .description("A calm terminal coach for at-home sciatica and low-back self-care.")
    .version(version, "-V, --version", "print the version")
    .option("--no-color", "no colour, even on a terminal")
    .option("--verbose", "show details and stack traces on errors");
  addHome(program, act);
  const named = argv === undefined ? undefined : namedCommand(argv.slice(2));
  for (const [, add] of named ? [named] : COMMANDS) add(program, act);
  program.allowExcessArguments(true);
  // Commands with an action of their own get no `help` subcommand unless asked: `soothe help run` should work.
  program.helpCommand(true);
  return program;
}

/** The entry of COMMANDS the words after `soothe` name, when it alone is needed; undefined when all are. */
function namedCommand(args: readonly string[]): (typeof COMMANDS)[number] | undefined {
  if (args.some((arg) => arg === "-h" || arg === "--help")) return undefined;
  // The program's own options take no value, so the first word that is not an option is the command.
  const word = args.find((arg) => !arg.startsWith("-"));
  if (word === undefined || word === "completion") return undefined;
  return COMMANDS.find(([names]) => names.includes(word));
}

/**
 * Parses the command line and runs the command. bin/soothe.js reaches it through start.js, which passes the version:
 * built, version.ts is inside start's bundle, and a module may be inside one bundle only (scripts/bundle.ts).
 */
export function cli(argv: string[], version: string): void {
  void runMain(argv, (act) => createProgram(version, act, argv));
}

/** The bare program opens the home menu; any word left over is a mistyped command, reported as commander would. */
function addHome(program: Command, act: Act): void {
  // (Excess arguments are allowed on the program alone, at the end: subcommands copy the setting when created.)
  program
    .allowUnknownOption(true)
    .action(() => {
      const [first] = program.args;
      if (first?.startsWith("-")) {
        program.error(`error: unknown option '${first}'`, { code: "commander.unknownOption", exitCode: 2 });
      }
      if (first !== undefined) (program as unknown as { unknownCommand(): never }).unknownCommand();
      return act(async (deps) => (await import("./commands/home.js")).home(program, deps));
    });
}

function addRun(program: Command, act: Act): void {
  program
    .command("run")
    .description("walk through a routine with a live countdown")
    .argument("<routine>", "routine id, or a path to a .yaml file")
    .option("--no-input", "never read keys or prompt; run start to finish (implied when stdin is not a terminal)")
    .option("--lead-in <duration>", "get-ready time before the first step, e.g. 10s")
    .addOption(new Option("--side <side>", "your affected side for this run").choices(["left", "right"]))
    .option("--dry-run", "print the plan and exit")
    .option("--no-sound", "no terminal bell")
    .option("--voice", "speak cues aloud for this run")
    .option("--no-voice", "do not speak cues for this run")
    .option("--no-checkin", "skip the pain questions before and after")
    .option("--pain-before <levels>", 'pain before, e.g. "back=6,leg=7,reach=thigh" (any part may be left out)')
    .option("--pain-after <levels>", "pain after, in the same form")
    .option("--note <text>", "a note to keep with the session")
    .action((routine: string, opts) => act(async (deps) => (await import("./commands/run.js")).run(routine, opts, deps)));
}

function addSafety(program: Command, act: Act): void {
  program
    .command("safety")
    .description("the warning signs that need urgent care, and when to see a doctor")
    .action((opts) => act(async (deps) => (await import("./commands/safety.js")).safety(opts, deps)));
}

/** Routines seen: list, show, validate. */
function addRoutineViews(program: Command, act: Act): void {
  program
    .command("list")
    .description("list built-in and your own routines")
    .option("--json", "print JSON")
    .addOption(new Option("--ids", "print only the ids, one a line").hideHelp())
    .action((opts) => act(async (deps) => (await import("./commands/list.js")).list(opts, deps)));

  program
    .command("show")
    .description("show a routine's plan with times")
    .argument("<routine>", "routine id, or a path to a .yaml file")
    .option("--json", "print JSON")
    .addOption(new Option("--side <side>", "your affected side, to resolve sides").choices(["left", "right"]))
    .action((routine: string, opts) => act(async (deps) => (await import("./commands/show.js")).show(routine, opts, deps)));

  program
    .command("validate")
    .description("check routine files; print every problem as path:line:col: message")
    .argument("<file...>", "routine files")
    .option("--json", "print JSON")
    .action((files: string[], opts) =>
      act(async (deps) => (await import("./commands/validate.js")).validate(files, opts, deps)),
    );
}

function addHistory(program: Command, act: Act): void {
  const history = program
    .command("history")
    .description("past sessions, newest first")
    .option("--json", "print JSON")
    .option("--csv", "print CSV, one row a session")
    .option("--limit <n>", "at most this many sessions")
    .option("--since <date>", "only sessions on or after this date (YYYY-MM-DD, or 30d)")
    .option("--routine <id>", "only sessions of this routine")
    .action((opts) => act(async (deps) => (await import("./commands/history.js")).history(opts, deps)));
  history
    .command("import")
    .description("add sessions from a file that `history --json` or `--csv` wrote; skips those already present")
    .argument("<file>", "a .json or .csv file")
    .action((file: string, opts) =>
      act(async (deps) => (await import("./commands/history-import.js")).historyImport(file, opts, deps)),
    );
}

/** What the history shows: stats and the report. */
function addInsights(program: Command, act: Act): void {
  program
    .command("stats")
    .description("consistency, pain trends and what helps")
    .option("--json", "print JSON")
    .option("--since <date>", "only sessions on or after this date (YYYY-MM-DD, or 30d)")
    .option("--routine <id>", "only sessions of this routine")
    .action((opts) => act(async (deps) => (await import("./commands/stats.js")).stats(opts, deps)));

  program
    .command("report")
    .description("a page for your physiotherapist or doctor: sessions, pain over time, what helps, notes")
    .option("--out <file>", "write to this file (.html, or .md for Markdown)")
    .addOption(new Option("--format <format>", "html or md; by default from --out, else html").choices(["html", "md"]))
    .option("--since <date>", "first day covered (YYYY-MM-DD, or 90d, 12w)", "90d")
    .action((opts) => act(async (deps) => (await import("./commands/report.js")).report(opts, deps)));
}

/** Your own routines: new, edit, copy, rm, export, import. */
function addRoutineFiles(program: Command, act: Act): void {
  program
    .command("new")
    .description("create a routine, step by step")
    .argument("[id]", "id of the new routine")
    .action((id: string | undefined, opts) =>
      act(async (deps) => (await import("./commands/new.js")).newRoutine(id, opts, deps)),
    );

  program
    .command("edit")
    .description("edit a routine in your editor; built-in ones are copied to your folder first")
    .argument("<routine>", "routine id")
    .action((id: string, opts) => act(async (deps) => (await import("./commands/edit.js")).edit(id, opts, deps)));

  program
    .command("copy")
    .description("copy a routine to a new id in your folder")
    .argument("<routine>", "routine id")
    .argument("<new-id>", "id of the copy")
    .action((id: string, newId: string, opts) =>
      act(async (deps) => (await import("./commands/copy.js")).copy(id, newId, opts, deps)),
    );

  program
    .command("rm")
    .description("remove one of your routines")
    .argument("<routine>", "routine id")
    .option("-y, --yes", "do not ask")
    .action((id: string, opts) => act(async (deps) => (await import("./commands/rm.js")).rm(id, opts, deps)));

  program
    .command("export")
    .description("print a routine's YAML, to share it")
    .argument("<routine>", "routine id")
    .action((id: string, opts) =>
      act(async (deps) => (await import("./commands/export.js")).exportRoutine(id, opts, deps)),
    );

  program
    .command("import")
    .description("add a routine file to your folder, after checking it")
    .argument("<file>", "a routine .yaml file")
    .option("--as <id>", "save under this id")
    .option("--force", "replace a routine with the same id")
    .action((file: string, opts) =>
      act(async (deps) => (await import("./commands/import.js")).importRoutine(file, opts, deps)),
    );
}

function addConfig(program: Command, act: Act): void {
  const configAction = (action: string) => (args: string[], opts: Record<string, unknown>) =>
    act(async (deps) => (await import("./commands/config.js")).config(action, args, opts, deps));
  // `soothe config` alone lists the settings; any other word is a mistyped action (exit 2), never a silent list.
  const config = program
    .command("config")
    .description("see and change settings (alone: list them)")
    .option("--json", "print JSON")
    .action((opts: Record<string, unknown>, cmd: Command) => {
      if (cmd.args.length > 0) (cmd as unknown as { unknownCommand(): never }).unknownCommand();
      return configAction("list")([], opts);
    });
  config
    .command("list")
    .description("every setting with its value")
    .option("--json", "print JSON")
    // `config list --json`: commander gives --json to `config`, which has the option too.
    .action((opts) => configAction("list")([], { ...config.opts(), ...opts }));
  config
    .command("get")
    .description("print one setting")
    .argument("<key>")
    .action((key: string, opts) => configAction("get")([key], opts));
  config
    .command("set")
    .description("change one setting")
    .argument("<key>")
    .argument("<value>")
    .action((key: string, value: string, opts) => configAction("set")([key, value], opts));
  config
    .command("reset")
    .description("back to the default: one setting, or all of them")
    .argument("[key]")
    .action((key: string | undefined, opts) => configAction("reset")(key === undefined ? [] : [key], opts));
  config
    .command("path")
    .description("print where the settings file is")
    .action((opts) => configAction("path")([], opts));
  // Set after its subcommands, which would copy it: only `config` itself takes the word to report it.
  config.allowExcessArguments(true).helpCommand(true);
}

function addCompletion(program: Command, act: Act): void {
  program
    .command("completion")
    .description("print a shell completion script")
    .addArgument(new Command().createArgument("<shell>", "bash, zsh or fish").choices(["bash", "zsh", "fish"]))
    .action((shell: string, opts) =>
      act(async (deps) => (await import("./commands/completion.js")).completion(shell, program, opts, deps)),
    );
}

function addRemind(program: Command, act: Act): void {
  program
    .command("remind")
    .description("break reminders for desk work")
    .option("--every <duration>", "time between reminders", "45m")
    .option("--routine <id>", "routine to offer", "desk-break")
    .option("--times <n>", "stop after this many reminders")
    .option("--no-input", "never prompt; print one line a reminder")
    .option("--programme", "follow your programme: the routine due next, spread over what is left of the day")
    .action((opts) => act(async (deps) => (await import("./commands/remind.js")).remind(opts, deps)));
}

/** Visits to a professional (DESIGN.md section 6): add, list, rm. */
function addVisit(program: Command, act: Act): void {
  const visit = program.command("visit").description("sessions with a massage therapist, physiotherapist or other professional");
  visit
    .command("add")
    .description("record a visit (on a terminal, asks for what the options do not give)")
    .option("--date <day>", "day of the visit, YYYY-MM-DD (default today)")
    .option("--kind <kind>", "massage, physio, osteopath, chiropractor, doctor or other")
    .option("--who <text>", "their name or practice")
    .option("--technique <list>", "swedish, deep-tissue, myofascial, trigger-point, sports, stretching, other (comma list)")
    .option("--areas <list>", "body areas worked on, comma list (as in routine files)")
    .option("--pressure <pressure>", "light, medium or firm")
    .option("--minutes <n>", "how long it lasted")
    .option("--pain-before <levels>", 'pain before, e.g. "back=6,leg=7,reach=thigh"')
    .option("--pain-after <levels>", "pain after, in the same form")
    .option("--note <text>", "a note to keep with the visit")
    .action((opts) => act(async (deps) => (await import("./commands/visit.js")).visitAdd(opts, deps)));
  visit
    .command("list")
    .description("visits, newest first")
    .option("--json", "print JSON")
    .option("--since <date>", "only visits on or after this day (YYYY-MM-DD, or 30d)")
    .action((opts) => act(async (deps) => (await import("./commands/visit.js")).visitList(opts, deps)));
  visit
    .command("rm")
    .description("hide a visit (history keeps every line; the visit no longer counts)")
    .argument("<id>", "the visit's id, or its first characters, from visit list")
    .action((id: string, opts) => act(async (deps) => (await import("./commands/visit.js")).visitRm(id, opts, deps)));
}

/** The symptom diary (DESIGN.md section 6): add, list. */
function addDiary(program: Command, act: Act): void {
  const diary = program.command("diary").description("a short symptom diary for the days between");
  diary
    .command("add")
    .description("how today went (on a terminal, asks for what the options do not give)")
    .option("--date <day>", "the day it is about, YYYY-MM-DD (default today), to fill in a missed day")
    .option("--pain <levels>", 'pain now, e.g. "back=5,leg=6,reach=thigh"')
    .option("--worst <levels>", 'worst pain today, back and leg, e.g. "back=7,leg=8"')
    .option("--tingling <level>", "pins and needles: none, some or a-lot")
    .option("--numbness <level>", "none, some or a-lot")
    .option("--weakness <level>", "none, some or a-lot")
    .option("--sitting-min <n>", "minutes you can sit before pain makes you stop")
    .option("--walking-min <n>", "minutes you can walk before pain makes you stop")
    .option("--sleep <sleep>", "fine or woken (by pain)")
    .option("--note <text>", "a note for the day")
    .option("--both-legs", "the leg pain is in both legs (soothe then asks about the emergency signs)")
    .option(
      "--red-flags [signs]",
      "go through the emergency signs; or give those you have (both-legs, both-legs-weak-numb, saddle-numbness, bladder, bowel) or none",
    )
    .action((opts) => act(async (deps) => (await import("./commands/diary.js")).diaryAdd(opts, deps)));
  diary
    .command("list")
    .description("diary entries, newest first")
    .option("--json", "print JSON")
    .option("--since <date>", "only entries on or after this day (YYYY-MM-DD, or 30d)")
    .action((opts) => act(async (deps) => (await import("./commands/diary.js")).diaryList(opts, deps)));

}

/** The brief for an appointment (DESIGN.md section 6). */
function addBrief(program: Command, act: Act): void {
  program
    .command("brief")
    .description("one page for an appointment: where it hurts, how much, what helps, what you prefer, questions")
    .option("--since <date>", "first day covered (YYYY-MM-DD, or 30d, 6w)", "30d")
    .addOption(new Option("--format <format>", "text, md or html; by default from --out, else text").choices(["text", "md", "html"]))
    .option("--out <file>", "write to this file (.html, .md or text)")
    .action((opts) => act(async (deps) => (await import("./commands/brief.js")).brief(opts, deps)));
}

/** The programme a physiotherapist prescribed: set, show, clear, and what is due today (DESIGN.md section 7). */
function addProgramme(program: Command, act: Act): void {
  const run = (action: string, args: string[] = []) => (opts: { json?: boolean }) =>
    act(async (deps) => (await import("./commands/programme.js")).programme(action, args, opts, deps));
  program
    .command("today")
    .description("what your programme has due today, what is done, and today's doses")
    .option("--json", "print JSON")
    .action((opts) => act(async (deps) => (await import("./commands/today.js")).today(opts, deps)));
  const group = program.command("programme").description("the programme you follow: routines, how often, doses that build up");
  group
    .command("set")
    .description("check a programme file and use it (copied beside your settings)")
    .argument("<file>", "a programme .yaml file")
    .action((file: string, opts) => run("set", [file])(opts));
  group.command("show").description("the programme, with each step's dose today and over time").option("--json", "print JSON").action((opts) => run("show")(opts));
  group.command("clear").description("stop following the programme").action((opts) => run("clear")(opts));
}
