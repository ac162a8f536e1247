import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { type Theme, loadTheme, plainTheme } from "../../src/ui/color.js";

// Every chain of styles the program uses, and a few it may use one day.
const CHAINS = [
  ["dim"],
  ["bold"],
  ["yellow"],
  ["green"],
  ["red"],
  ["cyan"],
  ["magenta"],
  ["italic"],
  ["yellow", "bold"],
  ["yellow", "bold", "inverse"],
  ["red", "bold", "inverse"],
  ["green", "bold"],
  ["dim", "bold"],
  ["cyan", "bold"],
  ["bgRed", "white", "underline"],
];

const pick = (theme: unknown, chain: string[]) =>
  chain.reduce((at, key) => (at as Record<string, unknown>)[key], theme) as (...texts: unknown[]) => string;

describe("plainTheme", () => {
  const chalk = new Chalk({ level: 0 });
  const plain = plainTheme();

  it("says it is level 0, as chalk without colour does", () => {
    expect(plain.level).toBe(0);
    expect((pick(plain, ["bold", "red"]) as unknown as Theme).level).toBe(0);
  });

  it("knows every style name chalk has, and nothing else (it is not a promise)", async () => {
    const names = new Set<string>();
    for (let at: object | null = chalk; at && at !== Function.prototype; at = Object.getPrototypeOf(at) as object | null) {
      for (const name of Object.getOwnPropertyNames(at)) names.add(name);
    }
    // Colours by number take arguments and are not used; the rest are the function's own properties.
    for (const name of ["length", "name", "level", "constructor", "rgb", "bgRgb", "hex", "bgHex", "ansi256", "bgAnsi256"]) {
      names.delete(name);
    }
    expect(names.size).toBeGreaterThan(40);
    for (const name of names) expect(typeof (plain as unknown as Record<string, unknown>)[name], name).toBe("function");
    expect((plain as unknown as Record<string, unknown>).then).toBeUndefined();
    await expect(Promise.resolve(plain)).resolves.toBe(plain);
  });

  it.each(CHAINS)("prints what chalk at level 0 prints: %s", (...chain) => {
    for (const args of [["text"], ["two", "words"], [""], [], [42, null]]) {
      expect(pick(plain, chain)(...args)).toBe(pick(chalk, chain)(...args));
    }
  });

  it("is used when colour is off, and chalk when it is on", async () => {
    const off = await loadTheme(false);
    const on = await loadTheme(true);
    expect(off("x")).toBe("x");
    expect(on.level).toBe(2);
    expect(on.red("x")).toBe("\u001b[31mx\u001b[39m");
  });
});
