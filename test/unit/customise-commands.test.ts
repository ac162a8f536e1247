import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { copy } from "../../src/commands/copy.js";
import { exportRoutine } from "../../src/commands/export.js";
import { importRoutine } from "../../src/commands/import.js";
import { rm } from "../../src/commands/rm.js";
import type { Prompts } from "../../src/deps.js";
import { CancelError, RoutineError, UserError } from "../../src/errors.js";
import { builtinDir } from "../../src/routine/catalog.js";
import { parseRoutine } from "../../src/routine/parse.js";
import { schemaLine, schemaUrl, withSchemaLine } from "../../src/routine/user-routines.js";
import { makeDeps, type FakeDeps, type FakeOutput } from "../helpers/fake-deps.js";
import { tree } from "../helpers/files.js";

const VALID = "name: Mine\nsteps:\n  - rest: Lie still\n    duration: 30s\n";
const BROKEN = "name: Broken\nsteps:\n  - strech: Knee to chest\n    hold: 30s\n";
/** VALID with a title saved in Latin-1: the byte 0xE9 at line 3, column 14, is not UTF-8. */
const LATIN1 = Buffer.concat([Buffer.from("name: Mine\nsteps:\n  - rest: Caf"), Buffer.from([0xe9]), Buffer.from("\n    duration: 30s\n")]);

let f: FakeDeps;
let dir: string;
beforeEach(() => {
  f = makeDeps();
  dir = f.deps.paths.routinesDir;
});
afterEach(() => f.cleanup());

/** Starts again with deps whose streams are a terminal. */
function onTerminal(): void {
  f.cleanup();
  f = makeDeps({ tty: true });
  dir = f.deps.paths.routinesDir;
}

function userFile(id: string, text: string | Uint8Array, ext = ".yaml"): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, id + ext);
  writeFileSync(file, text);
  return file;
}

function outsideFile(name: string, text: string | Uint8Array): string {
  const file = join(f.home, name);
  writeFileSync(file, text);
  return file;
}

const read = (file: string) => readFileSync(file, "utf8");
const builtin = (id: string) => read(join(builtinDir(), `${id}.yaml`));
const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    (value) => new Error(`resolved with ${String(value)}`),
    (error: unknown) => error,
  );

/** Parses a saved file as the routine `id`; the test fails with its problems when it does not validate. */
function expectValid(file: string, id: string): void {
  const result = parseRoutine(read(file), file, id);
  expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
  expect(result.routine).toBeDefined();
}

describe("withSchemaLine", () => {
  it("adds the schema line when there is none", () => {
    expect(withSchemaLine(VALID)).toBe(`${schemaLine()}\n${VALID}`);
  });

  it("points a built-in's relative line at this installation's schema", () => {
    const text = "# yaml-language-server: $schema=../schema/routine.schema.json\nname: X\n";
    expect(withSchemaLine(text)).toBe(`${schemaLine()}\nname: X\n`);
    expect(schemaLine()).toBe(`# yaml-language-server: $schema=${schemaUrl()}`);
    expect(schemaUrl()).toMatch(/^file:\/\/.*\/schema\/routine\.schema\.json$/);
    expect(existsSync(new URL(schemaUrl()))).toBe(true);
  });

  it("keeps a line that points at some other schema, and comments before the first key", () => {
    const text = "# my notes\n# yaml-language-server: $schema=https://example.org/mine.json\nname: X\n";
    expect(withSchemaLine(text)).toBe(text);
  });

  it("keeps Windows line ends and drops a byte-order mark", () => {
    expect(withSchemaLine("\ufeffname: X\r\nsteps: []\r\n")).toBe(`${schemaLine()}\r\nname: X\r\nsteps: []\r\n`);
  });

  it("looks only above the first key", () => {
    const text = "name: X\n# yaml-language-server: $schema=../schema/routine.schema.json\n";
    expect(withSchemaLine(text)).toBe(`${schemaLine()}\n${text}`);
  });
});

describe("soothe copy", () => {
  it("copies a built-in routine to the user's folder with the schema line, in a private file", async () => {
    expect(await copy("desk-break", "my-desk", {}, f.deps)).toBe(0);
    const file = join(dir, "my-desk.yaml");
    expect(read(file)).toBe(withSchemaLine(builtin("desk-break")));
    expect(read(file).split("\n")[0]).toBe(schemaLine());
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expectValid(file, "my-desk");
    expect(f.out()).toBe(`Copied desk-break to my-desk: ${file}\nChange it with: soothe edit my-desk\n`);
  });

  it("copies the user's own routine, which shadows the built-in of its id", async () => {
    userFile("desk-break", VALID);
    expect(await copy("desk-break", "second", {}, f.deps)).toBe(0);
    expect(read(join(dir, "second.yaml"))).toBe(withSchemaLine(VALID));
  });

  it("says when the copy takes the place of a built-in routine", async () => {
    userFile("mine", VALID);
    expect(await copy("mine", "desk-break", {}, f.deps)).toBe(0);
    expect(f.out()).toContain("It is used instead of the built-in desk-break; soothe rm desk-break brings the built-in back.");
  });

  it("refuses an id the user already has and leaves that routine as it was", async () => {
    userFile("mine", VALID);
    const other = userFile("other", VALID.replace("Mine", "Other"));
    const error = await errorOf(copy("mine", "other", {}, f.deps));
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(
      `you already have a routine "other" (${other}); choose another id, or remove yours first with: soothe rm other`,
    );
    expect(read(other)).toContain("Other");
  });

  it("refuses a .yml routine of the same id too", async () => {
    userFile("mine", VALID);
    userFile("other", VALID, ".yml");
    await expect(copy("mine", "other", {}, f.deps)).rejects.toThrow(/already have a routine "other"/);
    expect(existsSync(join(dir, "other.yaml"))).toBe(false);
  });

  it("reports a broken source in its own file and writes nothing", async () => {
    const file = userFile("broken", BROKEN);
    const error = await errorOf(copy("broken", "fixed", {}, f.deps));
    expect(error).toBeInstanceOf(RoutineError);
    expect((error as RoutineError).problems[0]).toMatchObject({ file, line: 3, col: 5 });
    expect(tree(dir)).toEqual(["broken.yaml"]);
  });

  it("refuses a source that is not UTF-8, at the line of the bad byte", async () => {
    const file = userFile("latin1", LATIN1);
    const error = await errorOf(copy("latin1", "fixed", {}, f.deps));
    expect(error).toBeInstanceOf(RoutineError);
    expect((error as RoutineError).problems[0]).toMatchObject({ file, line: 3, col: 14, message: expect.stringContaining("not UTF-8") });
    expect(tree(dir)).toEqual(["latin1.yaml"]);
  });

  it("names the closest ids for an unknown routine", async () => {
    await expect(copy("desk-brake", "x", {}, f.deps)).rejects.toThrow('no routine with the id "desk-brake". Did you mean "desk-break"?');
  });

  it("sends a path to import instead", async () => {
    await expect(copy("./mine.yaml", "x", {}, f.deps)).rejects.toThrow("soothe import ./mine.yaml --as x");
  });
});

describe("soothe rm", () => {
  function prompts(answer: boolean | Error): Prompts & { asked: string[] } {
    const asked: string[] = [];
    return {
      asked,
      select: async () => {
        throw new Error("not asked");
      },
      input: async () => {
        throw new Error("not asked");
      },
      confirm: async ({ message }) => {
        asked.push(message);
        if (answer instanceof Error) throw answer;
        return answer;
      },
      number: async () => {
        throw new Error("not asked");
      },
    };
  }

  it("removes the user's routine with --yes, asking nothing", async () => {
    const file = userFile("mine", VALID);
    expect(await rm("mine", { yes: true }, f.deps)).toBe(0);
    expect(existsSync(file)).toBe(false);
    expect(f.out()).toBe(`Removed mine (${file}).\n`);
  });

  it("without --yes and without a terminal, removes nothing and says how", async () => {
    const file = userFile("mine", VALID);
    await expect(rm("mine", {}, f.deps)).rejects.toThrow(
      "there is no terminal to ask on before removing mine; to remove it, run: soothe rm mine --yes",
    );
    expect(existsSync(file)).toBe(true);
  });

  it("asks on a terminal, naming the routine; no keeps it", async () => {
    onTerminal();
    const file = userFile("mine", VALID);
    const ask = prompts(false);
    f.deps.prompts = ask;
    expect(await rm("mine", {}, f.deps)).toBe(0);
    expect(ask.asked).toEqual(["Remove your routine mine (Mine)? This cannot be undone."]);
    expect(existsSync(file)).toBe(true);
    expect(f.out()).toBe("Nothing removed; mine is still there.\n");
  });

  it("asks on a terminal; yes removes it", async () => {
    onTerminal();
    const file = userFile("mine", BROKEN);
    const ask = prompts(true);
    f.deps.prompts = ask;
    expect(await rm("mine", {}, f.deps)).toBe(0);
    // A broken file can be removed too; its name is then not shown.
    expect(ask.asked).toEqual(["Remove your routine mine? This cannot be undone."]);
    expect(existsSync(file)).toBe(false);
  });

  it("Ctrl-C at the question removes nothing", async () => {
    onTerminal();
    const file = userFile("mine", VALID);
    f.deps.prompts = prompts(new CancelError());
    await expect(rm("mine", {}, f.deps)).rejects.toBeInstanceOf(CancelError);
    expect(existsSync(file)).toBe(true);
  });

  it("says a built-in routine cannot be removed, and how to change it instead", async () => {
    const error = await errorOf(rm("desk-break", { yes: true }, f.deps));
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(1);
    expect((error as Error).message).toMatch(/^"desk-break" is a built-in routine and cannot be removed\. To change it, run soothe edit desk-break/);
  });

  it("removing the user's copy of a built-in brings the built-in back", async () => {
    userFile("desk-break", VALID);
    expect(await rm("desk-break", { yes: true }, f.deps)).toBe(0);
    expect(f.out()).toContain("The built-in desk-break is used again.");
  });

  it("removes a .yml routine", async () => {
    const file = userFile("mine", VALID, ".yml");
    expect(await rm("mine", { yes: true }, f.deps)).toBe(0);
    expect(existsSync(file)).toBe(false);
  });

  it("names the closest of the user's ids for an unknown one", async () => {
    userFile("my-back", VALID);
    await expect(rm("my-bak", { yes: true }, f.deps)).rejects.toThrow('you have no routine with the id "my-bak". Did you mean "my-back"?');
  });
});

describe("soothe export", () => {
  it("prints a built-in routine's YAML exactly as stored", async () => {
    expect(await exportRoutine("desk-break", {}, f.deps)).toBe(0);
    expect(f.out()).toBe(builtin("desk-break"));
    expect(f.err()).toBe("");
  });

  it("prints the user's copy when there is one", async () => {
    userFile("desk-break", VALID);
    expect(await exportRoutine("desk-break", {}, f.deps)).toBe(0);
    expect(f.out()).toBe(VALID);
  });

  it("still prints a broken routine, with a warning on stderr", async () => {
    const file = userFile("broken", BROKEN);
    expect(await exportRoutine("broken", {}, f.deps)).toBe(0);
    expect(f.out()).toBe(BROKEN);
    expect(f.err()).toBe(`soothe: warning: broken has 1 problem and will not run as it is; see them with: soothe validate ${file}\n`);
  });

  it("prints a file that is not UTF-8 byte for byte, with a warning", async () => {
    const file = userFile("latin1", LATIN1);
    expect(await exportRoutine("latin1", {}, f.deps)).toBe(0);
    expect((f.deps.stdout as FakeOutput).bytes()).toEqual(LATIN1);
    expect(f.err()).toContain(`latin1 has 1 problem and will not run as it is; see them with: soothe validate ${file}`);
  });

  it("on a terminal, leaves out escape sequences and says how to get the exact file; redirected, keeps them", async () => {
    const text = "name: Loud\u001b]0;pwned\u0007\nsteps:\n  - rest: Rest\u001b[2J\u009b31m here\r\n    duration: 30s\n";
    userFile("loud", text);
    expect(await exportRoutine("loud", {}, f.deps)).toBe(0);
    expect(f.out()).toBe(text);
    onTerminal();
    userFile("loud", text);
    expect(await exportRoutine("loud", {}, f.deps)).toBe(0);
    expect(f.out()).toBe("name: Loud\nsteps:\n  - rest: Rest here\n    duration: 30s\n");
    expect(f.err()).toContain("loud holds control characters, left out above; for the exact file: soothe export loud > loud.yaml");
  });

  it("on a terminal, prints a clean file exactly as stored", async () => {
    onTerminal();
    expect(await exportRoutine("desk-break", {}, f.deps)).toBe(0);
    expect(f.out()).toBe(builtin("desk-break"));
    expect(f.err()).toBe("");
  });

  it("refuses an unknown id and a path", async () => {
    await expect(exportRoutine("nothing-here", {}, f.deps)).rejects.toThrow(UserError);
    await expect(exportRoutine("x/y.yaml", {}, f.deps)).rejects.toThrow("soothe export takes a routine id, not a path");
    expect(f.out()).toBe("");
  });
});

describe("soothe import", () => {
  it("checks the file and adds it under its file name, with the schema line", async () => {
    const source = outsideFile("lunch.yaml", VALID);
    expect(await importRoutine(source, {}, f.deps)).toBe(0);
    const file = join(dir, "lunch.yaml");
    expect(read(file)).toBe(withSchemaLine(VALID));
    expectValid(file, "lunch");
    expect(f.out()).toBe(`Imported lunch (Mine): ${file}\nRun it with: soothe run lunch\n`);
  });

  it("takes another id with --as", async () => {
    const source = outsideFile("lunch.yaml", VALID);
    expect(await importRoutine(source, { as: "noon" }, f.deps)).toBe(0);
    expect(tree(dir)).toEqual(["noon.yaml"]);
  });

  it("asks for --as when the file name is not an id, with one to use", async () => {
    const source = outsideFile("My Lunch.yaml", VALID);
    await expect(importRoutine(source, {}, f.deps)).rejects.toThrow(/the file name "My Lunch" is not a routine id .*--as my-lunch/);
    expect(existsSync(dir)).toBe(false);
  });

  it("writes nothing when the file has errors, and prints every one located", async () => {
    const source = outsideFile("broken.yaml", BROKEN);
    expect(await importRoutine(source, {}, f.deps)).toBe(1);
    expect(f.err()).toBe(
      `${source}:3:5: unknown step kind "strech"; did you mean "stretch"?\n` +
        `soothe: ${source} has problems, so nothing was imported; fix them and import it again.\n`,
    );
    expect(existsSync(dir)).toBe(false);
  });

  it("refuses to replace a routine of the user's without --force", async () => {
    const mine = userFile("lunch", VALID.replace("Mine", "Old"));
    const source = outsideFile("lunch.yaml", VALID);
    await expect(importRoutine(source, {}, f.deps)).rejects.toThrow(
      `you already have a routine "lunch" (${mine}); to replace it, add --force, or import it under another id with --as <id>`,
    );
    expect(read(mine)).toContain("Old");
  });

  it("replaces it with --force, also when it is a .yml file", async () => {
    const mine = userFile("lunch", VALID.replace("Mine", "Old"), ".yml");
    const source = outsideFile("lunch.yaml", VALID);
    expect(await importRoutine(source, { force: true }, f.deps)).toBe(0);
    expect(read(mine)).toBe(withSchemaLine(VALID));
    expect(tree(dir)).toEqual(["lunch.yml"]);
    expect(f.out()).toMatch(/^Replaced lunch \(Mine\)/);
  });

  it("an invalid file never replaces a good one, even with --force", async () => {
    const mine = userFile("lunch", VALID);
    const source = outsideFile("lunch.yaml", BROKEN);
    expect(await importRoutine(source, { force: true }, f.deps)).toBe(1);
    expect(read(mine)).toBe(VALID);
  });

  it("says when the import takes the place of a built-in routine", async () => {
    const source = outsideFile("desk-break.yaml", VALID);
    expect(await importRoutine(source, {}, f.deps)).toBe(0);
    expect(f.out()).toContain("It is used instead of the built-in desk-break");
  });

  it("shows the name without terminal escapes", async () => {
    const source = outsideFile("odd.yaml", 'name: "Red\\e[31m alert\\u0007"\nsteps:\n  - rest: Still\n    duration: 5s\n');
    expect(await importRoutine(source, {}, f.deps)).toBe(0);
    expect(f.out()).toMatch(/^Imported odd \(Red alert\)/);
    expect(f.out()).not.toMatch(/[\u0000-\u0008\u001b]/);
  });

  it("writes nothing when the file is not UTF-8, and says where the bad byte is", async () => {
    const source = outsideFile("latin1.yaml", LATIN1);
    expect(await importRoutine(source, {}, f.deps)).toBe(1);
    expect(f.err()).toBe(
      `${source}:3:14: not UTF-8 text (byte 0xE9); save the file as UTF-8\n` +
        `soothe: ${source} has problems, so nothing was imported; fix them and import it again.\n`,
    );
    expect(existsSync(dir)).toBe(false);
  });

  it("reports a missing file by name", async () => {
    await expect(importRoutine(join(f.home, "nope.yaml"), {}, f.deps)).rejects.toThrow(/nope\.yaml: cannot read: no such file/);
  });

  it("round-trips with export", async () => {
    expect(await exportRoutine("nerve-glides", {}, f.deps)).toBe(0);
    const source = outsideFile("shared.yaml", f.out());
    expect(await importRoutine(source, { as: "from-a-friend" }, f.deps)).toBe(0);
    expect(read(join(dir, "from-a-friend.yaml"))).toBe(withSchemaLine(builtin("nerve-glides")));
  });
});
