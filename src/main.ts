import { CommandLineMistake, commandPath, refuseParentOptions, type Command } from "./commander.js";
import type { Deps, Prompts, Settings, StopSignal } from "./deps.js";
import { SIGNAL_NUMBERS, signalExitCode } from "./signals.js";

/** Options every command accepts. */
export interface GlobalOptions {
  color?: boolean;
  verbose?: boolean;
}

type Act = (fn: (deps: Deps) => Promise<number>) => Promise<void>;

/**
 * Builds the real dependencies from the process. Loaded only once a command runs, so that `--version` and
 * `--help` start with commander alone (chalk, the settings reader and the prompts cost time to import).
 */
export async function createDeps(global: GlobalOptions): Promise<Deps> {
  const [{ hostname }, { readEnv, resolvePaths }, { realClock }, { readColorSetting }, theme] = await Promise.all([
    import("node:os"),
    import("./env.js"),
    import("./session/clock.js"),
    import("./settings.js"),
    import("./ui/color.js"),
  ]);
  const { colorEnabled, loadTheme } = theme;
  const env = readEnv();
  const handlers = new Set<(signal: StopSignal, exitCode: number) => void>();
  for (const signal of Object.keys(SIGNAL_NUMBERS) as StopSignal[]) {
    process.on(signal, () => {
      const code = signalExitCode(signal);
      if (handlers.size === 0) exit(code);
      for (const handler of [...handlers]) handler(signal, code);
    });
  }
  const paths = resolvePaths(env);
  // The colour setting is needed before any command loads the settings: read just that key, cheaply.
  const colorSetting = readColorSetting(paths.configFile);
  const [outTheme, errTheme] = await Promise.all([
    loadTheme(colorEnabled(env, process.stdout, global.color, colorSetting)),
    loadTheme(colorEnabled(env, process.stderr, global.color, colorSetting)),
  ]);
  const deps: Deps = {
    env,
    paths,
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    clock: realClock(),
    theme: outTheme,
    errTheme,
    verbose: global.verbose === true || env.DEBUG,
    loadSettings: async () => {
      const { loadSettings } = await import("./settings-load.js");
      return loadSettings(deps.paths);
    },
    saveSettings: async (values) => {
      const { openSettings } = await import("./settings-file.js");
      const store = await openSettings(deps.paths);
      for (const [key, value] of Object.entries(values) as [keyof Settings, Settings[keyof Settings]][]) {
        store.set(key, value);
      }
    },
    openHistory: async () => {
      const { openHistory } = await import("./history/store.js");
      return openHistory(deps.paths.historyFile);
    },
    prompts: lazyPrompts(),
    onSignal: (handler) => {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    pid: process.pid,
    hostname: hostname(),
  };
  return deps;
}

/** The prompts, loaded at the first question: most commands never ask one. */
function lazyPrompts(): Prompts {
  let loaded: Promise<Prompts> | undefined;
  const real = () =>
    (loaded ??= import("./ui/prompts.js").then(({ createPrompts }) => createPrompts(process.stdin, process.stdout)));
  return {
    select: async (options) => (await real()).select(options),
    confirm: async (options) => (await real()).confirm(options),
    input: async (options) => (await real()).input(options),
    number: async (options) => (await real()).number(options),
  };
}

/** Runs the program once: parses, runs the command, maps errors to messages and exit codes, exits. */
export async function runMain(argv: string[], makeProgram: (act: Act) => Command): Promise<void> {
  let code = 0;
  let verbose = false;
  let stderrColor = false;
  const act: Act = async (fn) => {
    const global = program.opts<GlobalOptions>();
    const deps = await createDeps(global);
    verbose = deps.verbose;
    stderrColor = deps.errTheme.level > 0;
    code = await fn(deps);
  };
  const program = makeProgram(act);
  let command = "";
  program.hook("preAction", (_program, action) => {
    command = commandPath(action);
    refuseParentOptions(action);
  });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    code = await reportError(error, verbose || argv.includes("--verbose"), stderrColor, command);
  }
  exit(code);
}

/**
 * Prints an error the way its kind deserves and returns the exit code (help and the version end here too, with 0).
 * Every message starts `soothe:`; a usage mistake (exit 2) ends by pointing at `soothe <command> --help`, where
 * `command` is the one that was running.
 */
export async function reportError(error: unknown, verbose: boolean, color = false, command = ""): Promise<number> {
  const write = (text: string) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`);
  const red = (text: string) => (color ? `\u001b[31m${text}\u001b[39m` : text);
  if (error instanceof CommandLineMistake) {
    const { commandLineMessage } = await import("./errors.js");
    write(`${red("soothe:")} ${commandLineMessage(error.message, error.command)}`);
    return 2;
  }
  const commanderCode = (error as { code?: unknown } | null)?.code;
  if (error instanceof Error && typeof commanderCode === "string" && commanderCode.startsWith("commander.")) {
    const done = ["commander.helpDisplayed", "commander.version", "commander.help"].includes(commanderCode);
    return done ? 0 : 2;
  }
  const { CancelError, RoutineError, UsageError, UserError, formatProblem, usageHint } = await import("./errors.js");
  if (error instanceof RoutineError) {
    for (const problem of error.problems) write(formatProblem(problem));
    if (verbose && error.stack) write(error.stack);
    return 1;
  }
  if (error instanceof CancelError || (error instanceof Error && error.name === "ExitPromptError")) {
    write(error instanceof CancelError ? error.message : "Cancelled.");
    return 130;
  }
  if (error instanceof UsageError) {
    write(`${red("soothe:")} ${error.message}${usageHint(error.message, command)}`);
    return 2;
  }
  if (error instanceof UserError) {
    write(`${red("soothe:")} ${error.message}`);
    if (verbose && error.stack) write(error.stack);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  write(`${red("soothe: internal error:")} ${message}`);
  if (verbose && error instanceof Error && error.stack) write(error.stack);
  else write("Run again with --verbose for details, and please report it with what you ran.");
  return 1;
}

function exit(code: number): void {
  process.exitCode = code;
  process.stdout.write("", () => process.exit(code));
}
