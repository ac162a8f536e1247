import type { Deps } from "../deps.js";
import { asciiOnly } from "../env.js";
import { renderSafety } from "../ui/safety-view.js";

/** `soothe safety`: the red-flag symptoms that need urgent care, when to see a doctor, and the sources. */
export async function safety(_opts: object, deps: Deps): Promise<number> {
  const lines = renderSafety({
    theme: deps.theme,
    ascii: asciiOnly(deps.env),
    columns: deps.stdout.columns ?? 80,
    sources: true,
  });
  deps.stdout.write(lines.map((line) => `${line}\n`).join(""));
  return 0;
}
