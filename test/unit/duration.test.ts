import { describe, expect, it } from "vitest";
import { formatClock, formatDuration, parseDuration } from "../../src/routine/duration.js";

const HINT = "use seconds or a form like 45s, 1m30s, 15m";

describe("parseDuration", () => {
  it.each([
    [45, 45],
    ["45", 45],
    ["45s", 45],
    ["1m30s", 90],
    ["1m 30s", 90],
    ["15m", 900],
    ["1h", 3600],
    ["1h5m", 3900],
    ["1h0m1s", 3601],
    ["90s", 90],
    ["2M", 120],
    [" 10s ", 10],
    [86400, 86400],
    ["24h", 86400],
  ])("reads %j as %i seconds", (input, seconds) => {
    expect(parseDuration(input)).toBe(seconds);
  });

  it.each([
    ["3x", `bad duration "3x"; ${HINT}`],
    ["", `bad duration ""; ${HINT}`],
    ["m", `bad duration "m"; ${HINT}`],
    ["1h30", `bad duration "1h30"; ${HINT}`],
    ["5ms", `bad duration "5ms"; ${HINT}`],
    ["1.5m", `bad duration "1.5m"; ${HINT}`],
    ["-5s", `bad duration "-5s"; ${HINT}`],
    [true, `bad duration "true"; ${HINT}`],
    [[1], `bad duration "1"; ${HINT}`],
    [null, `missing duration; ${HINT}`],
    [Number.NaN, `bad duration "NaN"; ${HINT}`],
    [1.5, 'bad duration "1.5"; use whole seconds, or a form like 1m30s'],
    [0, "0s is too short (at least 1s)"],
    ["0s", "0s is too short (at least 1s)"],
    [-3, "-3s is too short (at least 1s)"],
    ["25h", "25h is too long (at most 24h)"],
    [86401, "24h1s is too long (at most 24h)"],
  ])("refuses %j", (input, message) => {
    expect(parseDuration(input)).toBe(message);
  });

  it("takes the minimum as a parameter: lead-in and transition may be 0", () => {
    expect(parseDuration(0, 0)).toBe(0);
    expect(parseDuration("0s", 0)).toBe(0);
    expect(parseDuration(-1, 0)).toBe("-1s is too short (at least 0s)");
  });

  it("keeps control characters out of its message", () => {
    expect(parseDuration("\u001b[31m3x")).toBe(`bad duration "3x" (shown without its control characters); ${HINT}`);
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0s"],
    [45, "45s"],
    [60, "1m"],
    [90, "1m30s"],
    [900, "15m"],
    [3600, "1h"],
    [3725, "1h2m5s"],
    [29.6, "30s"],
    [-4, "0s"],
  ])("%d s is %s", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it.each([1, 45, 90, 900, 3725, 86400])("round-trips %d through parseDuration", (seconds) => {
    expect(parseDuration(formatDuration(seconds))).toBe(seconds);
  });
});

describe("formatClock", () => {
  it.each([
    [0, "0:00"],
    [5, "0:05"],
    [90, "1:30"],
    [600, "10:00"],
    [3723, "1:02:03"],
    [36000, "10:00:00"],
    [-1, "0:00"],
  ])("%d s is %s", (seconds, text) => {
    expect(formatClock(seconds)).toBe(text);
  });
});
