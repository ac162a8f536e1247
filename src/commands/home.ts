import type { Command } from "commander";
import type { Deps } from "../deps.js";

/** What a menu entry asks for next: an exit code to finish with, or the menu again. */
type Next = number | "menu";

/** One line of the home menu. */
interface MenuEntry {
  value: string;
  name: string;
  description?: string;
  action(deps: Deps): Promise<Next>;
}

/** The home menu, top to bottom. */
const MENU: MenuEntry[] = [
  { value: "run", name: "Run a routine", description: "pick a routine and start it", action: pickAndRun },
  { value: "history", name: "History", description: "your recent sessions", action: showHistory },
  { value: "stats", name: "Stats", description: "streaks, pain over time and what helps", action: showStats },
  { value: "new", name: "Create a routine", description: "step by step, saved to your routines", action: createRoutine },
  {
    value: "settings",
    name: "Settings",
    description: "sound, voice, your affected side, colours and more",
    action: openSettingsMenu,
  },
  { value: "quit", name: "Quit", action: async () => 0 },
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
  for (let first = true; ; first = false) {
    const { homeNotes } = await import("./diary.js");
    const notes = await homeNotes(deps);
    if (first) for (const line of notes.lines) deps.stdout.write(`${line}\n`);
    const menu = notes.offerDiary ? [DIARY_ENTRY, ...MENU] : MENU;
    const choice = await deps.prompts.select({
      message: "What would you like to do?",
      choices: menu.map(({ value, name, description }) => (description ? { value, name, description } : { value, name })),
    });
    const entry = menu.find((e) => e.value === choice);
    if (!entry) return 0;
    const next = await entry.action(deps);
    if (next !== "menu") return next;
  }
}

const BACK = "\u0000back";

async function pickAndRun(deps: Deps): Promise<Next> {
  const [{ routinesToShow }, { formatDuration }, { cleanText, displayWidth, pad, truncate }, { avoidIfSummary }] = await Promise.all([
    import("./list.js"),
    import("../routine/duration.js"),
    import("../text.js"),
    import("../care/avoid-if.js"),
  ]);
  const entries = await routinesToShow(deps);
  if (entries.length === 0) {
    deps.stdout.write(`No routines found. Put routine files (.yaml) in ${deps.paths.routinesDir}\n`);
    return "menu";
  }
  const columns = deps.stdout.columns ?? 80;
  const titles = entries.map((e) => truncate(cleanText(e.name).trim() || e.id, 48));
  const titleWidth = Math.max(...titles.map(displayWidth));
  const id = await deps.prompts.select<string>({
    message: "Which routine?",
    choices: [
      ...entries.map((e, i) => {
        const name = `${pad(titles[i]!, titleWidth)}  ${deps.theme.dim(formatDuration(e.total_s))}`;
        // On one line: a description that wraps would break a word at the terminal's edge. When not to do the
        // routine comes first, so that it is the part never cut off.
        const preview = [avoidIfSummary(e), e.description].filter(Boolean).join(" ");
        const description = truncate(cleanText(preview).trim(), Math.min(100, columns - 1));
        return description ? { value: e.id, name, description } : { value: e.id, name };
      }),
      { value: BACK, name: "Back" },
    ],
  });
  if (id === BACK) return "menu";
  const { run } = await import("./run.js");
  return run(id, {}, deps);
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

async function showHistory(deps: Deps): Promise<Next> {
  const { history } = await import("./history.js");
  await history({ limit: "20" }, deps);
  return "menu";
}

async function showStats(deps: Deps): Promise<Next> {
  const { stats } = await import("./stats.js");
  await stats({}, deps);
  return "menu";
}
