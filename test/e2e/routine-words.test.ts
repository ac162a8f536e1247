// `soothe validate` through a pipe on files that used to let library words through: a Node process warning for a
// key that is a list, the YAML parser's advice for two documents, zod's wording for `$schema: 5`.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, runPiped, tempHome, type TempHome } from "./harness.js";

let home: TempHome;
let folder: string;

beforeAll(async () => {
  assertBuilt();
  home = await tempHome();
  folder = await mkdtemp(join(tmpdir(), "soothe-words-"));
});

afterAll(async () => {
  await home.cleanup();
  await rm(folder, { recursive: true, force: true });
});

const STEP = "steps:\n  - rest: R\n    duration: 5\n";

describe("validate says every problem in soothe's words", () => {
  it.each([
    ["list-key.yaml", `name: X\n? [a, b]\n: 1\n${STEP}`, "list-key.yaml:2:3: keys must be plain words, like name or steps"],
    ["two-docs.yaml", `name: X\n${STEP}---\nname: Y\n`, "two-docs.yaml:5:1: bad YAML: a second YAML document starts here"],
    ["schema-number.yaml", `$schema: 5\nname: X\n${STEP}`, "schema-number.yaml:1:10: $schema must be text (the path or web address of the schema), not a number"],
  ])("%s", async (name, text, says) => {
    await writeFile(join(folder, name), text);
    const result = await runPiped(["validate", name], { home, cwd: folder });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(says);
    expect(result.stderr).not.toMatch(/\(node:\d+\)|Warning:|parseAllDocuments|Invalid input|expected string/);
  });
});
