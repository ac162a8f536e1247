import { describe, expect, it } from "vitest";
import {
  MEANINGFUL_NOTE,
  MEANINGFUL_RULE,
  describePainChange,
  dropSize,
  isMeaningfulDrop,
  spreadOf,
} from "../../src/care/pain-change.js";
import type { PainReport, Reach } from "../../src/history/types.js";

const pain = (back: number | null, leg: number | null, reach: Reach | null): PainReport => ({ back, leg, reach });

describe("dropSize: meaningful needs both 2 points and 30 % [FARRAR][IMMPACT]", () => {
  it.each([
    [10, 8, "small"], // 2 points but 20 %
    [1, 0, "small"], // 100 % but 1 point
    [10, 7, "meaningful"], // 3 points, 30 %
    [7, 5, "small"], // 2 points, 29 %
    [6, 4, "meaningful"], // 2 points, 33 %
    [2, 0, "meaningful"],
    [3, 2, "small"], // 1 point, 33 %
    [10, 9, "small"], // 10 %
    [10, 7.5, "small"], // 25 %
    [10, 9.5, "minimal"], // 5 %
    [4, 3, "small"],
    [0, 0, "same"],
    [5, 5, "same"],
    [5, 6, "worse"],
  ] as const)("%d -> %d is %s", (before, after, size) => {
    expect(dropSize(before, after)).toBe(size);
    expect(isMeaningfulDrop(before, after)).toBe(size === "meaningful");
  });

  it("says the rule and what it means in one place", () => {
    expect(MEANINGFUL_RULE).toBe("at least 2 points and at least 30 %");
    expect(MEANINGFUL_NOTE).toBe(
      "A meaningful drop is at least 2 points and at least 30 %: the size of change people usually notice over weeks. One session is not a verdict.",
    );
  });
});

describe("spread: did pain reach further down the leg after than before?", () => {
  it.each([
    [pain(null, null, "back"), pain(null, null, "thigh"), true],
    [pain(null, null, "none"), pain(null, null, "buttock"), true],
    // Back pain alone is not pain down the leg.
    [pain(null, null, "none"), pain(null, null, "back"), false],
    [pain(null, null, "calf"), pain(null, null, "foot"), true],
    [pain(null, null, "thigh"), pain(null, null, "thigh"), false],
    [pain(null, null, "foot"), pain(null, null, "calf"), false],
    [pain(null, null, "buttock"), pain(null, null, "none"), false],
    [pain(5, 5, null), pain(3, 3, "thigh"), null],
    [pain(5, 5, "thigh"), pain(3, 3, null), null],
    [null, pain(3, 3, "thigh"), null],
    [pain(5, 5, "thigh"), null, null],
  ] as const)("%j then %j -> %s", (before, after, spread) => {
    expect(spreadOf(before, after)).toBe(spread);
  });
});

describe("describePainChange: the end of a run in plain words", () => {
  const note = MEANINGFUL_NOTE;
  it.each([
    [pain(6, null, null), pain(4, null, null), ["Back pain went from 6 to 4: down 2 points (33 %), a meaningful drop.", note]],
    [pain(null, 3, null), pain(null, 2, null), ["Leg pain went from 3 to 2: down 1 point (33 %), a small change.", note]],
    [pain(8, null, null), pain(7, null, null), ["Back pain went from 8 to 7: down 1 point (13 %), a small change.", note]],
    [pain(10, null, null), pain(8, null, null), ["Back pain went from 10 to 8: down 2 points (20 %), a small change.", note]],
    [pain(1, null, null), pain(0, null, null), ["Back pain went from 1 to 0: down 1 point (100 %), a small change.", note]],
    [pain(null, 4, null), pain(null, 4, null), ["Leg pain stayed at 4."]],
    [pain(3, null, null), pain(5, null, null), ["Back pain went from 3 to 5: up 2 points. If it stays higher, ease off this routine."]],
    [pain(6, 7, null), pain(null, 5, null), ["Leg pain went from 7 to 5: down 2 points (29 %), a small change.", note]],
    [pain(6, 7, null), null, []],
    [null, pain(6, 7, "foot"), []],
  ])("%j then %j", (before, after, lines) => {
    expect(describePainChange(before, after)).toEqual(lines);
  });

  it("does not call back pain that was not there before a spread", () => {
    expect(describePainChange(pain(null, null, "none"), pain(null, null, "back"))).toEqual([
      "You have some back pain now, where there was none before; it does not reach your leg.",
    ]);
  });

  it("says when pain spread further down the leg, and advises easing off the routine", () => {
    const [line] = describePainChange(pain(null, null, "thigh"), pain(null, null, "calf"));
    expect(line).toBe(
      "Your pain spread further down the leg (to the thigh before, to the calf now). That is a sign to ease off " +
        "this routine: do less of it, or leave out the steps that brought this on, and see a doctor if it keeps spreading.",
    );
  });

  it("calls pain that moved back toward the spine a good sign, and says when it reaches as far as before", () => {
    expect(describePainChange(pain(null, null, "calf"), pain(null, null, "back"))).toEqual([
      "Your pain reaches less far down the leg (to the calf before, back only now): pain moving back toward the spine is a good sign.",
    ]);
    expect(describePainChange(pain(null, null, "thigh"), pain(null, null, "thigh"))).toEqual([
      "Your pain reaches as far as before (to the thigh).",
    ]);
    expect(describePainChange(pain(null, null, "none"), pain(null, null, "none"))).toEqual(["Still no pain anywhere, as before."]);
  });
});
