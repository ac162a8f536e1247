import { describe, expect, it } from "vitest";
import { computeStats, minutesByDay, painSeries } from "../../src/history/stats.js";
import { displayWidth } from "../../src/text.js";
import {
  formatDay,
  heatLevel,
  renderDashboard,
  renderHeatMap,
  renderPainChart,
  renderRoutineTable,
  signed,
  type DashboardData,
} from "../../src/ui/dashboard.js";
import { createTheme } from "../../src/ui/theme.js";
import { practice, sessionsOf, type SessionSpec } from "../helpers/history-data.js";

/** Monday 30 November 2026, 20:00 local. */
const NOW = new Date(2026, 10, 30, 20, 0);
const plain = createTheme(false);

function data(specs: SessionSpec[], now = NOW): DashboardData {
  const sessions = sessionsOf(specs);
  return { stats: computeStats(sessions, { now, weeklyGoal: 5 }), minutes: minutesByDay(sessions), pain: painSeries(sessions), now };
}

const at = (id: string, startText: string, extra: Partial<SessionSpec> = {}): SessionSpec => ({
  id,
  at: new Date(startText),
  startText,
  ...extra,
});

describe("the stats dashboard", () => {
  it.each([80, 100, 60, 40])("never draws wider than %d columns, long names included", (width) => {
    const specs = [
      ...practice(NOW),
      at("long", "2026-11-29T08:00:00.000+01:00", {
        routine: ["long", "A routine with a very long name that goes on and on and on and on and on"],
        before: [10, 10, "foot"],
        after: [0, 0, "none"],
      }),
    ];
    for (const ascii of [false, true]) {
      const lines = renderDashboard(data(specs), { theme: plain, ascii, width });
      const widest = Math.max(...lines.map(displayWidth));
      expect(widest, lines.join("\n")).toBeLessThanOrEqual(width);
      expect(lines.length).toBeGreaterThan(20);
      if (ascii) for (const line of lines) expect(line).toMatch(/^[\x20-\x7e]*$/);
    }
  });

  it("reads without colour: only ASCII in ascii mode, and no escape sequences from a plain theme", () => {
    const lines = renderDashboard(data(practice(NOW)), { theme: plain, ascii: true, width: 80 });
    for (const line of lines) expect(line).toMatch(/^[\x20-\x7e]*$/);
    expect(lines.join("\n")).toContain("B back  L leg  X both");
  });

  it("says what a meaningful drop is, and that one session is not a verdict", () => {
    const text = renderDashboard(data(practice(NOW)), { theme: plain, ascii: false, width: 120 })
      .map((l) => l.trim())
      .join(" ");
    expect(text).toContain(
      "A meaningful drop is at least 2 points and at least 30 %: the size of change people usually notice over weeks. One session is not a verdict.",
    );
    expect(text).toContain("Meaningful: drops of at least 2 points and at least 30 %, of sessions with both check-ins.");
    expect(text).not.toMatch(/2\+ points or 30/);
  });

  it("puts the heat map and the pain chart side by side on 80 columns, one under the other on 60", () => {
    const wide = renderDashboard(data(practice(NOW)), { theme: plain, ascii: false, width: 80 });
    const row = wide.find((l) => l.includes("Last 12 weeks"))!;
    expect(row).toContain("Pain before each session, 0-10");
    const narrow = renderDashboard(data(practice(NOW)), { theme: plain, ascii: false, width: 60 });
    expect(narrow.find((l) => l.includes("Last 12 weeks"))).not.toContain("Pain before");
    expect(narrow.some((l) => l.startsWith("Pain before each session"))).toBe(true);
  });

  it("gives active time under a minute in seconds, not as nothing", () => {
    const lines = renderDashboard(data([at("a", "2026-11-30T08:00:00.000+01:00", { minutes: 0.5, status: "stopped" })]), {
      theme: plain,
      ascii: false,
      width: 80,
    });
    expect(lines[1]).toBe("Sessions 1, completed 0, active 30s, 1 a week on average");
  });

  it("shows the figures a person asks for first", () => {
    const specs = [
      at("a", "2026-11-28T08:00:00.000+01:00", { minutes: 20, before: [6, 4, "thigh"], after: [4, 4, "thigh"] }),
      at("b", "2026-11-29T08:00:00.000+01:00", { minutes: 10, before: [5, 5, "thigh"], after: [5, 4, "calf"] }),
      at("c", "2026-11-30T08:00:00.000+01:00", { minutes: 5, status: "stopped" }),
    ];
    const lines = renderDashboard(data(specs), { theme: plain, ascii: false, width: 80 });
    expect(lines.slice(0, 5)).toEqual([
      "Your practice (all routines, all time)",
      "Sessions 3, completed 2, active 35m, 3 a week on average",
      "Streak 2 days · longest 2 days    This week 0 of 5 □□□□□",
      "Pain change (after minus before): back -1, leg -0.5 over 2 sessions",
      "Meaningful drop in 1 of 2 (50 %) · pain spread after 1 of 2",
    ]);
  });

  it("says what it covers, and when there are no check-ins", () => {
    const d = { ...data([at("a", "2026-11-28T08:00:00.000+01:00")]), since: new Date(2026, 9, 1), routine: "desk-break" };
    const lines = renderDashboard(d, { theme: plain, ascii: false, width: 80 });
    expect(lines[0]).toBe("Your practice (routine desk-break, since 1 Oct)");
    expect(lines[3]).toBe("Pain: no session with a check-in before and after yet.");
    expect(lines.join("\n")).toContain("No pain check-ins yet");
  });

  it.each([40, 41, 60])("fits %d columns without a pain check-in too", (width) => {
    const lines = renderDashboard(data([at("a", "2026-11-28T08:00:00.000+01:00")]), { theme: plain, ascii: true, width });
    expect(Math.max(...lines.map(displayWidth)), lines.join("\n")).toBeLessThanOrEqual(width);
    expect(lines.join(" ")).toContain("No pain check-ins yet: soothe run asks how your back and leg feel before and after.");
  });

  it("goes beyond the goal bar when the week is over-full", () => {
    const specs = ["23", "24", "25", "26", "27", "28"].map((d, i) => at(`w${i}`, `2026-11-${d}T08:00:00.000+01:00`));
    const lines = renderDashboard(data(specs, new Date(2026, 10, 29, 20)), { theme: plain, ascii: true, width: 80 });
    expect(lines[2]).toContain("This week 6 of 5 ##### +1");
  });
});

describe("the heat map", () => {
  it("has twelve weeks, Monday on top, today in the last column and nothing drawn after it", () => {
    const minutes = new Map([
      ["2026-11-30", 31], // today, a Monday
      ["2026-11-29", 16],
      ["2026-11-28", 6],
      ["2026-11-27", 1],
      ["2026-09-14", 45], // Monday of the first week shown, eleven weeks before this one
      ["2026-09-13", 45], // the day before: not shown
    ]);
    const lines = renderHeatMap(minutes, NOW);
    expect(lines[0]).toBe("Last 12 weeks, minutes a day");
    // Each month is named over the first Monday that falls in it: 14 Sep, 5 Oct, 2 Nov.
    expect(lines[1]).toBe("    Sep   Oct     Nov");
    const rows = lines.slice(2, 9);
    expect(rows.map((r) => r.slice(0, 3))).toEqual(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]);
    const cells = rows.map((r) => [...r.slice(4)].filter((_, i) => i % 2 === 0));
    expect(cells[0]).toHaveLength(12);
    expect(cells[0]![0]).toBe("█"); // 14 September
    expect(cells[6]![0]).toBe("·"); // 20 September
    expect(cells[0]![11]).toBe("█"); // today
    expect(cells[6]![10]).toBe("▓"); // Sunday 29 November
    expect(cells[5]![10]).toBe("▒"); // Saturday 28
    expect(cells[4]![10]).toBe("░"); // Friday 27
    expect(cells[3]![10]).toBe("·"); // Thursday 26: nothing
    // Tuesday to Sunday of this week are still to come.
    for (let r = 1; r < 7; r++) expect(cells[r]![11] ?? " ").toBe(" ");
    expect(lines[9]).toBe("· 0 ░ 1-4 ▒ 5-14 ▓ 15-29 █ 30+");
  });

  it.each([
    [0, 0],
    [0.5, 1],
    [4.9, 1],
    [5, 2],
    [14.9, 2],
    [15, 3],
    [29.9, 3],
    [30, 4],
    [300, 4],
  ])("shades %d minutes as level %d", (minutes, level) => {
    expect(heatLevel(minutes)).toBe(level);
  });
});

describe("the pain chart", () => {
  it("puts each reading on its level, back and leg apart, and marks where they meet", () => {
    const sessions = sessionsOf([
      at("a", "2026-11-01T08:00:00.000+01:00", { before: [7, 3, null] }),
      at("b", "2026-11-30T08:00:00.000+01:00", { before: [4, 4, null] }),
    ]);
    const lines = renderPainChart(painSeries(sessions), NOW, 40);
    expect(lines[0]).toBe("Pain before each session, 0-10");
    const rows = lines.slice(1, 12);
    const row = (level: number) => rows[10 - level]!;
    expect(row(10).startsWith("10 ┤")).toBe(true);
    expect(row(9).startsWith("   │")).toBe(true);
    expect(row(7).indexOf("●")).toBe(4); // back 7 in the first column
    expect(row(3).indexOf("○")).toBe(4); // leg 3 in the first column
    expect(row(4).lastIndexOf("◉")).toBe(4 + 35); // both at 4 in the last column
    // Dots link the readings between.
    expect(rows.join("").includes("·")).toBe(true);
    expect(lines[12]).toBe(`   └${"─".repeat(36)}`);
    expect(lines[13]).toBe(`    1 Nov${"30 Nov".padStart(36 - 5)}`);
  });

  it("averages readings that share a column", () => {
    const sessions = sessionsOf([
      at("a", "2026-11-30T08:00:00.000+01:00", { before: [8, null, null] }),
      at("b", "2026-11-30T18:00:00.000+01:00", { before: [4, null, null] }),
    ]);
    const rows = renderPainChart(painSeries(sessions), NOW, 20).slice(1, 12);
    expect(rows[10 - 6]).toContain("●");
    expect(rows.filter((r) => r.includes("●"))).toHaveLength(1);
  });
});

describe("the routine table", () => {
  it("lists routines best first, with dashes where there is no data and names made safe", () => {
    const specs = [
      at("a", "2026-11-28T08:00:00.000+01:00", { routine: ["glute", "Glute\u001b[31m release"], before: [6, 6, null], after: [3, 4, null] }),
      at("b", "2026-11-29T08:00:00.000+01:00", { routine: ["desk", "Desk break"] }),
    ];
    const lines = renderRoutineTable(data(specs).stats, 80);
    expect(lines.slice(0, 4)).toEqual([
      "What helps: pain change after each routine",
      "Routine        Sessions  Done  Back  Leg  Meaningful  Spread",
      "Glute release         1     1    -3   -2         1/1       0",
      "Desk break            1     1     –    –           –       0",
    ]);
  });

  it("formats changes with a sign, days with the year only when it is not this one", () => {
    expect([signed(-1.44), signed(0.5), signed(0), signed(null), signed(-2)]).toEqual(["-1.4", "+0.5", "0", "–", "-2"]);
    expect(formatDay("2026-09-02", NOW)).toBe("2 Sep");
    expect(formatDay("2025-12-31", NOW)).toBe("31 Dec 2025");
  });
});
