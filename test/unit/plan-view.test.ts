import { describe, expect, it } from "vitest";
import { expandPlan } from "../../src/routine/plan.js";
import type { Routine } from "../../src/routine/types.js";
import { displayWidth } from "../../src/text.js";
import { renderPlan } from "../../src/ui/plan-view.js";
import { createTheme } from "../../src/ui/theme.js";

const plain = createTheme(false);

const routine: Routine = {
  id: "r",
  name: "Evening \u001b[31munwind",
  tags: [],
  areas: [],
  equipment: [],
  sources: [],
  steps: [
    { kind: "stretch", title: "A very long title for a gentle piriformis stretch", duration_s: 45, sides: "both", sets: 1, cues: [], checks_s: [] },
    { kind: "exercise", title: "Bridge", reps: 10, sets: 2, cues: [], checks_s: [] },
  ],
};

describe("renderPlan", () => {
  it("shows the total, the lead-in, each segment and the manual ones as until done", () => {
    const plan = expandPlan(routine, { leadIn_s: 10, transition_s: 5, affectedSide: null });
    expect(renderPlan(plan, plain, 100)).toEqual([
      "Evening unwind",
      "Total 1m45s in 2 steps, plus 10s to get ready.",
      "",
      "#  kind        title                                              side   set        time",
      "1  stretch     A very long title for a gentle piriformis stretch  left               45s",
      "2  transition  Switch sides                                                           5s",
      "3  stretch     A very long title for a gentle piriformis stretch  right              45s",
      "4  transition  Next: Bridge                                                           5s",
      "5  exercise    Bridge                                                    1/2  until done",
      "6  transition  Next: Bridge                                                           5s",
      "7  exercise    Bridge                                                    2/2  until done",
      "",
      "2 segments have no timer: they last until you are done, and are not in the total.",
    ]);
  });

  it("shortens titles to fit narrow terminals", () => {
    const plan = expandPlan(routine, { leadIn_s: 0, transition_s: 0 });
    const lines = renderPlan(plan, plain, 60);
    expect(lines[1]).toBe("Total 1m30s in 2 steps.");
    expect(lines[4]).toBe("1  stretch   A very long title for…  left               45s");
    // The table fits; the sentences under it may wrap like any text.
    expect(lines.slice(3, 6).map(displayWidth).every((width) => width < 60)).toBe(true);
  });

  it.each([40, 32, 20])("at %i columns gives up the kind column and wraps sentences, so no line is wider", (columns) => {
    const plan = expandPlan(routine, { leadIn_s: 10, transition_s: 5, affectedSide: null });
    const lines = renderPlan(plan, plain, columns);
    for (const line of lines) expect(displayWidth(line)).toBeLessThan(columns);
    expect(lines.join("\n")).not.toContain("transition");
    expect(lines.join(" ")).toContain("Total 1m45s in 2 steps, plus 10s to get ready.");
    expect(lines.join(" ")).toContain("2 segments have no timer: they last until you are done, and are not in the total.");
  });

  it("at 40 columns keeps every column but kind, and shortens the titles", () => {
    const plan = expandPlan(routine, { leadIn_s: 10, transition_s: 5, affectedSide: null });
    const lines = renderPlan(plan, plain, 40);
    const table = lines.slice(lines.findIndex((l) => l.startsWith("#")));
    expect(table.slice(0, 3)).toEqual([
      "#  title         side   set        time",
      "1  A very long…  left               45s",
      "2  Switch sides                      5s",
    ]);
  });

  it("cuts titles with ... when only ASCII is safe", () => {
    const plan = expandPlan(routine, { leadIn_s: 10, transition_s: 5, affectedSide: null });
    const lines = renderPlan(plan, plain, 40, { ascii: true });
    for (const line of lines) expect(line).toMatch(/^[\x20-\x7e]*$/);
    expect(lines.join("\n")).toContain("A very lo...");
  });

  it("adds the plan's notes", () => {
    const plan = expandPlan(
      { ...routine, steps: [{ kind: "stretch", title: "Glide", duration_s: 5, sides: "affected", sets: 1, cues: [], checks_s: [] }] },
      { leadIn_s: 0, transition_s: 0 },
    );
    expect(renderPlan(plan, plain, 80).at(-1)).toBe('No affected side set: using left for "affected" steps. Set one with --side.');
  });
});
