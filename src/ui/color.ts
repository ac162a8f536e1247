import type { Env } from "../env.js";
import type { Theme } from "./theme.js";

// Deciding on colour, and the plain theme, without loading chalk: theme.ts (which loads it) is imported only when
// colour is on.

export type { Theme };

/**
 * Whether to colour `stream`, strongest first: `--no-color` and NO_COLOR turn it off; FORCE_COLOR turns it on;
 * then the `color` setting (`never` or `always`); then TERM=dumb is off; and otherwise colour only on a TTY.
 * The environment and the flag speak for this one run, so they beat the lasting setting.
 */
export function colorEnabled(
  env: Env,
  stream: { isTTY?: boolean },
  flag?: boolean,
  setting: "auto" | "always" | "never" = "auto",
): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR) return true;
  if (setting === "never") return false;
  if (setting === "always") return true;
  if (env.TERM === "dumb") return false;
  return stream.isTTY === true;
}

/**
 * A theme that colours nothing, without loading chalk: what chalk does at level 0 (arguments joined by spaces,
 * any chain of styles). Output to a pipe, or with NO_COLOR, then starts without chalk's import cost.
 */
export function plainTheme(): Theme {
  const paint = (...texts: unknown[]) => texts.join(" ");
  const theme: Theme = new Proxy(paint, {
    // Only style names chain; anything else (`then` above all, or the promise would never settle) is absent.
    get: (_target, key) => (key === "level" ? 0 : typeof key === "string" && STYLES.has(key) ? theme : undefined),
    set: () => true,
  }) as unknown as Theme;
  return theme;
}

/** chalk's style names (modifiers, colours and background colours), as in its ansi-styles. */
const STYLES = new Set(
  [
    "reset bold dim italic underline overline inverse hidden strikethrough visible",
    "black red green yellow blue magenta cyan white blackBright gray grey redBright greenBright yellowBright",
    "blueBright magentaBright cyanBright whiteBright",
    "bgBlack bgRed bgGreen bgYellow bgBlue bgMagenta bgCyan bgWhite bgBlackBright bgGray bgGrey bgRedBright",
    "bgGreenBright bgYellowBright bgBlueBright bgMagentaBright bgCyanBright bgWhiteBright",
  ]
    .join(" ")
    .split(" "),
);

/** The theme for a stream: chalk when colour is on (loaded then), else the plain theme. */
export async function loadTheme(enabled: boolean): Promise<Theme> {
  if (!enabled) return plainTheme();
  const { createTheme } = await import("./theme.js");
  return createTheme(true);
}
