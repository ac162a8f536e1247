import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { config, settingsMenu } from "../../src/commands/config.js";
import type { Prompts, Settings } from "../../src/deps.js";
import { UserError } from "../../src/errors.js";
import { SETTING_KEYS, type SettingKey, defaults } from "../../src/settings.js";
import { parseSetting } from "../../src/settings-text.js";
import { renderSettingsTable } from "../../src/ui/settings-view.js";
import { createTheme } from "../../src/ui/theme.js";
import { makeDeps, type FakeDeps } from "../helpers/fake-deps.js";

let f: FakeDeps;
beforeEach(() => {
  f = makeDeps({ envVars: { PATH: "" } });
});
afterEach(() => f.cleanup());

const file = () => f.deps.paths.configFile;
const stored = () => JSON.parse(readFileSync(file(), "utf8")) as Record<string, unknown>;
const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    (value) => new Error(`resolved with ${String(value)}`),
    (error: unknown) => error,
  );

/** Runs `soothe config <action> <args>` and returns its exit code. */
const run = (action: string, args: string[] = [], json = false) => config(action, args, json ? { json } : {}, f.deps);

describe("soothe config list", () => {
  it("shows every setting the issue names, with its value and default", async () => {
    expect(await run("list")).toBe(0);
    const lines = f.out().split("\n");
    expect(lines[0]).toMatch(/^key\s+value\s+default\s+description$/);
    for (const key of ["lead_in", "transition", "sound", "voice", "voice_command", "affected_side", "pain_checkins", "weekly_goal", "color"]) {
      expect(lines.some((line) => line.startsWith(`${key} `))).toBe(true);
    }
    expect(lines.find((l) => l.startsWith("lead_in "))).toMatch(/^lead_in\s+5s\s+5s\s+time to get ready/);
    expect(lines.find((l) => l.startsWith("voice "))).toMatch(/^voice\s+off\s+off\s+speak cues aloud/);
    expect(lines.find((l) => l.startsWith("affected_side "))).toMatch(/^affected_side\s+unset\s+unset\s/);
    // Reading creates nothing.
    expect(existsSync(file())).toBe(false);
  });

  it("--json prints only the settings, defaults filled in", async () => {
    writeFileSync(file(), JSON.stringify({ lead_in: 12, voice: "auto" }));
    expect(await run("list", [], true)).toBe(0);
    expect(JSON.parse(f.out())).toEqual({ ...defaults(), lead_in: 12, voice: "auto" });
    expect(f.err()).toBe("");
  });

  it("fits the table to the terminal, wrapping descriptions", () => {
    const lines = renderSettingsTable({ ...defaults(), voice_command: "espeak-ng -s 120" }, createTheme(false), 60);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
    expect(lines.find((l) => l.startsWith("voice_command"))).toContain("espeak-ng -s 120");
  });
});

describe("soothe config get", () => {
  it.each([
    ["lead_in", "5s"],
    ["transition", "5s"],
    ["sound", "on"],
    ["voice", "off"],
    ["voice_command", "unset"],
    ["affected_side", "unset"],
    ["pain_checkins", "on"],
    ["weekly_goal", "5"],
    ["color", "auto"],
  ])("%s is %s by default", async (key, shown) => {
    expect(await run("get", [key])).toBe(0);
    expect(f.out()).toBe(`${shown}\n`);
  });

  it("takes lead-in for lead_in", async () => {
    expect(await run("get", ["lead-in"])).toBe(0);
    expect(f.out()).toBe("5s\n");
  });

  it("an unknown key exits 1 and lists every setting", async () => {
    const error = await errorOf(run("get", ["voise"]));
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(1);
    expect((error as Error).message).toBe(`unknown setting "voise". Did you mean "voice"? Settings: ${SETTING_KEYS.join(", ")}.`);
  });
});

describe("soothe config set", () => {
  it.each<[SettingKey, string, unknown, string]>([
    ["lead_in", "10s", 10, "10s"],
    ["lead_in", "0", 0, "0s"],
    ["lead_in", "1m30s", 90, "1m30s"],
    ["transition", "2.5", 2.5, "2.5s"],
    ["transition", "0s", 0, "0s"],
    ["sound", "off", false, "off"],
    ["sound", "Yes", true, "on"],
    ["voice", "auto", "auto", "auto"],
    ["voice", "ON", "on", "on"],
    ["voice_command", 'espeak-ng -v "en gb"', 'espeak-ng -v "en gb"', 'espeak-ng -v "en gb"'],
    ["voice_command", "unset", "", "unset"],
    ["affected_side", "left", "left", "left"],
    ["affected_side", "none", null, "unset"],
    ["pain_checkins", "false", false, "off"],
    ["weekly_goal", "21", 21, "21"],
    ["color", "never", "never", "never"],
  ])("%s %j is stored as %j and shown as %j", async (key, typed, value, shown) => {
    expect(await run("set", [key, typed])).toBe(0);
    expect(stored()[key]).toEqual(value);
    expect(f.out()).toBe(`${key} is now ${shown}.\n`);
    expect(await run("get", [key])).toBe(0);
    expect(f.out()).toBe(`${key} is now ${shown}.\n${shown}\n`);
  });

  it.each<[SettingKey, string, string]>([
    ["lead_in", "abc", "a duration like 10s or 1m30s, or 0"],
    ["lead_in", "-3", "a duration like 10s or 1m30s, or 0"],
    ["lead_in", "1.5", "a duration like 10s or 1m30s, or 0"],
    ["transition", "soon", "a duration like 10s or 1m30s, or 0"],
    ["sound", "maybe", "on or off"],
    ["voice", "loud", "one of off, auto or on"],
    ["affected_side", "both", "one of left, right or unset"],
    ["pain_checkins", "2", "on or off"],
    ["weekly_goal", "0", "a whole number from 1 to 21"],
    ["weekly_goal", "22", "a whole number from 1 to 21"],
    ["weekly_goal", "3.5", "a whole number from 1 to 21"],
    ["color", "sometimes", "one of auto, always or never"],
  ])("%s %j exits 1, says what is allowed, and writes nothing", async (key, typed, allowed) => {
    const error = await errorOf(run("set", [key, typed]));
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(1);
    expect((error as Error).message).toMatch(new RegExp(`^${key} must be ${allowed.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}; got "`));
    expect(existsSync(file())).toBe(false);
  });

  it("suggests the close choice", () => {
    expect(parseSetting("voice", "aoto")).toEqual({ problem: 'voice must be one of off, auto or on; got "aoto"; did you mean "auto"?' });
  });

  it("an open quote in the voice command is refused", () => {
    expect(parseSetting("voice_command", 'say "hi')).toEqual({
      problem: "voice_command: a double quote is not closed; quote words with spaces, as in a shell",
    });
  });

  it("an unknown key exits 1 and lists every setting", async () => {
    await expect(run("set", ["speed", "2"])).rejects.toThrow(`Settings: ${SETTING_KEYS.join(", ")}.`);
    expect(existsSync(file())).toBe(false);
  });

  it("keeps the other settings and writes a private file", async () => {
    await run("set", ["lead_in", "8s"]);
    await run("set", ["color", "always"]);
    expect(stored()).toMatchObject({ lead_in: 8, color: "always" });
    expect((await import("node:fs")).statSync(file()).mode & 0o777).toBe(0o600);
  });

  it("warns when voice is turned on and nothing can speak", async () => {
    expect(await run("set", ["voice", "on"])).toBe(0);
    expect(f.err()).toBe(
      "soothe: warning: no speech program was found: install espeak-ng (or espeak, spd-say), or name one with: soothe config set voice_command <program>\n",
    );
  });

  it("does not warn when a speech program is on the PATH", async () => {
    const bin = join(f.home, "bin");
    mkdirSync(bin);
    writeFileSync(join(bin, "espeak-ng"), "#!/bin/sh\n");
    chmodSync(join(bin, "espeak-ng"), 0o755);
    f.deps.env = { ...f.deps.env, PATH: bin };
    expect(await run("set", ["voice", "on"])).toBe(0);
    expect(f.err()).toBe("");
  });

  it("warns when the voice command names a program that is not there", async () => {
    await run("set", ["voice", "auto"]);
    expect(await run("set", ["voice_command", "my-speaker --fast"])).toBe(0);
    expect(f.err()).toBe('soothe: warning: "my-speaker" (from voice_command) was not found\n');
  });
});

describe("a damaged settings file", () => {
  const DAMAGED = '{"lead_in": 5, "voice": "loud"';

  beforeEach(() => {
    mkdirSync(f.deps.paths.configDir, { recursive: true });
    writeFileSync(file(), DAMAGED);
  });

  it.each([
    ["list", []],
    ["get", ["voice"]],
    ["set", ["voice", "on"]],
    ["reset", ["voice"]],
  ] as const)("config %s reports it by name and leaves it as it is", async (action, args) => {
    const error = await errorOf(run(action, [...args]));
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(1);
    expect((error as Error).message).toMatch(
      new RegExp(`^the settings file ${file().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} cannot be used: it is not valid JSON .*Fix it by hand, or run \`soothe config reset\``),
    );
    expect(readFileSync(file(), "utf8")).toBe(DAMAGED);
  });

  it("a value out of range is named", async () => {
    writeFileSync(file(), JSON.stringify({ weekly_goal: 40 }));
    await expect(run("list")).rejects.toThrow("cannot be used: weekly_goal must be a whole number from 1 to 21; got 40.");
    expect(stored()).toEqual({ weekly_goal: 40 });
  });

  it("config reset moves it aside, never deleting it, and starts from the defaults", async () => {
    expect(await run("reset")).toBe(0);
    expect(f.out()).toBe(`Settings are back to their defaults. The old file is kept as ${file()}.bak\n`);
    expect(readFileSync(`${file()}.bak`, "utf8")).toBe(DAMAGED);
    expect(await run("list", [], true)).toBe(0);
    expect(JSON.parse(f.out().split("\n").slice(1).join("\n"))).toEqual(defaults());
  });
});

describe("soothe config reset and path", () => {
  it("resets one setting to its default and keeps the rest", async () => {
    await run("set", ["lead_in", "20s"]);
    await run("set", ["sound", "off"]);
    expect(await run("reset", ["lead_in"])).toBe(0);
    expect(f.out()).toContain("lead_in is back to its default: 5s.\n");
    expect(stored()).toMatchObject({ lead_in: 5, sound: false });
  });

  it("resets all of them", async () => {
    await run("set", ["sound", "off"]);
    expect(await run("reset")).toBe(0);
    expect(await run("get", ["sound"])).toBe(0);
    expect(f.out().trimEnd().split("\n").at(-1)).toBe("on");
  });

  it("says when there was nothing to reset", async () => {
    expect(await run("reset")).toBe(0);
    expect(f.out()).toBe("Settings are at their defaults.\n");
  });

  it("an unknown key to reset exits 1", async () => {
    await expect(run("reset", ["nope"])).rejects.toThrow(/^unknown setting "nope"/);
  });

  it("path prints where the file is, even before it exists", async () => {
    expect(await run("path")).toBe(0);
    expect(f.out()).toBe(`${join(f.home, "config.json")}\n`);
  });
});

describe("the settings menu", () => {
  interface Script {
    select: unknown[];
    input: string[];
  }

  function scripted(script: Script) {
    const asked: { kind: string; message: string; choices?: string[]; validate?: (v: string) => true | string; default?: unknown }[] = [];
    const prompts: Prompts = {
      select: async (options) => {
        asked.push({ kind: "select", message: options.message, choices: options.choices.map((c) => c.name), default: options.default });
        if (script.select.length === 0) throw new Error(`unexpected select: ${options.message}`);
        return script.select.shift() as never;
      },
      input: async (options) => {
        asked.push({ kind: "input", message: options.message, ...(options.validate ? { validate: options.validate } : {}), default: options.default });
        const answer = script.input.shift();
        if (answer === undefined) throw new Error(`unexpected input: ${options.message}`);
        return answer;
      },
      confirm: async () => {
        throw new Error("not asked");
      },
      number: async () => {
        throw new Error("not asked");
      },
    };
    f.deps.prompts = prompts;
    return asked;
  }

  it("changes settings with the prompt each needs, then Back", async () => {
    const asked = scripted({ select: ["voice", "auto", "sound", false, "lead_in", "\u0000back"], input: ["12s"] });
    await settingsMenu(f.deps);
    expect(stored()).toMatchObject({ voice: "auto", sound: false, lead_in: 12 });
    expect(f.out()).toBe("voice is now auto.\nsound is now off.\nlead_in is now 12s.\n");
    const menu = asked[0]!;
    expect(menu.choices).toHaveLength(SETTING_KEYS.length + 1);
    expect(menu.choices![0]).toMatch(/^lead_in\s+5s$/);
    const voice = asked[1]!;
    expect(voice.choices).toEqual(["off", "auto", "on"]);
    expect(voice.default).toBe("off");
    // The menu comes back on the setting just changed.
    expect(asked[2]!.default).toBe("voice");
    const leadIn = asked.find((a) => a.kind === "input")!;
    expect(leadIn.default).toBe("5s");
    expect(leadIn.validate!("abc")).toBe('lead_in must be a duration like 10s or 1m30s, or 0; got "abc"');
    expect(leadIn.validate!("1m")).toBe(true);
  });

  it("an unchanged answer writes nothing", async () => {
    scripted({ select: ["color", "auto", "\u0000back"], input: [] });
    await settingsMenu(f.deps);
    expect(existsSync(file())).toBe(false);
    expect(f.out()).toBe("");
  });

  it("offers to reset a damaged file, keeping it as .bak", async () => {
    mkdirSync(f.deps.paths.configDir, { recursive: true });
    writeFileSync(file(), "not json");
    const asked = scripted({ select: ["\u0000reset", "\u0000back"], input: [] });
    await settingsMenu(f.deps);
    expect(asked[0]!.message).toBe("The settings file cannot be used.");
    expect(f.err()).toMatch(/soothe: the settings file .* cannot be used: it is not valid JSON/);
    expect(readFileSync(`${file()}.bak`, "utf8")).toBe("not json");
    expect(f.out()).toContain("Settings are back to their defaults.");
  });

  it("Back on a damaged file leaves it alone", async () => {
    mkdirSync(f.deps.paths.configDir, { recursive: true });
    writeFileSync(file(), "not json");
    scripted({ select: ["\u0000back"], input: [] });
    await settingsMenu(f.deps);
    expect(readFileSync(file(), "utf8")).toBe("not json");
    expect(existsSync(`${file()}.bak`)).toBe(false);
  });
});

// Keep the type import used: the settings the menu shows are the Settings shape.
const _shape: Settings = defaults();
void _shape;
