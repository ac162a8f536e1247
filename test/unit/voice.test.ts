import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import type { StartProgram, StartedProgram } from "../../src/programs.js";
import { findOnPath, splitCommand } from "../../src/programs.js";
import { parseRoutine } from "../../src/routine/parse.js";
import { expandPlan } from "../../src/routine/plan.js";
import { FakeClock } from "../../src/session/clock.js";
import { SessionEngine } from "../../src/session/engine.js";
import { checkPhrase } from "../../src/session/cues.js";
import { attachVoice, createVoice, speakable, speechCommand, voiceSetting, type VoiceOptions } from "../../src/ui/voice.js";

/** A started program that never ends by itself, like a speech program saying a long phrase. */
class FakeChild extends EventEmitter implements StartedProgram {
  killed: (NodeJS.Signals | undefined)[] = [];
  kill(signal?: NodeJS.Signals): boolean {
    this.killed.push(signal);
    return true;
  }
}

/** A spawn that records each call and returns a child the test can drive. */
function fakeSpawn(options: { throws?: Error } = {}) {
  const calls: { program: string; args: string[]; child: FakeChild }[] = [];
  const spawn: StartProgram = (program, args) => {
    if (options.throws) throw options.throws;
    const child = new FakeChild();
    calls.push({ program, args: [...args], child });
    return child;
  };
  return { spawn, calls, phrases: () => calls.map((c) => c.args.at(-1)) };
}

const installed =
  (...names: string[]) =>
  (name: string) =>
    names.includes(name) ? `/usr/bin/${name}` : null;

function voice(options: Partial<VoiceOptions> = {}) {
  const fake = fakeSpawn();
  const notes: string[] = [];
  const made = createVoice({
    setting: "on",
    command: "",
    which: installed("espeak-ng"),
    spawn: fake.spawn,
    platform: "linux",
    note: (message) => notes.push(message),
    ...options,
  });
  return { voice: made, notes, ...fake };
}

describe("voiceSetting: --voice and --no-voice override the setting for one run", () => {
  it.each([
    [true, "off", "on"],
    [true, "auto", "on"],
    [false, "on", "off"],
    [false, "auto", "off"],
    [undefined, "auto", "auto"],
    [undefined, "on", "on"],
    [undefined, "off", "off"],
  ] as const)("flag %s with setting %s gives %s", (flag, setting, expected) => {
    expect(voiceSetting(flag, setting)).toBe(expected);
  });
});

describe("speechCommand", () => {
  it("is silent, without a word, when voice is off", () => {
    expect(speechCommand({ setting: "off", command: "espeak-ng", which: installed("espeak-ng") })).toEqual({ problem: null });
  });

  it.each([
    [["espeak-ng", "espeak", "spd-say", "say"], "espeak-ng"],
    [["espeak", "spd-say"], "espeak"],
    [["spd-say", "say"], "spd-say"],
    [["say"], "say"],
  ])("finds the first of %j on the PATH", (present, expected) => {
    expect(speechCommand({ setting: "on", command: "", which: installed(...present), platform: "linux" })).toEqual({ command: [expected] });
  });

  it("prefers say on macOS", () => {
    expect(speechCommand({ setting: "auto", command: "", which: installed("espeak", "say"), platform: "darwin" })).toEqual({ command: ["say"] });
  });

  it("auto without a speech program is silent without a word; on says what to install", () => {
    expect(speechCommand({ setting: "auto", command: "", which: installed() })).toEqual({ problem: null });
    const on = speechCommand({ setting: "on", command: "", which: installed() });
    expect(on).toEqual({
      problem:
        "no speech program was found: install espeak-ng (or espeak, spd-say), or name one with: soothe config set voice_command <program>",
    });
  });

  it("uses voice_command, split into words, before any program it would find", () => {
    expect(speechCommand({ setting: "on", command: 'my-tts --voice "en gb"', which: installed("my-tts", "espeak-ng") })).toEqual({
      command: ["my-tts", "--voice", "en gb"],
    });
  });

  it("reports a voice_command that is missing or cannot be split, even with auto", () => {
    expect(speechCommand({ setting: "auto", command: "gone --x", which: installed("espeak-ng") })).toEqual({
      problem: '"gone" (from voice_command) was not found',
    });
    expect(speechCommand({ setting: "on", command: "'open", which: installed("open") })).toEqual({
      problem: "voice_command cannot be used: a single quote is not closed",
    });
  });
});

describe("createVoice", () => {
  it("passes the phrase as the last argument, after the command's own, to the program itself", () => {
    const v = voice({ command: "my-tts -s 150", which: installed("my-tts") });
    v.voice.say("Knee to chest, left side");
    expect(v.calls.map((c) => [c.program, c.args])).toEqual([["my-tts", ["-s", "150", "Knee to chest, left side"]]]);
    expect(v.voice.command).toEqual(["my-tts", "-s", "150"]);
  });

  it("hands over shell syntax untouched, as one argument: nothing is run by a shell", () => {
    const v = voice();
    const title = `Stretch $(touch pwned); echo "hi" | cat > x \`id\` & 'q'`;
    v.voice.say(title);
    expect(v.calls[0]!.program).toBe("espeak-ng");
    expect(v.calls[0]!.args).toEqual([title]);
  });

  it("never lets a phrase pass for an option, and removes control characters", () => {
    expect(speakable("--help me")).toBe("help me");
    expect(speakable("- - -rf /")).toBe("rf /");
    expect(speakable("Red\u001b[31m\n alert\u0007")).toBe("Red alert");
    expect(speakable("x".repeat(500))).toHaveLength(320);
    const v = voice();
    v.voice.say("\u001b[2J");
    v.voice.say("   ");
    expect(v.calls).toEqual([]);
  });

  it("returns at once and cuts off the phrase before, so speech never lags behind the timer", () => {
    const v = voice();
    v.voice.say("3");
    v.voice.say("2");
    v.voice.say("1");
    expect(v.phrases()).toEqual(["3", "2", "1"]);
    expect(v.calls[0]!.child.killed).toHaveLength(1);
    expect(v.calls[1]!.child.killed).toHaveLength(1);
    expect(v.calls[2]!.child.killed).toHaveLength(0);
  });

  it("does not cut off a phrase that has already ended", () => {
    const v = voice();
    v.voice.say("one");
    v.calls[0]!.child.emit("exit", 0, null);
    v.voice.say("two");
    expect(v.calls[0]!.child.killed).toEqual([]);
  });

  it("a program that fails to start is noted once, and the voice falls silent without throwing", () => {
    const v = voice();
    v.voice.say("first");
    const error = Object.assign(new Error("spawn espeak-ng ENOENT"), { code: "ENOENT" });
    expect(() => v.calls[0]!.child.emit("error", error)).not.toThrow();
    v.voice.say("second");
    v.voice.say("third");
    expect(v.phrases()).toEqual(["first"]);
    expect(v.notes).toEqual(["voice is off for the rest of this run: espeak-ng could not be started (spawn espeak-ng ENOENT)"]);
  });

  it("a spawn that throws is noted once and never reaches the caller", () => {
    const fake = fakeSpawn({ throws: new Error("EACCES") });
    const notes: string[] = [];
    const v = createVoice({ setting: "on", command: "", which: installed("espeak"), spawn: fake.spawn, note: (m) => notes.push(m) });
    expect(() => v.say("a")).not.toThrow();
    expect(() => v.say("b")).not.toThrow();
    expect(notes).toEqual(["voice is off for the rest of this run: espeak could not be started (EACCES)"]);
  });

  it("is silent, with one note, when on and nothing can speak", () => {
    const v = voice({ which: installed() });
    v.voice.say("hello");
    expect(v.voice.command).toBeNull();
    expect(v.calls).toEqual([]);
    expect(v.notes).toHaveLength(1);
    expect(v.notes[0]).toMatch(/^voice is off for this run: no speech program was found/);
  });

  it("is silent without a note when off", () => {
    const v = voice({ setting: "off" });
    v.voice.say("hello");
    expect(v.calls).toEqual([]);
    expect(v.notes).toEqual([]);
  });
});

describe("attachVoice: what a run says", () => {
  const ROUTINE = [
    "name: Voice test",
    "lead_in: 0",
    "transition: 2s",
    "steps:",
    "  - stretch: Knee to chest",
    "    hold: 10s",
    "    sides: both",
    "  - breathe: Slow breathing",
    "    duration: 4s",
    "",
  ].join("\n");

  function session(input = false) {
    const routine = parseRoutine(ROUTINE, "voice.yaml", "voice").routine!;
    const plan = expandPlan(routine, { leadIn_s: 0, transition_s: 5, affectedSide: "right" });
    const clock = new FakeClock();
    const engine = new SessionEngine(plan, clock, { input });
    const v = voice();
    const said: [number, string][] = [];
    const detach = attachVoice(engine, { command: v.voice.command, say: (phrase) => (said.push([clock.now(), phrase]), v.voice.say(phrase)) }, plan);
    return { plan, clock, engine, said, detach, v };
  }

  it("speaks each title with its side, switch sides, halfway, the last three seconds and done, on time", () => {
    const { plan, clock, engine, said, v } = session();
    engine.start();
    clock.advance(60_000);
    expect(engine.status).toBe("completed");
    expect(said).toEqual([
      [0, "Knee to chest, right side"],
      [5_000, "halfway"],
      [7_000, "3"],
      [8_000, "2"],
      [9_000, "1"],
      [10_000, "switch sides"],
      [12_000, "Knee to chest, left side"],
      [17_000, "halfway"],
      [19_000, "3"],
      [20_000, "2"],
      [21_000, "1"],
      [22_000, "Next: Slow breathing"],
      [24_000, "Slow breathing"],
      [25_000, "3"],
      [26_000, "2"],
      [27_000, "1"],
      [28_000, "done"],
    ]);
    // No speech program ever ended by itself: each was cut off by the next phrase, never waited for, and the
    // session still ended exactly on its plan.
    expect(plan.total_s).toBe(28);
    expect(v.calls).toHaveLength(said.length);
    expect(v.calls.map((c) => c.child.killed.length)).toEqual([...Array(said.length - 1).fill(1), 0]);
  });

  it("speaks a skin check in the words on the screen: feel the skin, and numbness under heat", () => {
    const routine = parseRoutine("name: Pack\nlead_in: 0\nsteps:\n  - heat: Warm pack\n    duration: 10m\n    checks: [2m]\n", "pack.yaml", "pack").routine!;
    const plan = expandPlan(routine, { leadIn_s: 0, transition_s: 0 });
    const clock = new FakeClock();
    const engine = new SessionEngine(plan, clock, { input: false });
    const said: string[] = [];
    attachVoice(engine, { command: ["say"], say: (p) => said.push(p) }, plan);
    engine.start();
    clock.advance(2 * 60_000);
    expect(said).toEqual(["Warm pack", checkPhrase("heat")]);
    expect(said[1]).toContain("feel your skin");
    expect(said[1]).toContain("numb");
    expect(said[1]).toMatch(/sore\.$/); // said whole, not cut short
  });

  it("says nothing once detached, and nothing for a silent voice", () => {
    const { clock, engine, said, detach } = session();
    detach();
    engine.start();
    clock.advance(60_000);
    expect(said).toEqual([]);

    const routine = parseRoutine(ROUTINE, "voice.yaml", "voice").routine!;
    const plan = expandPlan(routine, { leadIn_s: 0, transition_s: 5 });
    const quiet = new SessionEngine(plan, clock, { input: false });
    const heard: string[] = [];
    attachVoice(quiet, { command: null, say: (p) => heard.push(p) }, plan);
    quiet.start();
    clock.advance(60_000);
    expect(heard).toEqual([]);
  });
});

describe("programs", () => {
  it("splitCommand splits like a shell, without a shell's powers", () => {
    expect(splitCommand(`espeak-ng -v "en gb" -s 140 it\\'s '$HOME' a\\ b`)).toEqual(["espeak-ng", "-v", "en gb", "-s", "140", "it's", "$HOME", "a b"]);
    expect(splitCommand("")).toBe("it names no program");
    expect(splitCommand('say "x')).toBe("a double quote is not closed");
    expect(splitCommand("C:\\Tools\\say.exe", { escapes: false })).toEqual(["C:\\Tools\\say.exe"]);
  });

  it("findOnPath finds executables only, in PATH order", async () => {
    const { mkdtempSync, writeFileSync, chmodSync, mkdirSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const root = mkdtempSync(join(tmpdir(), "soothe-path-"));
    try {
      for (const dir of ["a", "b"]) mkdirSync(join(root, dir));
      writeFileSync(join(root, "a", "speak"), "not executable");
      writeFileSync(join(root, "b", "speak"), "#!/bin/sh\n");
      chmodSync(join(root, "b", "speak"), 0o755);
      mkdirSync(join(root, "a", "folder"));
      const path = `${join(root, "a")}:${join(root, "b")}`;
      expect(findOnPath("speak", path, "linux")).toBe(join(root, "b", "speak"));
      expect(findOnPath("folder", path, "linux")).toBeNull();
      expect(findOnPath("missing", path, "linux")).toBeNull();
      expect(findOnPath("speak", undefined, "linux")).toBeNull();
      expect(findOnPath(join(root, "b", "speak"), "", "linux")).toBe(join(root, "b", "speak"));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
