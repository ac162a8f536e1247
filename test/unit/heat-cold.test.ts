import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { validate } from "../../src/commands/validate.js";
import { formatProblem } from "../../src/errors.js";
import { openHistory } from "../../src/history/store.js";
import type { HistoryEvent, SegmentRecord } from "../../src/history/types.js";
import { parseRoutine } from "../../src/routine/parse.js";
import { PACK_SKIPPED_NOTE, anythingLeft, packReminder, packSegmentsToLeaveOut, recentPackWarning } from "../../src/care/heat-cold.js";
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

const gap = (what: string, between: string, earlier: string) =>
  `warning: ${between} between this ${what} application and the one before (${earlier}); leave at least ${earlier} ` +
  `between them, like rest: ${earlier}, so the skin can come back to normal first`;

describe("validate: heat and cold within one routine", () => {
  it.each([
    [
      "a rest shorter than the ice before it",
      withSteps("- ice: Pack", "  duration: 15m", "- rest: Off", "  duration: 5m", "- ice: Pack again", "  duration: 10m"),
      [`7:5: ${gap("ice", "only 5m", "15m")}`],
    ],
    [
      "a rest as long as the ice before it",
      withSteps("- ice: Pack", "  duration: 15m", "- rest: Off", "  duration: 15m", "- ice: Pack again", "  duration: 15m"),
      [],
    ],
    [
      "a short rest between sets, at the rest",
      withSteps("- heat: Warm", "  duration: 10m", "  sets: 2", "  rest: 2m"),
      [`6:5: ${gap("heat", "only 2m", "10m")}`],
    ],
    [
      "a repeat with nothing between rounds, said once",
      withSteps("- repeat: 3", "  steps:", "    - heat: Warm", "      duration: 5m"),
      [`5:9: ${gap("heat", "no time", "5m")}`],
    ],
    [
      "steps and rests in between count; a manual step counts as no time",
      withSteps(
        "- ice: Pack",
        "  duration: 10m",
        "- stretch: Knee to chest",
        "  hold: 30s",
        "  sides: both",
        "- manual: Walk",
        "- ice: Pack again",
        "  duration: 10m",
      ),
      [`9:5: ${gap("ice", "only 1m", "10m")}`],
    ],
    ["left then right are different spots", withSteps("- heat: Warm", "  duration: 10m", "  sides: both"), []],
    [
      "a pack without a side may be on either side",
      withSteps("- heat: Warm", "  duration: 10m", "- heat: Warm left", "  duration: 10m", "  sides: left"),
      [`5:5: ${gap("heat", "no time", "10m")}`],
    ],
    ["ice then heat are different kinds", withSteps("- ice: Cold", "  duration: 10m", "- heat: Warm", "  duration: 10m"), []],
    ["20 minutes is allowed", withSteps("- ice: Cold", "  duration: 20m"), []],
  ])("%s", (_name, text, expected) => {
    expect(problems(text)).toEqual(expected);
    // Warnings never make a routine invalid.
    expect(parseRoutine(text, "r.yaml", "r").routine).toBeDefined();
  });

  it("refuses more than 20 minutes at the duration's value, saying why", () => {
    expect(problems(withSteps("- heat: Warm pack", "  duration: 21m"))).toEqual([
      "4:15: 21m is too long: ice or heat applications are limited to 20 minutes at a time, as longer can burn or freeze the skin; split it with a repeat and a rest",
    ]);
  });

  it("soothe validate prints the gap warning on stderr and exits 0", async () => {
    const f = makeDeps();
    fakes.push(f);
    const file = join(f.home, "packs.yaml");
    writeFileSync(file, withSteps("- ice: Pack", "  duration: 15m", "- rest: Off", "  duration: 5m", "- ice: Pack again", "  duration: 10m"));
    expect(await validate([file], {}, f.deps)).toBe(0);
    expect(f.err()).toBe(`${file}:7:5: ${gap("ice", "only 5m", "15m")}\n`);
    expect(f.out()).toBe(`${file}: valid (1 warning)\n`);
  });
});

describe("the warning when the same kind of pack ended less than an hour ago", () => {
  const now = new Date("2026-11-25T10:00:00Z");
  const ago = (ms: number) => new Date(now.getTime() - ms);
  it.each([
    [0, "ice", "Your last cold pack ended less than a minute ago."],
    [59_000, "heat", "Your last warm pack ended less than a minute ago."],
    [60_000, "ice", "Your last cold pack ended 1 minute ago."],
    [25 * 60_000 + 30_000, "heat", "Your last warm pack ended 25 minutes ago."],
    [59 * 60_000 + 59_000, "ice", "Your last cold pack ended 59 minutes ago."],
  ] as const)("%i ms ago (%s)", (ms, kind, start) => {
    const warning = recentPackWarning(kind, ago(ms), now);
    expect(warning).toBe(
      `${start} Give your skin time to come back to its normal colour, temperature and feeling first: leave at least an hour between applications.`,
    );
  });

  it("says nothing after an hour, or for a time in the future", () => {
    expect(recentPackWarning("ice", ago(60 * 60_000), now)).toBeNull();
    expect(recentPackWarning("ice", ago(3 * 60 * 60_000), now)).toBeNull();
    expect(recentPackWarning("heat", new Date(now.getTime() + 60_000), now)).toBeNull();
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

  it("takes the latest end of each kind, ignores segments with no time spent, and looks past sessions imported later", async () => {
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
    // A session imported afterwards, from long ago, comes last in the file.
    store.append(start("c", "2026-01-01T08:00:00.000+00:00"));
    store.append(segment("c", "2026-01-01T08:15:00.000+00:00", record("ice", 900)));
    const last = await store.lastEnded(["ice", "heat"]);
    expect(last.get("ice")?.toISOString()).toBe("2026-11-25T09:15:00.000Z");
    expect(last.get("heat")?.toISOString()).toBe("2026-11-25T08:35:00.000Z");
    expect((await store.lastEnded(["heat"])).has("ice")).toBe(false);
  });
});
