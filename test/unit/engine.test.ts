import { describe, expect, it } from "vitest";
import type { Plan, Segment, Side } from "../../src/routine/types.js";
import { FakeClock, type TimerHandle } from "../../src/session/clock.js";
import { NEEDS_A_PERSON, SessionEngine, type EngineOptions } from "../../src/session/engine.js";
import { seg } from "../helpers/plans.js";


function plan(segments: Segment[], lead_in_s = 0, steps = 1): Plan {
  const total_s = segments.reduce((sum, s) => sum + (s.duration_s ?? 0), 0);
  return { id: "test", name: "Test routine", lead_in_s, transition_s: 5, segments, total_s, steps, notes: [] };
}

const side = (s: Side, set: number) => ({ side: s, set, sets: 2, step: 0 });

/** Knee to chest, both sides, 2 sets with rest; then a massage; a 5 s lead-in. Timed total 157 s. */
function sidesPlan(): Plan {
  return plan(
    [
      seg("stretch", "Knee to chest", 30, { ...side("left", 1), halfway: "Breathe out." }),
      seg("transition", "Switch sides", 5),
      seg("stretch", "Knee to chest", 30, { ...side("right", 1), halfway: "Breathe out." }),
      seg("rest", "Rest", 10, { step: -1 }),
      seg("stretch", "Knee to chest", 30, { ...side("left", 2), halfway: "Breathe out." }),
      seg("transition", "Switch sides", 5),
      seg("stretch", "Knee to chest", 30, { ...side("right", 2), halfway: "Breathe out." }),
      seg("transition", "Next: Tennis ball", 5),
      seg("massage", "Tennis ball", 12, { step: 1 }),
    ],
    5,
    2,
  );
}

/** Records every event as a short line, with the clock time it happened at. */
function watch(engine: SessionEngine, clock: FakeClock, withTicks = false): string[] {
  const log: string[] = [];
  const t = () => `${clock.now() / 1000}`;
  engine.on("segment-start", (e) => log.push(`${t()} start ${e.segment.title}${e.segment.side ? ` ${e.segment.side}` : ""}`));
  engine.on("segment-end", (e) =>
    log.push(`${t()} end ${e.record.title}${e.record.side ? ` ${e.record.side}` : ""} ${e.record.outcome} ${e.record.active_s}`),
  );
  engine.on("switch-sides", (e) => log.push(`${t()} switch-sides ${e.side}`));
  engine.on("halfway", (e) => log.push(`${t()} halfway ${e.text ?? ""}`.trimEnd()));
  engine.on("last-seconds", (e) => log.push(`${t()} last ${e.seconds}`));
  engine.on("check", (e) => log.push(`${t()} check ${e.at_s}`));
  engine.on("paused", () => log.push(`${t()} paused`));
  engine.on("resumed", () => log.push(`${t()} resumed`));
  engine.on("end", (e) => log.push(`${t()} end-session ${e.status} ${e.records.length}`));
  if (withTicks) engine.on("tick", (s) => log.push(`${t()} tick ${s.phase === "done" ? "done" : (s.remaining_s ?? `+${Math.floor(s.manual_elapsed_s ?? 0)}`)}`));
  return log;
}

function setup(p: Plan, options?: EngineOptions) {
  const clock = new FakeClock(1000);
  const engine = new SessionEngine(p, clock, options);
  const log = watch(engine, clock);
  return { clock, engine, log };
}

describe("SessionEngine: a plan with sides, sets, rest and transitions", () => {
  it("emits events in order and ends exactly on the plan's deadline", () => {
    const { clock, engine, log } = setup(sidesPlan());
    engine.start();
    clock.advance(161_999);
    expect(engine.phase).toBe("segment");
    clock.advance(1);
    expect(engine.phase).toBe("done");
    expect(log).toEqual([
      "3 last 3",
      "4 last 2",
      "5 last 1",
      "6 start Knee to chest left",
      "21 halfway Breathe out.",
      "33 last 3",
      "34 last 2",
      "35 last 1",
      "36 end Knee to chest left done 30",
      "36 start Switch sides",
      "36 switch-sides right",
      "41 start Knee to chest right",
      "56 halfway Breathe out.",
      "68 last 3",
      "69 last 2",
      "70 last 1",
      "71 end Knee to chest right done 30",
      "71 start Rest",
      "78 last 3",
      "79 last 2",
      "80 last 1",
      "81 end Rest done 10",
      "81 start Knee to chest left",
      "96 halfway Breathe out.",
      "108 last 3",
      "109 last 2",
      "110 last 1",
      "111 end Knee to chest left done 30",
      "111 start Switch sides",
      "111 switch-sides right",
      "116 start Knee to chest right",
      "131 halfway Breathe out.",
      "143 last 3",
      "144 last 2",
      "145 last 1",
      "146 end Knee to chest right done 30",
      "146 start Next: Tennis ball",
      "151 start Tennis ball",
      "157 halfway",
      "160 last 3",
      "161 last 2",
      "162 last 1",
      "163 end Tennis ball done 12",
      "163 end-session completed 6",
    ]);
    expect(engine.status).toBe("completed");
    expect(engine.records.map((r) => [r.kind, r.side, r.set, r.planned_s, r.outcome])).toEqual([
      ["stretch", "left", 1, 30, "done"],
      ["stretch", "right", 1, 30, "done"],
      ["rest", null, null, 10, "done"],
      ["stretch", "left", 2, 30, "done"],
      ["stretch", "right", 2, 30, "done"],
      ["massage", null, 1, 12, "done"],
    ]);
  });

  it("ticks once for each whole second of the countdown", () => {
    const clock = new FakeClock(0);
    const engine = new SessionEngine(plan([seg("stretch", "Hold", 3)], 2), clock);
    const log = watch(engine, clock, true);
    engine.start();
    clock.advance(5000);
    expect(log.filter((l) => l.includes("tick"))).toEqual([
      "0 tick 2",
      "1 tick 1",
      "2 tick 3",
      "3 tick 2",
      "4 tick 1",
      "5 tick done",
    ]);
  });

  it("reports step n of m, time left overall and the next segment", () => {
    const { clock, engine } = setup(sidesPlan());
    engine.start();
    let s = engine.snapshot();
    expect([s.phase, s.step, s.steps, s.remaining_s, s.overall_remaining_s, s.next?.side]).toEqual([
      "lead-in",
      1,
      2,
      5,
      162,
      "left",
    ]);
    clock.advance(5000 + 30_000 + 2000);
    s = engine.snapshot();
    expect([s.phase, s.switching_sides, s.remaining_s, s.overall_remaining_s, s.next?.side, s.step]).toEqual([
      "transition",
      true,
      3,
      125,
      "right",
      1,
    ]);
    clock.advance(3000 + 30_000 + 1000);
    s = engine.snapshot();
    expect([s.segment?.kind, s.step, s.next?.side, s.next?.set]).toEqual(["rest", 1, "left", 2]);
    clock.advance(9000 + 30_000 + 5000 + 30_000 + 1000);
    s = engine.snapshot();
    expect([s.phase, s.switching_sides, s.step, s.next?.title]).toEqual(["transition", false, 2, "Tennis ball"]);
  });
});

describe("SessionEngine: controls", () => {
  it("does not count paused time as active, and keeps no timer while paused", () => {
    const { clock, engine, log } = setup(sidesPlan());
    engine.start();
    clock.advance(5000 + 10_000);
    engine.togglePause();
    expect(clock.pending).toBe(0);
    clock.advance(600_000);
    expect(engine.snapshot().remaining_s).toBe(20);
    engine.togglePause();
    clock.advance(20_000);
    expect(log).toContain("636 end Knee to chest left done 30");
    expect(log).toContain("16 paused");
    expect(log).toContain("616 resumed");
  });

  it("skip records the segment as skipped with the seconds done, and a transition follows", () => {
    const { clock, engine, log } = setup(sidesPlan());
    engine.start();
    clock.advance(5000 + 12_400);
    engine.skip();
    expect(log.slice(-3)).toEqual(["18.4 end Knee to chest left skipped 12.4", "18.4 start Switch sides", "18.4 switch-sides right"]);
    engine.skip();
    expect(log.at(-1)).toBe("18.4 start Knee to chest right");
    expect(engine.snapshot().remaining_s).toBe(30);
  });

  it("skip while paused lands on the next segment, still paused", () => {
    const { clock, engine } = setup(sidesPlan());
    engine.start();
    clock.advance(5000 + 4000);
    engine.pause();
    engine.skip();
    expect(engine.snapshot()).toMatchObject({ phase: "transition", paused: true, remaining_s: 5 });
    expect(clock.pending).toBe(0);
    clock.advance(60_000);
    engine.resume();
    clock.advance(5000);
    expect(engine.snapshot()).toMatchObject({ phase: "segment", index: 2, remaining_s: 30 });
    expect(engine.records[0]).toMatchObject({ outcome: "skipped", active_s: 4 });
  });

  it("skip during the lead-in starts the first segment", () => {
    const { clock, engine } = setup(sidesPlan());
    engine.start();
    clock.advance(1000);
    engine.skip();
    expect(engine.snapshot().segment?.side).toBe("left");
    expect(engine.records).toEqual([]);
  });

  it("back after 3 s restarts the segment; within 3 s goes to the previous one", () => {
    const { clock, engine, log } = setup(sidesPlan());
    engine.start();
    clock.advance(5000 + 30_000 + 5000 + 10_000); // 10 s into right 1
    engine.back();
    let s = engine.snapshot();
    expect([s.segment?.side, s.remaining_s, s.elapsed_s]).toEqual(["right", 30, 0]);
    clock.advance(2000);
    engine.back(); // 2 s in: previous segment, skipping the transition
    s = engine.snapshot();
    expect([s.segment?.side, s.segment?.set, s.remaining_s]).toEqual(["left", 1, 30]);
    expect(log.filter((l) => l.includes(" end "))).toEqual(["36 end Knee to chest left done 30"]);
    clock.advance(30_000 + 5000 + 30_000);
    // The restarted right side keeps nothing of its abandoned try; left 1 is recorded a second time.
    expect(engine.records.map((r) => `${r.side} ${r.active_s}`)).toEqual(["left 30", "left 30", "right 30"]);
  });

  it("back keeps the seconds of a restarted segment in its record", () => {
    const { clock, engine } = setup(sidesPlan());
    engine.start();
    clock.advance(5000 + 8000);
    engine.back();
    clock.advance(30_000);
    expect(engine.records[0]).toMatchObject({ side: "left", active_s: 38, outcome: "done" });
  });

  it("back during a transition goes to the segment just done", () => {
    const { clock, engine } = setup(sidesPlan());
    engine.start();
    clock.advance(5000 + 30_000 + 4000);
    engine.back();
    expect(engine.snapshot()).toMatchObject({ phase: "segment", index: 0, remaining_s: 30 });
  });

  it("back on the first segment restarts it and in the lead-in restarts the lead-in", () => {
    const { clock, engine } = setup(sidesPlan());
    engine.start();
    clock.advance(3000);
    engine.back();
    expect(engine.snapshot()).toMatchObject({ phase: "lead-in", remaining_s: 5 });
    clock.advance(5000 + 1000);
    engine.back();
    expect(engine.snapshot()).toMatchObject({ phase: "segment", index: 0, remaining_s: 30 });
  });

  it("+ and - move the deadline by 10 s and never leave less than 1 s", () => {
    const { clock, engine } = setup(sidesPlan());
    engine.start();
    clock.advance(5000 + 10_000);
    engine.adjust(10);
    expect(engine.snapshot().remaining_s).toBe(30);
    engine.adjust(-10);
    engine.adjust(-10);
    expect(engine.snapshot().remaining_s).toBe(10);
    clock.advance(5500);
    engine.adjust(-10);
    const s = engine.snapshot();
    expect(s.remaining_ms).toBe(1500);
    expect(s.remaining_s).toBe(2);
    engine.adjust(-10);
    expect(engine.snapshot().remaining_ms).toBe(1500);
    clock.advance(1500);
    expect(engine.records[0]).toMatchObject({ planned_s: 30, active_s: 17, outcome: "done" });
  });

  it("adjusts while paused", () => {
    const { clock, engine } = setup(sidesPlan());
    engine.start();
    clock.advance(5000 + 10_000);
    engine.pause();
    engine.adjust(10);
    expect(engine.snapshot()).toMatchObject({ paused: true, remaining_s: 30 });
    clock.advance(100_000);
    engine.resume();
    clock.advance(30_000);
    expect(engine.records[0]).toMatchObject({ active_s: 40 });
  });

  it("stop records the segment in progress as stopped and ends the session", () => {
    const { clock, engine, log } = setup(sidesPlan());
    engine.start();
    clock.advance(5000 + 30_000 + 5000 + 7300);
    engine.stop();
    expect(log.slice(-2)).toEqual(["48.3 end Knee to chest right stopped 7.3", "48.3 end-session stopped 2"]);
    expect(engine.status).toBe("stopped");
    expect(clock.pending).toBe(0);
    engine.skip();
    engine.stop();
    expect(log.at(-1)).toBe("48.3 end-session stopped 2");
  });

  it("stop during a transition records nothing more", () => {
    const { clock, engine } = setup(sidesPlan());
    engine.start();
    clock.advance(5000 + 32_000);
    engine.stop();
    expect(engine.records.map((r) => r.outcome)).toEqual(["done"]);
  });

  it("stop while paused counts only active seconds", () => {
    const { clock, engine } = setup(sidesPlan());
    engine.start();
    clock.advance(5000 + 4000);
    engine.pause();
    clock.advance(60_000);
    engine.stop();
    expect(engine.records[0]).toMatchObject({ outcome: "stopped", active_s: 4 });
  });
});

describe("SessionEngine: manual segments", () => {
  const manualPlan = () =>
    plan([seg("exercise", "Bridge", null, { reps: 10 }), seg("rest", "Lie still", 20, { step: 1 })], 0, 2);

  it("waits for Enter, counting up, then records done with the time taken", () => {
    const clock = new FakeClock(0);
    const engine = new SessionEngine(manualPlan(), clock);
    const log = watch(engine, clock, true);
    engine.start();
    clock.advance(2500);
    expect(engine.snapshot()).toMatchObject({ phase: "segment", remaining_s: null, manual_elapsed_s: 2.5 });
    clock.advance(600_000);
    expect(engine.phase).toBe("segment");
    expect(clock.pending).toBe(1);
    engine.completeManual();
    expect(log.slice(0, 4)).toEqual(["0 start Bridge", "0 tick +0", "1 tick +1", "2 tick +2"]);
    expect(engine.records[0]).toMatchObject({ title: "Bridge", planned_s: null, active_s: 602.5, outcome: "done" });
    expect(engine.snapshot()).toMatchObject({ remaining_s: 20 });
    clock.advance(20_000);
    expect(engine.status).toBe("completed");
  });

  it("Enter does nothing on a timed segment", () => {
    const clock = new FakeClock(0);
    const engine = new SessionEngine(plan([seg("stretch", "Hold", 10)]), clock);
    engine.start();
    engine.completeManual();
    expect(engine.snapshot()).toMatchObject({ index: 0, remaining_s: 10 });
  });

  it("without input ends at once as skipped, with a note", () => {
    const clock = new FakeClock(0);
    const engine = new SessionEngine(manualPlan(), clock, { input: false });
    const log = watch(engine, clock);
    engine.start();
    expect(log).toEqual(["0 start Bridge", "0 end Bridge skipped 0", "0 start Lie still"]);
    expect(engine.records[0]).toMatchObject({ outcome: "skipped", note: NEEDS_A_PERSON, active_s: 0 });
    clock.advance(20_000);
    expect(engine.status).toBe("completed");
  });

  it("a plan of only manual segments, without input, ends at once", () => {
    const clock = new FakeClock(0);
    const engine = new SessionEngine(plan([seg("manual", "Walk", null)]), clock, { input: false });
    engine.start();
    expect(engine.status).toBe("completed");
    expect(clock.pending).toBe(0);
  });
});

describe("SessionEngine: timers and a blocked event loop", () => {
  class CountingClock extends FakeClock {
    scheduled = 0;
    override setTimeout(fn: () => void, ms: number): TimerHandle {
      this.scheduled += 1;
      return super.setTimeout(fn, ms);
    }
  }

  it("keeps at most one pending timer and wakes about once a second", () => {
    const clock = new CountingClock(0);
    const engine = new SessionEngine(sidesPlan(), clock);
    engine.start();
    let most = clock.pending;
    for (let t = 0; t < 170_000; t += 137) {
      clock.advance(137);
      most = Math.max(most, clock.pending);
      if (t % 3000 === 0) {
        engine.pause();
        engine.resume();
        most = Math.max(most, clock.pending);
      }
    }
    expect(most).toBe(1);
    expect(engine.status).toBe("completed");
    expect(clock.pending).toBe(0);
    const quiet = new CountingClock(0);
    const second = new SessionEngine(sidesPlan(), quiet);
    second.start();
    quiet.advance(162_000);
    // One wake per shown second, plus halfway and phase edges.
    expect(quiet.scheduled).toBeLessThan(162 + 20);
  });

  it("a stall in the middle does not delay the end: each segment starts from the previous deadline", () => {
    const { clock, engine, log } = setup(sidesPlan());
    engine.start();
    clock.advance(5000 + 20_000);
    const events: string[] = [];
    engine.on("segment-start", (e) => events.push(`${e.at_ms / 1000} start ${e.segment.title}`));
    engine.on("segment-end", (e) => events.push(`${e.at_ms / 1000} end ${e.segment.title} ${e.record.active_s}`));
    clock.jump(50_000); // the loop was blocked through the end of right 1
    clock.advance(0);
    // All of it is reported at the late wake (76 s on the clock), each at its time on the plan.
    expect(log.filter((l) => l.startsWith("76 ")).length).toBe(6);
    expect(events).toEqual([
      "35 end Knee to chest 30",
      "35 start Switch sides",
      "40 start Knee to chest",
      "70 end Knee to chest 30",
      "70 start Rest",
    ]);
    // Rest began at 70 s into the session on the plan's timeline, so 5 s are left, not 10.
    expect(engine.snapshot().remaining_s).toBe(5);
    clock.advance(1000 + 162_000 - 76_000 - 1);
    expect(engine.status).toBe(null);
    clock.advance(1);
    expect(engine.status).toBe("completed");
  });

  it("a stall past the end finishes everything at the first wake", () => {
    const { clock, engine } = setup(sidesPlan());
    const ends: number[] = [];
    engine.on("end", (e) => ends.push(e.at_ms));
    engine.start();
    clock.jump(500_000);
    clock.advance(0);
    expect(engine.status).toBe("completed");
    expect(ends).toEqual([162_000]);
    expect(engine.records.every((r) => r.active_s === r.planned_s && r.outcome === "done")).toBe(true);
  });
});

describe("SessionEngine: cues", () => {
  it("reminds of skin checks at their times, pauses excluded", () => {
    const clock = new FakeClock(0);
    const engine = new SessionEngine(plan([seg("ice", "Cold pack", 900, { checks_s: [300, 600] })]), clock);
    const log = watch(engine, clock);
    engine.start();
    clock.advance(200_000);
    engine.pause();
    clock.advance(50_000);
    engine.resume();
    clock.advance(100_000);
    expect(log).toContain("350 check 300");
    expect(engine.snapshot().check_due).toBe(true);
    clock.advance(20_000);
    expect(engine.snapshot().check_due).toBe(false);
    clock.advance(1_000_000);
    expect(log.filter((l) => l.includes("check"))).toEqual(["350 check 300", "650 check 600"]);
  });

  it("announces halfway at the exact middle, and not on short segments", () => {
    const clock = new FakeClock(0);
    const engine = new SessionEngine(plan([seg("stretch", "Hold", 25), seg("stretch", "Short", 8)]), clock);
    const log = watch(engine, clock);
    engine.start();
    clock.advance(40_000);
    expect(log.filter((l) => l.includes("halfway"))).toEqual(["12.5 halfway"]);
  });

  it("switch-sides fires on the new side when there is no transition", () => {
    const clock = new FakeClock(0);
    const engine = new SessionEngine(
      plan([seg("stretch", "Glide", 10, { side: "right" }), seg("stretch", "Glide", 10, { side: "left" })]),
      clock,
    );
    const log = watch(engine, clock);
    engine.start();
    clock.advance(10_000);
    expect(log.slice(-2)).toEqual(["10 start Glide left", "10 switch-sides left"]);
  });
});

describe("SessionEngine: `!` (this hurts)", () => {
  it("records the segment in progress with hurt: true, once, and only that segment", () => {
    const { clock, engine } = setup(sidesPlan());
    engine.start();
    clock.advance(5000 + 10_000); // 10 s into the left stretch
    expect(engine.markHurt()).toBe(true);
    engine.pause();
    clock.advance(60_000);
    engine.resume();
    clock.advance(20_000); // the left stretch ends done
    clock.advance(5000 + 30_000); // the right one too
    const [left, right] = engine.records;
    expect(left).toMatchObject({ side: "left", outcome: "done", active_s: 30, hurt: true });
    expect(right).toMatchObject({ side: "right", outcome: "done" });
    expect(right).not.toHaveProperty("hurt");
  });

  it("in a transition, marks the segment coming; skipping then records it skipped with hurt", () => {
    const { clock, engine } = setup(sidesPlan());
    engine.start();
    clock.advance(5000 + 30_000 + 2000); // in the "Switch sides" transition
    expect(engine.phase).toBe("transition");
    expect(engine.markHurt()).toBe(true);
    engine.skip(); // into the right side
    engine.skip(); // and past it
    expect(engine.records.map((r) => [r.side, r.outcome, r.hurt ?? false])).toEqual([
      ["left", "done", false],
      ["right", "skipped", true],
    ]);
  });

  it("a stop after `!` keeps the mark on the stopped segment; nothing to mark once the session is over", () => {
    const { clock, engine } = setup(sidesPlan());
    engine.start();
    clock.advance(5000 + 4000);
    engine.markHurt();
    engine.stop();
    expect(engine.records).toEqual([expect.objectContaining({ outcome: "stopped", active_s: 4, hurt: true })]);
    expect(engine.markHurt()).toBe(false);
  });
});

describe("SessionEngine: segments left out", () => {
  /** Stretch, then a cold pack with its rest, then another stretch; transitions of 5 s; no lead-in. */
  function packPlan(): Plan {
    return plan(
      [
        seg("stretch", "Before", 10, { step: 0 }),
        seg("transition", "Next: Pack", 5),
        seg("ice", "Pack", 600, { step: 1 }),
        seg("rest", "Pack off", 600, { step: 2 }),
        seg("stretch", "After", 10, { step: 3 }),
      ],
      0,
      4,
    );
  }

  it("records them as skipped with their note, at once, passing over the transition into them; time left leaves them out", () => {
    const leaveOut = new Map([
      [2, "left out"],
      [3, "left out"],
    ]);
    const { clock, engine, log } = setup(packPlan(), { leaveOut });
    expect(engine.snapshot().overall_total_s).toBe(20);
    engine.start();
    expect(engine.snapshot().overall_remaining_s).toBe(20);
    // The two steps left out are not counted: "Step 1 of 2", then "Step 2 of 2".
    expect([engine.snapshot().step, engine.snapshot().steps]).toEqual([1, 2]);
    clock.advance(10_000);
    expect(engine.snapshot().segment?.title).toBe("After");
    expect([engine.snapshot().step, engine.snapshot().steps]).toEqual([2, 2]);
    clock.advance(10_000);
    expect(engine.status).toBe("completed");
    expect(log.filter((l) => / (start|end|end-session) /.test(l))).toEqual([
      "1 start Before",
      "11 end Before done 10",
      "11 end Pack skipped 0",
      "11 end Pack off skipped 0",
      "11 start After",
      "21 end After done 10",
      "21 end-session completed 4",
    ]);
    expect(engine.records.filter((r) => r.outcome === "skipped").map((r) => r.note)).toEqual(["left out", "left out"]);
  });

  it("passes over a transition before anything is done, and shows the first segment that runs as the one coming", () => {
    const p = plan([seg("ice", "Pack", 600), seg("transition", "Next: After", 5), seg("stretch", "After", 10, { step: 1 })], 5, 2);
    const { clock, engine, log } = setup(p, { leaveOut: new Map([[0, "left out"]]) });
    engine.start();
    expect(engine.snapshot().next?.title).toBe("After");
    expect(engine.snapshot().steps).toBe(1);
    clock.advance(5000);
    expect(log.filter((l) => / (start|end) /.test(l))).toEqual(["6 end Pack skipped 0", "6 start After"]);
    // back() does not go into what was left out: it restarts the segment.
    clock.advance(1000);
    engine.back();
    expect(engine.snapshot().segment?.title).toBe("After");
  });
});
