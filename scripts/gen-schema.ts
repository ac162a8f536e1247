// Writes schema/routine.schema.json and schema/programme.schema.json from the zod definitions in
// src/routine/schema.ts and src/programme/schema.ts (`npm run schema`).
import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { programmeJsonSchemaText } from "../src/programme/schema.js";
import { routineJsonSchemaText } from "../src/routine/schema.js";

const schemas: [string, () => string][] = [
  ["routine.schema.json", routineJsonSchemaText],
  ["programme.schema.json", programmeJsonSchemaText],
];
for (const [name, text] of schemas) {
  const target = new URL(`../schema/${name}`, import.meta.url);
  await mkdir(new URL(".", target), { recursive: true });
  await writeFile(target, text());
  process.stdout.write(`wrote ${fileURLToPath(target)}\n`);
}
