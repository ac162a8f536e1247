// The "this hurts" choice as a state machine over a real engine on a fake clock.
import { describe, expect, it } from "vitest";
import { FakeClock } from "../../src/session/clock.js";
import { SessionEngine } from "../../src/session/engine.js";
import { HurtChoice, INTERRUPTED, type HurtAnswer } from "../../src/session/hurt.js";
import { planOf, seg } from "../helpers/plans.js";

/** Lead-in 2 s; Hold 10 s; transition 2 s; Bridge 10 s. */
function setup() {
  const clock = new FakeClock();
  const plan = planOf(
    [seg("stretch", "Hold", 10), seg("transition", "Next: Bridge", 2), seg("exercise", "Bridge", 10, { step: 1 })],
    2,
    2,
  );
  const engine = new SessionEngine(plan, clock);
  let changes = 0;
  const choice = new HurtChoice(engine, () => (changes += 1));
  engine.start();
  return { clock, engine, choice, changes: () => changes };
}

describe("HurtChoice", () => {
  it("opens on a segment: marks it, pauses, and tells once", () => {
    const { clock, engine, choice, changes } = setup();
    clock.advance(3000); // 1 s into Hold
    expect(choice.open()).toBe(true);
    expect(choice.isOpen).toBe(true);
    expect(engine.paused).toBe(true);
    expect(changes()).toBe(1);
    expect(choice.open()).toBe(false); // already open
    expect(changes()).toBe(1);
  });

  const answers: [HurtAnswer, { stop: number } | null, string, boolean][] = [
    ["skip", null, "Bridge", false],
    ["carry-on", null, "Hold", false],
    ["stop", { stop: 0 }, "Hold", true],
    ["interrupt", { stop: INTERRUPTED }, "Hold", true],
  ];
  it.each(answers)("answer %s gives %j, then the segment is %s (paused: %s)", (answer, effect, title, paused) => {
    const { clock, engine, choice } = setup();
    clock.advance(3000);
    choice.open();
    clock.advance(60_000); // waiting for an answer: nothing moves
    expect(engine.snapshot().segment?.title).toBe("Hold");
    expect(choice.answer(answer)).toEqual(effect);
    expect(choice.isOpen).toBe(false);
    const snap = engine.snapshot();
    // skip passes the transition's wait only once the clock moves; the segment after the skip is the transition
    const current = snap.phase === "transition" ? "Bridge" : snap.segment?.title;
    expect(current).toBe(title);
    expect(engine.paused).toBe(paused);
  });

  it("skip keeps the record of the step that hurt, marked hurting", () => {
    const { clock, engine, choice } = setup();
    clock.advance(5000); // 3 s into Hold
    choice.open();
    choice.answer("skip");
    expect(engine.records).toEqual([expect.objectContaining({ title: "Hold", outcome: "skipped", hurt: true, active_s: 3 })]);
  });

  it("in the lead-in, skip moves to the coming step and skips it", () => {
    const { clock, engine, choice } = setup();
    clock.advance(1000);
    expect(engine.phase).toBe("lead-in");
    choice.open();
    choice.answer("skip");
    expect(engine.records).toEqual([expect.objectContaining({ title: "Hold", outcome: "skipped", hurt: true, active_s: 0 })]);
    expect(engine.paused).toBe(false);
  });

  it("stays paused after an answer when the session was paused before", () => {
    const { clock, engine, choice } = setup();
    clock.advance(3000);
    engine.pause();
    choice.open();
    choice.answer("carry-on");
    expect(engine.paused).toBe(true);
  });

  it("an answer while closed does nothing", () => {
    const { clock, engine, choice, changes } = setup();
    clock.advance(3000);
    expect(choice.answer("skip")).toBeNull();
    expect(engine.records).toEqual([]);
    expect(changes()).toBe(0);
  });

  it("does not open when the session is over", () => {
    const { clock, engine, choice } = setup();
    clock.advance(60_000);
    expect(engine.status).toBe("completed");
    expect(choice.open()).toBe(false);
  });
});
