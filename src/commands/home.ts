import type { Command } from "commander";
import type { Deps } from "../deps.js";
import type { RoutineEntry } from "../routine/catalog.js";

/** What a menu entry asks for next: an exit code to finish with, or the menu again. */
type Next = number | "menu";

/** One line of the home menu. */
interface MenuEntry {
  value: string;
  name: string;
  description?: string;
  action(deps: Deps): Promise<Next>;
}

/** The home menu, top to bottom. Every entry comes back to it; Quit, Esc at the top and Ctrl-C leave. */
const MENU: MenuEntry[] = [
  { value: "run", name: "Run a routine", description: "pick a routine and start it", action: pickAndRun },
  { value: "routines", name: "Your routines", description: "see, edit, copy or remove a routine", action: manageRoutines },
  { value: "last", name: "Last session", description: "how your latest session went", action: showLastSession },
  { value: "history", name: "History", description: "your recent sessions", action: showHistory },
  { value: "stats", name: "Stats", description: "streaks, pain over time and what helps", action: showStats },
  { value: "new", name: "Create a routine", description: "step by step, saved to your routines", action: createRoutine },
  {
    value: "settings",
    name: "Settings",
    description: "sound, voice, your affected side, colours and more",
    action: openSettingsMenu,
  },
];

/** Offered at the top of the menu on a day without a diary entry. */
const DIARY_ENTRY: MenuEntry = {
  value: "diary",
  name: "Today's diary",
  description: "how your pain was today, in a minute",
  action: async (deps) => {
    const { diaryAdd } = await import("./diary.js");
    await diaryAdd({}, deps);
    return "menu";
  },
};

/** `soothe` with no command: the home menu on a terminal, else the help (nothing may wait for keys in a pipe). */
export async function home(program: Command, deps: Deps): Promise<number> {
  if (!deps.stdin.isTTY || !deps.stdout.isTTY) {
    deps.stdout.write(program.helpInformation());
    return 0;
  }
  const { ask, BACK } = await import("../ui/home-menu.js");
  // With a programme set, the menu opens on today, and the routine due next comes first.
  const today = await (await import("./today.js")).todayForHome(deps);
  for (let first = true; ; first = false) {
    const { homeNotes } = await import("./diary.js");
    const notes = await homeNotes(deps);
    if (first) for (const line of notes.lines) deps.stdout.write(`${line}\n`);
    const menu = [...(today?.next ? [runNext(today.next)] : []), ...(notes.offerDiary ? [DIARY_ENTRY] : []), ...MENU];
    const choices = menu.map(({ value, name, description }) => (description ? { value, name, description } : { value, name }));
    const choice = await ask(deps, "What would you like to do?", choices, "Quit");
    const entry = menu.find((e) => e.value === choice);
    if (choice === BACK || !entry) return 0;
    const next = await entry.action(deps);
    if (next !== "menu") return next;
  }
}

/** A run comes back to the menu, unless Ctrl-C or a signal ended it: then soothe ends with its code. */
function afterRun(code: number): Next {
  return code === 0 || code === 1 ? "menu" : code;
}

/** "Run the next one": the first routine of the programme due today and not yet done. */
function runNext(id: string): MenuEntry {
  return {
    value: "next",
    name: `Run the next one: ${id}`,
    description: "due today in your programme",
    action: async (deps) => afterRun(await (await import("./run.js")).run(id, {}, deps)),
  };
}

/** Asks for one of the routines; null for Back (or Esc), or when there is none. */
async function pickRoutine(deps: Deps, message: string): Promise<RoutineEntry | null> {
  const [{ routinesToShow }, { ask, routineChoices }] = await Promise.all([import("./list.js"), import("../ui/home-menu.js")]);
  const entries = await routinesToShow(deps);
  if (entries.length === 0) {
    deps.stdout.write(`No routines found. Put routine files (.yaml) in ${deps.paths.routinesDir}\n`);
    return null;
  }
  const id = await ask(deps, message, routineChoices(entries, deps.stdout.columns ?? 80, deps.theme));
  return entries.find((e) => e.id === id) ?? null;
}

async function pickAndRun(deps: Deps): Promise<Next> {
  const entry = await pickRoutine(deps, "Which routine?");
  return entry ? routineAction("run", entry, deps) : "menu";
}

/** A routine, then what to do with it; back to the list after each action, to the menu on Back. */
async function manageRoutines(deps: Deps): Promise<Next> {
  const [{ ask, routineActions, BACK }, { cleanText }] = await Promise.all([import("../ui/home-menu.js"), import("../text.js")]);
  for (;;) {
    const entry = await pickRoutine(deps, "Which routine?");
    if (!entry) return "menu";
    const action = await ask(deps, `${cleanText(entry.name)}: what would you like to do?`, routineActions(entry));
    if (action === BACK) continue;
    const code = await routineAction(action, entry, deps);
    if (code !== "menu") return code;
  }
}

/** Does one routine action; a mistake in it is told and the menu goes on. */
async function routineAction(action: string, entry: RoutineEntry, deps: Deps): Promise<Next> {
  try {
    switch (action) {
      case "run":
        return afterRun(await (await import("./run.js")).run(entry.id, {}, deps));
      case "show":
        await (await import("./show.js")).show(entry.id, {}, deps);
        return "menu";
      case "edit":
        await (await import("./edit.js")).edit(entry.id, {}, deps);
        return "menu";
      case "copy":
        await copyRoutine(entry, deps);
        return "menu";
      case "rm":
        await (await import("./rm.js")).rm(entry.id, {}, deps);
        return "menu";
    }
  } catch (error) {
    const { UserError, RoutineError } = await import("../errors.js");
    if (!(error instanceof UserError || error instanceof RoutineError)) throw error;
    deps.stderr.write(`${deps.errTheme.red("soothe:")} ${error.message}\n`);
  }
  return "menu";
}

async function copyRoutine(entry: RoutineEntry, deps: Deps): Promise<void> {
  const [{ isValidId }, { ID_RULE }, { copy }] = await Promise.all([
    import("../routine/id.js"),
    import("../routine/user-routines.js"),
    import("./copy.js"),
  ]);
  const newId = await deps.prompts.input({
    message: "Id of the copy?",
    default: `my-${entry.id}`.slice(0, 64),
    validate: (value) => (isValidId(value.trim()) ? true : `use ${ID_RULE}`),
  });
  await copy(entry.id, newId.trim(), {}, deps);
}

async function showLastSession(deps: Deps): Promise<Next> {
  const [{ lastSessionLines }, store] = await Promise.all([import("../ui/home-menu.js"), deps.openHistory()]);
  const { sessions } = await store.readSessions({ limit: 1 });
  const last = sessions[0];
  deps.stdout.write(last ? `${lastSessionLines(last, deps.clock.wall(), deps.theme).join("\n")}\n` : "No sessions yet.\n");
  return "menu";
}

async function createRoutine(deps: Deps): Promise<Next> {
  const { newRoutine } = await import("./new.js");
  await newRoutine(undefined, {}, deps);
  return "menu";
}

async function openSettingsMenu(deps: Deps): Promise<Next> {
  const { settingsMenu } = await import("./config.js");
  await settingsMenu(deps);
  return "menu";
}

/** Runs a command that prints a screen, and shows what it printed a page at a time. */
async function paged(deps: Deps, print: (deps: Deps) => Promise<number>): Promise<Next> {
  const { captureOutput, showPaged } = await import("../ui/home-menu.js");
  const stdout = captureOutput(deps.stdout);
  await print({ ...deps, stdout });
  await showPaged(deps, stdout.text());
  return "menu";
}

async function showHistory(deps: Deps): Promise<Next> {
  const { history } = await import("./history.js");
  return paged(deps, (d) => history({ limit: "20" }, d));
}

async function showStats(deps: Deps): Promise<Next> {
  const { stats } = await import("./stats.js");
  return paged(deps, (d) => stats({}, d));
}
