import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RoutineError, UserError } from "../../src/errors.js";
import {
  builtinDir,
  idFromFile,
  isPathRef,
  listRoutines,
  readFailure,
  readRoutineBytes,
  resolveRoutine,
} from "../../src/routine/catalog.js";

const routine = (name: string, seconds = 30) => `name: ${name}\ntags: [t]\nsteps:\n  - stretch: Reach\n    hold: ${seconds}\n`;

let root: string;
let user: string;
let builtin: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "soothe-catalog-"));
  user = join(root, "home", "routines");
  builtin = join(root, "package", "routines");
  await mkdir(user, { recursive: true });
  await mkdir(builtin, { recursive: true });
  await writeFile(join(builtin, "morning-mobility.yaml"), routine("Built-in morning"));
  await writeFile(join(builtin, "desk-break.yaml"), routine("Desk break", 60));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const paths = () => ({ routinesDir: user });

describe("builtinDir", () => {
  it("is the package's routines folder", () => {
    expect(existsSync(builtinDir())).toBe(true);
    expect(relative(join(import.meta.dirname, "..", ".."), builtinDir()).replace(/[\\/]$/, "")).toBe("routines");
  });
});

describe("references", () => {
  it.each([
    ["morning-mobility", false],
    ["./morning.yaml", true],
    ["routines/x", true],
    ["x.yml", true],
    ["X.YAML", true],
    ["plain", false],
  ])("%s is a path: %s", (ref, expected) => {
    expect(isPathRef(ref)).toBe(expected);
  });

  it.each([
    ["dir/morning-mobility.yaml", "morning-mobility"],
    ["My Routine.yaml", "my-routine"],
    ["__.yaml", "routine"],
  ])("the id of %s is %s", (file, id) => {
    expect(idFromFile(file)).toBe(id);
  });
});

describe("resolveRoutine", () => {
  it("finds a built-in routine by id", async () => {
    const found = await resolveRoutine("desk-break", paths(), { builtinDir: builtin });
    expect(found).toMatchObject({ source: "built-in", file: join(builtin, "desk-break.yaml"), warnings: [] });
    expect(found.routine).toMatchObject({ id: "desk-break", name: "Desk break" });
  });

  it("prefers the user's routine of the same id", async () => {
    await writeFile(join(user, "morning-mobility.yaml"), routine("My morning"));
    const found = await resolveRoutine("morning-mobility", paths(), { builtinDir: builtin });
    expect(found).toMatchObject({ source: "user", routine: { name: "My morning" } });
  });

  it("reads .yml files in the user's folder", async () => {
    await writeFile(join(user, "short.yml"), routine("Short"));
    expect((await resolveRoutine("short", paths(), { builtinDir: builtin })).routine.name).toBe("Short");
  });

  it("reads a path, naming the routine after its file", async () => {
    const file = join(root, "Evening Calm.yaml");
    await writeFile(file, routine("Evening"));
    const found = await resolveRoutine(file, paths(), { builtinDir: builtin });
    expect(found).toMatchObject({ source: "file", file, routine: { id: "evening-calm", name: "Evening" } });
  });

  it("suggests close ids for an unknown one", async () => {
    await writeFile(join(user, "morning-walk.yaml"), routine("Walk"));
    const error = await resolveRoutine("morning-mobilty", paths(), { builtinDir: builtin }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe(
      'no routine with the id "morning-mobilty". Did you mean "morning-mobility"? Run `soothe list` to see them all.',
    );
  });

  it("says how to see every routine when nothing is close", async () => {
    await expect(resolveRoutine("zzz", paths(), { builtinDir: builtin })).rejects.toThrow(
      'no routine with the id "zzz". Run `soothe list` to see them all.',
    );
  });

  it.each(["..", "Morning", "a b", "-x", "a".repeat(65)])("refuses %j before making a path of it", async (ref) => {
    await expect(resolveRoutine(ref, paths(), { builtinDir: builtin })).rejects.toThrow(
      /is neither a routine id \(lowercase letters, digits and dashes\) nor a path to a \.yaml file$/,
    );
  });

  it("gives a located RoutineError for an invalid file", async () => {
    await writeFile(join(user, "broken.yaml"), "name: Broken\nsteps:\n  - strech: Reach\n    hold: 30s\n");
    const error = await resolveRoutine("broken", paths(), { builtinDir: builtin }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RoutineError);
    expect((error as RoutineError).problems).toEqual([
      {
        file: join(user, "broken.yaml"),
        line: 3,
        col: 5,
        message: 'unknown step kind "strech"; did you mean "stretch"?',
        severity: "error",
      },
    ]);
  });

  it("says a missing path cannot be read", async () => {
    await expect(resolveRoutine("./nowhere.yaml", paths(), { builtinDir: builtin })).rejects.toThrow(
      "./nowhere.yaml: cannot read: no such file",
    );
  });

  it("refuses a file over 1 MB by its size, before reading it", async () => {
    const file = join(root, "big.yaml");
    await writeFile(file, `name: Big\n# ${"x".repeat(1024 * 1024)}\nsteps: [{ rest: R, duration: 1 }]\n`);
    await expect(resolveRoutine(file, paths(), { builtinDir: builtin })).rejects.toThrow(
      `${file}: cannot read: file too large (1,048,623 bytes); a routine file is at most 1 MB (1,048,576 bytes)`,
    );
  });

  it("hands back warnings of a valid routine", async () => {
    await writeFile(join(user, "warned.yaml"), "name: W\nsteps:\n  - stretch: Reach\n    hold: 5\n    rest: 5\n");
    const found = await resolveRoutine("warned", paths(), { builtinDir: builtin });
    expect(found.warnings.map((w) => [w.line, w.severity])).toEqual([[5, "warning"]]);
  });
});

describe("listRoutines", () => {
  it("lists user and built-in routines by id, the user's shadowing built-ins", async () => {
    await writeFile(
      join(user, "morning-mobility.yaml"),
      "name: Mine\ndescription: My own.\navoid_if: [During a flare]\nsteps: [{ rest: R, duration: 10 }]\n",
    );
    await writeFile(join(user, "zen.yaml"), routine("Zen", 10));
    const { entries, problems } = await listRoutines(paths(), { builtinDir: builtin });
    expect(problems).toEqual([]);
    expect(entries).toEqual([
      {
        id: "desk-break",
        name: "Desk break",
        description: null,
        source: "built-in",
        path: join(builtin, "desk-break.yaml"),
        total_s: 60,
        tags: ["t"],
        avoid_if: [],
      },
      {
        id: "morning-mobility",
        name: "Mine",
        description: "My own.",
        source: "user",
        path: join(user, "morning-mobility.yaml"),
        total_s: 10,
        tags: [],
        avoid_if: ["During a flare"],
      },
      { id: "zen", name: "Zen", description: null, source: "user", path: join(user, "zen.yaml"), total_s: 10, tags: ["t"], avoid_if: [] },
    ]);
  });

  it("uses the given lead-in and transition for totals", async () => {
    await writeFile(join(user, "two.yaml"), "name: Two\nsteps: [{ stretch: A, hold: 10, sides: both }]\n");
    const { entries } = await listRoutines(paths(), { builtinDir: builtin, plan: { leadIn_s: 0, transition_s: 7 } });
    expect(entries.find((e) => e.id === "two")?.total_s).toBe(27);
  });

  it("leaves out broken files and badly named ones, saying why, and lists the rest", async () => {
    await writeFile(join(user, "broken.yaml"), "name: Broken\nsteps: []\n");
    await writeFile(join(user, "Bad Name.yaml"), routine("Bad"));
    await writeFile(join(user, "notes.txt"), "not a routine");
    await writeFile(join(user, "good.yaml"), routine("Good"));
    const { entries, problems } = await listRoutines(paths(), { builtinDir: builtin });
    expect(entries.map((e) => e.id)).toEqual(["desk-break", "good", "morning-mobility"]);
    expect(problems).toEqual([
      {
        file: join(user, "Bad Name.yaml"),
        line: 1,
        col: 1,
        message: "not listed: a routine's file name must be an id (lowercase letters, digits and dashes)",
        severity: "warning",
      },
      { file: join(user, "broken.yaml"), line: 2, col: 8, message: "steps is empty; add at least one step", severity: "error" },
    ]);
  });

  it("lists only built-ins when the user's folder does not exist", async () => {
    const { entries, problems } = await listRoutines({ routinesDir: join(root, "missing") }, { builtinDir: builtin });
    expect(entries.map((e) => e.source)).toEqual(["built-in", "built-in"]);
    expect(problems).toEqual([]);
  });

  it("finds every shipped routine valid", async () => {
    const { problems } = await listRoutines({ routinesDir: join(root, "missing") });
    expect(problems).toEqual([]);
  });
});

describe("listRoutines with a cache", () => {
  it("serves unchanged files from the cache and parses changed ones", async () => {
    const cacheFile = join(root, "data", "routine-cache.json");
    await writeFile(join(user, "zen.yaml"), routine("Zen", 10));
    const first = await listRoutines(paths(), { builtinDir: builtin, cacheFile });
    expect(first.entries.map((e) => e.name)).toEqual(["Desk break", "Built-in morning", "Zen"]);

    // Change what the cache says about one file: a list that uses the cache shows it.
    const data = JSON.parse(await readFile(cacheFile, "utf8")) as { files: Record<string, { name: string }> };
    data.files[join(user, "zen.yaml")]!.name = "Zen (from the cache)";
    await writeFile(cacheFile, JSON.stringify(data));
    const second = await listRoutines(paths(), { builtinDir: builtin, cacheFile });
    expect(second.entries.map((e) => e.name)).toEqual(["Desk break", "Built-in morning", "Zen (from the cache)"]);

    // Editing the file makes it parsed again.
    await writeFile(join(user, "zen.yaml"), routine("Zen again", 10));
    const third = await listRoutines(paths(), { builtinDir: builtin, cacheFile });
    expect(third.entries.map((e) => e.name)).toEqual(["Desk break", "Built-in morning", "Zen again"]);
  });

  it("gives the same totals from the cache for any transition setting", async () => {
    const cacheFile = join(root, "routine-cache.json");
    await writeFile(join(user, "two.yaml"), "name: Two\nsteps: [{ stretch: A, hold: 10, sides: both }, { rest: R, duration: 5 }]\n");
    await writeFile(join(user, "own.yaml"), "name: Own\ntransition: 3\nsteps: [{ stretch: A, hold: 10, sides: both }]\n");
    for (const transition_s of [0, 7, 2]) {
      const uncached = await listRoutines(paths(), { builtinDir: builtin, plan: { leadIn_s: 5, transition_s } });
      const cached = await listRoutines(paths(), { builtinDir: builtin, plan: { leadIn_s: 5, transition_s }, cacheFile });
      expect(cached).toEqual(uncached);
      expect(uncached.entries.find((e) => e.id === "two")?.total_s).toBe(25 + transition_s);
      expect(uncached.entries.find((e) => e.id === "own")?.total_s).toBe(23);
    }
  });

  it("keeps the problems of broken files, and ignores a damaged cache", async () => {
    const cacheFile = join(root, "routine-cache.json");
    await writeFile(cacheFile, "{ not json");
    await writeFile(join(user, "broken.yaml"), "name: Broken\nsteps: []\n");
    const first = await listRoutines(paths(), { builtinDir: builtin, cacheFile });
    const second = await listRoutines(paths(), { builtinDir: builtin, cacheFile });
    expect(second).toEqual(first);
    expect(second.problems.map((p) => p.message)).toEqual(["steps is empty; add at least one step"]);
  });

  it.skipIf(!existsSync("/dev/zero"))("reads no more than the limit from a device or pipe, which tells no size", async () => {
    const error = await readRoutineBytes("/dev/zero").catch((e: unknown) => e);
    expect(readFailure(error)).toBe("cannot read: file too large (more than 1 MB); a routine file is at most 1 MB (1,048,576 bytes)");
  });

  it("reads a file as its bytes, a byte order mark and bytes that are not UTF-8 included", async () => {
    const bytes = Buffer.from([0xef, 0xbb, 0xbf, 0x6e, 0x3a, 0x20, 0xe9, 0x0d, 0x0a]);
    const file = join(root, "bytes.yaml");
    await writeFile(file, bytes);
    expect(Buffer.from(await readRoutineBytes(file))).toEqual(bytes);
  });

  it("reads files no larger than the parser accepts", async () => {
    const { MAX_ROUTINE_BYTES } = await import("../../src/routine/file-size.js");
    const file = join(root, "at-the-limit.yaml");
    await writeFile(file, Buffer.alloc(MAX_ROUTINE_BYTES, 0x20));
    expect((await readRoutineBytes(file)).length).toBe(MAX_ROUTINE_BYTES);
    await writeFile(file, Buffer.alloc(MAX_ROUTINE_BYTES + 1, 0x20));
    await expect(readRoutineBytes(file)).rejects.toMatchObject({ code: "EFBIG", size: MAX_ROUTINE_BYTES + 1 });
  });
});
