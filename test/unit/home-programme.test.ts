import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { home } from "../../src/commands/home.js";
import type { Prompts } from "../../src/deps.js";
import { openHistory } from "../../src/history/store.js";
import { makeDeps, type FakeDeps } from "../helpers/fake-deps.js";

const runModule = vi.hoisted(() => ({ run: vi.fn(async (_ref: string, _opts: object, _deps: unknown) => 0) }));
vi.mock("../../src/commands/run.js", () => runModule);

let fake: FakeDeps | undefined;
afterEach(() => fake?.cleanup());

function setUp(programme: string | null): { fake: FakeDeps; choices: string[][] } {
  const choices: string[][] = [];
  const prompts = {
    select: async ({ choices: offered }: { choices: { value: string; name: string }[] }) => {
      choices.push(offered.map((c) => c.name));
      // The menu comes back after a run: take the next one the first time only, then quit.
      return choices.length === 1 && offered.some((c) => c.value === "next") ? "next" : "quit";
    },
  } as unknown as Prompts;
  fake = makeDeps({ tty: true, prompts });
  const { deps } = fake;
  deps.openHistory = async () => openHistory(deps.paths.historyFile);
  mkdirSync(deps.paths.routinesDir, { recursive: true });
  writeFileSync(join(deps.paths.routinesDir, "glides.yaml"), "name: Glides\nsteps:\n  - exercise: Sciatic nerve glide\n    reps: 3\n    tempo: 1s\n");
  if (programme !== null) writeFileSync(join(deps.paths.configDir, "programme.yaml"), programme);
  return { fake, choices };
}

const PROGRAMME = "name: Two weeks\nstart: 2020-01-01\nroutines:\n  - routine: glides\n    per_day: 2\n";

describe("soothe (home) with a programme", () => {
  it("opens on today, with the routine due next first in the menu", async () => {
    const { fake: f, choices } = setUp(PROGRAMME);
    expect(await home(new Command("soothe"), f.deps)).toBe(0);
    expect(f.out()).toContain("Two weeks:");
    expect(f.out()).toContain("glides: 0 of 2 done");
    expect(choices[0]![0]).toBe("Run the next one: glides");
    expect(runModule.run).toHaveBeenCalledWith("glides", {}, f.deps);
  });

  it("opens on the usual menu without a programme", async () => {
    const { fake: f, choices } = setUp(null);
    runModule.run.mockClear();
    await home(new Command("soothe"), f.deps);
    expect(choices[0]).toContain("Run a routine");
    expect(choices[0]!.some((name) => name.startsWith("Run the next one"))).toBe(false);
    expect(f.out()).not.toContain("done");
  });

  it("opens on the usual menu, with a warning, when the programme has problems", async () => {
    const { fake: f, choices } = setUp(PROGRAMME.replace("routine: glides", "routine: gone"));
    await home(new Command("soothe"), f.deps);
    expect(choices[0]).toContain("Run a routine");
    expect(choices[0]!.some((name) => name.startsWith("Run the next one"))).toBe(false);
    expect(f.err()).toContain("the programme has problems; see them with: soothe programme show");
  });
});
