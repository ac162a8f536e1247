import { join } from "node:path";
import type { Paths } from "../env.js";

/** The programme in force: `programme.yaml` beside the settings. */
export function programmeFile(paths: Pick<Paths, "configDir">): string {
  return join(paths.configDir, "programme.yaml");
}
