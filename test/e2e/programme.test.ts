import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dayKey, shiftDay } from "../../src/time.js";
import { readHistoryJson, runPiped, type TempHome, eachTestInTempHome } from "./harness.js";

let home: TempHome;
eachTestInTempHome((h) => (home = h));

// A routine of the user's, quick to run: the progressed step takes one second a rep.
const GLIDES = `name: Glides
lead_in: 0
transition: 0
steps:
  - exercise: Sciatic nerve glide
    reps: 3
    tempo: 1s
`;

function programmeText(start: string): string {
  return `name: Two weeks with Sam
prescribed_by: Sam Lee, physiotherapist
start: ${start}
routines:
  - routine: glides
    per_day: 2
progress:
  - routine: glides
    step: Sciatic nerve glide
    reps: { from: 2, to: 4, step: 1 }
    every: 1d
`;
}

async function setUp(start: string): Promise<string> {
  await mkdir(join(home.dir, "routines"), { recursive: true });
  await writeFile(join(home.dir, "routines", "glides.yaml"), GLIDES);
  const file = join(home.dir, "..", "programme.yaml");
  await writeFile(file, programmeText(start));
  return file;
}

async function run(after: string): Promise<string> {
  const args = ["run", "glides", "--no-sound", "--no-input", "--pain-before", "back=4,leg=4,reach=thigh", "--pain-after", after];
  const result = await runPiped(args, { home, timeoutMs: 20_000 });
  expect(result.code, result.stderr).toBe(0);
  return result.stderr;
}

async function today(): Promise<{ items: unknown[]; doses: Record<string, unknown>[]; date: string; programme: string }> {
  const result = await runPiped(["today", "--json"], { home });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

describe("a programme, end to end through a pipe", () => {
  it("sets a programme, counts what is done today, and moves the dose with the pain", async () => {
    const now = dayKey(new Date());
    const file = await setUp(shiftDay(now, -1));
    const set = await runPiped(["programme", "set", file], { home });
    expect(set.code, set.stderr).toBe(0);
    expect(await readFile(join(home.dir, "programme.yaml"), "utf8")).toBe(programmeText(shiftDay(now, -1)));

    expect(await today()).toEqual({
      date: now,
      programme: "Two weeks with Sam",
      items: [{ routine: "glides", due: 2, done: 0 }],
      doses: [{ routine: "glides", step: "Sciatic nerve glide", reps: 2, previous: 2, change: "same", reason: "no calm sessions since " + words(shiftDay(now, -1)) + "; two are needed" }],
    });

    await run("back=3,leg=3,reach=thigh");
    await run("back=3,leg=4,reach=buttock");
    const calm = await today();
    expect(calm.items).toEqual([{ routine: "glides", due: 2, done: 2 }]);
    expect(calm.doses[0]).toMatchObject({ reps: 3, previous: 2, change: "up", reason: `two calm sessions since ${words(shiftDay(now, -1))}` });

    // The dry run and the run say the change, from what and why.
    const dry = await runPiped(["run", "glides", "--dry-run"], { home });
    expect(dry.stdout.replace(/\s+/g, " ")).toContain(`Programme: Sciatic nerve glide: 3 reps, up from 2: two calm sessions since ${words(shiftDay(now, -1))}.`);
    // The pain spreads to the calf: back one step, and today says why.
    const said = await run("back=4,leg=5,reach=calf");
    expect(said).toContain(`Sciatic nerve glide: 3 reps, up from 2: two calm sessions since ${words(shiftDay(now, -1))}`);
    const spread = await today();
    expect(spread.items).toEqual([{ routine: "glides", due: 2, done: 3 }]);
    expect(spread.doses[0]).toMatchObject({ reps: 2, previous: 3, change: "down", reason: `the pain spread further down the leg on ${words(now)}` });

    const shown = await runPiped(["programme", "show", "--json"], { home });
    const json = JSON.parse(shown.stdout);
    expect(json.progress[0].history.map((h: { dose: number }) => h.dose)).toEqual([2, 3, 2]);
    expect(json.progress[0].dose).toBe(2);
    // The report lists the dose over time, for the review.
    const report = await runPiped(["report", "--format", "md"], { home });
    expect(report.stdout).toContain("## Doses in the programme “Two weeks with Sam”");
    expect(report.stdout).toMatch(/\| 3 reps \| two calm sessions since /);
    // Each segment of the progressed step keeps the dose done, oldest session last.
    const history = await readHistoryJson(home);
    expect(history.map((h) => h.segments.map((seg) => seg.reps))).toEqual([[3], [2], [2]]);
  });

  it("refuses a programme that names a routine or a step that does not exist, and sets nothing", async () => {
    const file = await setUp(dayKey(new Date()));
    await writeFile(file, programmeText(dayKey(new Date())).replace("routine: glides\n    per_day", "routine: glide\n    per_day").replace("step: Sciatic nerve glide", "step: Sciatic nerve glid"));
    const result = await runPiped(["programme", "set", file], { home });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('programme.yaml:5:14: unknown routine "glide"; did you mean "glides"?');
    expect(result.stderr).toContain('programme.yaml:8:14: "glides" is not among the routines of this programme; did you mean "glide"?');
    expect(result.stderr).toMatch(/no programme was set/);
    const after = await runPiped(["today", "--json"], { home });
    expect(after.stdout.trim()).toBe("null");
  });

  it("clears the programme", async () => {
    const file = await setUp(dayKey(new Date()));
    expect((await runPiped(["programme", "set", file], { home })).code).toBe(0);
    const cleared = await runPiped(["programme", "clear"], { home });
    expect(cleared.stdout).toMatch(/Programme cleared/);
    expect((await runPiped(["programme", "show"], { home })).stdout).toMatch(/No programme is set/);
  });
});

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
function words(day: string): string {
  const [, m, d] = day.split("-").map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]}`;
}
