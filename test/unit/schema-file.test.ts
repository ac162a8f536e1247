import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { programmeJsonSchemaText } from "../../src/programme/schema.js";
import { routineJsonSchemaText } from "../../src/routine/schema.js";

describe.each([
  ["routine.schema.json", routineJsonSchemaText],
  ["programme.schema.json", programmeJsonSchemaText],
])("schema/%s", (name, fresh) => {
  it("matches the zod definition", async () => {
    const committed = await readFile(new URL(`../../schema/${name}`, import.meta.url), "utf8");
    // A plain boolean first, so that a stale file fails with the fix in the message rather than a long diff.
    expect(committed === fresh(), `schema/${name} is stale: run \`npm run schema\` and commit the result`).toBe(true);
  });
});
