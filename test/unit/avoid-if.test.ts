import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { avoidIfLines, avoidIfSummary } from "../../src/care/avoid-if.js";
import { show } from "../../src/commands/show.js";
import { formatProblem } from "../../src/errors.js";
import { parseRoutine } from "../../src/routine/parse.js";
import { expandPlan } from "../../src/routine/plan.js";
import { makeDeps, type FakeDeps } from "../helpers/fake-deps.js";

let fakes: FakeDeps[] = [];
afterEach(() => {
  for (const f of fakes) f.cleanup();
  fakes = [];
});

const routineWith = (avoid: string) => `name: T\navoid_if: ${avoid}\nsteps: [{ rest: R, duration: 10 }]\n`;
const problems = (text: string) => parseRoutine(text, "r.yaml", "r").problems.map((p) => formatProblem(p).replace(/^r\.yaml:/, ""));

describe("avoid_if: when not to do a routine", () => {
  it("reads a list of sentences, cleaned of control characters", () => {
    const { routine } = parseRoutine(routineWith('[During a flare, "On a fresh injury\\u001b[31m (first 6 weeks)"]'), "r.yaml", "r");
    expect(routine?.avoid_if).toEqual(["During a flare", "On a fresh injury (first 6 weeks)"]);
    expect(parseRoutine(routineWith("[]"), "r.yaml", "r").routine?.avoid_if).toEqual([]);
  });

  it.each([
    ['"During a flare"', "2:11: avoid_if must be a list, like [a, b]; found text"],
    ['[""]', "2:12: an avoid_if sentence is empty"],
    ['["   "]', "2:12: an avoid_if sentence is empty"],
    ["[During a flare, 3]", "2:28: an avoid_if sentence must be text, not a number"],
    ["[ok, ~]", "2:16: an avoid_if sentence must be text, not nothing"],
    [`[${"x".repeat(201)}]`, "2:12: an avoid_if sentence is too long (at most 200 characters)"],
  ])("refuses avoid_if: %s at its line", (value, message) => {
    expect(problems(routineWith(value))).toEqual([message]);
  });

  it("suggests avoid_if for a near miss", () => {
    expect(problems("name: T\navoid: [x]\nsteps: [{ rest: R, duration: 10 }]\n")[0]).toMatch(/^2:1: unknown key "avoid"; did you mean "avoid_if"\?/);
  });

  it("gives the lines a run and show print: a heading and one sentence a line, nothing when there is none", () => {
    expect(avoidIfLines({ avoid_if: ["During a flare", "On a fresh injury (first 6 weeks)"] })).toEqual([
      "Leave this routine out:",
      "- During a flare",
      "- On a fresh injury (first 6 weeks)",
    ]);
    expect(avoidIfLines({ avoid_if: [] })).toEqual([]);
    expect(avoidIfLines({})).toEqual([]);
    expect(avoidIfSummary({ avoid_if: ["During a flare."] })).toBe("Leave this routine out: During a flare.");
    expect(avoidIfSummary({})).toBeNull();
  });

  it("travels with the plan, for run and show", () => {
    const { routine } = parseRoutine(routineWith("[During a flare]"), "r.yaml", "r");
    expect(expandPlan(routine!, { leadIn_s: 5, transition_s: 5 }).avoid_if).toEqual(["During a flare"]);
  });

  it("show prints them under the total, wrapped, and show --json gives them as avoid_if", async () => {
    const f = makeDeps({ columns: 40 });
    fakes.push(f);
    const file = join(f.home, "t.yaml");
    writeFileSync(file, routineWith('[During a flare, "If any move makes pain shoot down your leg"]'));
    expect(await show(file, {}, f.deps)).toBe(0);
    const lines = f.out().split("\n");
    const at = lines.indexOf("Leave this routine out:");
    expect(at).toBeGreaterThan(1);
    expect(lines.slice(at - 1, at + 4)).toEqual([
      "",
      "Leave this routine out:",
      "- During a flare",
      "- If any move makes pain shoot down",
      "  your leg",
    ]);
    const g = makeDeps();
    fakes.push(g);
    writeFileSync(join(g.home, "t.yaml"), routineWith("[During a flare]"));
    expect(await show(join(g.home, "t.yaml"), { json: true }, g.deps)).toBe(0);
    expect(JSON.parse(g.out()).avoid_if).toEqual(["During a flare"]);
  });
});
