import { describe, expect, it } from "vitest";
import { describePainChange, parsePainLevels } from "../../src/history/pain.js";
import { spreadOf } from "../../src/history/sessions.js";
import type { PainReport, Reach } from "../../src/history/types.js";

const pain = (back: number | null, leg: number | null, reach: Reach | null): PainReport => ({ back, leg, reach });

describe("parsePainLevels (--pain-before, --pain-after)", () => {
  it.each([
    ["back=6,leg=7,reach=thigh", pain(6, 7, "thigh")],
    ["back=6", pain(6, null, null)],
    ["leg=0", pain(null, 0, null)],
    ["reach=none", pain(null, null, "none")],
    ["reach=foot,back=10", pain(10, null, "foot")],
    [" back = 3 , leg=4 ", pain(3, 4, null)],
    ["BACK=2,Reach=Calf", pain(2, null, "calf")],
    ["back=5,,leg=1,", pain(5, 1, null)],
  ])("%j -> %j", (text, expected) => {
    expect(parsePainLevels(text)).toEqual(expected);
  });

  it.each([
    ["", 'it is empty; give one or more of back, leg and reach, like "back=6,leg=7,reach=thigh"'],
    [" , ", 'it is empty; give one or more of back, leg and reach, like "back=6,leg=7,reach=thigh"'],
    ["back=11", 'back "11" is not a level; use a whole number from 0 to 10 (0 no pain, 10 worst imaginable)'],
    ["leg=-1", 'leg "-1" is not a level; use a whole number from 0 to 10 (0 no pain, 10 worst imaginable)'],
    ["leg=2.5", 'leg "2.5" is not a level; use a whole number from 0 to 10 (0 no pain, 10 worst imaginable)'],
    ["back=", 'back "" is not a level; use a whole number from 0 to 10 (0 no pain, 10 worst imaginable)'],
    ["back=six", 'back "six" is not a level; use a whole number from 0 to 10 (0 no pain, 10 worst imaginable)'],
    ["reach=knee", 'reach "knee" is not a place; use one of none, back, buttock, thigh, calf, foot'],
    ["reach=tigh", 'reach "tigh" is not a place (did you mean "thigh"?); use one of none, back, buttock, thigh, calf, foot'],
    ["bak=3", 'unknown part "bak" (did you mean "back"?); the parts are back, leg and reach, like "back=6,leg=7,reach=thigh"'],
    ["neck=3", 'unknown part "neck"; the parts are back, leg and reach, like "back=6,leg=7,reach=thigh"'],
    ["back", '"back" has no value; write each part as name=value, like "back=6,leg=7,reach=thigh"'],
    ["back=6,back=7", '"back" is given twice; give each part once'],
  ])("%j is refused: %s", (text, message) => {
    expect(parsePainLevels(text)).toBe(message);
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
