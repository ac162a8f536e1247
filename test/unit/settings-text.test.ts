import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { SETTINGS, SETTING_KEYS } from "../../src/settings.js";
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
    });
  });

  it("settingKey accepts dashes and case", () => {
    expect(settingKey("Weekly-Goal")).toBe("weekly_goal");
    expect(() => settingKey("")).toThrow(UserError);
  });
});
