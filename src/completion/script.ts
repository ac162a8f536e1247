import { bashScript } from "./bash.js";
import { fishScript } from "./fish.js";
import type { CommandSpec } from "./model.js";
import { safeWord } from "./words.js";
import { zshScript } from "./zsh.js";

/** Shells with a completion script. */
export const SHELLS = ["bash", "zsh", "fish"] as const;
export type Shell = (typeof SHELLS)[number];

/** The completion script for `shell`. Pure. */
export function completionScript(shell: Shell, model: CommandSpec[], bin = "soothe"): string {
  for (const spec of model) {
    for (const word of [...spec.path, ...spec.commands.map((c) => c.name), ...spec.options.flatMap((o) => o.flags)]) {
      safeWord(word);
    }
  }
  safeWord(bin);
  if (shell === "bash") return bashScript(model, bin);
  if (shell === "zsh") return zshScript(model, bin);
  return fishScript(model, bin);
}
