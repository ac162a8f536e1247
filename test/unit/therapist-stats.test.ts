import { afterEach, describe, expect, it } from "vitest";
import { brief, briefFormat, briefPreferences } from "../../src/commands/brief.js";
import { homeNotes } from "../../src/commands/diary.js";
import { stats } from "../../src/commands/stats.js";
import { UsageError } from "../../src/errors.js";
import { openHistory } from "../../src/history/store.js";
import { shiftDay } from "../../src/time.js";
import type { HistoryStore } from "../../src/history/types.js";
import { FakeClock } from "../../src/session/clock.js";
import { defaults } from "../../src/settings.js";
import { SEE_DOCTOR_LINE } from "../../src/ui/therapist-stats.js";
import { makeDeps, type FakeDeps } from "../helpers/fake-deps.js";
import { diaryEvent, visitEvent } from "../helpers/record-data.js";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const NOW = new Date(2026, 11, 1, 12, 0, 0);
let fake: FakeDeps | undefined;
afterEach(() => fake?.cleanup());

function setup(fill: (store: HistoryStore) => void, options: Parameters<typeof makeDeps>[0] = {}): FakeDeps {
  fake = makeDeps({ clock: new FakeClock(0, NOW.getTime()), ...options });
  const store = openHistory(fake.deps.paths.historyFile, { isAlive: () => false });
  fill(store);
  fake.deps.openHistory = async () => store;
  return fake;
}

/** Five weeks of diary at the same pain: the trend calls for a doctor. */
function flatFiveWeeks(store: HistoryStore): void {
  for (let i = 0; i < 35; i++) store.appendRecord(diaryEvent(`d${i}`, shiftDay("2026-10-27", i), { pain: { back: 6, leg: 6, reach: "thigh" }, sitting_min: 20 + (i % 2) }));
}

describe("stats with visits and the diary", () => {
  it("--json adds techniques and the trend, as DESIGN.md names them", async () => {
    const f = setup((store) => {
      store.appendRecord(visitEvent("v1", "2026-11-30", { techniques: ["myofascial"], pain_before: { back: 6, leg: 6, reach: null }, pain_after: { back: 3, leg: 4, reach: null } }));
      store.appendRecord(diaryEvent("d1", "2026-12-01", { pain: { back: 4, leg: 5, reach: null } }));
    });
    await stats({ json: true }, f.deps);
    const printed = JSON.parse(f.out()) as Record<string, unknown>;
    expect(printed.techniques).toEqual([
      { technique: "myofascial", visits: 1, pain_visits: 1, avg_back_change: -3, avg_leg_change: -2, meaningful: 1, next_day_back_change: -2, next_day_leg_change: -1 },
    ]);
    expect(printed.trend).toEqual({
      weeks: [{ start: "2026-11-30", avg: 5, readings: 1, sitting_min: 20, walking_min: 30 }],
      first_week_avg: 5,
      last_week_avg: 5,
      see_doctor: false,
    });
  });

  it("the page shows the techniques and the weeks, and says calmly to see a doctor when the trend calls for it", async () => {
    const f = setup((store) => {
      flatFiveWeeks(store);
      store.appendRecord(visitEvent("v1", "2026-11-30", { techniques: ["swedish"] }));
    });
    await stats({}, f.deps);
    const out = f.out();
    expect(out).toContain("No sessions yet. Start one with: soothe run <routine>\n");
    expect(out).toContain(
      "Technique  Visits  Back  Leg  Meaningful  Next day back  Next day leg\n" +
        "swedish         1    -2   -2      1 of 1              –             –\n",
    );
    expect(out).toContain("Week from  Pain  Readings  Can sit  Can walk\n26 Oct        6         6   21 min    30 min\n");
    expect(out).toContain("30 Nov        6         1   20 min    30 min\n");
    expect(out.replace(/\n/g, " ")).toContain(SEE_DOCTOR_LINE);
  });

  it("a page about one routine leaves them out", async () => {
    const f = setup(flatFiveWeeks);
    await stats({ routine: "nerve-glides" }, f.deps);
    expect(f.out()).toBe("No sessions match.\n");
  });
});

describe("the home screen", () => {
  it("offers the diary until today has an entry, and says to see a doctor when the trend calls for it", async () => {
    const f = setup(flatFiveWeeks);
    const notes = await homeNotes(f.deps);
    expect(notes.offerDiary).toBe(true);
    expect(notes.lines.join(" ").replace(/ +/g, " ")).toContain(SEE_DOCTOR_LINE);
    f.deps.openHistory = async () => {
      const store = openHistory(f.deps.paths.historyFile);
      store.appendRecord(diaryEvent("today", "2026-12-01", { pain: { back: 2, leg: 2, reach: null } }));
      return store;
    };
    expect((await homeNotes(f.deps)).offerDiary).toBe(false);
  });

  it("says nothing of a doctor when pain has eased", async () => {
    const f = setup((store) => {
      for (let i = 0; i < 35; i++) store.appendRecord(diaryEvent(`d${i}`, shiftDay("2026-10-28", i), { pain: { back: i < 7 ? 6 : 3, leg: null, reach: null } }));
    });
    expect((await homeNotes(f.deps)).lines).toEqual([]);
  });
});

describe("soothe brief", () => {
  it.each([
    [undefined, undefined, "text"],
    [undefined, "brief.html", "html"],
    [undefined, "brief.md", "md"],
    [undefined, "brief.txt", "text"],
    ["HTML", "x.md", "html"],
    ["markdown", undefined, "md"],
  ])("--format %j with --out %j is %s", (format, out, expected) => {
    expect(briefFormat(format, out)).toBe(expected);
  });

  it("refuses another format", () => {
    expect(() => briefFormat("pdf", undefined)).toThrow(UsageError);
  });

  it("reads the preferences from the settings", () => {
    expect(briefPreferences({ ...defaults(), pressure: "light", techniques_liked: "swedish,myofascial", focus_areas: "glutes" })).toEqual({
      pressure: "light",
      techniques_liked: ["swedish", "myofascial"],
      techniques_avoid: [],
      focus_areas: ["glutes"],
      avoid_areas: [],
    });
  });

  it("prints the text version, with the preferences and the advice to see a doctor", async () => {
    const f = setup(flatFiveWeeks, { settings: { pressure: "firm", avoid_areas: "neck", affected_side: "right" } });
    expect(await brief({}, f.deps)).toBe(0);
    const out = f.out();
    expect(out).toMatch(/^Before my appointment: my sciatica in brief\n1 Nov 2026 to 1 Dec 2026\n/);
    expect(out).toContain("Right side; the pain reaches down to the thigh now");
    expect(out).toContain("Pressure: firm.");
    expect(out).toContain("Areas to avoid: neck.");
    expect(out.replace(/\n {2}/g, " ")).toContain("this is a good time to see a doctor or physiotherapist about it [NHS-S]");
  });

  it("--out writes the HTML readable only by its owner, and says where", async () => {
    const f = setup(flatFiveWeeks);
    const file = join(f.home, "brief.html");
    expect(await brief({ out: file, since: "7d" }, f.deps)).toBe(0);
    expect(f.out()).toBe(`Brief written to ${file}\n`);
    expect(readFileSync(file, "utf8")).toMatch(/^<!DOCTYPE html>/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("a folder that does not exist is a clear error", async () => {
    const f = setup(flatFiveWeeks);
    await expect(brief({ out: join(f.home, "no", "such", "b.md") }, f.deps)).rejects.toThrow(/cannot write the brief to .*its folder does not exist/);
  });
});

describe("the stats part on a narrow terminal", () => {
  it("fits 40 columns: techniques a line each, weeks in a short table, notes wrapped", async () => {
    const { renderTherapistStats } = await import("../../src/ui/therapist-stats.js");
    const { createTheme } = await import("../../src/ui/theme.js");
    const { painTrend } = await import("../../src/care/trend.js");
    const trend = painTrend(
      Array.from({ length: 35 }, (_, i) => ({ day: shiftDay("2026-10-27", i), back: 6, leg: 6 })),
      [{ day: "2026-11-30", sitting_min: 120, walking_min: 45 }],
      "2026-12-01",
    );
    const techniques = [
      { technique: "trigger-point" as const, visits: 12, pain_visits: 12, avg_back_change: -2.5, avg_leg_change: -1.5, meaningful: 10, next_day_back_change: -0.5, next_day_leg_change: null },
    ];
    const lines = renderTherapistStats({ techniques, trend }, { theme: createTheme(false), width: 40, ascii: true });
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(40);
    expect(lines.join("\n")).toContain("trigger-point: 12 visits; back -2.5, leg");
    expect(lines).toContain("Week    Pain  N   Sit  Walk");
    expect(lines).toContain("30 Nov     6  1  120m   45m");
    expect(lines.join("\n")).not.toMatch(/[^\x20-\x7e\n]/);
  });
});
