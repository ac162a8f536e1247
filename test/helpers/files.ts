import { readdirSync } from "node:fs";
import { join, relative } from "node:path";

/** Every file and folder under `dir`, as sorted paths relative to it (folders end in `/`). */
export function tree(dir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        found.push(`${relative(dir, path)}/`);
        walk(path);
      } else {
        found.push(relative(dir, path));
      }
    }
  };
  walk(dir);
  return found.sort();
}
