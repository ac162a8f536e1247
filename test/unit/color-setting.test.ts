import { describe, expect, it } from "vitest";
import { readEnv } from "../../src/env.js";
import { colorEnabled } from "../../src/ui/color.js";

type Setting = "auto" | "always" | "never";

describe("colour: flag and environment, then the setting, then the terminal", () => {
  it.each<[string, NodeJS.ProcessEnv, boolean, boolean | undefined, Setting, boolean]>([
    // The terminal decides only under auto.
    ["auto on a terminal", {}, true, undefined, "auto", true],
    ["auto in a pipe", {}, false, undefined, "auto", false],
    ["auto with TERM=dumb", { TERM: "dumb" }, true, undefined, "auto", false],
    // The setting beats the terminal, both ways.
    ["always in a pipe", {}, false, undefined, "always", true],
    ["always with TERM=dumb", { TERM: "dumb" }, false, undefined, "always", true],
    ["never on a terminal", {}, true, undefined, "never", false],
    // --no-color and NO_COLOR beat the setting.
    ["--no-color over always", {}, true, false, "always", false],
    ["NO_COLOR over always", { NO_COLOR: "1" }, true, undefined, "always", false],
    ["NO_COLOR over FORCE_COLOR", { NO_COLOR: "1", FORCE_COLOR: "1" }, true, undefined, "auto", false],
    // FORCE_COLOR speaks for this one run, like NO_COLOR: it beats the lasting setting.
    ["FORCE_COLOR over never", { FORCE_COLOR: "1" }, false, undefined, "never", true],
    ["an empty NO_COLOR does not count", { NO_COLOR: "" }, false, undefined, "always", true],
  ])("%s", (_name, env, tty, flag, setting, expected) => {
    expect(colorEnabled(readEnv(env), { isTTY: tty }, flag, setting)).toBe(expected);
  });

  it("defaults to auto when no setting is given", () => {
    expect(colorEnabled(readEnv({}), { isTTY: true })).toBe(true);
    expect(colorEnabled(readEnv({}), { isTTY: false })).toBe(false);
  });
});
