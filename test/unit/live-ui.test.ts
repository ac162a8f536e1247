import { skinCheckWords } from "../../src/care/heat-cold.js";
import { PassThrough, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { Input, Output } from "../../src/deps.js";
import type { Plan } from "../../src/routine/types.js";
import { FakeClock } from "../../src/session/clock.js";
import { SessionEngine } from "../../src/session/engine.js";
import { parseKeys, readKeys } from "../../src/ui/keys.js";
import { PLAIN_KEYS, attachPlainOutput, stamp } from "../../src/ui/plain.js";
import { LiveScreen } from "../../src/ui/screen.js";
import { createBell, soundEnabled } from "../../src/ui/sound.js";
import { seg } from "../helpers/plans.js";

class Sink extends Writable {
  chunks: string[] = [];
  isTTY: boolean;
  columns = 80;
  rows = 24;
  constructor(tty: boolean) {
    super();
    this.isTTY = tty;
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.chunks.push(chunk.toString());
    done();
  }
  get text(): string {
    return this.chunks.join("");
  }
}

function fakeTty(): Input & { raw: boolean[]; paused: () => boolean } {
  const stream = new PassThrough();
  const raw: boolean[] = [];
  return Object.assign(stream, {
    isTTY: true,
    raw,
    setRawMode(mode: boolean) {
      raw.push(mode);
      return stream;
    },
    paused: () => stream.isPaused(),
  }) as unknown as Input & { raw: boolean[]; paused: () => boolean };
}

describe("parseKeys", () => {
  it.each([
    [" ", ["toggle-pause"]],
    ["s", ["skip"]],
    ["\u001b[C", ["skip"]],
    ["\u001bOC", ["skip"]],
    ["b", ["back"]],
    ["\u001b[D", ["back"]],
    ["+", ["add"]],
    ["=", ["add"]],
    ["-", ["take"]],
    ["\r", ["complete"]],
    ["\r\n", ["complete"]],
    ["q", ["stop"]],
    ["\u0003", ["interrupt"]],
    ["!", ["hurt"]],
    ["h", ["hurt"]],
    ["H", ["hurt"]],
    ["c", ["carry-on"]],
    ["\u001b[A\u001b[15~x", []],
    ["ss q", ["skip", "skip", "toggle-pause", "stop"]],
  ])("%j -> %j", (chunk, actions) => {
    expect(parseKeys(chunk)).toEqual(actions);
  });
});

describe("readKeys", () => {
  it("reads in raw mode and gives the terminal back on dispose", () => {
    const input = fakeTty();
    const seen: string[] = [];
    const reader = readKeys(input, (a) => seen.push(a));
    input.emit("data", " q");
    input.emit("data", Buffer.from("\u001b[C"));
    expect(seen).toEqual(["toggle-pause", "stop", "skip"]);
    reader.dispose();
    reader.dispose();
    expect(input.raw).toEqual([true, false]);
    expect(input.paused()).toBe(true);
    expect(input.listenerCount("data")).toBe(0);
  });
});

describe("LiveScreen", () => {
  it("enters the alternate screen, redraws only changed lines, and restores everything once", () => {
    const out = new Sink(true);
    const input = fakeTty();
    let hooked = 0;
    const screen = new LiveScreen(out as unknown as Output, {
      input,
      onExit: () => {
        hooked += 1;
        return () => (hooked -= 1);
      },
    });
    screen.open();
    expect(out.text).toContain("\u001b[?1049h");
    expect(out.text).toContain("\u001b[?25l");
    expect(hooked).toBe(1);
    out.chunks = [];
    screen.draw(["one", "two", "three"]);
    expect(out.text).toContain("\u001b[2J");
    out.chunks = [];
    screen.draw(["one", "2", "three"]);
    expect(out.text).toBe("\u001b[2;1H2\u001b[K");
    out.chunks = [];
    screen.draw(["one", "2", "three"]);
    expect(out.text).toBe("");
    out.emit("resize");
    screen.draw(["one", "2", "three"]);
    expect(out.text).toContain("\u001b[2J");
    expect(out.text).toContain("one");
    out.chunks = [];
    screen.restore();
    screen.restore();
    expect(out.text).toBe("\u001b[?25h\u001b[?1049l");
    expect(input.raw).toEqual([false]);
    expect(hooked).toBe(0);
    expect(out.listenerCount("resize")).toBe(0);
  });
});


describe("plain output", () => {
  it("prints one line as each segment starts and ends, transitions in one line, manual steps as skipped", () => {
    const plan: Plan = {
      id: "p",
      name: "P",
      lead_in_s: 5,
      transition_s: 5,
      segments: [
        seg("stretch", "Knee to chest", 30, { side: "left", set: 1, sets: 3 }),
        seg("transition", "Switch sides", 5),
        seg("stretch", "Knee to chest", 30, { side: "right", set: 1, sets: 3 }),
        seg("transition", "Next", 5),
        seg("exercise", "Bridge", null, { reps: 10, step: 1 }),
        seg("transition", "Next", 5),
        seg("ice", "Cold \u001b[31mpack", 600, { step: 2, checks_s: [300] }),
      ],
      total_s: 675,
      steps: 3,
      notes: [],
    };
    const clock = new FakeClock(0);
    const engine = new SessionEngine(plan, clock, { input: false });
    const out = new Sink(false);
    const detach = attachPlainOutput(engine, out as unknown as Output, plan);
    engine.start();
    clock.advance(700_000);
    detach();
    expect(out.text.split("\n")).toEqual([
      "[00:00] Get ready 5s",
      "[00:05] Start: Knee to chest (left, set 1 of 3) 30s",
      "[00:35] Done: Knee to chest (left) 30s",
      "[00:35] Switch sides 5s",
      "[00:40] Start: Knee to chest (right, set 1 of 3) 30s",
      "[01:10] Done: Knee to chest (right) 30s",
      "[01:10] Get ready for Bridge 5s",
      "[01:15] Skipped: Bridge (needs a person)",
      "[01:15] Get ready for Cold pack 5s",
      "[01:20] Start: Cold pack 10m",
      `[06:20] ${skinCheckWords("ice")}`,
      "[11:20] Done: Cold pack 10m",
      "",
    ]);
    expect(stamp(3_725_000)).toBe("[1:02:05]");
  });

  it("with keys (a dumb terminal), lists them once and gives pausing and going on a line each", () => {
    const plan: Plan = {
      id: "p",
      name: "P",
      lead_in_s: 0,
      transition_s: 0,
      segments: [seg("stretch", "Knee to chest", 30, {}), seg("exercise", "Bridge", null, { reps: 10, step: 2 })],
      total_s: 30,
      steps: 2,
      notes: [],
    };
    const clock = new FakeClock(0);
    const engine = new SessionEngine(plan, clock, { input: true });
    const out = new Sink(true);
    const detach = attachPlainOutput(engine, out as unknown as Output, plan, { keys: { elapsedMs: () => clock.now() } });
    engine.start();
    clock.advance(10_000);
    engine.togglePause();
    clock.advance(60_000);
    engine.togglePause();
    clock.advance(20_000);
    clock.advance(5_000);
    engine.completeManual();
    detach();
    expect(out.text.split("\n")).toEqual([
      PLAIN_KEYS,
      "[00:00] Start: Knee to chest 30s",
      "[00:10] Paused. Press space to go on.",
      "[01:10] Going on.",
      "[01:30] Done: Knee to chest 30s",
      "[01:30] Start: Bridge (at your own pace)",
      "[01:35] Done: Bridge 5s",
      "",
    ]);
    expect(out.text).not.toContain("\u001b");
  });
});

describe("sound", () => {
  it("rings on a terminal only, unless turned off", () => {
    const tty = new Sink(true);
    const pipe = new Sink(false);
    expect(soundEnabled(tty as unknown as Output, undefined, true)).toBe(true);
    expect(soundEnabled(tty as unknown as Output, false, true)).toBe(false);
    expect(soundEnabled(tty as unknown as Output, true, false)).toBe(false);
    expect(soundEnabled(pipe as unknown as Output, true, true)).toBe(false);
    createBell(tty as unknown as Output, true).ring();
    createBell(pipe as unknown as Output, false).ring();
    expect(tty.text).toBe("\u0007");
    expect(pipe.text).toBe("");
  });
});
