import { describe, expect, it } from "vitest";
import {
  breathLimit,
  describeStep,
  durationProblem,
  normalDuration,
  routineText,
  setRestDefault,
  setRestLimit,
  slug,
  textProblem,
  timeLimit,
  wholeProblem,
} from "../../src/routine/builder.js";
import { LIMITS } from "../../src/routine/limits.js";
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
    ["30s", { limit: LIMITS.segment }, null],
    ["", { optional: true, limit: LIMITS.rep }, null],
    ["0", { limit: LIMITS.setRest }, null],
    ["3h", { limit: LIMITS.segment }, "3h is too long for one segment (at most 2h); split it into sets or a repeat group"],
    ["25m", { limit: timeLimit("ice") }, "25m is too long for one ice or heat application (at most 20m): longer can burn or freeze the skin; split it with a repeat and a rest"],
    ["25m", { limit: timeLimit("massage") }, null],
    ["5s", { limit: breathLimit("breathing out", 4) }, "5s is too long for breathing out (at most 4s): one breath cannot be longer than the step"],
    ["0", { limit: setRestLimit("stretch") }, null],
  ])("durationProblem(%j, %j) is %j", (value, limits, problem) => {
    expect(durationProblem(value, limits)).toBe(problem);
  });

  it("durationProblem names a bad duration", () => {
    expect(durationProblem("soon", { limit: LIMITS.segment })).toMatch(/^not a duration:/);
  });

  it("asks packs for at least 20 minutes between sets, hot or cold", () => {
    const limits = { limit: setRestLimit("heat") };
    expect(setRestDefault("heat")).toBe("20m");
    const why = "is too short for a rest between ice or heat sets (at least 20m): two packs, hot or cold, need that long between them for the skin to recover";
    expect(durationProblem("0", limits)).toBe(`0s ${why}`);
    expect(durationProblem("19m59s", limits)).toBe(`19m59s ${why}`);
    expect(durationProblem("20m", limits)).toBeNull();
    expect(durationProblem("0", { limit: setRestLimit("stretch") })).toBeNull();
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
