import { appendFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { stats } from "../../src/commands/stats.js";
import { UserError } from "../../src/errors.js";
import { therapistStats } from "../../src/history/techniques.js";
import { dayKey } from "../../src/time.js";
import { computeStats } from "../../src/history/stats.js";
import { openHistory } from "../../src/history/store.js";
import { FakeClock } from "../../src/session/clock.js";
import { displayWidth } from "../../src/text.js";
import { makeDeps, type FakeDeps } from "../helpers/fake-deps.js";
import { practice, record, sessionsOf } from "../helpers/history-data.js";

/** Monday 30 November 2026, 20:00 local. */
const NOW = new Date(2026, 10, 30, 20, 0);

const fakes: FakeDeps[] = [];
afterEach(() => {
  for (const fake of fakes.splice(0)) fake.cleanup();
});

/** Fake deps over a real history file in the temp home, holding `practice(NOW)`. */
function setup(options: Parameters<typeof makeDeps>[0] = {}, withHistory = true) {
  const fake = makeDeps({ clock: new FakeClock(0, NOW.getTime()), ...options });
  fakes.push(fake);
  const store = openHistory(fake.deps.paths.historyFile, { isAlive: () => false });
  if (withHistory) record(store, practice(NOW));
  fake.deps.openHistory = async () => store;
  return { ...fake, store };
}

describe("soothe stats", () => {
  it("--json prints exactly the figures of the whole history, with the weekly goal from the settings", async () => {
    const { deps, out, err } = setup({ settings: { weekly_goal: 3 } });
    expect(await stats({ json: true }, deps)).toBe(0);
    const printed = JSON.parse(out()) as ReturnType<typeof computeStats>;
    const all = sessionsOf(practice(NOW));
    expect(printed).toEqual({
      ...computeStats(all, { now: NOW, weeklyGoal: 3 }),
      ...therapistStats({ sessions: all, visits: [], diary: [] }, undefined, dayKey(NOW)),
    });
    expect(printed.week.goal).toBe(3);
    expect(printed.sessions).toBeGreaterThan(40);
    expect(printed.routines.map((r) => r.id)[0]).toBe("glute-release");
    expect(err()).toBe("");
  });

  it("--routine and --since narrow what is counted", async () => {
    const { deps, out } = setup();
    expect(await stats({ json: true, routine: "nerve-glides", since: "14d" }, deps)).toBe(0);
    const printed = JSON.parse(out()) as ReturnType<typeof computeStats>;
    const expected = sessionsOf(practice(NOW)).filter(
      (s) => s.routine.id === "nerve-glides" && Date.parse(s.started_at) >= new Date(2026, 10, 16, 20).getTime(),
    );
    expect(printed.sessions).toBe(expected.length);
    expect(printed.sessions).toBeGreaterThan(0);
    expect(printed.routines.map((r) => r.id)).toEqual(["nerve-glides"]);
  });

  it("draws the dashboard within the terminal's width", async () => {
    const { deps, out } = setup({ tty: true, columns: 80 });
    expect(await stats({}, deps)).toBe(0);
    const lines = out().trimEnd().split("\n");
    expect(lines[0]).toBe("Your practice (all routines, all time)");
    expect(lines.some((l) => l.startsWith("Glute release"))).toBe(true);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(80);
  });

  it("draws in ASCII when the terminal is dumb", async () => {
    const { deps, out } = setup({ envVars: { TERM: "dumb" } });
    expect(await stats({}, deps)).toBe(0);
    expect(out()).toMatch(/^[\x20-\x7e\n]*$/);
  });

  it("says how to start when there is no history, and when nothing matches", async () => {
    const { deps, out } = setup({}, false);
    expect(await stats({}, deps)).toBe(0);
    expect(out()).toBe("No sessions yet. Start one with: soothe run <routine>\n");
    const second = setup();
    expect(await stats({ routine: "nothing-like-this" }, second.deps)).toBe(0);
    expect(second.out()).toBe("No sessions match.\n");
  });

  it("prints zeros and nulls as JSON for an empty history, so scripts need no special case", async () => {
    const { deps, out } = setup({}, false);
    expect(await stats({ json: true }, deps)).toBe(0);
    expect(JSON.parse(out())).toMatchObject({ sessions: 0, streak: { current: 0, longest: 0 }, routines: [] });
  });

  it("refuses a --since it cannot read, saying what it takes", async () => {
    const { deps } = setup();
    await expect(stats({ since: "last tuesday" }, deps)).rejects.toThrow(UserError);
    await expect(stats({ since: "last tuesday" }, deps)).rejects.toThrow(/--since 2026-11-01, --since 30d or --since 12w/);
  });

  it("warns on stderr about damaged lines and still counts the rest", async () => {
    const { deps, out, err } = setup();
    appendFileSync(deps.paths.historyFile, "{ not json\n");
    expect(await stats({ json: true }, deps)).toBe(0);
    expect(err()).toMatch(/^soothe: warning: .*history\.jsonl: skipped 1 damaged line/);
    expect((JSON.parse(out()) as { sessions: number }).sessions).toBe(practice(NOW).length);
  });
});
