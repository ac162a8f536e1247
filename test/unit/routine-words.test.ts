// Nothing from a library reaches the person checking a routine raw: the YAML parser's and zod's messages are said in
// soothe's words, at the place of the problem, and no process warning is printed.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatProblem } from "../../src/errors.js";
import { parseRoutine } from "../../src/routine/parse.js";
import { routineFields, stepSchemas } from "../../src/routine/schema.js";
import { STEP_KINDS } from "../../src/routine/types.js";

function problems(text: string): string[] {
  return parseRoutine(text, "r.yaml", "r").problems.map((p) => formatProblem(p).replace(/^r\.yaml:/, ""));
}

const STEP = "steps:\n  - rest: R\n    duration: 5\n";

/** Words of the YAML parser and of zod, written for programmers. */
const LIBRARY_WORDS =
  /YAML\.parse|parseAllDocuments|Implicit|implicit key|flow (sequence|map|collection)|Block collection|compact mapping|indicator|Invalid input|expected \w+, received|Unresolved|node:|Warning:|mapAsMap|stringified|[A-Z][a-z]+Error\b/;

describe("YAML problems in soothe's words", () => {
  it.each([
    ["two documents", `name: X\n${STEP}---\nname: Y\n`, [
      "5:1: bad YAML: a second YAML document starts here, after a --- line; a routine file holds one: remove the --- line and what follows, or move that into a file of its own",
    ]],
    ["an unclosed double quote", 'name: "X\nsteps: []\n', ['3:1: bad YAML: a double quote (") is opened here and never closed; add the closing "']],
    ["an unclosed bracket", "name: X\nsteps: [{ rest: R, duration: 5 }\n", ["3:1: bad YAML: a [ is opened and never closed; add the ], or indent the lines it goes on over"]],
    ["a missing comma in braces", "name: X\nsteps: [{ rest: R duration: 5 }]\n", [
      '2:17: bad YAML: inside [ ] or { }, a value holds ": " or a - item; separate items with commas, like { rest: Pause, duration: 5s }, or put the value in quotes',
    ]],
    ["a tab", "name: X\nsteps:\n\t- rest: R\n", ["3:1: bad YAML: a tab indents this line; YAML indents with spaces only, so replace the tab with spaces"]],
    ["a key without a colon", "name X\nsteps: []\n", [
      "1:1: bad YAML: a key must be on one line and end with a colon; check for a missing colon or closing quote on the line before",
    ]],
    ["a value holding a colon", "name: X\nsteps:\n  - stretch: a: b\n", [
      '3:14: bad YAML: a value holds ": ", which starts another key; put the value in quotes, like caution: "Note: go slowly", or check the indentation of the line below',
    ]],
    ["a value starting with @", "name: @X\nsteps: []\n", ['1:7: bad YAML: a plain value cannot start with "@"; put the value in quotes']],
    ["a key out of line", "name: X\nsteps:\n  - rest: R\n   duration: 5\n", [
      "4:1: bad YAML: this line is not lined up with the ones around it: a list item starts with a -, and the keys of one item start in the same column",
    ]],
    ["an unknown escape", 'name: X\ndescription: "a \\q b"\nsteps: []\n', [
      "2:17: bad YAML: a backslash in double quotes starts an escape such as \\n, and this one is not known; write \\\\ for a backslash, or use single quotes",
    ]],
    ["an alias to nothing", "name: X\nsteps: *nope\n", [
      "2:8: *nope refers to no anchor: write &nope before it on the value to repeat, or put a value that starts with * in quotes",
    ]],
    ["an unknown tag", `name: !foo X\n${STEP}`, ["1:7: warning: a tag (a word after !) that soothe does not know; remove it, or put the value in quotes"]],
    ["$schema: 5", `$schema: 5\nname: X\n${STEP}`, ["1:10: $schema must be text (the path or web address of the schema), not a number"]],
  ])("%s", (_, text, expected) => {
    expect(problems(text)).toEqual(expected);
  });

  describe("a key that is a list", () => {
    const warnings: Error[] = [];
    const collect = (warning: Error) => warnings.push(warning);
    beforeEach(() => {
      warnings.length = 0;
      process.on("warning", collect);
    });
    afterEach(() => {
      process.off("warning", collect);
    });

    it.each([
      ["at the top", `name: X\n? [a, b]\n: 1\n${STEP}`, "2:3: keys must be plain words, like name or steps"],
      ["inside a value", `name: X\ncues: [{ [a]: 1 }]\n${STEP}`, '2:1: unknown key "cues"; allowed keys are name, description, tags,'],
    ])("%s is reported as a problem, without a process warning", async (_, text, first) => {
      expect(problems(text)[0]).toMatch(new RegExp(`^${first.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
      // Node emits process warnings on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((w) => w.message)).toEqual([]);
    });
  });
});

describe("value checks in soothe's words", () => {
  const wrong: [string, unknown][] = [
    ["a number", 5],
    ["text", "x"],
    ["a list", [1]],
    ["a mapping", { a: 1 }],
    ["true", true],
    ["nothing", null],
    ["a fraction", 1.5],
  ];
  const fields = [
    ...Object.entries(routineFields).map(([key, schema]) => [`routine ${key}`, schema] as const),
    ...STEP_KINDS.flatMap((kind) => Object.entries(stepSchemas[kind].shape).map(([key, schema]) => [`${kind} ${key}`, schema] as const)),
  ];

  it("never passes on zod's own wording, for any key and any kind of wrong value", () => {
    const leaks: string[] = [];
    for (const [name, schema] of fields) {
      for (const [what, value] of wrong) {
        const result = schema.safeParse(value);
        if (result.success) continue;
        for (const issue of result.error.issues) {
          if (LIBRARY_WORDS.test(issue.message) || /^(Invalid|Expected|Too)\b/.test(issue.message)) leaks.push(`${name} given ${what}: ${issue.message}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it("words the routine problems of these files without library wording", () => {
    const texts = [
      `name: X\n${STEP}---\nname: Y\n`,
      "name: X\nsteps: [{ rest: R duration: 5 }]\n",
      "name: X\n  bad: indent\nsteps: []\n",
      "name: X\nsteps: {a: 1, b: [}\n",
      "name: X\nsteps:\n  - rest: R\n    duration: 5\n    [a]: 2\n",
      `$schema: 5\nname: [a]\ndescription: 3\ntags: x\n${STEP}`,
    ];
    const found = texts.flatMap((t) => problems(t)).filter((p) => LIBRARY_WORDS.test(p));
    expect(found).toEqual([]);
  });
});
