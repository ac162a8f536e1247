import { homedir } from "node:os";
import { join } from "node:path";

/** The environment variables soothe reads; the only module that looks at `process.env`. */
export interface Env {
  NO_COLOR: boolean;
  FORCE_COLOR: boolean;
  CI: boolean;
  TERM: string | undefined;
  LANG: string | undefined;
  SOOTHE_HOME: string | undefined;
  XDG_CONFIG_HOME: string | undefined;
  XDG_DATA_HOME: string | undefined;
  EDITOR: string | undefined;
  VISUAL: string | undefined;
  DEBUG: boolean;
  HOME: string;
  /** Where programs are looked up (speech, desktop notifications). */
  PATH: string | undefined;
}

/** Reads the variables soothe cares about from an environment map (process.env in production). */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const set = (name: string) => {
    const v = source[name];
    return v !== undefined && v !== "";
  };
  return {
    NO_COLOR: set("NO_COLOR"),
    FORCE_COLOR: set("FORCE_COLOR") && source.FORCE_COLOR !== "0",
    CI: set("CI"),
    TERM: source.TERM,
    LANG: source.LC_ALL || source.LC_CTYPE || source.LANG,
    SOOTHE_HOME: source.SOOTHE_HOME || undefined,
    XDG_CONFIG_HOME: source.XDG_CONFIG_HOME || undefined,
    XDG_DATA_HOME: source.XDG_DATA_HOME || undefined,
    EDITOR: source.EDITOR || undefined,
    VISUAL: source.VISUAL || undefined,
    DEBUG: set("DEBUG"),
    HOME: source.HOME || homedir(),
    PATH: source.PATH || undefined,
  };
}

/** Where soothe keeps its files. */
export interface Paths {
  configDir: string;
  configFile: string;
  dataDir: string;
  historyFile: string;
  routinesDir: string;
}

/** `SOOTHE_HOME` holds everything when set; else the XDG places. */
export function resolvePaths(env: Env): Paths {
  if (env.SOOTHE_HOME) {
    const home = env.SOOTHE_HOME;
    return {
      configDir: home,
      configFile: join(home, "config.json"),
      dataDir: home,
      historyFile: join(home, "history.jsonl"),
      routinesDir: join(home, "routines"),
    };
  }
  const configDir = join(env.XDG_CONFIG_HOME ?? join(env.HOME, ".config"), "soothe");
  const dataDir = join(env.XDG_DATA_HOME ?? join(env.HOME, ".local", "share"), "soothe");
  return {
    configDir,
    configFile: join(configDir, "config.json"),
    dataDir,
    historyFile: join(dataDir, "history.jsonl"),
    routinesDir: join(configDir, "routines"),
  };
}

/** True when the terminal cannot be trusted with Unicode box and block characters. */
export function asciiOnly(env: Env): boolean {
  if (env.TERM === "dumb") return true;
  const lang = env.LANG;
  if (lang === undefined) return false;
  return !/utf-?8/i.test(lang);
}

/**
 * False when the terminal cannot move the cursor or clear the screen (TERM=dumb, as in an editor's shell buffer):
 * there soothe writes plain lines, as down a pipe, and asks no questions that would need to redraw.
 */
export function canMoveCursor(env: Env): boolean {
  return env.TERM !== "dumb";
}
