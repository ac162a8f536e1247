import { describe, expect, it } from "vitest";
import { parsePainLevels } from "../../src/history/pain.js";
import type { Prompts } from "../../src/deps.js";
import type { PainReport, Reach } from "../../src/history/types.js";
import { askPain, emptyPain } from "../../src/ui/checkin.js";
import { promptsFor } from "../helpers/fake-deps.js";

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

describe("askPain on a terminal", () => {
  /** Answers back and leg with `levels`, and records the reach choices offered. */
  async function reachOffered(levels: (number | null)[]): Promise<string[]> {
    const answers = [...levels];
    let offered: string[] = [];
    const prompts = promptsFor({
      number: async () => answers.shift() ?? null,
      select: (async (options: { choices: readonly { value: string }[] }) => {
        offered = options.choices.map((c) => c.value);
        return "skip";
      }) as Prompts["select"],
    });
    await askPain(prompts, "before", emptyPain());
    return offered;
  }

  it("offers every reach while the leg does not hurt or is skipped", async () => {
    expect(await reachOffered([4, 0])).toEqual(["skip", "none", "back", "buttock", "thigh", "calf", "foot"]);
    expect(await reachOffered([4, null])).toEqual(["skip", "none", "back", "buttock", "thigh", "calf", "foot"]);
  });

  it("with leg pain, offers a reach from the buttock down: nowhere or back only would say the opposite", async () => {
    expect(await reachOffered([4, 6])).toEqual(["skip", "buttock", "thigh", "calf", "foot"]);
  });
});
