// How settings reach the disk: a temporary file renamed over the real one (a link stays a link), under a lock
// between processes, and a full or read-only disk that leaves the old file where it was.
import * as fs from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { config } from "../../src/commands/config.js";
import { readEnv, resolvePaths, type Paths } from "../../src/env.js";
import { UserError } from "../../src/errors.js";
import { lockPath } from "../../src/files/lock.js";
import { checkValue, defaults } from "../../src/settings.js";
import { loadSettings } from "../../src/settings-load.js";
import { openSettings, resetSettingsFile } from "../../src/settings-file.js";
import { makeDeps } from "../helpers/fake-deps.js";

// Pass-through spies, so that a test can make one call fail as a full or read-only disk would.
vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>();
  return { ...actual, writeSync: vi.fn(actual.writeSync), renameSync: vi.fn(actual.renameSync), copyFileSync: vi.fn(actual.copyFileSync) };
});

let dir: string;
let paths: Paths;
beforeEach(() => {
  dir = fs.mkdtempSync(join(tmpdir(), "soothe-settings-write-"));
  paths = resolvePaths(readEnv({ SOOTHE_HOME: join(dir, "soothe"), HOME: dir }));
  fs.mkdirSync(paths.configDir, { recursive: true });
});
afterEach(() => {
  vi.mocked(fs.writeSync).mockClear();
  fs.rmSync(dir, { recursive: true, force: true });
});

const fail = (code: string) => () => {
  throw Object.assign(new Error(`${code}: simulated`), { code });
};

const OLD = `${JSON.stringify({ lead_in: 12, sound: false, __internal__: { migrations: { version: "0.1.0" } } })}\n`;

describe("writing the settings", () => {
  it("keeps a link to a dotfiles repository a link, and writes through it", async () => {
    const dotfiles = join(dir, "dotfiles");
    fs.mkdirSync(dotfiles);
    fs.writeFileSync(join(dotfiles, "soothe.json"), OLD);
    fs.symlinkSync(join(dotfiles, "soothe.json"), paths.configFile);
    (await openSettings(paths)).set("weekly_goal", 3);
    expect(fs.lstatSync(paths.configFile).isSymbolicLink()).toBe(true);
    expect(JSON.parse(fs.readFileSync(join(dotfiles, "soothe.json"), "utf8"))).toMatchObject({ lead_in: 12, weekly_goal: 3 });
    // No temporary or lock file is left behind, in either folder.
    expect(fs.readdirSync(dotfiles)).toEqual(["soothe.json"]);
    expect(fs.readdirSync(paths.configDir)).toEqual(["config.json"]);
  });

  it("reads the file again under the lock before changing it, so a change made meanwhile is kept", async () => {
    fs.writeFileSync(paths.configFile, OLD);
    const mine = await openSettings(paths);
    const theirs = await openSettings(paths);
    theirs.set("voice", "on");
    mine.set("weekly_goal", 4);
    expect(await loadSettings(paths)).toMatchObject({ voice: "on", weekly_goal: 4, lead_in: 12 });
  });

  it("waits for a lock held by a live process, and breaks one left by a process that is gone", async () => {
    fs.writeFileSync(paths.configFile, OLD);
    const lock = lockPath(paths.configFile);
    fs.writeFileSync(lock, JSON.stringify({ pid: 2 ** 22 + 7, host: (await import("node:os")).hostname(), at: Date.now() }));
    (await openSettings(paths)).set("weekly_goal", 6);
    expect(fs.existsSync(lock)).toBe(false);
    expect((await loadSettings(paths)).weekly_goal).toBe(6);
  });

  it.each(["ENOSPC", "EROFS"])("%s while saving a value: the old file is as it was, and the message names the cause", async (code) => {
    fs.writeFileSync(paths.configFile, OLD);
    const store = await openSettings(paths);
    vi.mocked(fs.writeSync).mockImplementationOnce(fail(code));
    expect(() => store.set("weekly_goal", 2)).toThrow(UserError);
    expect(fs.readFileSync(paths.configFile, "utf8")).toBe(OLD);
    expect(fs.readdirSync(paths.configDir)).toEqual(["config.json"]);
  });

  it.each([
    ["ENOSPC", "the disk is full (ENOSPC)", "taking the lock"],
    ["ENOSPC", "the disk is full (ENOSPC)", "writing the new file"],
    ["EROFS", "the file system is read-only (EROFS)", "taking the lock"],
    ["EROFS", "the file system is read-only (EROFS)", "writing the new file"],
  ])("config reset with %s %s: either done, or the old file is left where it was", async (code, words, when) => {
    fs.writeFileSync(paths.configFile, OLD);
    const writes = vi.mocked(fs.writeSync);
    // The lock is written first; let it through to fail the new file itself.
    if (when === "writing the new file") writes.mockImplementationOnce((await vi.importActual<typeof fs>("node:fs")).writeSync);
    writes.mockImplementationOnce(fail(code));
    const error = await resetSettingsFile(paths).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(UserError);
    expect(error!.message).toContain(words);
    expect(error!.message).toContain("it is as it was");
    expect(fs.readFileSync(paths.configFile, "utf8")).toBe(OLD);
    expect(fs.readdirSync(paths.configDir)).toEqual(["config.json"]);
    // And when the disk is fine again, it completes, keeping the old file.
    expect(await resetSettingsFile(paths)).toEqual({ path: paths.configFile, backup: `${paths.configFile}.bak` });
    expect(fs.readFileSync(`${paths.configFile}.bak`, "utf8")).toBe(OLD);
    expect(await loadSettings(paths)).toEqual(defaults());
  });

  it("config reset keeps a link a link, with the old contents copied aside", async () => {
    const target = join(dir, "dotfiles.json");
    fs.writeFileSync(target, OLD);
    fs.symlinkSync(target, paths.configFile);
    await resetSettingsFile(paths);
    expect(fs.lstatSync(paths.configFile).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(`${paths.configFile}.bak`, "utf8")).toBe(OLD);
    expect(await loadSettings(paths)).toEqual(defaults());
  });
});

describe("control characters in settings", () => {
  const OSC52 = "espeak\u001b]52;c;ZWNobyBoaQ==\u0007";

  it("are refused by the check, which shows them escaped", () => {
    const problem = checkValue("voice_command", OSC52);
    expect(problem).toContain("voice_command must be text without control characters");
    expect(problem).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(checkValue("voice_command", "say\u009b31m")).not.toMatch(/[\u007f-\u009f]/);
    expect(checkValue("voice_command", "espeak-ng -s 120")).toBeNull();
  });

  it("config set refuses one and config get never echoes one from the file", async () => {
    const f = makeDeps({ envVars: { PATH: "" } });
    try {
      const set = config("set", ["voice_command", OSC52], {}, f.deps);
      await expect(set).rejects.toThrow(UserError);
      await set.catch((error: Error) => expect(error.message).not.toMatch(/\u001b|\u0007/));
      expect(fs.existsSync(f.deps.paths.configFile)).toBe(false);
      fs.mkdirSync(f.deps.paths.configDir, { recursive: true });
      fs.writeFileSync(f.deps.paths.configFile, JSON.stringify({ voice_command: OSC52 }));
      const get = config("get", ["voice_command"], {}, f.deps);
      await get.then(
        () => undefined,
        (error: Error) => expect(error.message).not.toMatch(/\u001b|\u0007/),
      );
      expect(f.out()).not.toMatch(/\u001b|\u0007/);
    } finally {
      f.cleanup();
    }
  });
});
