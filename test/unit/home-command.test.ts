import * as fs from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { Command } from "commander";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { home } from "../../src/commands/home.js";
import type { Deps, Output, Prompts } from "../../src/deps.js";
import { readEnv, resolvePaths } from "../../src/env.js";
import { defaults } from "../../src/settings.js";
import { openHistory } from "../../src/history/store.js";
import { FakeClock } from "../../src/session/clock.js";
import { createTheme } from "../../src/ui/theme.js";

const catalog = vi.hoisted(() => ({
  listRoutines: vi.fn(async (_paths: unknown, _options?: unknown) => ({
    entries: [
      { id: "morning", name: "Morning mobility", description: "Gentle floor work.", source: "built-in", path: "x", total_s: 600, tags: [], avoid_if: [] as string[] },
      { id: "evening", name: "Evening\u001b[31m", description: "", source: "user", path: "y", total_s: 90, tags: [], avoid_if: [] as string[] },
    ],
    problems: [] as unknown[],
  })),
}));
const runModule = vi.hoisted(() => ({ run: vi.fn(async (_ref: string, _opts: object, _deps: unknown) => 0) }));
vi.mock("../../src/routine/catalog.js", () => catalog);
vi.mock("../../src/commands/run.js", () => runModule);

function capture(isTTY: boolean): Output & { text(): string } {
  let text = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  }) as unknown as Output & { text(): string };
  stream.isTTY = isTTY;
  stream.text = () => text;
  return stream;
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(join(tmpdir(), "soothe-home-"));
  vi.clearAllMocks();
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

type Select = Prompts["select"];

/** Deps whose select prompt answers from a script and records what it was shown. */
function makeDeps(answers: unknown[], tty = true) {
  const env = readEnv({ SOOTHE_HOME: dir, HOME: dir });
  const paths = resolvePaths(env);
  const stdout = capture(tty);
  const stderr = capture(false);
  const stdin = Object.assign(new PassThrough(), { isTTY: tty });
  const shown: { message: string; choices: { name: string; value: unknown; description?: string }[] }[] = [];
  const select = vi.fn(async (options: Parameters<Select>[0]) => {
    shown.push(options as (typeof shown)[number]);
    if (answers.length === 0) throw new Error("no more answers");
    return answers.shift();
  }) as unknown as Select;
  const store = openHistory(paths.historyFile, { isAlive: () => false });
  const deps: Deps = {
    env,
    paths,
    stdin,
    stdout,
    stderr,
    clock: new FakeClock(),
    theme: createTheme(false),
    errTheme: createTheme(false),
    verbose: false,
    loadSettings: async () => defaults(),
    saveSettings: async () => {},
    openHistory: async () => store,
    prompts: {
      select,
      confirm: async () => true,
      input: async () => "",
      number: async () => null,
    },
    onSignal: () => () => {},
    pid: 1,
    hostname: "test",
  };
  return { deps, shown, out: () => stdout.text(), err: () => stderr.text() };
}

const program = new Command("soothe").description("A calm terminal coach.").option("--verbose", "details");

describe("soothe (home)", () => {
  it("prints the help and asks nothing when not on a terminal", async () => {
    const { deps, shown, out } = makeDeps([], false);
    expect(await home(program, deps)).toBe(0);
    expect(out()).toBe(program.helpInformation());
    expect(shown).toEqual([]);
  });

  it("offers only entries that work, and Quit ends with 0", async () => {
    const { deps, shown } = makeDeps(["quit"]);
    expect(await home(program, deps)).toBe(0);
    expect(shown[0]!.choices.map((c) => c.name)).toEqual([
      "Today's diary",
      "Run a routine",
      "History",
      "Stats",
      "Create a routine",
      "Settings",
      "Quit",
    ]);
  });

  it("offers today's diary once a day: it asks, saves, and the menu no longer offers it that day", async () => {
    const { deps, shown, out } = makeDeps(["diary", "quit"]);
    deps.prompts.select = (async (options: Parameters<Select>[0]) => {
      shown.push(options as (typeof shown)[number]);
      if (options.message === "What would you like to do?") return shown.length === 1 ? "diary" : "quit";
      return "\u0000skip";
    }) as Select;
    deps.prompts.number = async ({ message }) => (message.startsWith("Back pain now") ? 4 : null);
    deps.prompts.confirm = async () => false;
    expect(await home(program, deps)).toBe(0);
    expect(out()).toMatch(/Saved the diary for .*: back 4\./);
    const menus = shown.filter((s) => s.message === "What would you like to do?");
    expect(menus).toHaveLength(2);
    expect(menus[0]!.choices[0]!.name).toBe("Today's diary");
    expect(menus[1]!.choices.map((c) => c.name)).not.toContain("Today's diary");
  });

  it("shows the history and comes back to the menu", async () => {
    const { deps, shown, out } = makeDeps(["history", "quit"]);
    expect(await home(program, deps)).toBe(0);
    expect(out()).toBe("No sessions yet. Start one with: soothe run <routine>\n");
    expect(shown).toHaveLength(2);
  });

  it("shows the stats and comes back to the menu", async () => {
    const { deps, shown, out } = makeDeps(["stats", "quit"]);
    expect(await home(program, deps)).toBe(0);
    expect(out()).toBe("No sessions yet. Start one with: soothe run <routine>\n");
    expect(shown.map((s) => s.message)).toEqual(["What would you like to do?", "What would you like to do?"]);
  });

  it("runs the routine picked and returns its exit code", async () => {
    runModule.run.mockResolvedValueOnce(130);
    const { deps, shown } = makeDeps(["run", "evening"]);
    expect(await home(program, deps)).toBe(130);
    expect(catalog.listRoutines).toHaveBeenCalledWith(deps.paths, {
      plan: { leadIn_s: 5, transition_s: 5 },
      cacheFile: join(deps.paths.dataDir, "routine-cache.json"),
    });
    expect(shown[1]!.choices.map((c) => [c.name, c.value])).toEqual([
      // Names padded to one width, so that the times line up.
      ["Morning mobility  10m", "morning"],
      ["Evening           1m30s", "evening"],
      ["Back", expect.any(String)],
    ]);
    expect(runModule.run).toHaveBeenCalledWith("evening", {}, deps);
  });

  it("keeps a routine's description to one line of the terminal", async () => {
    const long = "Cold on the lower back in rounds of 15 minutes on and 15 minutes off, for the first few days of a flare.";
    catalog.listRoutines.mockResolvedValueOnce({
      entries: [{ id: "cold", name: "Cold", description: long, source: "built-in", path: "x", total_s: 60, tags: [], avoid_if: [] }],
      problems: [],
    });
    const { deps, shown } = makeDeps(["run", "cold"]);
    await home(program, deps);
    const description = shown[1]!.choices[0]!.description!;
    expect(description.length).toBe((deps.stdout.columns ?? 80) - 1);
    expect(description.endsWith("…")).toBe(true);
    expect(long.startsWith(description.slice(0, -1))).toBe(true);
  });

  it("shows when not to do a routine first in its preview, from avoid_if", async () => {
    catalog.listRoutines.mockResolvedValueOnce({
      entries: [
        {
          id: "glide",
          name: "Glide",
          description: "Slow sliders.",
          source: "built-in",
          path: "x",
          total_s: 60,
          tags: [],
          avoid_if: ["During a flare", "On a fresh injury (first 6 weeks)."],
        },
      ],
      problems: [],
    });
    const { deps, shown } = makeDeps(["run", "glide"]);
    await home(program, deps);
    expect(shown[1]!.choices[0]!.description).toMatch(
      /^Leave this routine out: During a flare; On a fresh injury \(first 6 weeks\)\. Slo/,
    );
  });

  it("Back returns to the menu without running anything", async () => {
    const { deps, shown } = makeDeps(["run", "<back>", "quit"]);
    (deps.prompts.select as unknown as ReturnType<typeof vi.fn>).mockImplementation(async (options: { choices: { name: string; value: unknown }[] }) => {
      shown.push(options as (typeof shown)[number]);
      const name = ["Run a routine", "Back", "Quit"][shown.length - 1];
      return options.choices.find((c) => c.name === name)!.value;
    });
    expect(await home(program, deps)).toBe(0);
    expect(runModule.run).not.toHaveBeenCalled();
    expect(shown.map((s) => s.message)).toEqual(["What would you like to do?", "Which routine?", "What would you like to do?"]);
  });

  it("says so when there are no routines, and warns about files with problems", async () => {
    const problem = (file: string) => ({ file, line: 3, col: 5, message: "unknown key", severity: "error" });
    catalog.listRoutines.mockResolvedValueOnce({ entries: [], problems: [problem("a.yaml"), problem("b.yaml")] });
    const { deps, out, err } = makeDeps(["run", "quit"]);
    expect(await home(program, deps)).toBe(0);
    expect(out()).toBe(`No routines found. Put routine files (.yaml) in ${deps.paths.routinesDir}\n`);
    expect(err()).toBe(
      "a.yaml:3:5: unknown key\nb.yaml:3:5: unknown key\n" +
        "soothe: warning: 2 routine files have problems and are not listed; check with: soothe validate <file>\n",
    );
  });
});
