import * as fs from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { readEnv, resolvePaths, type Paths } from "../../src/env.js";
import { UserError } from "../../src/errors.js";
import { defaults, readColorSetting, readSettingsQuickly } from "../../src/settings.js";
import { loadSettings } from "../../src/settings-load.js";
import { openSettings, resetSettingsFile } from "../../src/settings-file.js";

// A pass-through spy on rename, the last step of every settings write: each test can tell whether a read wrote.
vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>();
  return { ...actual, renameSync: vi.fn(actual.renameSync) };
});
const writes = () => vi.mocked(fs.renameSync).mock.calls.length;

let dir: string;
let paths: Paths;
beforeEach(() => {
  dir = fs.mkdtempSync(join(tmpdir(), "soothe-settings-read-"));
  paths = resolvePaths(readEnv({ SOOTHE_HOME: join(dir, "soothe"), HOME: dir }));
  vi.mocked(fs.renameSync).mockClear();
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function writeConfig(data: unknown): void {
  fs.mkdirSync(paths.configDir, { recursive: true });
  fs.writeFileSync(paths.configFile, typeof data === "string" ? data : JSON.stringify(data));
}

const CURRENT = { __internal__: { migrations: { version: "0.1.0" } } };

describe("reading the settings quickly", () => {
  it("gives the defaults without writing, and without creating anything, when there is no file", async () => {
    expect(await loadSettings(paths)).toEqual(defaults());
    expect(writes()).toBe(0);
    expect(fs.existsSync(paths.configDir)).toBe(false);
  });

  it("reads a file soothe wrote directly; only the changes wrote", async () => {
    const store = await openSettings(paths);
    store.set("voice", "on");
    store.set("affected_side", "left");
    // The new file with its migration mark, then one write a change.
    expect(writes()).toBe(3);
    expect(await loadSettings(paths)).toEqual({ ...defaults(), voice: "on", affected_side: "left" });
    expect(writes()).toBe(3);
  });

  it("fills in keys a current file lacks, and ignores keys it does not know", () => {
    writeConfig({ ...CURRENT, lead_in: 12, cadence: "calm" });
    expect(readSettingsQuickly(paths.configFile)).toEqual({ ...defaults(), lead_in: 12 });
  });

  it("leaves a file without the migration mark to openSettings, which brings it up to date once", async () => {
    writeConfig({ lead_in: 3 });
    expect(readSettingsQuickly(paths.configFile)).toBeNull();
    expect(await loadSettings(paths)).toEqual({ ...defaults(), lead_in: 3 });
    expect(writes()).toBe(1);
    // The version is recorded: the next read is quick.
    expect(readSettingsQuickly(paths.configFile)).toEqual({ ...defaults(), lead_in: 3 });
    expect(await loadSettings(paths)).toEqual({ ...defaults(), lead_in: 3 });
    expect(writes()).toBe(1);
  });

  it("leaves an older migration version to openSettings", () => {
    writeConfig({ __internal__: { migrations: { version: "0.0.1" } }, lead_in: 3 });
    expect(readSettingsQuickly(paths.configFile)).toBeNull();
  });

  it.each([
    ["not JSON", "{ lead_in: 5,"],
    ["not an object", "[1, 2]"],
    ["a bad value", JSON.stringify({ ...CURRENT, lead_in: "abc" })],
    ["a bad colour", JSON.stringify({ ...CURRENT, color: "purple" })],
  ])("leaves a file with %s to the slow path, which reports it", async (_name, text) => {
    writeConfig(text);
    expect(readSettingsQuickly(paths.configFile)).toBeNull();
    await expect(loadSettings(paths)).rejects.toThrow(UserError);
    await expect(loadSettings(paths)).rejects.toThrow(/run `soothe config reset`/);
  });
});

describe("readColorSetting", () => {
  it.each([
    ["no file", null, "auto"],
    ["never", { ...CURRENT, color: "never" }, "never"],
    ["always, in a file without the migration mark", { color: "always" }, "always"],
    ["a bad colour", { color: "purple" }, "auto"],
    ["a good colour beside a bad value", { color: "never", lead_in: -4 }, "never"],
    ["not JSON", "{ color: never", "auto"],
    ["an array", "[]", "auto"],
  ])("%s gives %s", (_name, data, expected) => {
    if (data !== null) writeConfig(data);
    expect(readColorSetting(paths.configFile)).toBe(expected);
    expect(writes()).toBe(0);
  });

  it("is auto when the settings file is a folder", () => {
    fs.mkdirSync(paths.configFile, { recursive: true });
    expect(readColorSetting(paths.configFile)).toBe("auto");
  });
});

describe("resetSettingsFile", () => {
  it("never overwrites an earlier backup", async () => {
    writeConfig("{ first");
    await resetSettingsFile(paths);
    (await openSettings(paths)).set("lead_in", 9);
    const second = fs.readFileSync(paths.configFile, "utf8");
    const result = await resetSettingsFile(paths);
    expect(result.backup).toBe(`${paths.configFile}.bak.1`);
    expect(fs.readFileSync(`${paths.configFile}.bak`, "utf8")).toBe("{ first");
    expect(fs.readFileSync(`${paths.configFile}.bak.1`, "utf8")).toBe(second);
    expect(await loadSettings(paths)).toEqual(defaults());
  });
});
