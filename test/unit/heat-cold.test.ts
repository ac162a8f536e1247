import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { validate } from "../../src/commands/validate.js";
import { formatProblem } from "../../src/errors.js";
import { openHistory } from "../../src/history/store.js";
import type { HistoryEvent, SegmentRecord } from "../../src/history/types.js";
import { parseRoutine } from "../../src/routine/parse.js";
import {
  PACK_SKIPPED_NOTE,
  anythingLeft,
  countsAsApplication,
  packReminder,
  packSegmentsToLeaveOut,
  recentPackWarning,
  skinCheckWords,
} from "../../src/care/heat-cold.js";
import { makeDeps, type FakeDeps } from "../helpers/fake-deps.js";

let fakes: FakeDeps[] = [];
afterEach(() => {
  for (const f of fakes) f.cleanup();
  fakes = [];
});

/** A routine with `steps` (YAML lines indented by four) under a name. */
function withSteps(...lines: string[]): string {
  return ["name: Test", "steps:", ...lines.map((l) => `  ${l}`), ""].join("\n");
}

/** Every problem of a text, as `line:col: message`. */
function problems(text: string): string[] {
  return parseRoutine(text, "r.yaml", "r").problems.map((p) => formatProblem(p).replace(/^r\.yaml:/, ""));
}

const RULE = "leave at least 20m between two packs, hot or cold, so the skin can come back to normal";
const between = (between: string, what: string, earlier: string, line: number | string) =>
  `${between} between this ${what} and the ${earlier} before it (line ${line}); ${RULE}: put a rest of 20m or more between them`;
const betweenSets = (between: string, what: string) =>
  `${between} between two sets of this ${what}; ${RULE}: make the rest between sets 20m or more`;
const betweenRounds = (between: string, what: string) =>
  `${between} between this ${what} and the same ${what} in the round before; ${RULE}: make the rest between rounds 20m or more`;

describe("validate: at least 20 minutes between two packs, hot or cold, on the plan's own order", () => {
  it.each([
    [
      "a rest shorter than 20 minutes between two ice steps",
      withSteps("- ice: Pack", "  duration: 15m", "- rest: Off", "  duration: 15m", "- ice: Pack again", "  duration: 10m"),
      [`7:5: ${between("only 15m", "ice", "ice", 3)}`],
    ],
    [
      "a rest of 20 minutes is enough",
      withSteps("- ice: Pack", "  duration: 15m", "- rest: Off", "  duration: 20m", "- ice: Pack again", "  duration: 15m"),
      [],
    ],
    [
      "sets of one heat step with rest: 1s, at the rest",
      withSteps("- heat: Warm", "  duration: 20m", "  sets: 5", "  rest: 1s"),
      [`6:5: ${betweenSets("only 1s", "heat")}`],
    ],
    ["sets of one step with rest: 20m", withSteps("- heat: Warm", "  duration: 20m", "  sets: 2", "  rest: 20m"), []],
    [
      "ice 10m / rest 10m repeated 6 times, said once at the ice",
      withSteps("- repeat: 6", "  steps:", "    - ice: Cold", "      duration: 10m", "    - rest: Off", "      duration: 10m"),
      [`5:9: ${betweenRounds("only 10m", "ice")}`],
    ],
    [
      "ice 15m / rest 20m repeated, then one more ice after the last rest",
      withSteps(
        "- repeat: 2",
        "  steps:",
        "    - ice: Cold",
        "      duration: 15m",
        "    - rest: Off",
        "      duration: 20m",
        "- ice: Cold again",
        "  duration: 15m",
      ),
      [],
    ],
    [
      "ice 20m, heat 20m, ice 20m each pass, with no gap: both the heat and the second ice",
      withSteps(
        "- repeat: 2",
        "  steps:",
        "    - ice: Cold",
        "      duration: 20m",
        "    - heat: Warm",
        "      duration: 20m",
        "    - ice: Cold again",
        "      duration: 20m",
      ),
      [
        // The next pass starts straight after the last ice.
        `5:9: ${between("no time", "ice", "ice", "9, in the round before")}`,
        `7:9: ${between("no time", "heat", "ice", 5)}`,
        `9:9: ${between("no time", "ice", "heat", 7)}`,
      ],
    ],
    [
      "ice then heat are the same skin",
      withSteps("- ice: Cold", "  duration: 10m", "- heat: Warm", "  duration: 10m"),
      [`5:5: ${between("no time", "heat", "ice", 3)}`],
    ],
    [
      "steps and rests in between count; a manual step counts as no time",
      withSteps(
        "- ice: Pack",
        "  duration: 10m",
        "- stretch: Knee to chest",
        "  hold: 9m",
        "  sides: both",
        "- manual: Walk",
        "- ice: Pack again",
        "  duration: 10m",
      ),
      [`9:5: ${between("only 18m", "ice", "ice", 3)}`],
    ],
    ["left then right are different skin", withSteps("- heat: Warm", "  duration: 10m", "  sides: both"), []],
    [
      "a pack without a side may be on either side",
      withSteps("- heat: Warm", "  duration: 10m", "- heat: Warm left", "  duration: 10m", "  sides: left"),
      [`5:5: ${between("no time", "heat", "heat", 3)}`],
    ],
    ["20 minutes is allowed", withSteps("- ice: Cold", "  duration: 20m"), []],
  ])("%s", (_name, text, expected) => {
    expect(problems(text)).toEqual(expected);
    // A routine that breaks the rule is refused.
    expect(parseRoutine(text, "r.yaml", "r").routine === undefined).toBe(expected.length > 0);
  });

  it("refuses more than 20 minutes at the duration's value, saying why", () => {
    expect(problems(withSteps("- heat: Warm pack", "  duration: 21m"))).toEqual([
      "4:15: 21m is too long for one ice or heat application (at most 20m): longer can burn or freeze the skin; split it with a repeat and a rest",
    ]);
  });

  it("soothe validate prints the gap error on stderr, as path:line:col, and exits 1", async () => {
    const f = makeDeps();
    fakes.push(f);
    const file = join(f.home, "packs.yaml");
    writeFileSync(file, withSteps("- ice: Pack", "  duration: 15m", "- rest: Off", "  duration: 5m", "- ice: Pack again", "  duration: 10m"));
    expect(await validate([file], {}, f.deps)).toBe(1);
    expect(f.err()).toContain(`${file}:7:5: ${between("only 5m", "ice", "ice", 3)}\n`);
  });
});

describe("the warning when the same kind of pack ended less than an hour ago", () => {
  const now = new Date("2026-11-25T10:00:00Z");
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const wait =
    "Leave at least 20 minutes between two packs, hot or cold: wait until then before the first pack of this " +
    "routine, and until your skin has its normal colour, warmth and feeling again.";
  const check = "Before the next pack, check that your skin has its normal colour, warmth and feeling again.";
  it.each([
    [0, "ice", `Your last cold pack ended less than a minute ago. ${wait}`],
    [59_000, "heat", `Your last warm pack ended less than a minute ago. ${wait}`],
    [60_000, "ice", `Your last cold pack ended 1 minute ago. ${wait}`],
    [19 * 60_000 + 59_000, "ice", `Your last cold pack ended 19 minutes ago. ${wait}`],
    // From 20 minutes on, the routines' own gap is kept: no word asks for more than they do.
    [20 * 60_000, "heat", `Your last warm pack ended 20 minutes ago. ${check}`],
    [25 * 60_000 + 30_000, "heat", `Your last warm pack ended 25 minutes ago. ${check}`],
    [59 * 60_000 + 59_000, "ice", `Your last cold pack ended 59 minutes ago. ${check}`],
  ] as const)("%i ms ago (%s)", (ms, kind, expected) => {
    expect(recentPackWarning(kind, ago(ms), now)).toBe(expected);
  });

  it("never asks for a longer gap than the routines keep between their own packs", () => {
    for (let minutes = 0; minutes < 60; minutes++) {
      const warning = recentPackWarning("ice", ago(minutes * 60_000), now)!;
      expect(warning).not.toMatch(/an hour|60 minutes/);
    }
  });

  it("says nothing after an hour, or for a time in the future", () => {
    expect(recentPackWarning("ice", ago(60 * 60_000), now)).toBeNull();
    expect(recentPackWarning("ice", ago(3 * 60 * 60_000), now)).toBeNull();
    expect(recentPackWarning("heat", new Date(now.getTime() + 60_000), now)).toBeNull();
  });

  it.each([
    [{ kind: "ice", active_s: 0 }, false],
    [{ kind: "ice", active_s: 59.9 }, false],
    [{ kind: "heat", active_s: 60 }, true],
    [{ kind: "ice", active_s: 900 }, true],
    [{ kind: "rest", active_s: 900 }, false],
  ])("a pack counts as applied once on the skin for a minute: %j -> %s", (segment, expected) => {
    expect(countsAsApplication(segment)).toBe(expected);
  });
});

describe("the reminder before heat or cold", () => {
  it("names the barrier, numb skin and the conditions that rule it out", () => {
    const text = packReminder(["ice"]).join(" ");
    expect(text).toContain("damp towel");
    expect(text).toContain("numb skin");
    for (const condition of ["numbness", "diabetes", "poor circulation"]) expect(text).toContain(condition);
    expect(packReminder(["heat"]).join(" ")).toContain("Wrap a warm pack in a towel, never use boiling water");
    expect(packReminder(["ice", "heat"])[0]).toBe("This routine uses cold and warm packs.");
  });

  it("says no heat on a fresh injury or in the first days of a flare, before heat only", () => {
    const words = "No heat on a fresh injury (under 6 weeks old) or in the first days of a flare: use cold then, if anything.";
    expect(packReminder(["heat"])).toContain(words);
    expect(packReminder(["ice", "heat"])).toContain(words);
    expect(packReminder(["ice"])).not.toContain(words);
  });
});

describe("the skin check", () => {
  it("says to feel the skin under the pack, not to look at it", () => {
    for (const kind of ["ice", "heat"] as const) {
      expect(skinCheckWords(kind)).toMatch(/^Skin check: slide a hand under the pack and feel your skin\./);
      expect(skinCheckWords(kind)).not.toMatch(/look/);
    }
  });

  it("asks about numbness under a heat pack", () => {
    expect(skinCheckWords("heat")).toContain("Does it feel numb, or can you hardly feel the warmth? Then take the pack off now");
    expect(skinCheckWords("ice")).toContain("Take the pack off if it feels numb");
  });
});

describe("leaving heat and cold out after a no", () => {
  const kinds = (...list: string[]) => list.map((kind) => ({ kind }));
  it("leaves out each pack, the rest right after it and the manual step that gets it ready", () => {
    const segments = kinds("manual", "transition", "ice", "rest", "transition", "stretch", "transition", "ice", "rest", "rest");
    expect([...packSegmentsToLeaveOut(segments).keys()]).toEqual([0, 2, 3, 7, 8]);
    expect(new Set(packSegmentsToLeaveOut(segments).values())).toEqual(new Set([PACK_SKIPPED_NOTE]));
    expect(anythingLeft(segments, packSegmentsToLeaveOut(segments))).toBe(true);
  });

  it("finds nothing left in a routine that is all packs and breaks", () => {
    const segments = kinds("manual", "transition", "ice", "rest", "ice", "rest", "ice");
    expect(anythingLeft(segments, packSegmentsToLeaveOut(segments))).toBe(false);
  });
});

describe("history: when each kind last ended", () => {
  const record = (kind: SegmentRecord["kind"], active_s: number): SegmentRecord => ({
    title: kind,
    kind,
    side: null,
    set: 1,
    planned_s: 900,
    active_s,
    outcome: active_s >= 900 ? "done" : "stopped",
  });
  const start = (session: string, at: string): HistoryEvent => ({
    v: 1,
    session,
    at,
    type: "start",
    routine: { id: "r", name: "R" },
    planned_s: 900,
    pid: 1,
    host: "h",
  });
  const segment = (session: string, at: string, r: SegmentRecord): HistoryEvent => ({ v: 1, session, at, type: "segment", segment: r });

  it("takes the latest end of each kind, ignores segments on the skin under a minute, and looks past sessions imported later", async () => {
    const f = makeDeps();
    fakes.push(f);
    const store = openHistory(f.deps.paths.historyFile);
    expect(await store.lastEnded(["ice", "heat"])).toEqual(new Map());
    store.append(start("a", "2026-11-25T08:00:00.000+00:00"));
    store.append(segment("a", "2026-11-25T08:15:00.000+00:00", record("ice", 900)));
    store.append(segment("a", "2026-11-25T08:35:00.000+00:00", record("heat", 300)));
    store.append(start("b", "2026-11-25T09:00:00.000+00:00"));
    store.append(segment("b", "2026-11-25T09:15:00.000+00:00", record("ice", 900)));
    store.append(segment("b", "2026-11-25T09:16:00.000+00:00", record("heat", 0)));
    // On the skin for under a minute: not an application.
    store.append(segment("b", "2026-11-25T09:17:00.000+00:00", record("heat", 45)));
    // A session imported afterwards, from long ago, comes last in the file.
    store.append(start("c", "2026-01-01T08:00:00.000+00:00"));
    store.append(segment("c", "2026-01-01T08:15:00.000+00:00", record("ice", 900)));
    const last = await store.lastEnded(["ice", "heat"]);
    expect(last.get("ice")?.toISOString()).toBe("2026-11-25T09:15:00.000Z");
    expect(last.get("heat")?.toISOString()).toBe("2026-11-25T08:35:00.000Z");
    expect((await store.lastEnded(["heat"])).has("ice")).toBe(false);
  });
});
