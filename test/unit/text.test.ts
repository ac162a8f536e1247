import { describe, expect, it } from "vitest";
import { cleanText, closestMatches, didYouMean, displayWidth, editDistance, pad, quote, truncate } from "../../src/text.js";

describe("cleanText", () => {
  it.each([
    ["plain", "plain"],
    ["tab\there", "tab here"],
    ["line\nbreak\r\n", "line break  "],
    ["\u001b[31mred\u001b[0m", "red"],
    ["\u001b[2J\u001b[Hclear", "clear"],
    ["\u001b]0;title\u0007after", "after"],
    ["\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\", "link"],
    ["\u009b31mC1 CSI", "C1 CSI"],
    ["bell\u0007 nul\u0000 del\u007f", "bell nul del"],
    ["next\u0085line", "nextline"],
    ["\u001bcreset", "reset"],
    ["lone escape\u001b", "lone escape"],
    ["wide 日本 and emoji 🧘", "wide 日本 and emoji 🧘"],
  ])("%j becomes %j", (input, output) => {
    expect(cleanText(input)).toBe(output);
  });
});

describe("displayWidth, truncate and pad", () => {
  it("counts wide characters as two columns", () => {
    expect(displayWidth("abc")).toBe(3);
    expect(displayWidth("日本")).toBe(4);
  });

  it.each([
    ["Knee to chest", 20, "Knee to chest"],
    ["Knee to chest", 8, "Knee to…"],
    ["日本語のタイトル", 7, "日本語…"],
    ["abc", 1, "…"],
    ["abc", 0, ""],
    ["🧘🧘🧘", 4, "🧘…"],
  ])("truncate(%j, %i) is %j", (input, width, output) => {
    expect(truncate(input, width)).toBe(output);
    expect(displayWidth(truncate(input, width))).toBeLessThanOrEqual(width);
  });

  it("pads by display width", () => {
    expect(pad("日本", 6)).toBe("日本  ");
    expect(pad("5s", 4, "right")).toBe("  5s");
    expect(pad("toolong", 3)).toBe("toolong");
  });
});

describe("suggestions", () => {
  it("measures transpositions as one edit", () => {
    expect(editDistance("strech", "stretch")).toBe(1);
    expect(editDistance("hlod", "hold")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
  });

  it.each([
    ["strech", ["stretch", "exercise"], ["stretch"]],
    ["Stretch", ["stretch"], ["stretch"]],
    ["excercise", ["stretch", "exercise"], ["exercise"]],
    ["walk", ["stretch", "exercise", "rest"], []],
    ["morning", ["morning-mobility", "evening"], ["morning-mobility"]],
    ["", ["a"], []],
  ])("closest to %j among %j: %j", (input, candidates, expected) => {
    expect(closestMatches(input, candidates)).toEqual(expected);
  });

  it("phrases a suggestion", () => {
    expect(didYouMean("strech", ["stretch"])).toBe('did you mean "stretch"?');
    expect(didYouMean("zzz", ["stretch"])).toBe("");
  });

  it("quotes values cleaned and cut short", () => {
    expect(quote("a\u001b[31mb")).toBe('"ab"');
    expect(quote(3)).toBe('"3"');
    expect(quote("x".repeat(100), 10)).toBe(`"${"x".repeat(9)}…"`);
  });
});
