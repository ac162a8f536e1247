import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { displayWidth, isWide, pad, truncate } from "../../src/text.js";

// soothe measures text with its own small width function (see src/text.ts); string-width, the usual library, is
// the reference it is checked against here.
const SAMPLES = [
  "",
  "Knee to chest",
  "tab\there",
  "日本語のタイトル",
  "한국어 스트레칭",
  "Ｆｕｌｌｗｉｄｔｈ",
  "ｶﾀｶﾅ",
  "café",
  "cafe\u0301",
  "🧘 Yoga",
  "👍🏽 thumbs",
  "👨‍👩‍👧 family",
  "❤️ heart",
  "❤ text heart",
  "☺️ and ☺",
  "#️⃣ keycap",
  "🇫🇷 flag",
  "🏴󠁧󠁢󠁳󠁣󠁴󠁿 Scotland",
  "zero\u200bwidth",
  "soft\u00adhyphen",
  "Ελληνικά",
  "Русский",
  "עברית",
  "العربية",
  "हिन्दी किताब",
  "ไทย",
  "…·━─▬•▲█",
  "mixed 日本 and 🧘 and é",
  "\u0301 lone mark",
  "\u1100\u1161\u11a8 jamo",
  "\u001b[31mred\u001b[0m",
];

describe("displayWidth", () => {
  it.each(SAMPLES)("%j is as wide as string-width says", (text) => {
    expect(displayWidth(text)).toBe(stringWidth(text));
  });

  it("counts every East Asian Wide code point of the common blocks as two", () => {
    for (const code of [0x4e00, 0x9fff, 0x3042, 0x30a2, 0xac00, 0xff21, 0x1f600, 0x20000]) {
      expect(isWide(code), code.toString(16)).toBe(true);
      expect(displayWidth(String.fromCodePoint(code))).toBe(2);
    }
    for (const code of [0x41, 0xe9, 0x2026, 0x2501, 0x2764, 0x1f1e6]) {
      expect(isWide(code), code.toString(16)).toBe(false);
    }
  });

  it("agrees with string-width on every code point of the planes people type in", () => {
    const differ: string[] = [];
    for (let code = 0x20; code <= 0x2ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      if (code >= 0x7f && code < 0xa0) continue;
      const char = String.fromCodePoint(code);
      if (displayWidth(char) !== stringWidth(char)) differ.push(code.toString(16));
    }
    expect(differ).toEqual([]);
  });
});

describe("truncate and pad with wide text", () => {
  it.each([
    ["日本語のタイトル", 7, "日本語…"],
    ["🧘🧘🧘", 4, "🧘…"],
    ["👨‍👩‍👧👨‍👩‍👧", 3, "👨‍👩‍👧…"],
    ["cafe\u0301 au lait", 5, "cafe\u0301…"],
    ["🇫🇷🇫🇷🇫🇷", 5, "🇫🇷🇫🇷…"],
  ])("truncate(%j, %i) is %j and never splits a character", (input, width, output) => {
    const cut = truncate(input, width);
    expect(cut).toBe(output);
    expect(displayWidth(cut)).toBeLessThanOrEqual(width);
  });

  it("pads by columns, not by string length", () => {
    expect(pad("🧘", 4)).toBe("🧘  ");
    expect(pad("日本", 5, "right")).toBe(" 日本");
  });
});
