// Writes schema/routine.schema.json from the zod definition in src/routine/schema.ts (`npm run schema`).
import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { routineJsonSchemaText } from "../src/routine/schema.js";

const target = new URL("../schema/routine.schema.json", import.meta.url);
await mkdir(new URL(".", target), { recursive: true });
await writeFile(target, routineJsonSchemaText());
process.stdout.write(`wrote ${fileURLToPath(target)}\n`);
