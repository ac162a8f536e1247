import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { list } from "../../src/commands/list.js";
import { planJson, show } from "../../src/commands/show.js";
import { validate } from "../../src/commands/validate.js";
import { RoutineError, UsageError, UserError } from "../../src/errors.js";
import { type FakeDeps, makeDeps } from "../helpers/fake-deps.js";
import { seg } from "../helpers/plans.js";

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

let fake: FakeDeps | undefined;
afterEach(() => {
  fake?.cleanup();
  fake = undefined;
});

function setup(options: Parameters<typeof makeDeps>[0] = {}): FakeDeps {
  fake = makeDeps(options);
  return fake;
}

/** A routine whose cue was saved in Latin-1: the byte 0xE9 ("é") at line 4, column 15, is not UTF-8. */
const LATIN1 = Buffer.concat([
  Buffer.from("name: Latin-1\nsteps:\n  - stretch: Knee to chest\n    cues: [Caf"),
  Buffer.from([0xe9]),
  Buffer.from(" break]\n    hold: 30s\n"),
]);
const NOT_UTF8 = "4:15: not UTF-8 text (byte 0xE9); save the file as UTF-8";

async function userRoutine(f: FakeDeps, id: string, text: string | Uint8Array): Promise<string> {
  await mkdir(f.deps.paths.routinesDir, { recursive: true });
  const file = join(f.deps.paths.routinesDir, `${id}.yaml`);
  await writeFile(file, text);
  return file;
}

const TWO_SIDES = [
  "name: Two sides",
  "description: A short one.",
  "tags: [test]",
  "avoid_if: [During a flare, On a fresh injury (first 6 weeks)]",
  "lead_in: 3s",
  "steps:",
  "  - stretch: Knee to chest",
  "    hold: 30s",
  "    sides: both",
  "    sets: 2",
  "    rest: 10s",
  "  - exercise: Glide",
  "    reps: 4",
  "    tempo: 5s",
  "    sides: affected",
  "  - manual: Walk",
  "",
].join("\n");

describe("validate", () => {
  it("exits 0 and says so for valid files", async () => {
    const f = setup();
    const file = fixture("valid/minimal.yaml");
    expect(await validate([file], {}, f.deps)).toBe(0);
    expect(f.out()).toBe(`${file}: valid\n`);
    expect(f.err()).toBe("");
  });

  it("exits 1 with every problem of every file on stderr, a missing file included", async () => {
    const f = setup();
    const good = fixture("valid/minimal.yaml");
    const bad = fixture("invalid/no-name.yaml");
    const missing = join(f.home, "missing.yaml");
    expect(await validate([good, bad, missing], {}, f.deps)).toBe(1);
    expect(f.err()).toBe(
      [
        `${bad}:2:1: missing name; every routine needs one, like name: Morning mobility`,
        `${bad}:2:8: steps is empty; add at least one step`,
        `${missing}:1:1: cannot read: no such file`,
        "",
      ].join("\n"),
    );
    expect(f.out()).toBe(`${good}: valid\n`);
  });

  it("prints warnings but still exits 0", async () => {
    const f = setup();
    const file = join(f.home, "warned.yaml");
    await writeFile(file, "name: W\nsteps:\n  - stretch: Reach\n    hold: 5\n    rest: 5\n");
    expect(await validate([file], {}, f.deps)).toBe(0);
    expect(f.err()).toBe(
      `${file}:5:5: warning: "rest" between sets does nothing without sets; add sets: 2 or more, or remove it\n`,
    );
    expect(f.out()).toBe(`${file}: valid (1 warning)\n`);
  });

  it("warns when a file name cannot be a routine id", async () => {
    const f = setup();
    const file = join(f.home, "My Routine.yaml");
    await writeFile(file, "name: Mine\nsteps: [{ rest: R, duration: 5 }]\n");
    expect(await validate([file], {}, f.deps)).toBe(0);
    expect(f.err()).toContain(":1:1: warning: the file name is not a routine id");
  });

  it("finds a byte that is not UTF-8 and gives its line, where reading as text would hide it", async () => {
    const f = setup();
    const file = join(f.home, "latin1.yaml");
    await writeFile(file, LATIN1);
    expect(await validate([file], {}, f.deps)).toBe(1);
    expect(f.err()).toBe(`${file}:${NOT_UTF8}\n`);
    expect(f.out()).toBe("");
  });

  it("prints only JSON with --json", async () => {
    const f = setup();
    const good = fixture("valid/minimal.yaml");
    const bad = fixture("invalid/no-name.yaml");
    expect(await validate([good, bad], { json: true }, f.deps)).toBe(1);
    expect(f.err()).toBe("");
    expect(JSON.parse(f.out())).toEqual([
      { file: good, valid: true, problems: [] },
      {
        file: bad,
        valid: false,
        problems: [
          { line: 2, col: 1, message: "missing name; every routine needs one, like name: Morning mobility", severity: "error" },
          { line: 2, col: 8, message: "steps is empty; add at least one step", severity: "error" },
        ],
      },
    ]);
  });

  it("checks the design's example and the many-mistakes fixture", async () => {
    const f = setup();
    expect(await validate([fixture("valid/morning-mobility.yaml")], {}, f.deps)).toBe(0);
    expect(await validate([fixture("invalid/many-mistakes.yaml")], {}, f.deps)).toBe(1);
    expect(f.err().trim().split("\n")).toHaveLength(7);
  });
});

describe("show", () => {
  it("prints the plan as JSON, transitions included, with settings for the defaults", async () => {
    const f = setup({ settings: { transition: 2 } });
    await userRoutine(f, "two-sides", TWO_SIDES);
    expect(await show("two-sides", { json: true, side: "right" }, f.deps)).toBe(0);
    expect(JSON.parse(f.out())).toEqual({
      id: "two-sides",
      name: "Two sides",
      total_s: 4 * 30 + 10 + 2 * 2 + 20 + 2 + 2,
      avoid_if: ["During a flare", "On a fresh injury (first 6 weeks)"],
      segments: [
        { kind: "stretch", title: "Knee to chest", side: "right", set: 1, duration_s: 30 },
        { kind: "transition", title: "Switch sides", side: null, set: null, duration_s: 2 },
        { kind: "stretch", title: "Knee to chest", side: "left", set: 1, duration_s: 30 },
        { kind: "rest", title: "Rest", side: null, set: null, duration_s: 10 },
        { kind: "stretch", title: "Knee to chest", side: "right", set: 2, duration_s: 30 },
        { kind: "transition", title: "Switch sides", side: null, set: null, duration_s: 2 },
        { kind: "stretch", title: "Knee to chest", side: "left", set: 2, duration_s: 30 },
        { kind: "transition", title: "Next: Glide", side: null, set: null, duration_s: 2 },
        { kind: "exercise", title: "Glide", side: "right", set: 1, duration_s: 20 },
        { kind: "transition", title: "Next: Walk", side: null, set: null, duration_s: 2 },
        { kind: "manual", title: "Walk", side: null, set: 1, duration_s: null },
      ],
    });
    expect(f.err()).toBe("");
  });

  it("prints a table with the total, the lead-in and the notes", async () => {
    const f = setup();
    await userRoutine(f, "two-sides", TWO_SIDES);
    expect(await show("two-sides", {}, f.deps)).toBe(0);
    const lines = f.out().split("\n");
    expect(lines.slice(0, 9)).toEqual([
      "Two sides",
      "Total 2m50s in 3 steps, plus 3s to get ready.",
      "",
      "Leave this routine out:",
      "- During a flare",
      "- On a fresh injury (first 6 weeks)",
      "",
      " #  kind        title          side   set        time",
      " 1  stretch     Knee to chest  left   1/2         30s",
    ]);
    expect(lines).toContain("11  manual      Walk                       until done");
    expect(lines).toContain("1 segment has no timer: it lasts until you are done, and is not in the total.");
    expect(f.out()).toContain('No affected side set: using left for "affected" steps. Set one with --side.\n');
  });

  it("shows a routine given by path", async () => {
    const f = setup();
    expect(await show(fixture("valid/minimal.yaml"), { json: true }, f.deps)).toBe(0);
    expect(JSON.parse(f.out())).toMatchObject({ id: "minimal", name: "Minimal", total_s: 30 });
  });

  it("refuses a bad side as a usage error", async () => {
    const f = setup();
    await expect(show("two-sides", { side: "up" }, f.deps)).rejects.toBeInstanceOf(UsageError);
  });

  it("throws a UserError for an unknown routine and a RoutineError for an invalid one", async () => {
    const f = setup();
    await expect(show("no-such-routine-here", {}, f.deps)).rejects.toBeInstanceOf(UserError);
    await userRoutine(f, "broken", "name: Broken\nsteps: []\n");
    await expect(show("broken", {}, f.deps)).rejects.toBeInstanceOf(RoutineError);
  });

  it("refuses a routine file that is not UTF-8, by id or by path, at the line of the bad byte", async () => {
    const f = setup();
    const file = await userRoutine(f, "latin1", LATIN1);
    for (const ref of ["latin1", file]) {
      const error = await show(ref, {}, f.deps).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RoutineError);
      expect((error as RoutineError).message).toBe(`${file}:${NOT_UTF8}`);
    }
  });

  it("prints warnings on stderr", async () => {
    const f = setup();
    const file = await userRoutine(f, "warned", "name: W\nsteps:\n  - stretch: Reach\n    hold: 5\n    rest: 5\n");
    expect(await show("warned", { json: true }, f.deps)).toBe(0);
    expect(f.err()).toBe(`${file}:5:5: warning: "rest" between sets does nothing without sets; add sets: 2 or more, or remove it\n`);
  });
});

describe("planJson", () => {
  it("keeps only the documented fields", () => {
    const json = planJson({
      id: "a",
      name: "A",
      lead_in_s: 5,
      transition_s: 5,
      total_s: 10,
      steps: 1,
      notes: ["x"],
      segments: [seg("rest", "R", 10, { step: 0 })],
    });
    expect(json).toEqual({
      id: "a",
      name: "A",
      total_s: 10,
      avoid_if: [],
      segments: [{ kind: "rest", title: "R", side: null, set: null, duration_s: 10 }],
    });
  });
});

describe("list", () => {
  it("lists the user's routines beside the built-in ones as JSON", async () => {
    const f = setup();
    const file = await userRoutine(f, "two-sides", TWO_SIDES);
    expect(await list({ json: true }, f.deps)).toBe(0);
    const entries = JSON.parse(f.out()) as { id: string; source: string }[];
    expect(entries.find((e) => e.id === "two-sides")).toEqual({
      id: "two-sides",
      name: "Two sides",
      description: "A short one.",
      source: "user",
      path: file,
      total_s: 170,
      tags: ["test"],
      avoid_if: ["During a flare", "On a fresh injury (first 6 weeks)"],
    });
    expect(entries.filter((e) => e.id !== "two-sides").every((e) => e.source === "built-in")).toBe(true);
    expect(f.err()).toBe("");
  });

  it("prints a table with id, name, source, time and tags, fitted to an 80-column terminal by whole tags", async () => {
    const f = setup({ tty: true, columns: 80 });
    await userRoutine(f, "two-sides", TWO_SIDES);
    expect(await list({}, f.deps)).toBe(0);
    const lines = f.out().trimEnd().split("\n").map((l) => l.replace(/\u001b\[[0-9;]*m/g, ""));
    expect(lines[0]).toMatch(/^id\s+name\s+source\s+time\s+tags$/);
    expect(lines.find((l) => l.startsWith("two-sides "))).toMatch(/^two-sides\s+Two sides\s+user\s+2m50s\s+test$/);
    expect(lines.every((l) => l.length <= 79)).toBe(true);
    expect(lines.find((l) => l.startsWith("pain-spike-breathing "))).toMatch(/ breathing, …$/);
  });

  it.each([
    ["through a pipe", { tty: false }],
    ["on a wide terminal", { tty: true, columns: 120 }],
  ])("never cuts a tag %s", async (_where, options) => {
    const f = setup(options);
    expect(await list({}, f.deps)).toBe(0);
    const line = f.out().split("\n").find((l) => l.startsWith("pain-spike-breathing "));
    expect(line).toMatch(/ breathing, flare, calm, anywhere$/);
  });

  it("leaves out a user routine that is not UTF-8, saying where the bad byte is", async () => {
    const f = setup();
    const file = await userRoutine(f, "latin1", LATIN1);
    expect(await list({ json: true }, f.deps)).toBe(0);
    expect((JSON.parse(f.out()) as { id: string }[]).map((e) => e.id)).not.toContain("latin1");
    expect(f.err()).toContain(`${file}:${NOT_UTF8}\n`);
  });

  it("warns about a broken user routine and lists the rest", async () => {
    const f = setup();
    await userRoutine(f, "two-sides", TWO_SIDES);
    const broken = await userRoutine(f, "broken", "name: Broken\nsteps:\n  - strech: Reach\n    hold: 5\n");
    expect(await list({ json: true }, f.deps)).toBe(0);
    expect((JSON.parse(f.out()) as { id: string }[]).map((e) => e.id)).toContain("two-sides");
    expect(f.err()).toBe(
      [
        `${broken}:3:5: unknown step kind "strech"; did you mean "stretch"?`,
        "soothe: warning: 1 routine file has problems and is not listed; check with: soothe validate <file>",
        "",
      ].join("\n"),
    );
  });
});
