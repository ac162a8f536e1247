import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const CARE = join(import.meta.dirname, "../../src/care");

/** Every module specifier a file imports. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^import[^"']*["']([^"']+)["']/gm)].map((m) => m[1]!);
}

describe("src/care: the rules about the body stay pure", () => {
  const files = readdirSync(CARE).filter((f) => f.endsWith(".ts"));

  it("holds the red flags, heat and cold, and pain change", () => {
    expect(files).toEqual(expect.arrayContaining(["red-flags.ts", "heat-cold.ts", "pain-change.ts"]));
  });

  it.each(files)("%s imports nothing from ui/, commands/ or a terminal library", (file) => {
    const bad = importsOf(join(CARE, file)).filter((spec) =>
      /(^|\/)(ui|commands|session)\/|^(chalk|ora|@inquirer\/prompts|node:tty|node:readline)$/.test(spec),
    );
    expect(bad).toEqual([]);
  });

  it.each(files)("%s takes from history/ only its types and closed lists (history/types.ts), as src/README.md says", (file) => {
    const other = importsOf(join(CARE, file)).filter((spec) => spec.includes("history/") && !spec.endsWith("history/types.js"));
    expect(other).toEqual([]);
  });
});
