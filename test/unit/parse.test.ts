import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { formatProblem } from "../../src/errors.js";
import { parseRoutine } from "../../src/routine/parse.js";
import { expandPlan } from "../../src/routine/plan.js";
import { routineSchema } from "../../src/routine/schema.js";
import type { Step } from "../../src/routine/types.js";

const fixture = (path: string) => readFile(new URL(`../fixtures/${path}`, import.meta.url), "utf8");

/** Every problem of a text, as `line:col: message`. */
function problems(text: string | Uint8Array): string[] {
  return parseRoutine(text, "r.yaml", "r").problems.map((p) => formatProblem(p).replace(/^r\.yaml:/, ""));
}

/** A routine with `steps` (YAML lines indented by four) under a name. */
function withSteps(...lines: string[]): string {
  return ["name: Test", "steps:", ...lines.map((l) => `  ${l}`), ""].join("\n");
}

function parsed(text: string) {
  const result = parseRoutine(text, "r.yaml", "r");
  expect(result.problems.map(formatProblem)).toEqual([]);
  expect(result.routine).toBeDefined();
  return result.routine!;
}

describe("parseRoutine: valid files", () => {
  it("reads the design's example", async () => {
    const routine = parsed(await fixture("valid/morning-mobility.yaml"));
    expect(routine).toMatchObject({
      id: "r",
      name: "Morning mobility",
      description: "Gentle floor work for the lower back and hips.",
      tags: ["morning", "floor"],
      areas: ["lower-back", "glutes", "hamstrings"],
      equipment: ["mat", "towel"],
      lead_in_s: 10,
      transition_s: 5,
      sources: ["NHS-LBP", "https://www.nhs.uk/live-well/exercise/lower-back-pain-exercises/"],
    });
    expect(routine.steps[0]).toEqual({
      kind: "stretch",
      title: "Knee to chest",
      duration_s: 30,
      sides: "both",
      sets: 3,
      rest_s: 10,
      // A comma splits a flow list in YAML: the design's first cue is two.
      cues: ["Lie on your back", "knees bent.", "Draw one knee gently toward your chest."],
      halfway: "Breathe out and let the knee come a little closer.",
      caution: "Stop if pain spreads further down your leg.",
      checks_s: [],
      line: 11,
    } satisfies Step);
    expect(routine.steps.map((s) => s.kind)).toEqual([
      "stretch",
      "exercise",
      "exercise",
      "massage",
      "ice",
      "rest",
      "heat",
      "breathe",
      "rest",
      "manual",
      "repeat",
    ]);
    expect(routine.steps[1]).toMatchObject({ reps: 10, tempo_s: 5, duration_s: 50, sides: "affected" });
    expect(routine.steps[2]).toMatchObject({ reps: 10 });
    expect(routine.steps[2]).not.toHaveProperty("duration_s");
    expect(routine.steps[4]).toMatchObject({ kind: "ice", duration_s: 900, checks_s: [300] });
    expect(routine.steps[5]).toMatchObject({ kind: "rest", duration_s: 1200 });
    expect(routine.steps[7]).toMatchObject({ kind: "breathe", duration_s: 120, inhale_s: 4, exhale_s: 6 });
    expect(routine.steps[9]).toEqual({ kind: "manual", title: "Walk around the room for a few minutes", sets: 1, cues: [], checks_s: [], line: 41 });
    expect(routine.steps[10]).toMatchObject({ kind: "repeat", times: 2, line: 42 });

    const plan = expandPlan(routine, { leadIn_s: 5, transition_s: 5 });
    expect(plan.lead_in_s).toBe(10);
    expect(plan.steps).toBe(14);
    // 6 x 30 + 2 x 10 rests + 50 + 2 x 60 + 900 + 1200 + 900 + 120 + 30 + 2 x (1200 + 900), and 9 transitions of
    // 5 s (none beside a rest).
    expect(plan.total_s).toBe(180 + 20 + 50 + 120 + 900 + 1200 + 900 + 120 + 30 + 4200 + 9 * 5);
    expect(plan.segments.filter((s) => s.kind === "transition")).toHaveLength(9);
  });

  it("agrees with the zod schema as a whole on the valid fixtures", async () => {
    const { parse } = await import("yaml");
    for (const name of ["valid/morning-mobility.yaml", "valid/minimal.yaml"]) {
      expect(routineSchema.safeParse(parse(await fixture(name))).success).toBe(true);
    }
  });

  it("does not care about key order", () => {
    const a = parsed(withSteps("- hold: 30s", "  sides: left", "  stretch: Reach"));
    const b = parsed(withSteps("- stretch: Reach", "  sides: left", "  hold: 30s"));
    expect(a.steps).toEqual([{ ...b.steps[0], line: 3 }]);
  });

  it("reads rest as the rest between sets beside another kind, and as the kind alone", () => {
    const routine = parsed(withSteps("- rest: 20s", "  sets: 2", "  stretch: Reach", "  hold: 10", "- rest: Lie still", "  hold: 1m"));
    expect(routine.steps[0]).toMatchObject({ kind: "stretch", title: "Reach", rest_s: 20, sets: 2, duration_s: 10 });
    expect(routine.steps[1]).toMatchObject({ kind: "rest", title: "Lie still", duration_s: 60 });
  });

  it("takes a single cue as text", () => {
    expect(parsed(withSteps("- rest: R", "  duration: 5", "  cues: Breathe.")).steps[0]).toMatchObject({ cues: ["Breathe."] });
  });

  it("accepts a byte order mark and CRLF line ends, with positions unchanged", () => {
    const text = "\uFEFFname: Windows\r\nsteps:\r\n  - stretch: Reach\r\n    hold: 30s\r\n";
    expect(parsed(text)).toMatchObject({ name: "Windows", steps: [{ title: "Reach", duration_s: 30, line: 3 }] });
    expect(problems(text.replace("30s", "3x"))).toEqual([
      '4:11: bad duration "3x"; use seconds or a form like 45s, 1m30s, 15m',
    ]);
  });

  it("removes control characters and escape sequences from every text; tabs become spaces", () => {
    const routine = parsed(
      [
        'name: "Calm\\u001b]0;pwned\\u0007 morning"',
        'description: "Clear\\u001b[2Jscreen\\u0085"',
        'tags: ["a\\u001b[31mred"]',
        "steps:",
        '  - stretch: "Knee\\tto\\u0000 chest\\u009b31m"',
        "    hold: 30s",
        '    cues: ["Lie\\u0007 down", "Be\\u001bc still"]',
        '    caution: "\\u001b[1mStop\\u001b[0m if it hurts"',
      ].join("\n"),
    );
    expect(routine.name).toBe("Calm morning");
    expect(routine.description).toBe("Clearscreen");
    expect(routine.tags).toEqual(["ared"]);
    expect(routine.steps[0]).toMatchObject({
      title: "Knee to chest",
      cues: ["Lie down", "Be still"],
      caution: "Stop if it hurts",
    });
  });

  it("removes raw control bytes, C1 controls and bidirectional overrides too", () => {
    const routine = parsed(
      [
        "name: Raw \u001b[31mred\u0007 name",
        'description: "\\u202eevil\\u202c \\u2066isolated\\u2069"',
        "steps:",
        "  - rest: Lie \u001b]8;;http://x.example\u001b\\still\u001b]8;;\u001b\\",
        "    duration: 5",
        '    halfway: "\\x9b31mHalf\\x07way"',
      ].join("\n"),
    );
    expect(routine.name).toBe("Raw red name");
    expect(routine.description).toBe("evil isolated");
    expect(routine.steps[0]).toMatchObject({ title: "Lie still", halfway: "Halfway" });
  });

  it("follows YAML anchors and aliases", () => {
    const routine = parsed(
      ["name: Aliases", "steps:", "  - &reach", "    stretch: Reach", "    hold: 30s", "  - *reach", ""].join("\n"),
    );
    expect(routine.steps).toHaveLength(2);
    expect(routine.steps[1]).toMatchObject({ title: "Reach", duration_s: 30 });
  });

  it("allows lead_in and transition of 0, and a $schema key for editors", () => {
    const routine = parsed(["$schema: ../schema/routine.schema.json", "name: Zero", "lead_in: 0", "transition: 0s", "steps: [{ rest: R, duration: 1 }]"].join("\n"));
    expect(routine).toMatchObject({ lead_in_s: 0, transition_s: 0 });
  });
});

describe("parseRoutine: each problem at its key or value", () => {
  it.each<[string, string, string[]]>([
    ["misspelt kind", withSteps("- strech: Knee", "  hold: 30s"), ['3:5: unknown step kind "strech"; did you mean "stretch"?']],
    [
      "misspelt kind beside a rest between sets",
      withSteps("- strech: Knee", "  hold: 30s", "  sets: 2", "  rest: 10s"),
      ['3:5: unknown step kind "strech"; did you mean "stretch"?'],
    ],
    [
      "ice sets without a rest",
      withSteps("- ice: Pack", "  duration: 15m", "  sets: 2"),
      ["5:5: ice or heat sets need a rest between them (like rest: 15m): applications are limited to 20 minutes at a time"],
    ],
    [
      "unknown kind far from any",
      withSteps("- walk: Around"),
      ['3:5: unknown step kind "walk"; use one of stretch, exercise, massage, ice, heat, breathe, rest, manual, repeat'],
    ],
    [
      "two kind keys",
      withSteps("- stretch: A", "  hold: 30s", "  exercise: B"),
      ['5:5: two kinds in one step: "stretch" and "exercise"; a step has exactly one kind'],
    ],
    [
      "unknown key with a suggestion",
      withSteps("- stretch: A", "  hlod: 30s"),
      ['4:5: unknown key "hlod" in a stretch step; did you mean "hold"?', "3:5: a stretch step needs a hold or reps, like hold: 30s"].sort(),
    ],
    [
      "unknown key without one",
      withSteps("- rest: A", "  duration: 5", "  colour: red"),
      ['5:5: unknown key "colour" in a rest step; allowed keys are hold, duration, cues, halfway, caution'],
    ],
    [
      "a key of another kind",
      withSteps("- stretch: A", "  hold: 30s", "  checks: [5m]"),
      ['5:5: "checks" does not belong in a stretch step; it is for ice and heat steps'],
    ],
    [
      "unknown top-level key",
      "name: X\nnmae: Y\nsteps: [{ rest: R, duration: 1 }]\n",
      ['2:1: unknown key "nmae"; did you mean "name"?'],
    ],
    [
      "a step at the top level",
      "name: X\nstretch: Y\nsteps: [{ rest: R, duration: 1 }]\n",
      ['2:1: "stretch" is a step; steps go in the list under steps:'],
    ],
    ["missing name", "steps:\n  - rest: R\n    duration: 5\n", ["1:1: missing name; every routine needs one, like name: Morning mobility"]],
    [
      "missing name after a comment",
      "# comment\n\nsteps: [{ rest: R, duration: 1 }]\n",
      ["3:1: missing name; every routine needs one, like name: Morning mobility"],
    ],
    [
      "missing steps",
      "name: X\n",
      ["1:1: missing steps; add a list of steps, like steps: [{ stretch: Knee to chest, hold: 30s }]"],
    ],
    ["empty steps", "name: X\nsteps: []\n", ["2:8: steps is empty; add at least one step"]],
    ["steps with nothing", "name: X\nsteps:\n", ["2:1: steps is empty; add at least one step"]],
    ["steps not a list", "name: X\nsteps: stretch\n", ['2:8: steps must be a list of steps, not text ("stretch")']],
    ["empty name", 'name: " "\nsteps: [{ rest: R, duration: 1 }]\n', ["1:7: name is empty"]],
    ["name not text", "name: [a]\nsteps: [{ rest: R, duration: 1 }]\n", ["1:7: name must be text, not a list"]],
    [
      "bad duration",
      withSteps("- stretch: A", "  hold: 3x"),
      ['4:11: bad duration "3x"; use seconds or a form like 45s, 1m30s, 15m'],
    ],
    ["zero duration", withSteps("- stretch: A", "  hold: 0"), ["4:11: 0s is too short for one segment (at least 1s)"]],
    ["negative lead-in", "name: X\nlead_in: -2\nsteps: [{ rest: R, duration: 1 }]\n", ["2:10: -2s is too short for a lead-in (at least 0s)"]],
    [
      "bad sides",
      withSteps("- stretch: A", "  hold: 30s", "  sides: bothh"),
      ['5:12: bad sides "bothh"; did you mean "both"? use one of both, left, right, affected, other'],
    ],
    [
      "sides far from any",
      withSteps("- stretch: A", "  hold: 30s", "  sides: up"),
      ['5:12: bad sides "up"; use one of both, left, right, affected, other'],
    ],
    [
      "hold and duration",
      withSteps("- stretch: A", "  hold: 30s", "  duration: 20s"),
      ['5:5: "hold" and "duration" mean the same; keep one'],
    ],
    [
      "reps and duration",
      withSteps("- exercise: A", "  duration: 30s", "  reps: 10"),
      [
        '5:5: "reps" and "duration" do not go together; time a step with reps by its tempo (seconds a rep), or give a duration without reps',
      ],
    ],
    ["tempo without reps", withSteps("- exercise: A", "  duration: 30s", "  tempo: 2s"), ['5:5: "tempo" needs "reps": tempo is the time one rep takes']],
    ["no time", withSteps("- massage: A"), ["3:5: a massage step needs a duration, like duration: 60s"]],
    ["no time for an exercise", withSteps("- exercise: A", "  sides: left"), ["3:5: an exercise step needs a duration or reps, like duration: 30s"]],
    [
      "a manual step with a duration",
      withSteps("- manual: Walk", "  duration: 2m"),
      ['4:5: "duration" does not belong in a manual step: it has no duration and lasts until you say it is done'],
    ],
    [
      "ice over 20 minutes",
      withSteps("- ice: Cold pack", "  duration: 25m"),
      [
        "4:15: 25m is too long for one ice or heat application (at most 20m): longer can burn or freeze the skin; split it with a repeat and a rest",
      ],
    ],
    [
      "heat over 20 minutes, as hold",
      withSteps("- heat: Warm pack", "  hold: 1201"),
      [
        "4:11: 20m1s is too long for one ice or heat application (at most 20m): longer can burn or freeze the skin; split it with a repeat and a rest",
      ],
    ],
    [
      "a skin check after the end",
      withSteps("- heat: Warm pack", "  duration: 10m", "  checks: [5m, 12m]"),
      ["5:18: a skin check at 12m is not within the 10m application"],
    ],
    [
      "a breath longer than the step",
      withSteps("- breathe: Slow", "  duration: 5s", "  inhale: 4s", "  exhale: 6s"),
      ["5:5: one breath (4s in, 6s out) is longer than the step (5s)"],
    ],
    ["sets of 0", withSteps("- stretch: A", "  hold: 5", "  sets: 0"), ["5:11: sets must be a whole number from 1 to 100"]],
    [
      "a bad cue in a list",
      withSteps("- stretch: A", "  hold: 5", "  cues: [Fine, 3, '']"),
      ["5:18: a cue must be text, not a number", "5:21: a cue is empty"],
    ],
    [
      "an unknown area",
      "name: X\nareas: [glutes, lowerback]\nsteps: [{ rest: R, duration: 1 }]\n",
      [
        '2:17: bad area "lowerback"; did you mean "lower-back"? use one of lower-back, glutes, piriformis, hamstrings, hips, hip-flexors, legs, calves, sciatic-nerve, core, upper-back, neck, whole-body',
      ],
    ],
    ["a key given twice", withSteps("- stretch: A", "  hold: 5", "  hold: 6"), ['5:5: "hold" is given twice; keep one']],
    ["repeat of 0", withSteps("- repeat: 0", "  steps: [{ rest: R, duration: 1 }]"), ["3:13: repeat must be a whole number from 1 to 1000"]],
    ["repeat without steps", withSteps("- repeat: 2"), ["3:5: a repeat group needs steps: the list of steps to repeat"]],
    [
      "repeat with a misspelt key",
      withSteps("- repeat: 2", "  step: [{ rest: R, duration: 1 }]"),
      ['4:5: unknown key "step" in a repeat group; did you mean "steps"?', "3:5: a repeat group needs steps: the list of steps to repeat"].sort(),
    ],
    [
      "a problem inside a repeat",
      withSteps("- repeat: 2", "  steps:", "    - ice: Pack", "      duration: 30m"),
      [
        "6:19: 30m is too long for one ice or heat application (at most 20m): longer can burn or freeze the skin; split it with a repeat and a rest",
      ],
    ],
    ["a step that is text", withSteps("- stretch"), ['3:5: a step must be a mapping, like - stretch: Knee to chest; found text ("stretch")']],
    ["an empty step", withSteps("- {}"), ["3:5: empty step; write it like - stretch: Knee to chest"]],
    [
      "a step with no kind",
      withSteps("- hold: 30s"),
      ["3:5: a step needs a kind; start it with one of stretch, exercise, massage, ice, heat, breathe, rest, manual, repeat"],
    ],
    ["an empty file", "", ["1:1: empty file; a routine needs at least a name and steps"]],
    ["a file of comments and blank lines", "# nothing\n\n  # here\n \t\n", ["1:1: empty file; a routine needs at least a name and steps"]],
    [
      "a null at the top",
      "# only null\n~\n",
      ['2:1: the file holds only "~", which is null in YAML; a routine is a mapping of keys such as name: and steps:'],
    ],
    ["a list at the top", "- a\n- b\n", ["1:1: a routine is a mapping of keys such as name: and steps:, not a list"]],
    ["a number at the top", "42\n", ["1:1: a routine is a mapping of keys such as name: and steps:, not a number"]],
    [
      "a YAML syntax error",
      "name: [x\n",
      ["2:1: bad YAML: a [ is opened and never closed; add the ], or indent the lines it goes on over"],
    ],
  ])("%s", (_name, text, expected) => {
    expect(problems(text)).toEqual(expected);
    expect(parseRoutine(text, "r.yaml", "r").routine).toBeUndefined();
  });

  it("reports every problem of a file at once, in order", async () => {
    const result = parseRoutine(await fixture("invalid/many-mistakes.yaml"), "many-mistakes.yaml", "many-mistakes");
    expect(result.routine).toBeUndefined();
    expect(result.problems.map(formatProblem)).toEqual([
      'many-mistakes.yaml:2:1: unknown key "desciption"; did you mean "description"?',
      'many-mistakes.yaml:3:21: bad area "glute"; did you mean "glutes"? use one of lower-back, glutes, piriformis, hamstrings, hips, hip-flexors, legs, calves, sciatic-nerve, core, upper-back, neck, whole-body',
      'many-mistakes.yaml:5:5: unknown step kind "strech"; did you mean "stretch"?',
      'many-mistakes.yaml:8:5: two kinds in one step: "stretch" and "exercise"; a step has exactly one kind',
      'many-mistakes.yaml:11:11: bad duration "3x"; use seconds or a form like 45s, 1m30s, 15m',
      'many-mistakes.yaml:12:12: bad sides "bothh"; did you mean "both"? use one of both, left, right, affected, other',
      "many-mistakes.yaml:14:15: 25m is too long for one ice or heat application (at most 20m): longer can burn or freeze the skin; split it with a repeat and a rest",
    ]);
  });

  it("locates problems in the invalid fixtures", async () => {
    expect(parseRoutine(await fixture("invalid/no-name.yaml"), "f", "f").problems.map(formatProblem)).toEqual([
      "f:2:1: missing name; every routine needs one, like name: Morning mobility",
      "f:2:8: steps is empty; add at least one step",
    ]);
    const yaml = parseRoutine(await fixture("invalid/bad-yaml.yaml"), "f", "f").problems;
    expect(yaml.map((p) => [p.line, p.severity])).toEqual([[5, "error"]]);
    expect(yaml[0]!.message).toMatch(/^bad YAML: /);
  });
});

describe("parseRoutine: hostile keys and values", () => {
  it("refuses __proto__, constructor and prototype as unknown keys, at their lines", () => {
    const text = [
      "name: Proto",
      "__proto__: { polluted: yes }",
      "constructor: { prototype: { polluted: yes } }",
      "prototype: x",
      "steps:",
      "  - stretch: Reach",
      "    hold: 30s",
      "    __proto__: { polluted: yes }",
      "  - rest: R",
      "    duration: 1",
      "    constructor: x",
      "  - repeat: 2",
      "    prototype: { polluted: yes }",
      "    steps: [{ rest: R, duration: 1, __proto__: { polluted: yes } }]",
      "",
    ].join("\n");
    const allowed = "allowed keys are name, description, tags, areas, equipment, lead_in, transition, sources, avoid_if, steps";
    expect(problems(text)).toEqual([
      `2:1: unknown key "__proto__"; ${allowed}`,
      `3:1: unknown key "constructor"; ${allowed}`,
      `4:1: unknown key "prototype"; ${allowed}`,
      '8:5: unknown key "__proto__" in a stretch step; allowed keys are hold, duration, reps, tempo, sides, sets, rest, cues, halfway, caution',
      '11:5: unknown key "constructor" in a rest step; allowed keys are hold, duration, cues, halfway, caution',
      '13:5: unknown key "prototype" in a repeat group; a repeat group has only repeat: and steps:',
      '14:37: unknown key "__proto__" in a rest step; allowed keys are hold, duration, cues, halfway, caution',
    ]);
  });

  it("leaves Object.prototype alone after parsing a file that tries to pollute it", () => {
    const text = [
      "name: Pollute",
      "__proto__: { polluted: yes }",
      "constructor: { prototype: { polluted: yes } }",
      "tags: { __proto__: { polluted: yes } }",
      "steps:",
      "  - stretch: Reach",
      "    hold: 30s",
      "    cues: { __proto__: { polluted: yes } }",
      "    __proto__: { polluted: yes, toString: x }",
      "",
    ].join("\n");
    expect(parseRoutine(text, "r.yaml", "r").routine).toBeUndefined();
    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect("polluted" in Object.prototype).toBe(false);
    expect(String({})).toBe("[object Object]");
  });

  it("a key with control characters is refused, and the step is checked as the key it shows as", () => {
    const text = withSteps('- "\\e[31mstretch": Reach', "  hold: 30s", '- "\\e[2J": Nothing');
    expect(problems(text)).toEqual([
      '3:5: the key "stretch" holds control characters (such as terminal escape codes); type it again without them',
      "5:5: keys must be plain words, like name or steps",
      "5:5: empty step; write it like - stretch: Knee to chest",
    ]);
  });

  it("quotes a bad value without its control characters, and says they were there", () => {
    const text = withSteps("- stretch: Reach", "  hold: 30s", '  sides: "\\e]0;owned\\a\\x9b2Jboth"', "  sets: \u001b[31m2");
    const found = problems(text);
    expect(found).toEqual([
      '5:12: bad sides "both" (shown without its control characters); use one of both, left, right, affected, other',
      "6:11: sets must be a whole number from 1 to 100",
    ]);
    expect(found.join("")).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});

describe("parseRoutine: warnings", () => {
  it("warns about a rest between sets that does nothing, and still gives the routine", () => {
    const result = parseRoutine(withSteps("- stretch: A", "  hold: 5", "  rest: 5s"), "r.yaml", "r");
    expect(result.routine).toBeDefined();
    expect(result.problems.map(formatProblem)).toEqual([
      'r.yaml:5:5: warning: "rest" between sets does nothing without sets; add sets: 2 or more, or remove it',
    ]);
  });

  it("warns about halfway on a step without time", () => {
    expect(problems(withSteps("- exercise: Bridge", "  reps: 10", "  halfway: Keep going."))).toEqual([
      '5:5: warning: "halfway" is never shown: reps without tempo have no time to be halfway through',
    ]);
  });
});

describe("parseRoutine: limits", () => {
  it("refuses a file over 1 MB before parsing it", () => {
    const text = `name: Big\ndescription: "${"x".repeat(1024 * 1024)}"\nsteps: [{ rest: R, duration: 1 }]\n`;
    expect(problems(text)).toEqual(["1:1: file too large (1,048,636 bytes); a routine file is at most 1 MB (1,048,576 bytes)"]);
    expect(problems(Buffer.from(text))).toEqual(problems(text));
  });

  const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : Buffer.from(p))));
  const NOT_UTF8 = (byte: string) => `not UTF-8 text (byte 0x${byte}); save the file as UTF-8`;
  const BINARY = "this is a binary file, not a routine (it holds a NUL byte); a routine is YAML text";

  it.each([
    ["a Latin-1 letter", bytes("name: Caf", [0xe9], "\nsteps: []\n"), `1:10: ${NOT_UTF8("E9")}`],
    ["a bad byte on a later line", bytes("name: X\nsteps:\n  - rest: Caf", [0xe9], "\n"), `3:14: ${NOT_UTF8("E9")}`],
    ["a bad first byte", bytes([0x89], "\nname: X\nsteps:\n"), `1:1: ${NOT_UTF8("89")}`],
    ["an encoded surrogate", bytes("name: ", [0xed, 0xa0, 0x80], "\n"), `1:7: ${NOT_UTF8("ED")}`],
    ["an overlong encoding", bytes("name: ", [0xc0, 0xaf], "\n"), `1:7: ${NOT_UTF8("C0")}`],
    ["a sequence cut short at the end", bytes("name: ", [0xe6, 0x97]), `1:7: ${NOT_UTF8("E6")}`],
    ["a byte order mark, which takes no column", bytes([0xef, 0xbb, 0xbf], "name: ", [0xff], "\n"), `1:7: ${NOT_UTF8("FF")}`],
    ["wide characters before the bad byte, one column each", bytes("name: 日本", [0xff], "\n"), `1:9: ${NOT_UTF8("FF")}`],
    ["a NUL byte", bytes("name: X\nsteps:\n  - rest: R", [0, 1, 2], "\n"), `3:12: ${BINARY}`],
    ["an image, NUL bytes and all", bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), `3:1: ${BINARY}`],
  ])("refuses %s at its place", (_, content, expected) => {
    expect(problems(content)).toEqual([expected]);
  });

  it("reads UTF-8 bytes as their text, a byte order mark and CRLF line ends included", () => {
    const text = "name: 朝のストレッチ 🧘\r\nsteps:\r\n  - stretch: 膝\r\n    hold: 3h\r\n";
    expect(problems(bytes([0xef, 0xbb, 0xbf], text))).toEqual(problems(text));
    expect(problems(text)).toEqual(["4:11: 3h is too long for one segment (at most 2h); split it into sets or a repeat group"]);
  });

  it("refuses more than 5,000 lines and list entries before parsing, where the count passes the limit", () => {
    const entries = "too many lines and list entries (more than 5,000); a routine needs a few hundred at most, and repeat: runs steps again";
    expect(problems(`name: X\nsteps:\n${"  - manual: M\n".repeat(5000)}`)).toEqual([`5001:3: ${entries}`]);
    expect(problems(`name: X\ntags: [${Array(6000).fill("t").join(", ")}]\nsteps: []\n`)).toEqual([`2:15003: ${entries}`]);
    // Comments, blank lines, and commas in quotes or comments are not entries.
    const quiet = `# ${"a, ".repeat(3000)}\n${"\n# note\n".repeat(3000)}name: "${"b, ".repeat(3000)}"\nsteps: [{ rest: R, duration: 1 }]\n`;
    expect(problems(quiet)).toEqual(['6002:7: name is too long (at most 120 characters)']);
  });

  it("accepts a routine of 2,000 steps, below the entries limit", () => {
    expect(parsed(`name: X\nsteps:\n${"  - rest: R\n    duration: 1\n".repeat(2000)}`).steps).toHaveLength(2000);
  });

  it("stops after 100 problems, and says so where it stopped", () => {
    const text = `name: X\n${Array.from({ length: 150 }, (_, i) => `key${i}: v`).join("\n")}\nsteps: [{ rest: R, duration: 1 }]\n`;
    const found = problems(text);
    expect(found).toHaveLength(101);
    expect(found[99]).toMatch(/^101:1: unknown key "key99"/);
    expect(found[100]).toBe("102:1: stopped after 100 problems; fix these and check the file again");
  });

  it("refuses alias bombs", () => {
    const text = [
      "name: Bomb",
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
      "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
      "steps: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]",
      "",
    ].join("\n");
    // At the first alias: where the file starts to use them.
    expect(problems(text)).toEqual([
      "3:8: too many YAML aliases (more than 100 expansions); write the steps out instead",
    ]);
  });

  it("stops at an alias that points into itself", () => {
    const text = "name: Loop\nsteps: &s\n  - repeat: 2\n    steps: *s\n  - repeat: 2\n    steps: *s\n";
    expect(problems(text)).toEqual([
      "4:12: this alias refers to a list of steps that contains it; write the steps out instead",
      "6:12: this alias refers to a list of steps that contains it; write the steps out instead",
    ]);
  });

  it("refuses a routine whose repeats would make it too long, at the step that does", () => {
    const text = withSteps("- rest: R", "  duration: 1", "- repeat: 1000", "  steps:", "    - repeat: 1000", "      steps: [{ rest: R, duration: 1 }]");
    expect(problems(text)).toEqual([
      "5:5: routine too long: it comes to 1,000,001 segments (at most 10,000); lower a repeat count or sets",
    ]);
  });

  it.each([
    ["a hold", withSteps("- stretch: Long", "  hold: 2h1s"), ["4:11: 2h1s is too long for one segment (at most 2h); split it into sets or a repeat group"]],
    ["a duration", withSteps("- massage: Long", "  duration: 3h"), ["4:15: 3h is too long for one segment (at most 2h); split it into sets or a repeat group"]],
    [
      "reps by tempo",
      withSteps("- exercise: Slow", "  reps: 100", "  tempo: 2m"),
      ["5:12: 3h20m (100 reps of 2m) is too long for one segment (at most 2h); use fewer reps, and sets for more"],
    ],
    ["a rest between sets", withSteps("- stretch: S", "  hold: 5s", "  sets: 2", "  rest: 2h30m"), ["6:11: 2h30m is too long for a rest (at most 2h)"]],
    ["a lead-in", "name: X\nlead_in: 3h\nsteps: [{ rest: R, duration: 1 }]\n", ["2:10: 3h is too long for a lead-in (at most 2h)"]],
    ["a transition", "name: X\ntransition: 121m\nsteps: [{ rest: R, duration: 1 }]\n", ["2:13: 2h1m is too long for a transition (at most 2h)"]],
  ])("refuses %s over 2 hours, at its value", (_, text, expected) => {
    expect(problems(text)).toEqual(expected);
  });

  it("accepts segments of exactly 2 hours", () => {
    parsed(withSteps("- rest: Long", "  duration: 2h", "- exercise: Slow", "  reps: 60", "  tempo: 2m", "- stretch: S", "  hold: 1s", "  sets: 2", "  rest: 2h"));
  });

  it("points at the nested repeat that is too long on its own, not at the group around it", () => {
    const text = withSteps("- repeat: 2", "  steps:", "    - stretch: S", "      hold: 30s", "    - repeat: 50", "      steps: [{ rest: R, duration: 1h }]");
    expect(problems(text)).toEqual(["7:9: routine too long: it comes to 100h1m (at most 24h); lower a repeat count or sets"]);
  });

  it("points at the alias that makes a routine too long, not at its anchor", () => {
    const text = withSteps("- &big", "  repeat: 1000", "  steps: [{ rest: R, duration: 1 }]", ...Array<string>(10).fill("- *big"));
    expect(problems(text)).toEqual([
      "15:5: routine too long: it comes to 11,000 segments (at most 10,000); lower a repeat count or sets",
    ]);
  });

  it("counts a plan of a trillion segments without expanding it, and points at the first repeat too large alone", () => {
    const text = withSteps(
      "- repeat: 1000",
      "  steps:",
      "    - repeat: 1000",
      "      steps:",
      "        - repeat: 1000",
      "          steps:",
      "            - repeat: 1000",
      "              steps: [{ rest: R, duration: 1 }]",
    );
    expect(problems(text)).toEqual([
      "7:13: routine too long: it comes to 1,000,000,000,000 segments (at most 10,000); lower a repeat count or sets",
    ]);
  });

  it("refuses a routine over 24 hours", () => {
    const text = withSteps("- repeat: 100", "  steps: [{ rest: R, duration: 20m }]");
    expect(problems(text)).toEqual(["3:5: routine too long: it comes to 33h20m (at most 24h); lower a repeat count or sets"]);
  });
});
