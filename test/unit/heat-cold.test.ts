import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { validate } from "../../src/commands/validate.js";
import { formatProblem } from "../../src/errors.js";
import { parseRoutine } from "../../src/routine/parse.js";
import { makeDeps, type FakeDeps } from "../helpers/fake-deps.js";

let fakes: FakeDeps[] = [];
afterEach(() => {
  for (const f of fakes) f.cleanup();
  fakes = [];
});

/** A routine with `steps` (YAML lines indented by four) under a name. */
function withSteps(...lines: string[]): string {
  return ["name: Test", "steps:", ...lines.map((l) => `  ${l}`), ""].join("\n");
}

/** Every problem of a text, as `line:col: message`. */
function problems(text: string): string[] {
  return parseRoutine(text, "r.yaml", "r").problems.map((p) => formatProblem(p).replace(/^r\.yaml:/, ""));
}

const gap = (what: string, between: string, earlier: string) =>
  `warning: ${between} between this ${what} application and the one before (${earlier}); leave at least ${earlier} ` +
  `between them, like rest: ${earlier}, so the skin can come back to normal first`;

describe("validate: heat and cold within one routine", () => {
  it.each([
    [
      "a rest shorter than the ice before it",
      withSteps("- ice: Pack", "  duration: 15m", "- rest: Off", "  duration: 5m", "- ice: Pack again", "  duration: 10m"),
      [`7:5: ${gap("ice", "only 5m", "15m")}`],
    ],
    [
      "a rest as long as the ice before it",
      withSteps("- ice: Pack", "  duration: 15m", "- rest: Off", "  duration: 15m", "- ice: Pack again", "  duration: 15m"),
      [],
    ],
    [
      "a short rest between sets, at the rest",
      withSteps("- heat: Warm", "  duration: 10m", "  sets: 2", "  rest: 2m"),
      [`6:5: ${gap("heat", "only 2m", "10m")}`],
    ],
    [
      "a repeat with nothing between rounds, said once",
      withSteps("- repeat: 3", "  steps:", "    - heat: Warm", "      duration: 5m"),
      [`5:9: ${gap("heat", "no time", "5m")}`],
    ],
    [
      "steps and rests in between count; a manual step counts as no time",
      withSteps(
        "- ice: Pack",
        "  duration: 10m",
        "- stretch: Knee to chest",
        "  hold: 30s",
        "  sides: both",
        "- manual: Walk",
        "- ice: Pack again",
        "  duration: 10m",
      ),
      [`9:5: ${gap("ice", "only 1m", "10m")}`],
    ],
    ["left then right are different spots", withSteps("- heat: Warm", "  duration: 10m", "  sides: both"), []],
    [
      "a pack without a side may be on either side",
      withSteps("- heat: Warm", "  duration: 10m", "- heat: Warm left", "  duration: 10m", "  sides: left"),
      [`5:5: ${gap("heat", "no time", "10m")}`],
    ],
    ["ice then heat are different kinds", withSteps("- ice: Cold", "  duration: 10m", "- heat: Warm", "  duration: 10m"), []],
    ["20 minutes is allowed", withSteps("- ice: Cold", "  duration: 20m"), []],
  ])("%s", (_name, text, expected) => {
    expect(problems(text)).toEqual(expected);
    // Warnings never make a routine invalid.
    expect(parseRoutine(text, "r.yaml", "r").routine).toBeDefined();
  });

  it("refuses more than 20 minutes at the duration's value, saying why", () => {
    expect(problems(withSteps("- heat: Warm pack", "  duration: 21m"))).toEqual([
      "4:15: 21m is too long: ice or heat applications are limited to 20 minutes at a time, as longer can burn or freeze the skin; split it with a repeat and a rest",
    ]);
  });

  it("soothe validate prints the gap warning on stderr and exits 0", async () => {
    const f = makeDeps();
    fakes.push(f);
    const file = join(f.home, "packs.yaml");
    writeFileSync(file, withSteps("- ice: Pack", "  duration: 15m", "- rest: Off", "  duration: 5m", "- ice: Pack again", "  duration: 10m"));
    expect(await validate([file], {}, f.deps)).toBe(0);
    expect(f.err()).toBe(`${file}:7:5: ${gap("ice", "only 5m", "15m")}\n`);
    expect(f.out()).toBe(`${file}: valid (1 warning)\n`);
  });
});
