import type { Deps, Settings } from "../deps.js";
import {
  type FindProgram,
  type StartProgram,
  type StartedProgram,
  findOnPath,
  splitCommand,
  startProgram,
} from "../programs.js";
import type { Plan } from "../routine/types.js";
import { checkPhrase } from "../session/cues.js";
import type { SessionEngine } from "../session/engine.js";
import { cleanText, truncate } from "../text.js";

/** Speaks short phrases aloud, or does nothing when voice is off or impossible. */
export interface Voice {
  /** The program and fixed arguments in use; null when the voice is silent. */
  readonly command: readonly string[] | null;
  /** Starts saying `phrase` and returns at once; a phrase still being said is cut off first. */
  say(phrase: string): void;
}

/** What `createVoice` needs: the settings, and the outside world as functions tests can fake. */
export interface VoiceOptions {
  /** The `voice` setting after `--voice` / `--no-voice`. */
  setting: Settings["voice"];
  /** The `voice_command` setting: a program and its arguments; empty means find one. */
  command: string;
  /** PATH lookup. */
  which: FindProgram;
  /** Starts a program without a shell. */
  spawn: StartProgram;
  platform?: NodeJS.Platform;
  /** Where the voice says, once at most, why it is silent (stderr in a run). */
  note?: (message: string) => void;
}

/** Speech programs looked for when `voice_command` is empty, in order. */
export const SPEECH_PROGRAMS = ["espeak-ng", "espeak", "spd-say", "say"] as const;

/** The longest phrase handed to a speech program (a skin check, said whole, is the longest). */
const MAX_PHRASE = 320;

/** `--voice` (true) and `--no-voice` (false) override the setting for one run. */
export function voiceSetting(flag: boolean | undefined, setting: Settings["voice"]): Settings["voice"] {
  return flag === true ? "on" : flag === false ? "off" : setting;
}

/** The voice of one `soothe run`: the settings with `--voice`/`--no-voice`, real programs, notes on stderr. */
export function voiceForRun(
  flag: boolean | undefined,
  settings: Pick<Settings, "voice" | "voice_command">,
  deps: Pick<Deps, "env" | "stderr" | "errTheme">,
): Voice {
  // Settings from before voice existed (or a partial fake) lack the keys: silent, as by default.
  return createVoice({
    setting: voiceSetting(flag, settings.voice ?? "off"),
    command: settings.voice_command ?? "",
    which: (name) => findOnPath(name, deps.env.PATH),
    spawn: startProgram,
    platform: process.platform,
    note: (message) => deps.stderr.write(`${deps.errTheme.yellow("soothe:")} ${message}\n`),
  });
}

/**
 * A voice for the settings: silent when `setting` is off; with `on` (or `auto` when a speech program exists) it
 * speaks through `command` when set, else through the first of SPEECH_PROGRAMS on the PATH (`say` first on macOS,
 * where it always exists). `on` without any program, or a `voice_command` that cannot be used, gives one note and
 * silence; `auto` without a program is silent without a word.
 *
 * Speaking never blocks: the program is started (no shell, the phrase as its last argument) and never waited for.
 * A new phrase cuts off the one before, so speech never lags behind the timer. If the program fails to start
 * (removed since it was found, not executable) the voice notes it once and falls silent for the rest of the run.
 */
export function createVoice(options: VoiceOptions): Voice {
  const { spawn } = options;
  let noted = false;
  const note = (message: string) => {
    if (noted) return;
    noted = true;
    options.note?.(message);
  };
  const found = speechCommand(options);
  if (!("command" in found)) {
    if (found.problem) note(`voice is off for this run: ${found.problem}`);
    return { command: null, say: () => {} };
  }
  const command = found.command;

  let off = false;
  let speaking: StartedProgram | null = null;
  const [program, ...args] = command as [string, ...string[]];
  const fail = (error: unknown) => {
    off = true;
    speaking = null;
    const reason = error instanceof Error ? error.message : String(error);
    note(`voice is off for the rest of this run: ${cleanText(program)} could not be started (${cleanText(reason)})`);
  };

  return {
    command,
    say(phrase) {
      if (off) return;
      const text = speakable(phrase);
      if (text === "") return;
      if (speaking) {
        const old = speaking;
        speaking = null;
        try {
          old.kill();
        } catch {
          // Already gone: nothing to cut off.
        }
      }
      let child: StartedProgram;
      try {
        child = spawn(program, [...args, text]);
      } catch (error) {
        fail(error);
        return;
      }
      speaking = child;
      // Node reports a program that cannot start (missing, not executable) as an error event, not a throw.
      child.on("error", (error) => {
        if (!off) fail(error);
      });
      child.on("exit", () => {
        if (speaking === child) speaking = null;
      });
    },
  };
}

/**
 * The program (and its fixed arguments) that speaks for these settings, or why there is none: `problem` is null
 * when silence is what was asked for (`off`, or `auto` without a speech program).
 */
export function speechCommand(
  options: Pick<VoiceOptions, "setting" | "command" | "which" | "platform">,
): { command: string[] } | { problem: string | null } {
  const { setting, which } = options;
  if (setting === "off") return { problem: null };
  if (options.command.trim() !== "") {
    const words = splitCommand(options.command);
    if (typeof words === "string") return { problem: `voice_command cannot be used: ${words}` };
    if (which(words[0]!) === null) return { problem: `"${cleanText(words[0]!)}" (from voice_command) was not found` };
    return { command: words };
  }
  const order: readonly string[] =
    options.platform === "darwin" ? ["say", ...SPEECH_PROGRAMS.filter((p) => p !== "say")] : SPEECH_PROGRAMS;
  const found = order.find((program) => which(program) !== null);
  if (found !== undefined) return { command: [found] };
  if (setting === "auto") return { problem: null };
  return {
    problem:
      "no speech program was found: install espeak-ng (or espeak, spd-say), " +
      "or name one with: soothe config set voice_command <program>",
  };
}

/**
 * A phrase as a speech program should get it: one line without control characters, short, and never starting with
 * `-`, so that no title in a routine file can pass itself off as an option to the program.
 */
export function speakable(phrase: string): string {
  const text = cleanText(phrase).replace(/\s+/g, " ").trim().replace(/^[-\s]+/, "");
  return truncate(text, MAX_PHRASE, "");
}

/** "Knee to chest, left side". */
function segmentPhrase(title: string, side: string | null): string {
  return side ? `${title}, ${side} side` : title;
}

/**
 * Speaks a session as it goes: each segment's title (and side) as it starts, "switch sides" when the side changes,
 * "next: ..." on other transitions, "halfway", the last three seconds and "done". Returns the function that stops.
 */
export function attachVoice(engine: SessionEngine, voice: Voice, plan: Plan): () => void {
  if (voice.command === null) return () => {};
  const offs = [
    engine.on("segment-start", ({ segment, index }) => {
      const switching = engine.snapshot().switching_sides;
      if (segment.kind === "transition") {
        voice.say(switching ? "switch sides" : segment.title);
        return;
      }
      // A manual step nobody can confirm is skipped the moment it starts: nothing to say.
      if (segment.duration_s === null && !engine.snapshot().input) return;
      const phrase = segmentPhrase(segment.title, segment.side);
      // Without a transition in between, the change of side is said with the new segment.
      const afterTransition = plan.segments[index - 1]?.kind === "transition";
      voice.say(switching && !afterTransition ? `switch sides. ${phrase}` : phrase);
    }),
    engine.on("halfway", () => voice.say("halfway")),
    engine.on("check", ({ segment }) => voice.say(checkPhrase(segment.kind))),
    engine.on("last-seconds", ({ seconds }) => voice.say(String(seconds))),
    engine.on("end", ({ status }) => {
      if (status === "completed") voice.say("done");
    }),
  ];
  return () => {
    for (const off of offs) off();
  };
}
