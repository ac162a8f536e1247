import { describe, expect, it } from "vitest";
import {
  cleanLines,
  cleanText,
  closestMatches,
  didYouMean,
  displayWidth,
  editDistance,
  hasControls,
  pad,
  quote,
  toJson,
  truncate,
  wrap,
} from "../../src/text.js";

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
    ["\u202eevil\u202c \u2066isolate\u2069 \u202aembed", "evil isolate embed"],
    ["mark\u200fkept \u200dzwj", "mark\u200fkept \u200dzwj"],
    ["family 👨\u200d👩\u200d👧", "family 👨\u200d👩\u200d👧"],
  ])("%j becomes %j", (input, output) => {
    expect(cleanText(input)).toBe(output);
  });
});

describe("cleanLines, hasControls and toJson", () => {
  it("cleanLines keeps line breaks and cleans each line", () => {
    expect(cleanLines("a\u001b[2Jb\nc\u0007d\te")).toBe("ab\ncd e");
  });

  it.each([
    ["plain text", false],
    ["tabs\tand\nbreaks\r\n", false],
    ["\u001b[31mred", true],
    ["bell\u0007", true],
    ["c1 \u009b", true],
    ["bidi \u202e", true],
  ])("hasControls(%j) is %s", (input, expected) => {
    expect(hasControls(input)).toBe(expected);
  });

  it("toJson escapes C1 and bidirectional controls, which JSON.stringify leaves raw, and reads back the same", () => {
    const value = { a: "esc \u001b[31m bel \u0007 c1 \u009b bidi \u202e del \u007f", b: ["日本 🧘"] };
    const json = toJson(value);
    expect(json).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(json).toContain("\\u009b");
    expect(json).toContain("\\u202e");
    expect(JSON.parse(json)).toEqual(value);
    expect(toJson({ x: 1 })).toBe(JSON.stringify({ x: 1 }, null, 2));
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

  it("quotes values cleaned and cut short, saying when control characters were left out", () => {
    expect(quote("a\u001b[31mb")).toBe('"ab" (shown without its control characters)');
    expect(quote("a\u009b2Jb\u0007")).toBe('"ab" (shown without its control characters)');
    expect(quote("tab\there")).toBe('"tab here"');
    expect(quote(3)).toBe('"3"');
    expect(quote("x".repeat(100), 10)).toBe(`"${"x".repeat(9)}…"`);
  });
});

describe("wrap", () => {
  it("breaks at spaces into lines no wider than the width", () => {
    expect(wrap("Sit tall near the front of your chair", 16)).toEqual(["Sit tall near", "the front of", "your chair"]);
  });

  it("starts the first line with `first` and the others with `rest`", () => {
    expect(wrap("one two three four", 11, { first: "• ", rest: "  " })).toEqual(["• one two", "  three", "  four"]);
  });

  it("keeps the spacing of text that fits, and gives no lines for nothing but spaces", () => {
    expect(wrap("Streak 2 days    This week 1 of 5", 80)).toEqual(["Streak 2 days    This week 1 of 5"]);
    expect(wrap("   ", 10)).toEqual([]);
  });

  it("cuts a word too long for a line of its own, with the ellipsis asked for", () => {
    expect(wrap("a supercalifragilistic word", 10)).toEqual(["a", "supercali…", "word"]);
    expect(wrap("a supercalifragilistic word", 10, { ellipsis: "..." })).toEqual(["a", "superca...", "word"]);
  });

  it("counts wide characters by the columns they take", () => {
    const lines = wrap("ストレッチ を ゆっくり する", 12);
    expect(lines).toEqual(["ストレッチ", "を ゆっくり", "する"]);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(12);
  });

  it("never makes a line wider than the width", () => {
    const words = ["a", "bb", "hold", "stretch", "🙂", "漢字", "x".repeat(30), "é"];
    for (let width = 4; width <= 30; width++) {
      for (let n = 0; n < 20; n++) {
        const text = Array.from({ length: 12 }, (_, i) => words[(i * 7 + n * 3 + width) % words.length]).join(" ");
        for (const line of wrap(text, width, { first: "- ", rest: "  " })) {
          expect(displayWidth(line), `${JSON.stringify(line)} at ${width}`).toBeLessThanOrEqual(width);
        }
      }
    }
  });
});
