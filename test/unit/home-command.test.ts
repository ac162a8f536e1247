import * as fs from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { Command } from "commander";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { home } from "../../src/commands/home.js";
import { BACK, captureOutput } from "../../src/ui/home-menu.js";
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
const editModule = vi.hoisted(() => ({ edit: vi.fn(async (_id: string, _opts: object, _deps: unknown) => 0) }));
const copyModule = vi.hoisted(() => ({ copy: vi.fn(async (_id: string, _newId: string, _opts: object, _deps: unknown) => 0) }));
const rmModule = vi.hoisted(() => ({ rm: vi.fn(async (_id: string, _opts: object, _deps: unknown) => 0) }));
vi.mock("../../src/commands/edit.js", () => editModule);
vi.mock("../../src/commands/copy.js", () => copyModule);
vi.mock("../../src/commands/rm.js", () => rmModule);
const runModule = vi.hoisted(() => ({ run: vi.fn(async (_ref: string, _opts: object, _deps: unknown) => 0) }));
vi.mock("../../src/routine/catalog.js", () => catalog);
vi.mock("../../src/commands/run.js", () => runModule);

/** What a command writes, kept; a terminal or a pipe as asked. */
function capture(isTTY: boolean): Output & { text(): string } {
  return captureOutput({ isTTY } as Output);
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
      "Your routines",
      "Last session",
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

  it("runs the routine picked and, after Ctrl-C (130), ends with its exit code", async () => {
    runModule.run.mockResolvedValueOnce(130);
    const { deps, shown } = makeDeps(["run", "evening"]);
    expect(await home(program, deps)).toBe(130);
    expect(catalog.listRoutines).toHaveBeenCalledWith(deps.paths, {
      plan: { leadIn_s: 5, transition_s: 5 },
      cacheFile: join(deps.paths.dataDir, "routine-cache.json"),
    });
    expect(shown[1]!.choices.map((c) => [c.name, c.value])).toEqual([
      // Names padded to one width, so that the times line up.
      ["Morning mobility      10m", "morning"],
      ["Evening             1m30s", "evening"],
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
    const { deps, shown } = makeDeps(["run", "cold", "quit"]);
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
    const { deps, shown } = makeDeps(["run", "glide", "quit"]);
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

  it("comes back to the menu after a run that ended normally, and Esc (Back) at the top ends with 0", async () => {
    const { deps, shown } = makeDeps(["run", "morning", BACK]);
    (deps.stdout as { rows?: number }).rows = 30;
    expect(await home(program, deps)).toBe(0);
    expect(runModule.run).toHaveBeenCalledWith("morning", {}, deps);
    expect(shown.map((s) => s.message)).toEqual(["What would you like to do?", "Which routine?", "What would you like to do?"]);
    // Every list ends with a way back, which Esc answers too, and is as tall as the terminal lets it be.
    for (const s of shown) {
      expect(s.choices.at(-1)!.value).toBe(BACK);
      expect((s as { back?: unknown }).back).toBe(BACK);
    }
    expect((shown[1] as { pageSize?: number }).pageSize).toBe(30 - 4);
  });

  it("tells routines with the same name apart by id and where they come from", async () => {
    catalog.listRoutines.mockResolvedValueOnce({
      entries: [
        { id: "morning", name: "Morning", description: "", source: "built-in", path: "x", total_s: 60, tags: [], avoid_if: [] },
        { id: "my-morning", name: "Morning", description: "", source: "user", path: "y", total_s: 90, tags: [], avoid_if: [] },
        { id: "other", name: "Other", description: "", source: "user", path: "z", total_s: 90, tags: [], avoid_if: [] },
      ],
      problems: [],
    });
    const { deps, shown } = makeDeps(["run", BACK, BACK]);
    await home(program, deps);
    expect(shown[1]!.choices.map((c) => c.name)).toEqual([
      "Morning       1m  morning, built-in",
      "Morning    1m30s  my-morning, yours",
      "Other      1m30s",
      "Back",
    ]);
  });

  it.each<[string, string[], () => unknown]>([
    ["edit", [], () => expect(editModule.edit).toHaveBeenCalledWith("evening", {}, expect.anything())],
    ["copy", ["my-evening"], () => expect(copyModule.copy).toHaveBeenCalledWith("evening", "my-evening", {}, expect.anything())],
    ["rm", [], () => expect(rmModule.rm).toHaveBeenCalledWith("evening", {}, expect.anything())],
  ])("can %s a routine from the menu, then comes back to the list", async (action, inputs, check) => {
    const { deps, shown } = makeDeps(["routines", "evening", action, BACK, BACK]);
    deps.prompts.input = async () => inputs.shift() ?? "";
    expect(await home(program, deps)).toBe(0);
    check();
    expect(shown[2]!.choices.map((c) => c.value)).toEqual(["run", "show", "edit", "copy", "rm", BACK]);
    expect(shown.map((s) => s.message)).toEqual([
      "What would you like to do?",
      "Which routine?",
      "Evening: what would you like to do?",
      "Which routine?",
      "What would you like to do?",
    ]);
  });

  it("offers no removal of a built-in routine", async () => {
    const { deps, shown } = makeDeps(["routines", "morning", BACK, BACK, BACK]);
    await home(program, deps);
    expect(shown[2]!.choices.map((c) => c.value)).toEqual(["run", "show", "edit", "copy", BACK]);
  });

  it("shows the last session", async () => {
    const { deps, out } = makeDeps(["last", BACK]);
    const store = await deps.openHistory();
    await store.append({ v: 1, type: "start", session: "s1", at: "2026-11-25T08:01:00.000+01:00", routine: { id: "m", name: "Morning" }, planned_s: 60, pid: 1, host: "x" });
    await store.append({ v: 1, type: "end", session: "s1", at: "2026-11-25T08:02:00.000+01:00", status: "completed" });
    await home(program, deps);
    expect(out()).toMatch(/^Last session: Morning\n\w{3} 25 Nov( 2026)? 08:01, completed\nActive 0s · steps 0 done, 0 skipped\n$/);
  });

  it("pages a screen taller than the terminal, and Back leaves it", async () => {
    const { deps, shown, out } = makeDeps(["stats", BACK, BACK]);
    (deps.stdout as { rows?: number }).rows = 8;
    const statsModule = await import("../../src/commands/stats.js");
    const spy = vi.spyOn(statsModule, "stats").mockImplementation(async (_opts, d) => {
      d.stdout.write(`${Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join("\n")}\n`);
      return 0;
    });
    await home(program, deps);
    spy.mockRestore();
    expect(out()).toBe("line 1\nline 2\nline 3\nline 4\nline 5\n");
    expect(shown[1]!.message).toBe("Page 1 of 3");
  });
});
