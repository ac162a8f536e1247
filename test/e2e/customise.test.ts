import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scriptedEditor } from "../helpers/editor.js";
import { tree } from "../helpers/files.js";
import { KEYS, runPiped, spawnPiped, spawnPty, type PtySession, type TempHome, eachTestInTempHome } from "./harness.js";

// Customising through the built program, as a person would: the builder under a pseudo-terminal, the routine
// commands, edit and config through pipes, and break reminders stopped with Ctrl-C.

let home: TempHome;
eachTestInTempHome((h) => (home = h));

const routines = () => join(home.dir, "routines");
const soothe = (args: string[], env: Record<string, string | undefined> = {}) => runPiped(args, { home, env, timeoutMs: 20_000 });

/** Waits for `prompt` on the screen, then types `keys`. */
async function answer(session: PtySession, prompt: string | RegExp, keys: string): Promise<void> {
  await session.waitForText(prompt, 20_000);
  session.press(keys);
}

describe("soothe new under a terminal", () => {
  it("builds a routine from typed answers; the file validates and show prints it", async () => {
    const session = spawnPty(["new"], { home, noColor: true });
    await answer(session, "? Name of the routine", `Lunch stretch${KEYS.enter}`);
    await answer(session, "? Id (", KEYS.enter);
    await answer(session, "? What is it for?", `Between meetings${KEYS.enter}`);
    await answer(session, "? What kind is step 1?", KEYS.enter);
    await answer(session, "? Title of this stretch step", `Knee to chest${KEYS.enter}`);
    await answer(session, "? Timed how?", KEYS.enter);
    // A wrong answer is refused where it is typed, and can be corrected.
    await answer(session, "? How long, for one side and one set?", `abc${KEYS.enter}`);
    await answer(session, 'not a duration: "abc"', `${KEYS.backspace.repeat(3)}45s${KEYS.enter}`);
    await answer(session, "? Which side?", `${KEYS.down}${KEYS.enter}`);
    await answer(session, "? How many sets?", KEYS.enter);
    await answer(session, "? A cue", `Lie on your back.${KEYS.enter}`);
    await answer(session, "? Cue 2", KEYS.enter);
    await answer(session, "? What kind is step 2?", KEYS.enter);
    await session.waitForText("Total 1m35s in 1 step", 20_000);
    await answer(session, "? Save lunch-stretch?", KEYS.enter);
    const { exitCode } = await session.waitForExit(20_000);
    expect(exitCode).toBe(0);
    const file = join(routines(), "lunch-stretch.yaml");
    expect(session.bufferText()).toContain(`Saved lunch-stretch: ${file}`);

    const validated = await soothe(["validate", file]);
    expect(validated.code).toBe(0);
    const shown = await soothe(["show", "lunch-stretch", "--json"]);
    expect(shown.code).toBe(0);
    const plan = JSON.parse(shown.stdout) as { name: string; total_s: number; segments: { title: string; side: string | null; duration_s: number }[] };
    expect(plan.name).toBe("Lunch stretch");
    expect(plan.segments.map((s) => [s.title, s.side, s.duration_s])).toEqual([
      ["Knee to chest", "left", 45],
      ["Switch sides", null, 5],
      ["Knee to chest", "right", 45],
    ]);
    const table = await soothe(["show", "lunch-stretch"]);
    expect(table.stdout).toContain("Lunch stretch");
    expect(table.stdout).toContain("Knee to chest");
  });

  it("Ctrl-C at a question exits 130 and saves nothing", async () => {
    const session = spawnPty(["new", "half-done"], { home, noColor: true });
    await answer(session, "? Name of the routine", `Half${KEYS.enter}`);
    await answer(session, "? What is it for?", KEYS.ctrlC);
    const { exitCode } = await session.waitForExit(20_000);
    expect(exitCode).toBe(130);
    expect(existsSync(join(routines(), "half-done.yaml"))).toBe(false);
  });

  it("without a terminal it says what to do instead, and exits 1", async () => {
    const result = await soothe(["new"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^soothe: soothe new asks its questions on a terminal/);
  });
});

describe("routine commands through a pipe", () => {
  it("copy, export, import, rm: a routine's round trip", async () => {
    expect((await soothe(["copy", "desk-break", "my-desk"])).code).toBe(0);
    const exported = await soothe(["export", "my-desk"]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^# yaml-language-server: \$schema=file:\/\/.*routine\.schema\.json\nname: Desk break\n/);
    const shared = join(home.userHome, "shared.yaml");
    writeFileSync(shared, exported.stdout.replace("name: Desk break", "name: From a friend"));
    const imported = await soothe(["import", shared, "--as", "friend"]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("Imported friend (From a friend)");
    const list = JSON.parse((await soothe(["list", "--json"])).stdout) as { id: string; source: string }[];
    expect(list.filter((e) => e.source === "user").map((e) => e.id)).toEqual(["friend", "my-desk"]);
    expect((await soothe(["import", shared, "--as", "friend"])).code).toBe(1);
    expect((await soothe(["rm", "friend"])).code).toBe(1);
    expect((await soothe(["rm", "friend", "--yes"])).code).toBe(0);
    expect(tree(routines())).toEqual(["my-desk.yaml"]);
    const builtin = await soothe(["rm", "desk-break", "--yes"]);
    expect(builtin.code).toBe(1);
    expect(builtin.stderr).toContain("is a built-in routine and cannot be removed");
  });

  it("refuses ids that are not ids, and writes nothing anywhere", async () => {
    const before = tree(home.dir);
    for (const id of ["../escape", "a/b", join(home.userHome, "abs"), "UPPER", "x".repeat(65)]) {
      const result = await soothe(["copy", "desk-break", id]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/is not a valid id for the copy: use lowercase letters, digits and dashes/);
    }
    expect(tree(home.dir)).toEqual(before);
    expect(tree(home.userHome)).toEqual([]);
  });

  it("an extra word is a usage error", async () => {
    const result = await soothe(["rm", "one", "two", "--yes"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("too many arguments");
  });
});

describe("soothe edit through a pipe", () => {
  it("saves a good edit; a broken one prints located errors, exits 1, and changes nothing", async () => {
    const good = scriptedEditor(home.userHome, [{ replace: "name: Desk break", with: "name: My desk break" }], "good-editor");
    const saved = await soothe(["edit", "desk-break"], { EDITOR: good.path });
    expect(saved.code).toBe(0);
    const file = join(routines(), "desk-break.yaml");
    expect(readFileSync(file, "utf8")).toContain("name: My desk break");
    const before = readFileSync(file, "utf8");

    const bad = scriptedEditor(home.userHome, [{ replace: "name: My desk break", with: "name: [unclosed" }], "bad-editor");
    const broken = await soothe(["edit", "desk-break"], { VISUAL: bad.path, EDITOR: good.path });
    expect(broken.code).toBe(1);
    expect(bad.opened()).toBe(1);
    expect(broken.stderr).toMatch(/\.editing\/desk-break\.yaml:\d+:\d+: /);
    expect(broken.stderr).toContain("the last good version is unchanged");
    expect(readFileSync(file, "utf8")).toBe(before);
  });
});

describe("soothe config through a pipe", () => {
  it("sets, gets and lists; unknown keys and bad values exit 1 with what is allowed; a mistyped action exits 2", async () => {
    expect((await soothe(["config", "set", "voice", "auto"])).code).toBe(0);
    expect((await soothe(["config", "get", "voice"])).stdout).toBe("auto\n");
    const listed = JSON.parse((await soothe(["config", "list", "--json"])).stdout) as Record<string, unknown>;
    expect(listed.voice).toBe("auto");
    const unknown = await soothe(["config", "get", "volume"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("Settings: lead_in, transition, sound, voice, voice_command, affected_side, pain_checkins, weekly_goal, color");
    const bad = await soothe(["config", "set", "color", "pink"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('soothe: color must be one of auto, always or never; got "pink"\n');
    const typo = await soothe(["config", "lsit"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("unknown command 'lsit'");
    expect((await soothe(["config", "path"])).stdout).toBe(`${join(home.dir, "config.json")}\n`);
  });

  it("a damaged settings file is reported by name and left as it was", async () => {
    const file = join(home.dir, "config.json");
    writeFileSync(file, "{ not json");
    for (const args of [["config", "list"], ["config", "set", "sound", "off"]]) {
      const result = await soothe(args);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`the settings file ${file} cannot be used`);
      expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    }
    // Listing needs the settings only for times: it lists with the defaults and says why.
    const listed = await soothe(["list"]);
    expect(listed.code).toBe(0);
    expect(listed.stderr).toContain(`times are shown with the default settings, because the settings file ${file} cannot be used`);
    expect(readFileSync(file, "utf8")).toBe("{ not json");
  });
});

describe("soothe remind", () => {
  it("piped, prints its plan on stderr and Ctrl-C (SIGINT) ends it with 130", async () => {
    const child = spawnPiped(["remind", "--every", "45m", "--times", "3"], { home });
    await child.waitForOutput("Break reminders: 3 reminders, every 45m", { stream: "stderr", timeoutMs: 20_000 });
    child.kill("SIGINT");
    const result = await child.exit;
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/Stopped: 0 reminders given\.\n$/);
    expect(result.stdout).toBe("");
  });

  it("under a terminal, Ctrl-C ends it cleanly", async () => {
    const session = spawnPty(["remind", "--every", "1h"], { home, noColor: true });
    await session.waitForText("Break reminders: every 1h", 20_000);
    session.press(KEYS.ctrlC);
    const { exitCode } = await session.waitForExit(20_000);
    expect(exitCode).toBe(130);
    expect(session.screenText()).toContain("Stopped: 0 reminders given.");
  });

  it("an interval under a minute is a usage error (exit 2)", async () => {
    const result = await soothe(["remind", "--every", "30s", "--no-input"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("is too short for the time between reminders (at least 1m)");
  });
});
