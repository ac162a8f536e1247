import { describe, expect, it } from "vitest";
import { formatDateTime, formatDay, clockTime, isTimestamp } from "../../src/time.js";
import { formatStart } from "../../src/commands/history.js";
import { formatDay as dashboardDay } from "../../src/ui/dashboard.js";
import { generatedText, longDay, shortDay } from "../../src/ui/report-text.js";

const NOW = new Date(2026, 11, 1, 20, 0);

describe("one format for dates and times", () => {
  it.each<[string, Date | null, boolean, string]>([
    ["2026-11-25", NOW, false, "25 Nov"],
    ["2026-11-25", NOW, true, "Wed 25 Nov"],
    ["2025-12-31", NOW, true, "Wed 31 Dec 2025"],
    ["2026-01-02", null, false, "2 Jan 2026"],
  ])("day %s (now %s, weekday %s) reads %j", (day, now, weekday, text) => {
    expect(formatDay(day, now, { weekday })).toBe(text);
  });

  it.each<[string | Date, Date | null, string]>([
    ["2026-11-25T08:01:02.345+01:00", NOW, "Wed 25 Nov 08:01"],
    ["2026-11-25T23:30:00.000-05:00", NOW, "Wed 25 Nov 23:30"],
    ["2025-11-25T08:01:00+00:00", NOW, "Tue 25 Nov 2025 08:01"],
    [new Date(2026, 11, 1, 19, 15), NOW, "Tue 1 Dec 19:15"],
    ["2026-11-30T22:55:00.000+00:00", null, "Mon 30 Nov 2026 22:55"],
  ])("%s reads %j", (at, now, text) => {
    expect(formatDateTime(at, now)).toBe(text);
  });

  it("is the same in history, stats, the report and remind", () => {
    expect(formatStart("2026-11-25T08:01:02.345+01:00", NOW)).toBe(formatDateTime("2026-11-25T08:01:02.345+01:00", NOW));
    expect(dashboardDay("2026-09-02", NOW)).toBe("2 Sep");
    expect(shortDay("2026-09-02")).toBe("2 Sep 2026");
    expect(shortDay("2026-09-02", false)).toBe("2 Sep");
    expect(longDay("2026-11-03")).toBe("Tue 3 Nov 2026");
    expect(generatedText("2026-11-30T22:55:10.000+01:00")).toBe("Mon 30 Nov 2026 22:55");
    expect(clockTime(new Date(2026, 0, 1, 7, 5))).toBe("07:05");
  });
});

describe("isTimestamp: a time as history keeps it, that exists", () => {
  it.each([
    "2026-11-25T08:01:02.345+01:00",
    "2026-11-25T08:01:02Z",
    "2026-11-25T23:59:59.123456789-05:30",
    "2024-02-29T12:00:00+00:00",
    "2000-02-29T12:00:00+00:00",
    "2026-04-30T12:00:00+14:00",
    "2026-12-31T00:00:00-12:00",
  ])("accepts %s", (value) => {
    expect(isTimestamp(value)).toBe(true);
  });

  it.each([
    ["a 29 February outside a leap year", "2026-02-29T12:00:00+00:00"],
    ["a 29 February in a century year", "1900-02-29T12:00:00+00:00"],
    ["a 31 April", "2026-04-31T12:00:00+00:00"],
    ["month 13", "2026-13-01T12:00:00+00:00"],
    ["day 0", "2026-11-00T12:00:00+00:00"],
    ["24:00", "2026-11-21T24:00:00+01:00"],
    ["minute 60", "2026-11-21T08:60:00+01:00"],
    ["second 60", "2026-11-21T08:00:60+01:00"],
    ["an offset beyond +14:00", "2026-11-21T08:00:00+15:00"],
    ["no offset", "2026-11-21T08:00:00"],
    ["a date alone", "2026-11-21"],
    ["a number", 1764316800000],
  ])("refuses %s", (_, value) => {
    expect(isTimestamp(value)).toBe(false);
  });
});
