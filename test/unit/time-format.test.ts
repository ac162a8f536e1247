import { describe, expect, it } from "vitest";
import { formatDateTime, formatDay, clockTime } from "../../src/history/time.js";
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
