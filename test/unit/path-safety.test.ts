import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { copy } from "../../src/commands/copy.js";
import { edit } from "../../src/commands/edit.js";
import { exportRoutine } from "../../src/commands/export.js";
import { importRoutine } from "../../src/commands/import.js";
import { newRoutine } from "../../src/commands/new.js";
import { rm } from "../../src/commands/rm.js";
import { UserError } from "../../src/errors.js";
import { isValidId } from "../../src/routine/id.js";
import {
  checkId,
  findRoutine,
  saveUserRoutine,
  userRoutinePath,
} from "../../src/routine/user-routines.js";
import { makeDeps, type FakeDeps } from "../helpers/fake-deps.js";
import { tree } from "../helpers/files.js";

// Ids are checked before they become paths: whatever is typed where an id belongs, nothing is read or written
// outside the routines folder. Each test runs in a sandbox (the temp folder that holds SOOTHE_HOME) and checks
// that a refused id changed nothing in it at all.

const VALID = "name: Mine\nsteps:\n  - rest: Lie still\n    duration: 30s\n";

let f: FakeDeps;
let sandbox: string;
let outside: string;

beforeEach(() => {
  f = makeDeps();
  sandbox = f.home;
  // SOOTHE_HOME one level down, so that `../x` from the routines folder still lands inside the sandbox, where a
  // stray write would be seen.
  const home = join(sandbox, "soothe");
  f.deps.paths = { ...f.deps.paths, configDir: home, configFile: join(home, "config.json"), dataDir: home, historyFile: join(home, "history.jsonl"), routinesDir: join(home, "routines") };
  mkdirSync(f.deps.paths.routinesDir, { recursive: true });
  writeFileSync(join(f.deps.paths.routinesDir, "mine.yaml"), VALID);
  outside = join(sandbox, "outside.yaml");
  writeFileSync(outside, VALID.replace("Mine", "Outside"));
});
afterEach(() => f.cleanup());

/** Stands for the sandbox folder in the table below (tables are built before any test runs). */
const SANDBOX = "<sandbox>";
const real = (id: string) => id.replace(SANDBOX, sandbox);

/** Ids that must never become file names; the absolute one points into the sandbox. */
function badIds(): [string, string][] {
  return [
    ["a parent folder", "../x"],
    ["two parents", "../../x"],
    ["a sub-folder", "a/b"],
    ["an absolute path", `${SANDBOX}/abs`],
    ["uppercase", "Mine"],
    ["65 characters", "a".repeat(65)],
    ["empty", ""],
    ["a leading dash", "-x"],
    ["a leading dot", ".x"],
    ["a dot inside", "x.y"],
    ["a backslash", "..\\x"],
    ["a space", "my routine"],
    ["a newline", "x\ny"],
    ["a NUL byte", "x\u0000y"],
    ["a non-ASCII letter", "étirement"],
    ["an underscore", "my_routine"],
  ];
}

describe("the id rule", () => {
  it.each(["a", "0", "morning-mobility", "a".repeat(64), "9-lives", "x-"])("accepts %j", (id) => {
    expect(isValidId(id)).toBe(true);
    expect(checkId(id)).toBe(id);
  });

  it.each(badIds())("refuses %s, naming the rule", (_what, typed) => {
    const id = real(typed);
    expect(isValidId(id)).toBe(false);
    expect(() => checkId(id)).toThrow(UserError);
    expect(() => checkId(id)).toThrow(/lowercase letters, digits and dashes.*at most 64 characters/);
    expect(() => userRoutinePath(f.deps.paths, id)).toThrow(UserError);
  });

  it("suggests the lowercase id for an uppercase one", () => {
    expect(() => checkId("Morning-Mobility")).toThrow('Try "morning-mobility".');
  });

  it("makes paths only inside the routines folder", () => {
    expect(userRoutinePath(f.deps.paths, "mine")).toBe(join(f.deps.paths.routinesDir, "mine.yaml"));
  });
});

describe("every command that takes an id refuses a bad one and writes nothing", () => {
  const cases: [string, (id: string) => Promise<number>][] = [
    ["copy (source)", (id) => copy(id, "fresh", {}, f.deps)],
    ["copy (new id)", (id) => copy("mine", id, {}, f.deps)],
    ["import --as", (id) => importRoutine(outside, { as: id }, f.deps)],
    ["import --as --force", (id) => importRoutine(outside, { as: id, force: true }, f.deps)],
    ["rm --yes", (id) => rm(id, { yes: true }, f.deps)],
    ["edit", (id) => edit(id, {}, f.deps)],
    ["export", (id) => exportRoutine(id, {}, f.deps)],
    ["new", (id) => newRoutine(id, {}, f.deps)],
  ];
  for (const [command, call] of cases) {
    it.each(badIds())(`${command}: %s`, async (_what, typed) => {
      const before = tree(sandbox);
      const error = await call(real(typed)).then(
        (code) => new Error(`returned ${code}`),
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).exitCode).toBe(1);
      expect(f.out()).toBe("");
      expect(tree(sandbox)).toEqual(before);
      expect(readFileSync(outside, "utf8")).toContain("Outside");
    });
  }

  it("saveUserRoutine checks the id before it checks or writes anything", async () => {
    const before = tree(sandbox);
    await expect(saveUserRoutine(f.deps.paths, "../evil", VALID, { replace: true })).rejects.toThrow(UserError);
    expect(tree(sandbox)).toEqual(before);
  });

  it("findRoutine refuses a path where an id belongs, before looking anywhere", async () => {
    await expect(findRoutine(f.deps.paths, "../outside")).rejects.toThrow(/not a valid routine id/);
  });
});

describe("a routine file that is a link to a file elsewhere", () => {
  beforeEach(() => {
    symlinkSync(outside, join(f.deps.paths.routinesDir, "linked.yaml"));
  });

  it("import --force replaces the link, never the file it points to", async () => {
    const source = join(sandbox, "new.yaml");
    writeFileSync(source, VALID.replace("Mine", "Replacement"));
    expect(await importRoutine(source, { as: "linked", force: true }, f.deps)).toBe(0);
    expect(readFileSync(outside, "utf8")).toContain("Outside");
    expect(readFileSync(join(f.deps.paths.routinesDir, "linked.yaml"), "utf8")).toContain("Replacement");
  });

  it("rm removes the link and leaves the file it points to", async () => {
    expect(await rm("linked", { yes: true }, f.deps)).toBe(0);
    expect(tree(sandbox)).not.toContain("soothe/routines/linked.yaml");
    expect(readFileSync(outside, "utf8")).toContain("Outside");
  });
});

describe("a routines folder that cannot be written", () => {
  // root writes through any mode bits, so this can only be seen as another user.
  it.skipIf(process.getuid?.() === 0)("is reported with the file, and nothing is half written", async () => {
    chmodSync(f.deps.paths.routinesDir, 0o500);
    try {
      await expect(copy("mine", "other", {}, f.deps)).rejects.toThrow(/cannot write .*other\.yaml: permission denied/);
    } finally {
      chmodSync(f.deps.paths.routinesDir, 0o700);
    }
    expect(tree(f.deps.paths.routinesDir)).toEqual(["mine.yaml"]);
  });
});
