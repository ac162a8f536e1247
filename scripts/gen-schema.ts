// Writes the JSON Schemas in schema/ from the zod definitions in src/routine/schema.ts and src/programme/schema.ts
// (`npm run schema`); a test fails when one is stale.
import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { programmeJsonSchemaText } from "../src/programme/schema.js";
import { routineJsonSchemaText } from "../src/routine/schema.js";

/** Writes one schema, as `text`, to `schema/<name>`. */
async function writeSchema(name: string, text: string): Promise<void> {
  const target = new URL(`../schema/${name}`, import.meta.url);
  await mkdir(new URL(".", target), { recursive: true });
  await writeFile(target, text);
  process.stdout.write(`wrote ${fileURLToPath(target)}\n`);
}

await writeSchema("routine.schema.json", routineJsonSchemaText());
await writeSchema("programme.schema.json", programmeJsonSchemaText());
