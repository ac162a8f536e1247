import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { routineJsonSchemaText } from "../../src/routine/schema.js";

describe("schema/routine.schema.json", () => {
  it("matches the zod definition", async () => {
    const committed = await readFile(new URL("../../schema/routine.schema.json", import.meta.url), "utf8");
    const fresh = routineJsonSchemaText();
    // A plain boolean first, so that a stale file fails with the fix in the message rather than a long diff.
    expect(committed === fresh, "schema/routine.schema.json is stale: run `npm run schema` and commit the result").toBe(
      true,
    );
  });
});
