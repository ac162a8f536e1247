import { describe, expect, it } from "vitest";
import { describeStep, durationProblem, normalDuration, routineText, setRestLimits, slug, textProblem, wholeProblem } from "../../src/routine/builder.js";
import { parseRoutine } from "../../src/routine/parse.js";

describe("the builder's pieces", () => {
  it.each([
    ["Morning stretch!", "morning-stretch"],
    ["  Étirement du matin ", "etirement-du-matin"],
    ["***", "routine"],
    ["腰痛", "routine"],
    ["a".repeat(80), "a".repeat(64)],
    ["2 minute reset", "2-minute-reset"],
  ])("slug(%j) is %j", (name, id) => {
    expect(slug(name)).toBe(id);
  });

  it("writes titles that YAML would misread with quotes, and reads them back the same", () => {
    const titles = ["Knee: chest # not a comment", "- dash first", "yes", "'quoted'", "@at", "10", "[brackets]"];
    const text = routineText({ name: "Odd: names", steps: titles.map((t) => ({ stretch: t, hold: "30s" })) });
    const routine = parseRoutine(text, "odd.yaml", "odd").routine;
    expect(routine?.name).toBe("Odd: names");
    expect(routine?.steps.map((s) => ("title" in s ? s.title : null))).toEqual(titles);
  });

  it("describes a step in one line, without terminal escapes", () => {
    expect(describeStep({ massage: "Ball\u001b[31m", duration: "1m", sides: "left" })).toBe('massage "Ball", 1m, left side');
  });

  it.each([
    ["", { max: 10, required: true }, "this cannot be empty"],
    ["  \u001b  ", { max: 10, required: true }, "this cannot be empty"],
    ["", { max: 10 }, null],
    ["abcdefghijk", { max: 10 }, "at most 10 characters (this is 11)"],
    ["Knee hug", { max: 10, required: true }, null],
  ])("textProblem(%j, %j) is %j", (value, options, problem) => {
    expect(textProblem(value, options)).toBe(problem);
  });

  it.each([
    ["30s", {}, null],
    ["", { optional: true }, null],
    ["0", { min: 0 as const }, null],
    ["25m", { max: 20 * 60, maxWhy: "ice or heat is limited to 20 minutes at a time" }, "at most 20m: ice or heat is limited to 20 minutes at a time"],
    ["5s", { max: 4 }, "at most 4s"],
  ])("durationProblem(%j, %j) is %j", (value, limits, problem) => {
    expect(durationProblem(value, limits)).toBe(problem);
  });

  it("durationProblem names a bad duration, and the reason for a minimum", () => {
    expect(durationProblem("soon", {})).toMatch(/^not a duration:/);
    expect(durationProblem("0", { minWhy: "a rest is needed" })).toBe("at least 1s: a rest is needed");
  });

  it("asks packs for at least 20 minutes between sets, hot or cold", () => {
    const limits = setRestLimits("heat");
    expect(limits.default).toBe("20m");
    const why = "at least 20m: two packs, hot or cold, need that long between them for the skin to recover";
    expect(durationProblem("0", limits)).toBe(why);
    expect(durationProblem("19m59s", limits)).toBe(why);
    expect(durationProblem("20m", limits)).toBeNull();
    expect(durationProblem("0", setRestLimits("stretch"))).toBeNull();
  });

  it.each([
    ["90", "1m30s"],
    [" 15m ", "15m"],
    ["", ""],
  ])("normalDuration(%j) is %j", (value, normal) => {
    expect(normalDuration(value)).toBe(normal);
  });

  it.each([
    ["3", null],
    ["0", "a whole number from 1 to 10"],
    ["11", "a whole number from 1 to 10"],
    ["2.5", "a whole number from 1 to 10"],
  ])("wholeProblem(%j, 1, 10) is %j", (value, problem) => {
    expect(wholeProblem(value, 1, 10)).toBe(problem);
  });
});
