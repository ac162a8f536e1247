// A duration outside its limit is said in one sentence, made by durationLimitMessage, wherever it is given: a
// routine file, `run --lead-in`, `config set`, `remind --every`.
import { describe, expect, it } from "vitest";
import { parseSetting } from "../../src/settings-text.js";
import { parseEvery } from "../../src/commands/remind.js";
import { formatProblem } from "../../src/errors.js";
import { durationLimitMessage, parseDuration } from "../../src/routine/duration.js";
import { LIMITS } from "../../src/routine/limits.js";
import { parseRoutine } from "../../src/routine/parse.js";

function problems(text: string): string[] {
  return parseRoutine(text, "r.yaml", "r").problems.map((p) => formatProblem(p).replace(/^r\.yaml:/, ""));
}

describe("durationLimitMessage", () => {
  it.each([
    [10800, LIMITS.segment, {}, "3h is too long for one segment (at most 2h); split it into sets or a repeat group"],
    [0, LIMITS.segment, {}, "0s is too short for one segment (at least 1s)"],
    [1500, LIMITS.pack, {}, "25m is too long for one ice or heat application (at most 20m): longer can burn or freeze the skin; split it with a repeat and a rest"],
    [10800, LIMITS.leadIn, {}, "3h is too long for a lead-in (at most 2h)"],
    [-2, LIMITS.leadIn, {}, "-2s is too short for a lead-in (at least 0s)"],
    [12000, LIMITS.segment, { subject: "3h20m (100 reps of 2m)", advice: "use fewer reps" }, "3h20m (100 reps of 2m) is too long for one segment (at most 2h); use fewer reps"],
    [90000, { min_s: 1, max_s: 86400 }, {}, "25h is too long (at most 24h)"],
  ])("%i s against %j", (seconds, limit, options, sentence) => {
    expect(durationLimitMessage(seconds, limit, options)).toBe(sentence);
  });

  it("is what parseDuration says for a value outside the limit it is given", () => {
    expect(parseDuration("3h", LIMITS.leadIn)).toBe(durationLimitMessage(10800, LIMITS.leadIn));
    expect(parseDuration("2h", LIMITS.leadIn)).toBe(7200);
  });
});

describe("the same sentence everywhere", () => {
  const sentence = "3h is too long for a lead-in (at most 2h)";

  it("in a routine file", () => {
    expect(problems("name: X\nlead_in: 3h\nsteps: [{ rest: R, duration: 5 }]\n")).toEqual([`2:10: ${sentence}`]);
  });

  it("in config set", () => {
    expect(parseSetting("lead_in", "3h")).toEqual({ problem: `lead_in: ${sentence}` });
    expect(parseSetting("transition", "121m")).toEqual({ problem: "transition: 2h1m is too long for a transition (at most 2h)" });
    expect(parseSetting("lead_in", "2h")).toEqual({ value: 7200 });
  });

  it("in remind --every", () => {
    expect(() => parseEvery("30s")).toThrow("--every: 30s is too short for the time between reminders (at least 1m)");
    expect(() => parseEvery("25h")).toThrow("--every: 25h is too long for the time between reminders (at most 24h)");
  });
});
