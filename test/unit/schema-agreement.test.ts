// The editor schema (schema/routine.schema.json, read by a real JSON Schema validator) and `soothe validate` agree on
// which files are valid: over every fixture the validator's tests use and every built-in routine, and over the
// mistakes an editor used to let through.
import { readFile, readdir } from "node:fs/promises";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { parseRoutine } from "../../src/routine/parse.js";

const root = new URL("../../", import.meta.url);
const schema = JSON.parse(await readFile(new URL("schema/routine.schema.json", root), "utf8")) as object;
// Strict, so that a keyword ajv does not know is an error; the message for editors is only an annotation. The rules
// name keys in `required` without restating their types, as the kinds of step define them.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
ajv.addVocabulary(["patternErrorMessage"]);
const check = ajv.compile(schema);

/** What an editor makes of a file: not YAML it can read, or the schema's verdict and errors. */
function editor(bytes: Uint8Array): { valid: boolean; errors: { instancePath: string; keyword: string; params: object }[] } {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { valid: false, errors: [] }; // not text: no editor reads it as YAML
  }
  const doc = parseDocument(text, { logLevel: "silent" });
  if (doc.errors.length > 0) return { valid: false, errors: [] }; // the editor reports the YAML itself
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch {
    return { valid: false, errors: [] };
  }
  const valid = check(data);
  return { valid, errors: valid ? [] : [...(check.errors ?? [])] };
}

function validator(bytes: Uint8Array, name: string): boolean {
  return !parseRoutine(bytes, name, "r").problems.some((p) => p.severity === "error");
}

/**
 * Files on which the two differ, each for a rule JSON Schema cannot say. Every one is refused by the validator and
 * accepted by the schema; a file that stops differing must leave this list.
 */
const BEYOND_JSON_SCHEMA: Record<string, string> = {
  "hostile/alias-many.yaml": "the whole plan's size (segments counted across steps and repeats)",
  "hostile/alias-repeat.yaml": "the whole plan's size (segments counted across steps and repeats)",
  "hostile/repeat-hours.yaml": "the whole plan's length (24 hours at most), a sum over steps and repeats",
  "hostile/repeat-nested-hours.yaml": "the whole plan's length (24 hours at most), a sum over steps and repeats",
  "hostile/repeat-nested-segments.yaml": "the whole plan's size (segments counted across steps and repeats)",
  "hostile/repeat-segments.yaml": "the whole plan's size (segments counted across steps and repeats)",
  "hostile/sets-segments.yaml": "the whole plan's size (segments counted across steps and repeats)",
  "hostile/segment-reps-tempo.yaml": "reps times tempo (one segment at most 2 hours) is a product of two keys",
  "hostile/deep-repeat.yaml": "how deeply repeat groups nest (the schema refers to itself)",
  "hostile/many-lines.yaml": "the number of lines (5,000 at most), checked before the YAML is read",
};

async function files(): Promise<{ name: string; bytes: Uint8Array }[]> {
  const out: { name: string; bytes: Uint8Array }[] = [];
  for (const folder of ["test/fixtures/valid", "test/fixtures/invalid", "test/fixtures/odd", "test/fixtures/hostile", "routines"]) {
    for (const file of (await readdir(new URL(`${folder}/`, root))).filter((f) => f.endsWith(".yaml")).sort()) {
      const name = `${folder.replace("test/fixtures/", "")}/${file}`;
      out.push({ name, bytes: new Uint8Array(await readFile(new URL(`${folder}/${file}`, root))) });
    }
  }
  return out;
}

describe("the editor schema and soothe validate", () => {
  it("agree on every fixture and built-in routine, but for the few rules JSON Schema cannot say", async () => {
    const all = await files();
    expect(all.length).toBeGreaterThan(40);
    const verdicts = all.map(({ name, bytes }) => ({ name, soothe: validator(bytes, name), editor: editor(bytes).valid }));
    const differ = verdicts.filter((v) => v.soothe !== v.editor);
    expect(
      differ.filter((v) => !(v.name in BEYOND_JSON_SCHEMA)).map((v) => `${v.name}: soothe ${v.soothe ? "accepts" : "refuses"}, the schema ${v.editor ? "accepts" : "refuses"}`),
    ).toEqual([]);
    // The list holds only files that differ still, and only the way it says.
    expect(Object.keys(BEYOND_JSON_SCHEMA).filter((name) => !differ.some((v) => v.name === name && !v.soothe && v.editor))).toEqual([]);
    // Both sides are exercised: the built-in routines are valid, and most fixtures are not.
    expect(verdicts.filter((v) => v.name.startsWith("routines/") && !(v.soothe && v.editor))).toEqual([]);
  });

  const routine = (...lines: string[]) => new TextEncoder().encode(["name: Test", ...lines, ""].join("\n"));
  const steps = (...lines: string[]) => routine("steps:", ...lines.map((l) => `  ${l}`));

  it.each([
    ["hold: 0s", steps("- stretch: S", "  hold: 0s")],
    ["hold: 3h", steps("- stretch: S", "  hold: 3h")],
    ["hold: 7201", steps("- stretch: S", "  hold: 7201")],
    ["hold: 1h59m61s", steps("- stretch: S", "  hold: 1h59m61s")],
    ["lead_in: 3h", routine("lead_in: 3h", "steps: [{ rest: R, duration: 5 }]")],
    ["transition: 2h1s", routine("transition: 2h1s", "steps: [{ rest: R, duration: 5 }]")],
    ["ice for 25m", steps("- ice: Pack", "  duration: 25m")],
    ["heat for 1201", steps("- heat: Pack", "  hold: 1201")],
    ["a skin check at 20m", steps("- ice: Pack", "  duration: 20m", "  checks: [20m]")],
    ["ice sets without a rest", steps("- ice: Pack", "  duration: 10m", "  sets: 2")],
    ["ice sets with a rest of 0", steps("- ice: Pack", "  duration: 10m", "  sets: 2", "  rest: 0s")],
    ["ice sets with a rest under 20m", steps("- ice: Pack", "  duration: 10m", "  sets: 2", "  rest: 19m59s")],
    ["heat sets on one side with a rest under 20m", steps("- heat: Pack", "  duration: 10m", "  sides: left", "  sets: 3", "  rest: 600")],
    ["tempo without reps", steps("- exercise: E", "  tempo: 5s")],
    ["a stretch with neither hold nor reps", steps("- stretch: S", "  sides: both")],
    ["a massage with no duration", steps("- massage: M")],
    ["hold beside duration", steps("- stretch: S", "  hold: 30s", "  duration: 30s")],
    ["reps beside hold", steps("- exercise: E", "  reps: 5", "  hold: 30s")],
    ["a key of another kind", steps("- stretch: S", "  hold: 30s", "  checks: [5m]")],
    ["two kinds", steps("- stretch: S", "  exercise: E", "  hold: 30s")],
    ["no kind", steps("- hold: 30s")],
    ["a misspelt kind", steps("- strech: S", "  hold: 30s")],
    ["a duration in a manual step", steps("- manual: M", "  duration: 30s")],
    ["rest between sets of a rest", steps("- rest: R", "  duration: 30s", "  rest: 5s")],
    ["$schema: 5", routine("$schema: 5", "steps: [{ rest: R, duration: 5 }]")],
    ["too many sets", steps("- stretch: S", "  hold: 5s", "  sets: 101")],
  ])("both refuse %s", (_, bytes) => {
    expect(validator(bytes, "r.yaml")).toBe(false);
    expect(editor(bytes).valid).toBe(false);
  });

  it.each([
    ["hold: 2h", steps("- stretch: S", "  hold: 2h")],
    ["hold: 1m90s", steps("- stretch: S", "  hold: 1m90s")],
    ["hold: 1h60m", steps("- stretch: S", "  hold: 1h60m")],
    ["hold: 7200", steps("- stretch: S", "  hold: 7200")],
    ["hold: '1m 30s'", steps("- stretch: S", "  hold: 1m 30s")],
    ["lead_in: 0", routine("lead_in: 0", "transition: 0s", "steps: [{ rest: R, duration: 5 }]")],
    ["ice for 20m with a check", steps("- ice: Pack", "  duration: 20m", "  checks: [5m, 19m59s]")],
    ["ice sets with a rest of 20m", steps("- ice: Pack", "  duration: 10m", "  sets: 2", "  rest: 20m")],
    ["one ice set with no rest", steps("- ice: Pack", "  duration: 10m", "  sets: 1")],
    ["ice sets on both sides, the other side's time counting", steps("- ice: Pack", "  duration: 15m", "  sides: both", "  sets: 2", "  rest: 5m")],
    ["reps with tempo", steps("- exercise: E", "  reps: 10", "  tempo: 5s")],
    ["reps alone", steps("- stretch: S", "  reps: 10")],
    ["rest beside another kind", steps("- rest: 20s", "  sets: 2", "  stretch: S", "  hold: 10")],
    ["a lone rest", steps("- rest: Lie still", "  hold: 1m")],
    ["a manual step", steps("- manual: Walk")],
    ["a repeat", steps("- repeat: 2", "  steps: [{ ice: Pack, duration: 15m }, { rest: Off, duration: 20m }]")],
    ["a breathe step", steps("- breathe: B", "  duration: 2m", "  inhale: 4s", "  exhale: 6s")],
  ])("both accept %s", (_, bytes) => {
    expect(validator(bytes, "r.yaml")).toBe(true);
    expect(editor(bytes).errors).toEqual([]);
  });

  it("blames the key that does not belong to its kind, not the kind", () => {
    const { errors } = editor(steps("- stretch: S", "  hold: 30s", "  checks: [5m]"));
    expect(errors).toContainEqual(expect.objectContaining({ instancePath: "/steps/0", keyword: "additionalProperties", params: { additionalProperty: "checks" } }));
    // No other kind is asked for: the step is checked as a stretch only.
    expect(errors.filter((e) => e.keyword === "required")).toEqual([]);
  });

  it("blames the value of a duration past its limit", () => {
    const { errors } = editor(steps("- ice: Pack", "  duration: 25m"));
    expect(errors.map((e) => e.instancePath)).toContain("/steps/0/duration");
    expect(errors.filter((e) => e.keyword === "required")).toEqual([]);
  });
});
