// Heat and cold in a run: `+` never takes a pack past its time on the skin, and going back into a pack that was on
// gives only what is left of it. The engine enforces a limit handed to it; care/ says what the limit is.
import { describe, expect, it } from "vitest";
import { MAX_PACK_S, packLimitWords, packTimeLeft } from "../../src/care/heat-cold.js";
import { FakeClock } from "../../src/session/clock.js";
import { SessionEngine, type LimitReason } from "../../src/session/engine.js";
import { planOf, seg } from "../helpers/plans.js";
import type { SegmentKind } from "../../src/routine/types.js";

const MIN = 60_000;

/** A pack of `minutes`, then a 20-minute rest, then a stretch; no lead-in, no transitions. */
function setup(kind: SegmentKind = "ice", minutes = 15) {
  const clock = new FakeClock();
  const plan = planOf([
    seg(kind, "Pack", minutes * 60),
    seg("rest", "Pack off", 20 * 60, { step: -1 }),
    seg("stretch", "Stretch", 30, { step: 1 }),
  ]);
  const engine = new SessionEngine(plan, clock, { timeLeft: (segment, spent) => packTimeLeft(segment.kind, spent) });
  const limits: LimitReason[] = [];
  engine.on("limit", ({ reason }) => limits.push(reason));
  engine.start();
  return { clock, engine, limits, left: () => engine.snapshot().remaining_s, title: () => engine.snapshot().segment?.title };
}

describe("packTimeLeft", () => {
  it.each([
    ["ice", 0, MAX_PACK_S],
    ["heat", 15 * 60, 5 * 60],
    ["ice", 20 * 60, 0],
    ["heat", 25 * 60, 0],
    ["stretch", 25 * 60, null],
    ["rest", 0, null],
  ])("%s after %i s: %s s left", (kind, spent, left) => {
    expect(packTimeLeft(kind, spent)).toBe(left);
  });
});

describe("a pack's time on the skin in a run", () => {
  it("+ stops at 20 minutes on the skin, and says why once it does", () => {
    const { clock, engine, limits, left } = setup("ice", 15);
    clock.advance(MIN); // 1 min on, 14 left
    for (let i = 0; i < 60; i++) engine.adjust(10);
    expect(left()).toBe(19 * 60); // 20 minutes in all
    expect(limits).toContain("add");
    expect(engine.snapshot().limited).toEqual({ reason: "add", kind: "ice" });
    clock.advance(19 * MIN);
    expect(engine.records[0]).toMatchObject({ title: "Pack", active_s: 20 * 60, outcome: "done" });
  });

  it("+ below the limit adds 10 s without a word; - still takes time off", () => {
    const { engine, limits, left } = setup("heat", 15);
    engine.adjust(10);
    expect(left()).toBe(15 * 60 + 10);
    engine.adjust(-10);
    engine.adjust(-10);
    expect(left()).toBe(15 * 60 - 10);
    expect(limits).toEqual([]);
    expect(engine.snapshot().limited).toBeNull();
  });

  it("b from the rest after a 15-minute pack gives 5 minutes, not a fresh 15", () => {
    const { clock, engine, limits, left, title } = setup("ice", 15);
    clock.advance(15 * MIN + 1000); // 1 s into the rest
    engine.back();
    expect(title()).toBe("Pack");
    expect(left()).toBe(5 * 60);
    expect(limits).toEqual(["back"]);
    engine.adjust(10);
    expect(left()).toBe(5 * 60); // still 20 minutes in all
    clock.advance(5 * MIN);
    expect(title()).toBe("Pack off");
    const onSkin = engine.records.filter((r) => r.title === "Pack").reduce((sum, r) => sum + r.active_s, 0);
    expect(onSkin).toBe(20 * 60);
  });

  it("b late in a pack restarts it with only what is left of its 20 minutes", () => {
    const { clock, engine, left, limits } = setup("heat", 15);
    clock.advance(12 * MIN);
    engine.back(); // restart, 12 min on already
    expect(left()).toBe(8 * 60);
    expect(limits).toEqual(["back"]);
  });

  it("b from the rest after a pack that had its full 20 minutes stays in the rest and says why", () => {
    const { clock, engine, left, limits, title } = setup("ice", 20);
    clock.advance(20 * MIN + 1000);
    engine.back();
    expect(title()).toBe("Pack off");
    expect(left()).toBe(20 * 60);
    expect(limits).toEqual(["back"]);
    expect(engine.snapshot().limited).toEqual({ reason: "back", kind: "ice" });
  });

  it("other steps keep the old way: b restarts a full stretch, + has no limit", () => {
    const { clock, engine, limits, left, title } = setup("ice", 15);
    clock.advance(35 * MIN + 10_000); // 10 s into the stretch
    expect(title()).toBe("Stretch");
    engine.back();
    expect(left()).toBe(30);
    for (let i = 0; i < 200; i++) engine.adjust(10);
    expect(left()).toBe(30 + 2000);
    expect(limits).toEqual([]);
  });

  it("says why in words from care/", () => {
    expect(packLimitWords("ice", "add")).toMatch(/20 minutes at most/);
    expect(packLimitWords("heat", "back")).toMatch(/warm pack.*only what is left/i);
  });
});
