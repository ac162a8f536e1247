import { describe, expect, it } from "vitest";
import { avoidIfLines } from "../../src/care/avoid-if.js";
import { packLimitWords, packTimeLeft } from "../../src/care/heat-cold.js";
import type { SegmentRecord } from "../../src/history/types.js";
import type { Plan } from "../../src/routine/types.js";
import { FakeClock } from "../../src/session/clock.js";
import { SessionEngine, type EngineSnapshot } from "../../src/session/engine.js";
import { displayWidth } from "../../src/text.js";
import { bigText, countdownText, renderScreen, renderSummary } from "../../src/ui/render.js";
import { createTheme } from "../../src/ui/theme.js";
import { seg } from "../helpers/plans.js";


const PLAN: Plan = {
  id: "morning-mobility",
  name: "Morning mobility",
  lead_in_s: 5,
  transition_s: 5,
  segments: [
    seg("stretch", "Knee to chest", 30, {
      side: "left",
      set: 2,
      sets: 3,
      cues: ["Lie on your back, knees bent.", "Draw one knee gently toward your chest."],
      halfway: "Breathe out and let the knee come a little closer.",
      caution: "Stop if pain spreads further down your leg.",
    }),
    seg("transition", "Switch sides", 5),
    seg("stretch", "Knee to chest", 30, { side: "right", set: 2, sets: 3 }),
    seg("exercise", "Bridge", null, { reps: 10, step: 1, cues: ["Lift your hips slowly."] }),
  ],
  total_s: 65,
  steps: 8,
  notes: [],
};

/** The snapshot `ms` after start, optionally paused. */
function at(ms: number, options: { paused?: boolean; input?: boolean; plan?: Plan } = {}): EngineSnapshot {
  const clock = new FakeClock(0);
  const engine = new SessionEngine(options.plan ?? PLAN, clock, { input: options.input });
  engine.start();
  clock.advance(ms);
  if (options.paused) engine.pause();
  return engine.snapshot();
}

const plain = createTheme(false);
const screen = (s: EngineSnapshot, columns = 80, rows = 30, ascii = false) =>
  renderScreen(s, { columns, rows, theme: plain, ascii });
const text = (lines: string[]) => lines.map((l) => l.trimEnd()).join("\n");

describe("renderScreen", () => {
  it("shows the routine, the step, time left, the segment, cues, caution and what comes next at 80 columns", () => {
    const lines = screen(at(5000 + 12_000));
    const all = text(lines);
    expect(lines).toHaveLength(30);
    expect(lines[0]).toMatch(/^ {2}Morning mobility +Step 1 of 8 · 0:53 left$/);
    expect(all).toContain("STRETCH");
    expect(all).toContain("Knee to chest");
    expect(all).toContain("Left side · Set 2 of 3");
    expect(all).toContain("• Lie on your back, knees bent.");
    expect(all).toContain("▲ Caution: Stop if pain spreads further down your leg.");
    expect(all).toContain("Next: Knee to chest (right)");
    expect(all).toContain("space pause · s skip · b back · +/- 10s · h/! hurts · q stop");
    expect(all).toMatch(/━+─+/);
    expect(all).toMatch(/Routine ▬+·+/);
    // 18 s left, in digits five rows tall.
    expect(all).toContain(bigText("18", 76, "█")![0]!.trimEnd());
    expect(lines.filter((l) => l.includes("█"))).toHaveLength(5);
    expect(all).not.toContain("Halfway.");
  });

  it("shows the halfway words after the middle", () => {
    expect(text(screen(at(5000 + 16_000)))).toContain("Halfway. Breathe out and let the knee come a little closer.");
  });

  it("says the coming segment while getting ready and switching sides", () => {
    const ready = text(screen(at(1000)));
    expect(ready).toContain("GET READY");
    expect(ready).toContain("First: Knee to chest");
    const switching = text(screen(at(5000 + 31_000)));
    expect(switching).toContain("SWITCH SIDES");
    expect(switching).toContain("Next: Knee to chest");
    expect(switching).toContain("Right side · Set 2 of 3");
  });

  it("says Paused clearly, and the key hint changes to resume", () => {
    const all = text(screen(at(5000 + 3000, { paused: true })));
    expect(all).toContain("PAUSED · press space to go on");
    expect(all).toContain("space resume");
  });

  it("after `!`, asks to skip, stop or carry on in place of the paused line, with those keys at the bottom", () => {
    const snapshot = at(5000 + 12_000, { paused: true });
    const lines = renderScreen(snapshot, { columns: 80, rows: 30, theme: plain, ascii: false, hurt: true });
    const all = text(lines);
    expect(lines).toHaveLength(30);
    expect(all).toContain("THIS HURTS · s skip this step · q stop · c carry on");
    expect(all).toContain("Paused. Ease out of the position slowly, then choose.");
    expect(all).not.toContain("PAUSED · press space to go on");
    expect(lines.at(-1)!.trim()).toBe("s skip this step · q stop the routine · c or enter carry on");
    // In a transition the step that hurts is the coming one.
    const coming = renderScreen(at(5000 + 31_000, { paused: true }), { columns: 80, rows: 30, theme: plain, ascii: true, hurt: true });
    expect(text(coming)).toContain("THIS HURTS - s skip the next step - q stop - c carry on");
    // Narrow and short, the choice stays.
    const small = text(renderScreen(snapshot, { columns: 40, rows: 10, theme: plain, ascii: false, hurt: true }));
    expect(small).toContain("THIS HURTS: s skip, q stop, c carry on");
    expect(small).toContain("s skip  q stop  c carry on");
  });

  it("after `!` on a heat or cold step, says to take the pack off rather than to ease out of a position", () => {
    const plan: Plan = { ...PLAN, lead_in_s: 0, segments: [seg("ice", "Cold pack", 600)], total_s: 600, steps: 1 };
    const lines = renderScreen(at(3000, { paused: true, plan }), { columns: 80, rows: 30, theme: plain, ascii: false, hurt: true });
    expect(text(lines)).toContain("Paused. Take the pack off now, then choose.");
    expect(text(lines)).not.toContain("Ease out of the position");
  });

  it("at a step that hurt last time says so, in the lead-in and during it", () => {
    const options = { columns: 80, rows: 30, theme: plain, ascii: false, hurtLastTime: ["Knee to chest"] };
    expect(text(renderScreen(at(1000), options))).toContain("This step hurt last time: go gently, or skip it.");
    expect(text(renderScreen(at(5000 + 3000), options))).toContain("This step hurt last time: go gently, or skip it.");
    expect(text(renderScreen(at(5000 + 3000), { ...options, hurtLastTime: ["Bridge"] }))).not.toContain("hurt last time");
  });

  it("while getting ready, says when to leave the routine out (printed before, it would be hidden by this screen)", () => {
    const avoidIf = avoidIfLines({ avoid_if: ["During a flare.", "With a fresh injury."] });
    const options = { columns: 80, rows: 30, theme: plain, ascii: false, avoidIf };
    const ready = text(renderScreen(at(1000), options));
    expect(ready).toContain("Leave this routine out:\n");
    expect(ready).toMatch(/- During a flare\.\n\s+- With a fresh injury\./);
    expect(text(renderScreen(at(5000 + 3000), options))).not.toContain("Leave this routine out");
    expect(text(renderScreen(at(1000), { ...options, avoidIf: [] }))).not.toContain("Leave this routine out");
  });

  it("says why a pack got no more time with +, in the words of care/", () => {
    const plan: Plan = { ...PLAN, lead_in_s: 0, segments: [seg("heat", "Warm pack", 20 * 60)], total_s: 1200, steps: 1 };
    const clock = new FakeClock(0);
    const engine = new SessionEngine(plan, clock, { timeLeft: (s, spent) => packTimeLeft(s.kind, spent) });
    engine.start();
    clock.advance(1000);
    expect(text(screen(engine.snapshot()))).not.toContain("at most");
    engine.adjust(10);
    expect(text(screen(engine.snapshot())).replace(/\s+/g, " ")).toContain(packLimitWords("heat", "add"));
  });

  it("hints Enter on a manual segment, with the time taken in minutes", () => {
    const all = text(screen(at(5000 + 65_000 + 42_000)));
    expect(all).toContain("Take your time. Press Enter when you are done.");
    expect(all).toContain("enter done · space pause · s skip · b back · h/! hurts · q stop");
    expect(all).not.toContain("+/-");
    expect(all).toContain("Last one.");
    expect(all).toContain(bigText("0:42", 76, "█")![0]!.trimEnd());
  });

  it("falls back to ASCII for digits, bars, bullets and separators", () => {
    const lines = screen(at(5000 + 12_000), 80, 30, true);
    const all = text(lines);
    expect(all).toMatch(/^[\x20-\x7e\n]*$/);
    expect(all).toContain("Left side - Set 2 of 3");
    expect(all).toContain("- Lie on your back, knees bent.");
    expect(all).toContain("! Caution:");
    expect(all).toMatch(/#+-+/);
    expect(all).toContain(bigText("18", 76, "#")![0]!.trimEnd());
  });

  const moments = [1000, 5000 + 12_000, 5000 + 16_000, 5000 + 31_000, 5000 + 65_000 + 3000];
  const long: Plan = {
    ...PLAN,
    name: "A very long routine name that goes on and on well past any sensible width of a terminal window",
    segments: PLAN.segments.map((s) => ({
      ...s,
      title: `${s.title} with a title far too long to fit on one line of a narrow terminal at all`,
      cues: [...s.cues, "An unbroken-wordthatisfarlongerthanfortycolumnsofterminalwidthcanhold-at-all."],
    })),
  };

  it.each([40, 41, 59, 60, 80, 120, 200])("never draws wider than %i columns", (columns) => {
    for (const plan of [PLAN, long]) {
      for (const ms of moments) {
        for (const paused of [false, true]) {
          for (const ascii of [false, true]) {
            for (const rows of [12, 24, 50]) {
              const lines = renderScreen(at(ms, { plan, paused }), { columns, rows, theme: createTheme(true), ascii });
              expect(lines.length).toBeLessThanOrEqual(rows);
              for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
              // Only ASCII when asked, even where long text is cut short.
              if (ascii) for (const line of lines) expect(line.replace(/\u001b\[[0-9;]*m/g, "")).toMatch(/^[\x20-\x7e]*$/);
            }
          }
        }
      }
    }
  });

  it("keeps the essentials on a short screen", () => {
    const lines = screen(at(5000 + 12_000, { paused: true }), 40, 8);
    expect(lines).toHaveLength(8);
    const all = text(lines);
    expect(all).toContain("Knee to chest");
    expect(all).toContain("PAUSED");
    expect(all).toContain("18");
    expect(all).toContain("q stop");
  });

  it("uses narrow digits, then plain ones, when the big ones do not fit", () => {
    expect(bigText("1:02:03", 76, "#")![0]).toHaveLength(42);
    expect(bigText("1:02:03", 38, "#")![0]).toHaveLength(23);
    expect(bigText("1:02:03", 22, "#")).toBeNull();
    expect(countdownText(59)).toBe("59");
    expect(countdownText(60)).toBe("1:00");
    expect(countdownText(3725)).toBe("1:02:05");
  });

  it("colours only with a colour theme", () => {
    const s = at(5000 + 12_000);
    expect(screen(s).join("")).not.toContain("\u001b");
    expect(renderScreen(s, { columns: 80, rows: 30, theme: createTheme(true), ascii: false }).join("")).toContain("\u001b[");
  });

  it("removes control characters from routine text", () => {
    const hostile: Plan = { ...PLAN, name: "Evil\u001b]0;pwned\u0007 routine", segments: [seg("stretch", "A\u001b[2Jb", 30)] };
    const all = screen(at(1000, { plan: hostile })).join("\n");
    expect(all).not.toContain("\u001b");
    expect(all).toContain("Evil routine");
  });
});

describe("renderSummary", () => {
  const record = (outcome: SegmentRecord["outcome"], active_s: number, more: Partial<SegmentRecord> = {}): SegmentRecord => ({
    title: "Knee to chest",
    kind: "stretch",
    side: "left",
    set: 1,
    planned_s: 30,
    active_s,
    outcome,
    ...more,
  });

  it("says time done and segments done and skipped", () => {
    const lines = renderSummary(
      [
        record("done", 30),
        record("done", 30.4, { side: "right" }),
        record("skipped", 0, { title: "Bridge", side: null, planned_s: null, note: "needs a person: run with a terminal" }),
      ],
      "completed",
      { theme: plain, columns: 80, ascii: false, routine: "Morning mobility", planned_s: 600 },
    );
    expect(lines).toEqual([
      "Well done: Morning mobility complete.",
      // Time done is compared with the time in steps and rests (no transitions, no lead-in), labelled so, never "planned":
      // the routine's total in list and show counts transitions and is another figure.
      "Time in steps and rests: 1m of 10m",
      "Not counted: transitions, the lead-in.",
      "Segments: 2 done · 1 skipped",
      "  Skipped: Bridge (needs a person)",
    ]);
  });

  it("says a stopped session was stopped, with the stopped segment", () => {
    const lines = renderSummary([record("done", 30), record("stopped", 12.3)], "stopped", {
      theme: plain,
      columns: 40,
      ascii: true,
      routine: "Morning mobility",
      planned_s: 95,
    });
    expect(lines).toEqual(["Stopped: Morning mobility.", "Time in steps and rests: 42s of 1m35s", "Not counted: transitions, the lead-in.", "Segments: 1 done - 0 skipped - 1 stopped"]);
  });

  it("a run that reached its end with most of its exercise time skipped is not called complete", () => {
    const options = { theme: plain, columns: 80, ascii: false, routine: "Morning mobility", planned_s: 90 };
    const most = [record("done", 30), record("skipped", 2), record("skipped", 0)];
    expect(renderSummary(most, "completed", options)[0]).toBe("Reached the end of Morning mobility, with most of it skipped.");
    const half = [record("done", 30), record("done", 15), record("skipped", 0)];
    expect(renderSummary(half, "completed", options)[0]).toBe("Well done: Morning mobility complete.");
  });

  it("cuts long lines with an ellipsis the terminal can show", () => {
    const options = { theme: plain, columns: 30, routine: "A routine with a name too long to fit", planned_s: 95 };
    expect(renderSummary([], "completed", { ...options, ascii: true })[0]).toBe("Well done: A routine with a...");
    expect(renderSummary([], "completed", { ...options, ascii: false })[0]).toBe("Well done: A routine with a n…");
  });
});
