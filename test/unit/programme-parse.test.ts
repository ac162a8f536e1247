import { describe, expect, it } from "vitest";
import { parseProgramme } from "../../src/programme/parse.js";
import { checkReferences, type RoutineLookup } from "../../src/programme/references.js";
import { parseRoutine } from "../../src/routine/parse.js";
import type { Routine } from "../../src/routine/types.js";

const GOOD = `# yaml-language-server: $schema=../schema/programme.schema.json
name: Six weeks with Sam
prescribed_by: Sam Lee, physiotherapist
start: 2026-12-01
review: 2027-01-12
routines:
  - routine: nerve-glides
    per_day: 3
  - routine: morning-mobility
    per_week: 5
  - routine: ice-and-walk
    days: [mon, wed, fri]
progress:
  - routine: nerve-glides
    step: Sciatic nerve glide
    reps: { from: 5, to: 15, step: 1 }
    every: 2d
  - routine: morning-mobility
    step: Knee to chest
    hold: { from: 10s, to: 30s, step: 5s }
    every: 1w
`;

function problems(text: string): string[] {
  return parseProgramme(text, "p.yaml").problems.map((p) => `${p.line}:${p.col}: ${p.message}`);
}

describe("parseProgramme", () => {
  it("reads a whole programme", () => {
    const { programme, problems: found } = parseProgramme(GOOD, "p.yaml");
    expect(found).toEqual([]);
    expect(programme).toMatchObject({
      name: "Six weeks with Sam",
      prescribed_by: "Sam Lee, physiotherapist",
      start: "2026-12-01",
      review: "2027-01-12",
      routines: [
        { routine: "nerve-glides", frequency: { per_day: 3 }, at: { line: 7, col: 14 } },
        { routine: "morning-mobility", frequency: { per_week: 5 } },
        { routine: "ice-and-walk", frequency: { days: ["mon", "wed", "fri"] } },
      ],
      progress: [
        { routine: "nerve-glides", step: "Sciatic nerve glide", dose: { unit: "reps", from: 5, to: 15, step: 1, every_days: 2 } },
        { routine: "morning-mobility", step: "Knee to chest", dose: { unit: "hold_s", from: 10, to: 30, step: 5, every_days: 7 } },
      ],
    });
  });

  const base = "name: P\nstart: 2026-12-01\nroutines:\n  - routine: nerve-glides\n    per_day: 3\n";
  const rule = (lines: string) => `${base}progress:\n  - routine: nerve-glides\n    step: Sciatic nerve glide\n${lines}`;

  it.each<[string, string, (string | RegExp)[]]>([
    ["an empty file", "", ["1:1: empty file; a programme needs at least a name, a start date and routines"]],
    ["a list instead of a mapping", "- a\n- b\n", [/^1:1: a programme must be a mapping, like name: Six weeks with Sam; found a list$/]],
    [
      "unknown keys, with a suggestion",
      `${base}reviw: 2027-01-01\n`,
      ['6:1: unknown key "reviw" in a programme; did you mean "review"?'],
    ],
    [
      "missing start and routines",
      "name: P\n",
      ["1:1: missing start; every programme needs one, like start: 2026-12-01", /^1:1: missing routines/],
    ],
    ["a start that is no date", base.replace("2026-12-01", "1 Dec"), ['2:8: start must be a date written YYYY-MM-DD, like 2026-12-01; found "1 Dec"']],
    ["a day not on the calendar", base.replace("2026-12-01", "2026-02-30"), ['2:8: "2026-02-30" is not a day of the calendar']],
    ["a review before the start", `${base}review: 2026-11-01\n`, ["6:9: the review (2026-11-01) is before the start (2026-12-01); put it after"]],
    ["no frequency", "name: P\nstart: 2026-12-01\nroutines:\n  - routine: nerve-glides\n", ["4:5: say how often: per_day: 3, per_week: 5, or days: [mon, wed, fri]"]],
    [
      "two frequencies",
      `${base}    per_week: 2\n`,
      ['6:5: "per_day" and "per_week" both say how often; keep one'],
    ],
    ["per_day out of range", base.replace("per_day: 3", "per_day: 30"), ["5:14: per_day must be a whole number from 1 to 12"]],
    [
      "a misspelt day and a day twice",
      "name: P\nstart: 2026-12-01\nroutines:\n  - routine: a\n    days: [mon, wen]\n  - routine: b\n    days: [fri, fri]\n",
      ['5:17: bad day "wen"; did you mean "wed"? use one of mon, tue, wed, thu, fri, sat, sun', '7:17: "fri" is given twice; name each day once'],
    ],
    ["a routine listed twice", `${base}  - routine: nerve-glides\n    per_week: 2\n`, ['6:14: "nerve-glides" is listed twice; list each routine once']],
    ["a routine id that is no id", base.replace("nerve-glides", "Nerve Glides"), [/^4:14: "Nerve Glides" is not a routine id/]],
    ["every without a unit", rule("    reps: { from: 5, to: 15, step: 1 }\n    every: 2\n"), ["10:12: every needs a unit: write a number of days or weeks, like 2d or 1w"]],
    ["reps and hold together", rule("    reps: { from: 5, to: 15, step: 1 }\n    hold: { from: 10s, to: 30s, step: 5s }\n    every: 2d\n"), ['10:5: "reps" and "hold" both given; a progression builds up one of them']],
    ["neither reps nor hold", rule("    every: 2d\n"), [/^7:5: say what builds up: reps:/]],
    ["to below from", rule("    reps: { from: 5, to: 3, step: 1 }\n    every: 2d\n"), ['9:26: to (3) is below from (5); it goes up from "from" to "to"']],
    ["a bad hold", rule("    hold: { from: 10s, to: 30x, step: 5s }\n    every: 2d\n"), [/^9:28: bad duration "30x"/]],
    ["an unknown key in a range", rule("    reps: { from: 5, too: 15, step: 1 }\n    every: 2d\n"), ["9:11: missing to in reps, like { from: 5, to: 15, step: 1 }", '9:22: unknown key "too" in reps; did you mean "to"?']],
    [
      "a progression for a routine not in the programme",
      rule("    reps: { from: 5, to: 15, step: 1 }\n    every: 2d\n").replace("  - routine: nerve-glides\n    step", "  - routine: nerve-glide\n    step"),
      ['7:14: "nerve-glide" is not among the routines of this programme; did you mean "nerve-glides"?'],
    ],
    ["bad YAML", "name: [\n", [/^2:1: bad YAML/]],
  ])("reports %s", (_name, text, expected) => {
    const found = problems(text);
    expect(found).toHaveLength(expected.length);
    expected.forEach((e, i) => (typeof e === "string" ? expect(found[i]).toBe(e) : expect(found[i]).toMatch(e)));
  });

  it("reports every problem of a file at once", () => {
    const text = "name: P\nstart: 2026-13-01\nroutines:\n  - routine: a\n    per_dya: 3\nprogres: []\n";
    expect(problems(text)).toEqual([
      '2:8: "2026-13-01" is not a day of the calendar',
      "4:5: say how often: per_day: 3, per_week: 5, or days: [mon, wed, fri]",
      '5:5: unknown key "per_dya" in a routine entry; did you mean "per_day"?',
      '6:1: unknown key "progres" in a programme; did you mean "progress"?',
    ]);
  });

  it("refuses a binary file before parsing", () => {
    expect(problems("name: P\u0000\n")[0]).toMatch(/^1:8: this is a binary file, not a programme/);
  });
});

function routine(id: string, text: string): Routine {
  const parsed = parseRoutine(text, `${id}.yaml`, id);
  if (!parsed.routine) throw new Error(JSON.stringify(parsed.problems));
  return parsed.routine;
}

const ROUTINES = new Map<string, Routine>([
  ["nerve-glides", routine("nerve-glides", "name: N\nsteps:\n  - exercise: Sciatic nerve glide\n    reps: 10\n    tempo: 10s\n  - stretch: Hamstring stretch\n    hold: 20s\n")],
  ["cold", routine("cold", "name: C\nsteps:\n  - ice: Cold pack\n    duration: 10m\n")],
]);
const lookup: RoutineLookup = { ids: [...ROUTINES.keys(), "morning-mobility"], get: (id) => ROUTINES.get(id) };

describe("checkReferences", () => {
  const programme = (routines: string, progress: string) =>
    parseProgramme(`name: P\nstart: 2026-12-01\nroutines:\n${routines}progress:\n${progress}`, "p.yaml").programme!;
  const refProblems = (routines: string, progress: string) =>
    checkReferences(programme(routines, progress), "p.yaml", lookup).map((p) => `${p.line}:${p.col}: ${p.message}`);
  const glides = "  - routine: nerve-glides\n    per_day: 2\n";

  it.each<[string, string, string, string[]]>([
    ["all known", glides, "  - routine: nerve-glides\n    step: Sciatic nerve glide\n    reps: { from: 5, to: 15, step: 1 }\n    every: 2d\n", []],
    ["an unknown routine, with a suggestion", "  - routine: nerve-glide\n    per_day: 2\n", "  []\n", ['4:14: unknown routine "nerve-glide"; did you mean "nerve-glides"?']],
    [
      "an unknown step title, with a suggestion",
      glides,
      "  - routine: nerve-glides\n    step: Sciatic nerve glid\n    reps: { from: 5, to: 15, step: 1 }\n    every: 2d\n",
      ['8:11: no step "Sciatic nerve glid" in nerve-glides; did you mean "Sciatic nerve glide"?'],
    ],
    [
      "reps on a held step",
      glides,
      "  - routine: nerve-glides\n    step: Hamstring stretch\n    reps: { from: 5, to: 15, step: 1 }\n    every: 2d\n",
      ['8:11: "Hamstring stretch" in nerve-glides is not done for reps; build up its hold instead, like hold: { from: 10s, to: 30s, step: 5s }'],
    ],
    [
      "a hold past the heat and cold limit",
      "  - routine: cold\n    per_day: 1\n",
      "  - routine: cold\n    step: Cold pack\n    hold: { from: 10m, to: 25m, step: 5m }\n    every: 3d\n",
      ['9:28: to is past 20m hold for "Cold pack": ice and heat are limited to 20 minutes at a time'],
    ],
    [
      "reps past one segment's length",
      glides,
      "  - routine: nerve-glides\n    step: Sciatic nerve glide\n    reps: { from: 5, to: 1000, step: 1 }\n    every: 2d\n",
      ['9:26: to is past 720 reps for "Sciatic nerve glide": that is the most one step allows'],
    ],
  ])("%s", (_name, routines, progress, expected) => {
    expect(refProblems(routines, progress)).toEqual(expected);
  });
});
