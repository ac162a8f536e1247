import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { SETTINGS, SETTING_KEYS, checkValue } from "../../src/settings.js";
import { allowedText, formatSetting, parseSetting, settingKey } from "../../src/settings-text.js";

describe("values in one text form", () => {
  it("what get prints, set takes back, for every setting's default", () => {
    for (const key of SETTING_KEYS) {
      const shown = formatSetting(key, SETTINGS[key].default);
      expect(parseSetting(key, shown)).toEqual({ value: SETTINGS[key].default });
    }
  });

  it("names what is allowed for every setting", () => {
    expect(Object.fromEntries(SETTING_KEYS.map((key) => [key, allowedText(key)]))).toEqual({
      lead_in: "a duration like 10s or 1m30s, or 0",
      transition: "a duration like 10s or 1m30s, or 0",
      sound: "on or off",
      voice: "one of off, auto or on",
      voice_command: "a program and its arguments, or unset",
      affected_side: "one of left, right or unset",
      pain_checkins: "on or off",
      weekly_goal: "a whole number from 1 to 21",
      color: "one of auto, always or never",
      safety_shown: "on or off",
      pressure: "one of light, medium, firm or unset",
      techniques_liked: "a comma list of swedish, deep-tissue, myofascial, trigger-point, sports, stretching, other, or unset",
      techniques_avoid: "a comma list of swedish, deep-tissue, myofascial, trigger-point, sports, stretching, other, or unset",
      focus_areas: "a comma list of lower-back, glutes, piriformis, hamstrings, hips, hip-flexors, legs, calves, sciatic-nerve, core, upper-back, neck, whole-body, or unset",
      avoid_areas: "a comma list of lower-back, glutes, piriformis, hamstrings, hips, hip-flexors, legs, calves, sciatic-nerve, core, upper-back, neck, whole-body, or unset",
    });
  });

  it.each([
    ["techniques_liked", "Myofascial, swedish,myofascial", "myofascial,swedish"],
    ["focus_areas", "glutes", "glutes"],
    ["avoid_areas", "unset", ""],
    ["techniques_avoid", "", ""],
  ] as const)("a preference list %s %j is kept as %j", (key, input, value) => {
    expect(parseSetting(key, input)).toEqual({ value });
  });

  it("a preference list names a word outside its list, with the nearest", () => {
    const parsed = parseSetting("focus_areas", "glutes,glute");
    expect("problem" in parsed && parsed.problem).toMatch(/^focus_areas: "glute" is not allowed \(did you mean "glutes"\?\); use a comma list of lower-back/);
    expect(checkValue("techniques_liked", "swedish,reiki")).toMatch(/techniques_liked must be a comma list of swedish/);
    expect(checkValue("techniques_liked", "swedish,deep-tissue")).toBeNull();
  });

  it("settingKey accepts dashes and case", () => {
    expect(settingKey("Weekly-Goal")).toBe("weekly_goal");
    expect(() => settingKey("")).toThrow(UserError);
  });
});
