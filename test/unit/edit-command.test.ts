import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { edit } from "../../src/commands/edit.js";
import { editorCommand } from "../../src/editor.js";
import { EDITING_DIR } from "../../src/routine/working-copy.js";
import { CancelError, UserError } from "../../src/errors.js";
import { builtinDir } from "../../src/routine/catalog.js";
import { parseRoutine } from "../../src/routine/parse.js";
import { withSchemaLine } from "../../src/routine/user-routines.js";
import { scriptedEditor, type EditorStep, type ScriptedEditor } from "../helpers/editor.js";
import { makeDeps, type FakeDeps, promptsFor } from "../helpers/fake-deps.js";

// `soothe edit` with a scripted $EDITOR: a small program that changes the file the way a person would (a good edit,
// a broken one, a fix), so the whole flow runs with real files and a real child process.

const GOOD = withSchemaLine("name: Mine\nsteps:\n  - rest: Lie still\n    duration: 30s\n");

let fakes: FakeDeps[] = [];
afterEach(() => {
  for (const f of fakes) f.cleanup();
  fakes = [];
});

interface Setup {
  f: FakeDeps;
  editor: ScriptedEditor;
  /** The user's routine file. */
  file: string;
  /** The working copy the editor is given. */
  work: string;
  /** Answers for the select prompts, in order; what each asked is kept in `asked`. */
  asked: string[];
}

function setup(steps: EditorStep[], options: { tty?: boolean; answers?: (string | Error)[]; user?: string | null } = {}): Setup {
  const asked: string[] = [];
  const answers = [...(options.answers ?? [])];
  const prompts = promptsFor({
    select: async ({ message }) => {
      asked.push(message);
      const answer = answers.shift();
      if (answer === undefined) throw new Error(`unexpected question: ${message}`);
      if (answer instanceof Error) throw answer;
      return answer as never;
    },
  });
  const first = makeDeps();
  fakes.push(first);
  const editor = scriptedEditor(first.home, steps);
  const f = makeDeps({ tty: options.tty ?? false, envVars: { EDITOR: editor.path }, prompts });
  fakes.push(f);
  const file = join(f.deps.paths.routinesDir, "mine.yaml");
  if (options.user !== null) {
    mkdirSync(f.deps.paths.routinesDir, { recursive: true });
    writeFileSync(file, options.user ?? GOOD);
  }
  return { f, editor, file, work: join(f.deps.paths.routinesDir, EDITING_DIR, "mine.yaml"), asked };
}

const read = (file: string) => readFileSync(file, "utf8");
const BROKEN_EDIT: EditorStep = { replace: "name: Mine", with: "nam: Mine" };
const FIX: EditorStep = { replace: "nam: Mine", with: "name: Mine, fixed" };

describe("soothe edit, without a terminal", () => {
  it("saves a valid edit over the user's routine and removes the working copy", async () => {
    const { f, editor, file, work } = setup([{ replace: "30s", with: "45s" }]);
    expect(await edit("mine", {}, f.deps)).toBe(0);
    expect(read(file)).toBe(GOOD.replace("30s", "45s"));
    expect(f.out()).toBe(`Saved mine: ${file}\n`);
    expect(editor.calls()).toEqual([[work]]);
    expect(existsSync(work)).toBe(false);
  });

  it("gives the editor the working copy, never the routine itself", async () => {
    const { f, editor, file } = setup([{ nothing: true }]);
    expect(await edit("mine", {}, f.deps)).toBe(0);
    expect(editor.calls()[0]![0]).not.toBe(file);
    expect(editor.seen()).toEqual([GOOD]);
  });

  it("prints the errors with their lines, exits 1, and keeps the last good version", async () => {
    const { f, file, work } = setup([BROKEN_EDIT]);
    expect(await edit("mine", {}, f.deps)).toBe(1);
    expect(read(file)).toBe(GOOD);
    const err = f.err();
    expect(err).toContain(`${work}:2:1: unknown key "nam"; did you mean "name"?\n    2 | nam: Mine\n      | ^\n`);
    expect(err).toContain(`${work}:2:1: missing name`);
    expect(err).toContain(
      `soothe: not saved: your edit of mine has 2 problems, and the last good version is unchanged. Your changes are kept in ${work}; run soothe edit mine to go on with them, or delete that file to start again from the saved version.\n`,
    );
    expect(read(work)).toBe(GOOD.replace("name: Mine", "nam: Mine"));
  });

  it("an edit saved in another encoding than UTF-8 is not saved; the bad byte is shown at its line", async () => {
    const { f, file, work } = setup([{ replace: "rest: Lie still", with: "rest: Café break", encoding: "latin1" }]);
    expect(await edit("mine", {}, f.deps)).toBe(1);
    expect(read(file)).toBe(GOOD);
    expect(f.err()).toContain(`${work}:4:14: not UTF-8 text (byte 0xE9); save the file as UTF-8\n    4 |   - rest: Caf\ufffd break\n`);
  });

  it("goes on with the kept changes next time, and saves them once they are fixed", async () => {
    const { f, editor, file } = setup([BROKEN_EDIT, FIX]);
    expect(await edit("mine", {}, f.deps)).toBe(1);
    expect(await edit("mine", {}, f.deps)).toBe(0);
    expect(editor.seen()[1]).toBe(GOOD.replace("name: Mine", "nam: Mine"));
    expect(f.err()).toMatch(/Going on with your unsaved changes to mine from .*\.editing\/mine\.yaml\)\.\n/);
    expect(read(file)).toBe(GOOD.replace("name: Mine", "name: Mine, fixed"));
  });

  it("a built-in routine becomes the user's own copy once saved; the built-in is untouched", async () => {
    const { f, file } = setup([{ replace: "name: Desk break", with: "name: My desk break" }], { user: null });
    const builtin = join(builtinDir(), "desk-break.yaml");
    const before = read(builtin);
    expect(await edit("desk-break", {}, f.deps)).toBe(0);
    const copy = join(f.deps.paths.routinesDir, "desk-break.yaml");
    expect(read(copy)).toBe(withSchemaLine(before).replace("name: Desk break", "name: My desk break"));
    expect(read(builtin)).toBe(before);
    expect(f.err()).toContain(`desk-break is a built-in routine: your changes are saved as your own copy, ${copy}\n`);
    expect(existsSync(file)).toBe(false);
    expect(parseRoutine(read(copy), copy, "desk-break").routine?.name).toBe("My desk break");
  });

  it("a broken edit of a built-in leaves no copy behind", async () => {
    const { f } = setup([{ replace: "name: Desk break", with: "nme: Desk break" }], { user: null });
    expect(await edit("desk-break", {}, f.deps)).toBe(1);
    expect(existsSync(join(f.deps.paths.routinesDir, "desk-break.yaml"))).toBe(false);
    expect(f.err()).toContain("desk-break is still the built-in one");
  });

  it("saves nothing when nothing changed, and hints at editors that do not wait", async () => {
    const { f, file, work } = setup([{ nothing: true }], { user: null });
    expect(await edit("desk-break", {}, f.deps)).toBe(0);
    expect(f.out()).toBe("No changes to desk-break; nothing saved.\n");
    expect(f.err()).toContain('set VISUAL with its wait option, like VISUAL="code --wait"');
    expect(existsSync(join(f.deps.paths.routinesDir, "desk-break.yaml"))).toBe(false);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(work)).toBe(false);
  });

  it("an editor that fails saves nothing and exits 1", async () => {
    const { f, file } = setup([{ exit: 4 }]);
    expect(await edit("mine", {}, f.deps)).toBe(1);
    expect(read(file)).toBe(GOOD);
    expect(f.err()).toMatch(/the editor \(.*editor\) exited with code 4, so nothing was saved; mine is as it was\./);
  });

  it("an editor that cannot be found is a clear error", async () => {
    const { f } = setup([{ nothing: true }]);
    f.deps.env = { ...f.deps.env, EDITOR: join(f.home, "no-such-editor") };
    await expect(edit("mine", {}, f.deps)).rejects.toThrow(/cannot start the editor ".*no-such-editor": not found\. Set VISUAL or EDITOR/);
  });

  it("a stop signal while the editor is open stops it and keeps the changes", async () => {
    const { f, editor, file, work } = setup([{ hang: true, append: "# half done\n" }]);
    const running = edit("mine", {}, f.deps);
    for (let i = 0; i < 400 && !existsSync(editor.ready); i++) await new Promise((r) => setTimeout(r, 25));
    expect(existsSync(editor.ready)).toBe(true);
    f.signal("SIGTERM");
    expect(await running).toBe(143);
    expect(read(file)).toBe(GOOD);
    expect(read(work)).toBe(`${GOOD}# half done\n`);
    expect(f.err()).toContain("soothe: soothe was stopped by SIGTERM; nothing was saved.");
  });

  it("refuses a path and an unknown id", async () => {
    const { f } = setup([{ nothing: true }]);
    await expect(edit("./mine.yaml", {}, f.deps)).rejects.toThrow("soothe edit takes a routine id");
    await expect(edit("mien", {}, f.deps)).rejects.toThrow('no routine with the id "mien". Did you mean "mine"?');
  });
});

describe("soothe edit, on a terminal", () => {
  it("after a broken edit, edit again fixes it and saves", async () => {
    const { f, editor, file, asked } = setup([BROKEN_EDIT, FIX], { tty: true, answers: ["edit"] });
    expect(await edit("mine", {}, f.deps)).toBe(0);
    expect(asked).toEqual(["Your edit of mine has 2 problems. What now?"]);
    expect(editor.opened()).toBe(2);
    expect(f.err()).toContain('unknown key "nam"');
    expect(read(file)).toBe(GOOD.replace("name: Mine", "name: Mine, fixed"));
  });

  it("after a broken edit, discard keeps the last good version and drops the changes", async () => {
    const { f, file, work } = setup([BROKEN_EDIT], { tty: true, answers: ["discard"] });
    expect(await edit("mine", {}, f.deps)).toBe(0);
    expect(read(file)).toBe(GOOD);
    expect(existsSync(work)).toBe(false);
    expect(f.out()).toBe("Discarded your changes; mine is as it was.\n");
  });

  it("a broken edit made again and again is never saved", async () => {
    const { f, editor, file } = setup([BROKEN_EDIT, { append: "steps: 3\n" }], {
      tty: true,
      answers: ["edit", "edit", "discard"],
    });
    expect(await edit("mine", {}, f.deps)).toBe(0);
    expect(editor.opened()).toBe(3);
    expect(read(file)).toBe(GOOD);
  });

  it("Ctrl-C at the question saves nothing and keeps the changes", async () => {
    const { f, file, work } = setup([BROKEN_EDIT], { tty: true, answers: [new CancelError()] });
    await expect(edit("mine", {}, f.deps)).rejects.toBeInstanceOf(CancelError);
    expect(read(file)).toBe(GOOD);
    expect(read(work)).toBe(GOOD.replace("name: Mine", "nam: Mine"));
    expect(f.err()).toContain(`Your changes are kept in ${work}`);
  });

  it("offers to go on with changes an earlier edit left, or to start again", async () => {
    const { f, editor, work, asked } = setup([{ nothing: true }], { tty: true, answers: ["fresh"] });
    mkdirSync(join(f.deps.paths.routinesDir, EDITING_DIR), { recursive: true });
    writeFileSync(work, "left over\n");
    const left = new Date(2024, 11, 1, 19, 15);
    utimesSync(work, left, left);
    expect(await edit("mine", {}, f.deps)).toBe(0);
    // The one format of dates and times: "Sun 1 Dec 2024 19:15" (the year: not this year's), never "12/1/2024 07:15 PM".
    expect(asked[0]).toBe("You have changes to mine that were not saved (Sun 1 Dec 2024 19:15).");
    expect(editor.seen()).toEqual([GOOD]);
    expect(readdirSync(join(f.deps.paths.routinesDir, EDITING_DIR))).toEqual([]);
  });
});

describe("soothe's working folder, routines/.editing", () => {
  it("is never followed through a link: a link there is refused and what it points at is untouched", async () => {
    const { f, editor } = setup([{ nothing: true }]);
    const elsewhere = join(f.home, "elsewhere");
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, "mine.yaml"), "someone else's file\n");
    symlinkSync(elsewhere, join(f.deps.paths.routinesDir, EDITING_DIR));
    await expect(edit("mine", {}, f.deps)).rejects.toThrow(
      `${join(f.deps.paths.routinesDir, EDITING_DIR)} is a symbolic link to ${elsewhere}, which is a folder; soothe keeps its working copies there only as a folder of its own and never follows a link there.`,
    );
    expect(editor.seen()).toEqual([]);
    expect(readdirSync(elsewhere)).toEqual(["mine.yaml"]);
    expect(read(join(elsewhere, "mine.yaml"))).toBe("someone else's file\n");
  });

  it("refuses a working copy that is a link or not a regular file", async () => {
    const { f, editor, work } = setup([{ nothing: true }]);
    mkdirSync(join(f.deps.paths.routinesDir, EDITING_DIR), { recursive: true });
    const secret = join(f.home, "secret.txt");
    writeFileSync(secret, "private\n");
    symlinkSync(secret, work);
    await expect(edit("mine", {}, f.deps)).rejects.toThrow(`${work} is a symbolic link to ${secret}`);
    expect(editor.seen()).toEqual([]);
    expect(read(secret)).toBe("private\n");
  });
});

describe("editorCommand", () => {
  it.each([
    [{ VISUAL: "code --wait", EDITOR: "nano" }, "linux", ["code", "--wait"]],
    [{ VISUAL: undefined, EDITOR: "nano" }, "linux", ["nano"]],
    [{ VISUAL: "  ", EDITOR: "nano" }, "linux", ["nano"]],
    [{ VISUAL: undefined, EDITOR: undefined }, "linux", ["vi"]],
    [{ VISUAL: undefined, EDITOR: undefined }, "win32", ["notepad"]],
    [{ VISUAL: undefined, EDITOR: '"/opt/My Editor/edit" -w' }, "linux", ["/opt/My Editor/edit", "-w"]],
    [{ VISUAL: undefined, EDITOR: "'C:\\Program Files\\Ed\\ed.exe' /wait" }, "win32", ["C:\\Program Files\\Ed\\ed.exe", "/wait"]],
    [{ VISUAL: "vim; rm -rf x", EDITOR: undefined }, "linux", ["vim;", "rm", "-rf", "x"]],
  ] as const)("%j on %s runs %j", (env, platform, expected) => {
    expect(editorCommand(env, platform)).toEqual(expected);
  });

  it("reports an open quote", () => {
    expect(() => editorCommand({ VISUAL: undefined, EDITOR: '"code --wait' }, "linux")).toThrow(UserError);
    expect(() => editorCommand({ VISUAL: undefined, EDITOR: '"code --wait' }, "linux")).toThrow(/EDITOR .* cannot be used: a double quote is not closed/);
  });

  it("passes the arguments and then the file to the editor, without a shell", async () => {
    const { f, editor, work } = setup([{ nothing: true }]);
    f.deps.env = { ...f.deps.env, VISUAL: `${editor.path} --wait "two words" $HOME;` };
    expect(await edit("mine", {}, f.deps)).toBe(0);
    expect(editor.calls()).toEqual([["--wait", "two words", "$HOME;", work]]);
  });
});
