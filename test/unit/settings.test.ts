import * as fs from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readEnv, resolvePaths, type Paths } from "../../src/env.js";
import { UserError } from "../../src/errors.js";
import { SETTINGS, SETTING_KEYS, checkValue, defaults, describe as describeSchema } from "../../src/settings.js";
import { loadSettings } from "../../src/settings-load.js";
import { openSettings, resetSettingsFile } from "../../src/settings-file.js";

let dir: string;
let paths: Paths;
beforeEach(() => {
  dir = fs.mkdtempSync(join(tmpdir(), "soothe-settings-"));
  paths = resolvePaths(readEnv({ SOOTHE_HOME: join(dir, "home", "soothe"), HOME: dir }));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function writeConfig(text: string): Buffer {
  fs.mkdirSync(paths.configDir, { recursive: true });
  fs.writeFileSync(paths.configFile, text);
  return fs.readFileSync(paths.configFile);
}

async function openError(): Promise<UserError> {
  const error = await openSettings(paths).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

describe("settings", () => {
  it("starts from the defaults, in a 0600 file in a 0700 folder", async () => {
    // Reading alone creates nothing (it takes the quick path); the file appears when the settings are opened.
    expect(await loadSettings(paths)).toEqual(defaults());
    expect(fs.existsSync(paths.configDir)).toBe(false);
    await openSettings(paths);
    expect(fs.statSync(paths.configDir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(paths.configFile).mode & 0o777).toBe(0o600);
    const store = await openSettings(paths);
    expect(store.path).toBe(paths.configFile);
    expect(store.get("lead_in")).toBe(5);
  });

  it("keeps what is set, across opens, and resets one or all", async () => {
    const store = await openSettings(paths);
    store.set("lead_in", 10);
    store.set("sound", false);
    store.set("transition", 2.5);
    expect(store.get("lead_in")).toBe(10);
    expect(await loadSettings(paths)).toEqual({ ...defaults(), lead_in: 10, transition: 2.5, sound: false });
    expect(fs.statSync(paths.configFile).mode & 0o777).toBe(0o600);

    store.reset("sound");
    expect((await openSettings(paths)).all()).toEqual({ ...defaults(), lead_in: 10, transition: 2.5, sound: true });
    store.reset();
    expect((await openSettings(paths)).all()).toEqual(defaults());
  });

  it("refuses a value the table does not allow, and leaves the file as it was", async () => {
    const store = await openSettings(paths);
    store.set("lead_in", 8);
    const before = fs.readFileSync(paths.configFile);
    expect(() => store.set("lead_in", -1)).toThrow(new UserError("lead_in must be a whole number, 0 or more; got -1"));
    expect(() => store.set("lead_in", 1.5)).toThrow("lead_in must be a whole number, 0 or more; got 1.5");
    expect(() => store.set("sound", "yes" as unknown as boolean)).toThrow('sound must be true or false; got "yes"');
    expect(fs.readFileSync(paths.configFile).equals(before)).toBe(true);
  });

  it("accepts a hand-written file and keeps keys it does not know (a newer soothe's)", async () => {
    writeConfig(JSON.stringify({ lead_in: 3, cadence: "calm" }));
    const store = await openSettings(paths);
    expect(store.all()).toEqual({ ...defaults(), lead_in: 3 });
    store.set("sound", false);
    expect(JSON.parse(fs.readFileSync(paths.configFile, "utf8"))).toMatchObject({ lead_in: 3, cadence: "calm", sound: false });
  });

  it.each([
    ["not JSON", "{ lead_in: 5,", /it is not valid JSON/],
    ["not an object", "[1, 2]", /it should hold a JSON object of settings/],
    ["a bad value", JSON.stringify({ lead_in: "abc", sound: true }), /lead_in must be a whole number, 0 or more; got "abc"/],
    ["two bad values", JSON.stringify({ lead_in: -3, sound: "no" }), /lead_in must be .*got -3; sound must be true or false; got "no"/],
    [
      "a bad value with conf's bookkeeping",
      JSON.stringify({ transition: -1, __internal__: { migrations: { version: "0.1.0" } } }),
      /transition must be a number, 0 or more; got -1/,
    ],
  ])("a file with %s is a clear error that names it, and is never rewritten", async (_name, text, reason) => {
    const before = writeConfig(text);
    const stat = fs.statSync(paths.configFile);
    const error = await openError();
    expect(error.message).toContain(`the settings file ${paths.configFile} cannot be used: `);
    expect(error.message).toMatch(reason);
    expect(error.message).toMatch(/run `soothe config reset` to go back to the defaults\.$/);
    await expect(loadSettings(paths)).rejects.toThrow(UserError);
    expect(fs.readFileSync(paths.configFile).equals(before)).toBe(true);
    expect(fs.statSync(paths.configFile).mtimeMs).toBe(stat.mtimeMs);
    expect(fs.readdirSync(paths.configDir)).toEqual(["config.json"]);
  });

  it("says so when the file cannot be read", async () => {
    fs.mkdirSync(paths.configFile, { recursive: true });
    const error = await openError();
    expect(error.message).toBe(
      `the settings file ${paths.configFile} cannot be used: it is a folder, not a regular file. ` +
        "Fix it by hand, or run `soothe config reset` to go back to the defaults.",
    );
  });

  it("says where when the folder cannot be made", async () => {
    fs.mkdirSync(join(dir, "home"));
    fs.writeFileSync(paths.configDir, "");
    const error = await openError();
    expect(error.message).toBe(
      `cannot create the settings folder ${paths.configDir}: ${paths.configDir} is a regular file, not a folder. ` +
        "Fix that, or set SOOTHE_HOME to a folder you can write to.",
    );
  });

  it("resetSettingsFile moves a damaged file aside and starts from the defaults", async () => {
    const before = writeConfig("{ broken");
    const result = await resetSettingsFile(paths);
    expect(result).toEqual({ path: paths.configFile, backup: `${paths.configFile}.bak` });
    expect(fs.readFileSync(`${paths.configFile}.bak`).equals(before)).toBe(true);
    expect(await loadSettings(paths)).toEqual(defaults());
    const fresh = resolvePaths(readEnv({ SOOTHE_HOME: join(dir, "fresh"), HOME: dir }));
    expect(await resetSettingsFile(fresh)).toEqual({ path: fresh.configFile, backup: null });
  });
});

describe("the settings table", () => {
  it("has a default that passes its own check, and a description, for every key", () => {
    for (const key of SETTING_KEYS) {
      expect(checkValue(key, SETTINGS[key].default)).toBeNull();
      expect(SETTINGS[key].description.length).toBeGreaterThan(10);
    }
  });

  it.each([
    [{ type: "integer", minimum: 0 }, "a whole number, 0 or more"],
    [{ type: "number", minimum: 1, maximum: 7 }, "a number from 1 to 7"],
    [{ type: "boolean" }, "true or false"],
    [{ type: ["string", "null"], enum: ["left", "right", null] }, 'one of "left", "right" or null'],
  ] as const)("describes %j as %s", (schema, text) => {
    expect(describeSchema(schema)).toBe(text);
  });
});
