import type { Deps } from "../deps.js";
import { doseSentence, type DoseForRun } from "../programme/dose.js";
import { cleanText } from "../text.js";

/**
 * Says each dose the programme sets for this run, with its reason, one line each on stderr (so that a piped stdout
 * stays the run's own); on a terminal, when a dose goes up, asks whether to keep the previous one today.
 * Returns true when the person chose to keep it.
 */
export async function askDoses(doses: readonly DoseForRun[], interactive: boolean, deps: Pick<Deps, "stderr" | "errTheme" | "prompts">): Promise<boolean> {
  if (doses.length === 0) return false;
  deps.stderr.write(`${deps.errTheme.bold("Today's doses from your programme:")}\n`);
  for (const dose of doses) deps.stderr.write(`  ${cleanText(doseSentence(dose))}\n`);
  if (!interactive || !doses.some((d) => d.change === "up")) return false;
  return deps.prompts.confirm({ message: "Keep the previous dose today instead?", default: false });
}
