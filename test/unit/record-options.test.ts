import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import {
  completeVisit,
  parseChoice,
  parseChoices,
  parseDay,
  parseMinutes,
  parsePain,
  parseText,
  parseWorst,
  readVisitOptions,
} from "../../src/history/record-options.js";
import { TECHNIQUES, VISIT_KINDS } from "../../src/history/types.js";

/** Local noon on Tuesday 1 December 2026. */
const NOW = new Date(2026, 11, 1, 12, 0, 0);

function usage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    return (error as UsageError).message;
  }
  throw new Error("expected a UsageError");
}

describe("option readers of visit add and diary add", () => {
  it.each([
    ["2026-11-30", "2026-11-30"],
    [" 2026-12-01 ", "2026-12-01"],
    ["2024-02-29", "2024-02-29"],
  ])("parseDay(%j) is %s", (text, day) => {
    expect(parseDay(text, NOW)).toBe(day);
  });

  it.each([
    ["2026-02-30", /YYYY-MM-DD/],
    ["yesterday", /YYYY-MM-DD, such as 2026-12-01/],
    ["2026-12-02", /in the future.*2026-12-01/],
  ])("parseDay(%j) is refused", (text, message) => {
    expect(usage(() => parseDay(text, NOW))).toMatch(message);
  });

  it("a choice is case-blind, and a wrong one names the list and the nearest value", () => {
    expect(parseChoice("Physio", VISIT_KINDS, "--kind")).toBe("physio");
    const message = usage(() => parseChoice("masage", VISIT_KINDS, "--kind"));
    expect(message).toContain('did you mean "massage"');
    expect(message).toContain("massage, physio, osteopath, chiropractor, doctor, other");
  });

  it("a comma list keeps the order given, drops repeats and blanks, and refuses an unknown value", () => {
    expect(parseChoices("deep-tissue, swedish,,deep-tissue", TECHNIQUES, "--technique")).toEqual(["deep-tissue", "swedish"]);
    expect(parseChoices("", TECHNIQUES, "--technique")).toEqual([]);
    expect(usage(() => parseChoices("swedish,shiatsu", TECHNIQUES, "--technique"))).toMatch(/"shiatsu" is not allowed.*swedish, deep-tissue/);
  });

  it.each([
    ["0", 0],
    ["45", 45],
    ["1440", 1440],
  ])("parseMinutes(%j) is %i", (text, n) => expect(parseMinutes(text, "--minutes")).toBe(n));

  it.each(["-5", "1441", "4.5", "ten", ""])("parseMinutes(%j) is refused", (text) => {
    expect(usage(() => parseMinutes(text, "--minutes"))).toMatch(/--minutes takes whole minutes from 0 to 1440/);
  });

  it("pain uses the form of run --pain-before; --worst refuses reach", () => {
    expect(parsePain("back=6,leg=7,reach=thigh", "--pain")).toEqual({ back: 6, leg: 7, reach: "thigh" });
    expect(usage(() => parsePain("back=11", "--pain"))).toMatch(/--pain "back=11": back "11" is not a level/);
    expect(parseWorst("back=7,leg=8")).toEqual({ back: 7, leg: 8 });
    expect(usage(() => parseWorst("leg=8,reach=foot"))).toMatch(/back and leg only/);
  });

  it("free text loses control characters, and is refused (not cut) when too long", () => {
    expect(parseText(" Sam \u001b[31m", "--who")).toBe("Sam");
    expect(parseText("   ", "--who")).toBeNull();
    expect(usage(() => parseText("x".repeat(1001), "--note"))).toMatch(/1001 characters/);
  });
});

describe("readVisitOptions", () => {
  it("keeps only the options given, so that a terminal asks for the rest", () => {
    expect(readVisitOptions({ kind: "massage", technique: "swedish", minutes: "30" }, NOW)).toEqual({
      kind: "massage",
      techniques: ["swedish"],
      minutes: 30,
    });
  });

  it("reads every option, and completes a visit with today and unknowns", () => {
    const draft = readVisitOptions(
      {
        date: "2026-11-28",
        kind: "physio",
        who: "Sam",
        technique: "myofascial",
        areas: "glutes,lower-back",
        pressure: "medium",
        minutes: "40",
        painBefore: "back=6,leg=7",
        painAfter: "back=4",
        note: "Try heat after",
      },
      NOW,
    );
    expect(completeVisit(draft, "id-1", NOW)).toEqual({
      id: "id-1",
      date: "2026-11-28",
      kind: "physio",
      who: "Sam",
      techniques: ["myofascial"],
      areas: ["glutes", "lower-back"],
      pressure: "medium",
      minutes: 40,
      pain_before: { back: 6, leg: 7, reach: null },
      pain_after: { back: 4, leg: null, reach: null },
      note: "Try heat after",
    });
    expect(completeVisit({}, "id-2", NOW)).toMatchObject({ date: "2026-12-01", kind: null, techniques: [], areas: [], pain_before: null });
  });

  it("refuses an area outside the routine format's list", () => {
    expect(usage(() => readVisitOptions({ areas: "glutes,shoulder" }, NOW))).toMatch(/"shoulder" is not allowed.*lower-back/);
  });
});
