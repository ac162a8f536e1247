// Writes the JSON Schemas in schema/ from the zod definitions (`npm run schema`); a test fails when one is stale.
import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { routineJsonSchemaText } from "../src/routine/schema.js";

/** Writes one schema, as `text`, to `schema/<name>.schema.json`. */
async function writeSchema(name: string, text: string): Promise<void> {
  const target = new URL(`../schema/${name}.schema.json`, import.meta.url);
  await mkdir(new URL(".", target), { recursive: true });
  await writeFile(target, text);
  process.stdout.write(`wrote ${fileURLToPath(target)}\n`);
}

await writeSchema("routine", routineJsonSchemaText());
