import { describe, expect, it } from "vitest";
import { asciiOnly, readEnv, resolvePaths } from "../../src/env.js";
import { colorEnabled } from "../../src/ui/color.js";

describe("resolvePaths", () => {
  it("keeps everything under SOOTHE_HOME when set", () => {
    const paths = resolvePaths(readEnv({ SOOTHE_HOME: "/tmp/s", HOME: "/home/u" }));
    expect(paths).toEqual({
      configDir: "/tmp/s",
      configFile: "/tmp/s/config.json",
      dataDir: "/tmp/s",
      historyFile: "/tmp/s/history.jsonl",
      routinesDir: "/tmp/s/routines",
    });
  });

  it.each([
    [{ HOME: "/home/u" }, "/home/u/.config/soothe/config.json", "/home/u/.local/share/soothe/history.jsonl"],
    [{ HOME: "/home/u", XDG_CONFIG_HOME: "/c", XDG_DATA_HOME: "/d" }, "/c/soothe/config.json", "/d/soothe/history.jsonl"],
  ])("uses the XDG places %#", (env, config, history) => {
    const paths = resolvePaths(readEnv(env));
    expect(paths.configFile).toBe(config);
    expect(paths.historyFile).toBe(history);
    expect(paths.routinesDir).toBe(config.replace("config.json", "routines"));
  });
});

describe("colour and ASCII rules", () => {
  it.each([
    [{}, true, undefined, true],
    [{}, false, undefined, false],
    [{ NO_COLOR: "1" }, true, undefined, false],
    [{ TERM: "dumb" }, true, undefined, false],
    [{}, true, false, false],
    [{ FORCE_COLOR: "1" }, false, undefined, true],
    [{ NO_COLOR: "" }, true, undefined, true],
  ])("env %j on tty=%s flag=%s gives colour %s", (env, tty, flag, expected) => {
    expect(colorEnabled(readEnv(env), { isTTY: tty }, flag)).toBe(expected);
  });

  it.each([
    [{ TERM: "dumb", LANG: "en_US.UTF-8" }, true],
    [{ LANG: "C" }, true],
    [{ LANG: "en_GB.UTF-8" }, false],
    [{ LC_ALL: "C.utf8", LANG: "C" }, false],
    [{}, false],
  ])("asciiOnly(%j) is %s", (env, expected) => {
    expect(asciiOnly(readEnv(env))).toBe(expected);
  });
});
