import { describe, expect, it } from "vitest";
import { describePainChange, isMeaningfulDrop, spreadOf } from "../../src/care/pain-change.js";
import type { PainReport, Reach } from "../../src/history/types.js";

const pain = (back: number | null, leg: number | null, reach: Reach | null): PainReport => ({ back, leg, reach });

describe("isMeaningfulDrop", () => {
  it.each([
    [10, 8, true], // 2 points
    [10, 9, false], // 1 point, 10 %
    [3, 2, true], // 1 point but 33 %
    [4, 3, false], // 25 %
    [2, 1, true],
    [10, 7.5, true],
    [10, 8.5, false],
    [0, 0, false],
    [5, 6, false], // worse
    [5, 5, false],
  ])("a drop from %d to %d is meaningful: %s", (before, after, expected) => {
    expect(isMeaningfulDrop(before, after)).toBe(expected);
  });
});

describe("spread: did pain reach further down the leg after than before?", () => {
  it.each([
    [pain(null, null, "back"), pain(null, null, "thigh"), true],
    [pain(null, null, "none"), pain(null, null, "buttock"), true],
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
  it.each([
    // A drop of 2 points or 30 % is meaningful.
    [pain(6, null, null), pain(4, null, null), ["Back pain went from 6 to 4: down 2 points (33 %), a meaningful drop."]],
    [pain(null, 3, null), pain(null, 2, null), ["Leg pain went from 3 to 2: down 1 point (33 %), a meaningful drop."]],
    [pain(8, null, null), pain(7, null, null), ["Back pain went from 8 to 7: down 1 point (13 %), a small change."]],
    [pain(10, null, null), pain(8, null, null), ["Back pain went from 10 to 8: down 2 points (20 %), a meaningful drop."]],
    [pain(null, 4, null), pain(null, 4, null), ["Leg pain stayed at 4."]],
    [pain(3, null, null), pain(5, null, null), ["Back pain went from 3 to 5: up 2 points. If it stays higher, ease off this routine."]],
    [pain(6, 7, null), pain(null, 5, null), ["Leg pain went from 7 to 5: down 2 points (29 %), a meaningful drop."]],
    [pain(6, 7, null), null, []],
    [null, pain(6, 7, "foot"), []],
  ])("%j then %j", (before, after, lines) => {
    expect(describePainChange(before, after)).toEqual(lines);
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
