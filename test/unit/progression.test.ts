import { describe, expect, it } from "vitest";
import { doseToday, type DoseRule } from "../../src/care/progression.js";
import { shiftDay } from "../../src/time.js";
import type { PainReport, Session } from "../../src/history/types.js";

const START = "2026-12-01";
const STEP = "Sciatic nerve glide";
const REPS: DoseRule = { unit: "reps", from: 5, to: 8, step: 1, every_days: 2 };

/** How a session went, in short: calm, spread, hurt (the step marked as hurting), rise (pain up 2), none (no check-in). */
type Went = "calm" | "spread" | "hurt" | "rise" | "none" | "levels-only";

interface Spec {
  /** Days after the start (0 is the start day). */
  day: number;
  went: Went;
  status?: Session["status"];
  /** The dose done, as recorded on the step's segment. */
  dose?: number;
  hour?: number;
}

function painOf(went: Went): { before: PainReport | null; after: PainReport | null } {
  switch (went) {
    case "calm":
    case "hurt":
      return { before: { back: 5, leg: 5, reach: "thigh" }, after: { back: 4, leg: 5, reach: "thigh" } };
    case "spread":
      return { before: { back: 5, leg: 5, reach: "thigh" }, after: { back: 5, leg: 5, reach: "calf" } };
    case "rise":
      return { before: { back: 3, leg: 3, reach: "buttock" }, after: { back: 5, leg: 3, reach: "buttock" } };
    case "levels-only":
      return { before: { back: 5, leg: 5, reach: null }, after: { back: 4, leg: 4, reach: null } };
    case "none":
      return { before: null, after: null };
  }
}

function session(spec: Spec, index: number): Session {
  const day = shiftDay(START, spec.day);
  const hour = String(spec.hour ?? 9).padStart(2, "0");
  const { before, after } = painOf(spec.went);
  const segment: Session["segments"][number] = {
    title: STEP,
    kind: "exercise",
    side: "left",
    set: 1,
    planned_s: 50,
    active_s: 50,
    outcome: "done",
  };
  if (spec.went === "hurt") segment.hurt = true;
  if (spec.dose !== undefined) segment.reps = spec.dose;
  return {
    id: `s${index}`,
    routine: { id: "nerve-glides", name: "Nerve glides" },
    started_at: `${day}T${hour}:00:00.000+01:00`,
    ended_at: `${day}T${hour}:05:00.000+01:00`,
    status: spec.status ?? "completed",
    planned_s: 300,
    active_s: 300,
    segments: [
      { title: "Knee rolls", kind: "exercise", side: null, set: 1, planned_s: 60, active_s: 60, outcome: "done" },
      segment,
    ],
    pain_before: before,
    pain_after: after,
    spread: null,
    note: null,
  };
}

/** Calm sessions every day from `from` to `to` (days after the start). */
function calmDays(from: number, to: number): Spec[] {
  const out: Spec[] = [];
  for (let d = from; d <= to; d++) out.push({ day: d, went: "calm" });
  return out;
}

interface Row {
  name: string;
  sessions: Spec[];
  /** Days after the start that "today" is. */
  today: number;
  dose: number;
  change: "up" | "down" | "same";
  previous?: number;
  reason: RegExp;
  /** Doses of the history, in order. */
  doses?: number[];
  rule?: DoseRule;
}

const rows: Row[] = [
  { name: "nothing done yet: the starting dose", sessions: [], today: 0, dose: 5, change: "same", reason: /0 days since the start on 1 December/, doses: [5] },
  {
    name: "two calm sessions and two days: up one step",
    sessions: calmDays(0, 1),
    today: 2,
    dose: 6,
    previous: 5,
    change: "up",
    reason: /^two calm sessions since 1 December$/,
    doses: [5],
  },
  {
    name: "calm but too soon: holds and says how long since the last change",
    sessions: calmDays(0, 0).concat([{ day: 0, went: "calm", hour: 18 }]),
    today: 1,
    dose: 5,
    change: "same",
    reason: /1 day since the start on 1 December; at least 2 days between increases/,
  },
  {
    name: "days enough but one session: holds",
    sessions: [{ day: 0, went: "calm" }],
    today: 4,
    dose: 5,
    change: "same",
    reason: /one calm session since 1 December; two are needed/,
  },
  {
    name: "three weeks of calm daily sessions: up every two days, never past to",
    sessions: calmDays(0, 20),
    today: 21,
    dose: 8,
    change: "same",
    reason: /at the top of the programme \(8 reps\)/,
    doses: [5, 6, 7, 8],
  },
  {
    name: "the change at a session is dated that day; the next waits every days again",
    sessions: calmDays(0, 2),
    today: 3,
    dose: 6,
    change: "same",
    reason: /1 day since its last change on 3 December/,
    doses: [5, 6],
  },
  {
    name: "spread after a session: back one step, dated that day",
    sessions: [...calmDays(0, 2), { day: 3, went: "spread" }],
    today: 4,
    dose: 5,
    change: "same",
    reason: /the pain spread further down the leg on 4 December; two calm sessions with check-ins are needed after it/,
    doses: [5, 6, 5],
  },
  {
    name: "a step back shows as today's change on the day it happened",
    sessions: [...calmDays(0, 2), { day: 3, went: "spread" }],
    today: 3,
    dose: 5,
    previous: 6,
    change: "down",
    reason: /^the pain spread further down the leg on 4 December$/,
  },
  {
    name: "the step marked as hurting: back one step",
    sessions: [...calmDays(0, 4), { day: 5, went: "hurt" }],
    today: 6,
    dose: 6,
    change: "same",
    reason: /Sciatic nerve glide was marked as hurting on 6 December/,
    doses: [5, 6, 7, 6],
  },
  {
    name: "never below from",
    sessions: [{ day: 0, went: "spread" }, { day: 1, went: "hurt" }],
    today: 2,
    dose: 5,
    change: "same",
    reason: /marked as hurting on 2 December/,
    doses: [5],
  },
  {
    name: "spread in a stopped session still steps back",
    sessions: [...calmDays(0, 2), { day: 3, went: "spread", status: "stopped" }],
    today: 4,
    dose: 5,
    change: "same",
    reason: /spread further down the leg on 4 December/,
  },
  {
    name: "after a step back, two calm sessions and two days: up again",
    sessions: [...calmDays(0, 2), { day: 3, went: "spread" }, ...calmDays(4, 5)],
    today: 6,
    dose: 6,
    previous: 5,
    change: "up",
    reason: /^two calm sessions since 4 December$/,
    doses: [5, 6, 5],
  },
  {
    name: "missing check-ins: holds, and says so",
    sessions: [{ day: 0, went: "calm" }, { day: 1, went: "none" }],
    today: 3,
    dose: 5,
    change: "same",
    reason: /no pain check-in before and after the session on 2 December/,
  },
  {
    name: "levels without how far down the leg cannot show spread: holds",
    sessions: [{ day: 0, went: "levels-only" }, { day: 1, went: "levels-only" }],
    today: 3,
    dose: 5,
    change: "same",
    reason: /no pain check-in before and after the session on 2 December/,
  },
  {
    name: "check-ins again after a missing one: counting starts after it",
    sessions: [{ day: 0, went: "none" }, ...calmDays(1, 2)],
    today: 3,
    dose: 6,
    change: "up",
    reason: /^two calm sessions since 1 December$/,
  },
  {
    name: "pain up 2 points after: holds",
    sessions: [{ day: 0, went: "calm" }, { day: 1, went: "rise" }, { day: 2, went: "calm" }],
    today: 4,
    dose: 5,
    change: "same",
    reason: /pain rose by 2 points or more after the session on 2 December/,
  },
  {
    name: "stopped sessions do not count as calm",
    sessions: [{ day: 0, went: "calm", status: "stopped" }, { day: 1, went: "calm", status: "stopped" }],
    today: 3,
    dose: 5,
    change: "same",
    reason: /no calm sessions since 1 December/,
  },
  {
    name: "a session done at the previous dose kept it: no change recorded, offered again",
    sessions: [...calmDays(0, 1), { day: 2, went: "calm", dose: 5 }],
    today: 3,
    dose: 6,
    previous: 5,
    change: "up",
    reason: /^three calm sessions since 1 December$/,
    doses: [5],
  },
  {
    name: "sessions before the start do not count",
    sessions: [{ day: -3, went: "calm" }, { day: -2, went: "calm" }],
    today: 2,
    dose: 5,
    change: "same",
    reason: /no calm sessions since 1 December/,
  },
  {
    name: "holds: 10 s up to 30 s by 5 s, every 3 days; the ceiling wins over to",
    rule: { unit: "hold_s", from: 10, to: 30, step: 5, every_days: 3, ceiling: 20 },
    sessions: calmDays(0, 13),
    today: 14,
    dose: 20,
    change: "same",
    reason: /at the top of the programme \(20s hold\)/,
    doses: [10, 15, 20],
  },
];

describe("doseToday", () => {
  it.each(rows)("$name", (row) => {
    const sessions = row.sessions.map(session);
    const result = doseToday(row.rule ?? REPS, STEP, sessions, START, shiftDay(START, row.today));
    expect(result.reason).toMatch(row.reason);
    expect({ dose: result.dose, change: result.change }).toEqual({ dose: row.dose, change: row.change });
    if (row.previous !== undefined) expect(result.previous).toBe(row.previous);
    if (row.doses) expect(result.history.map((h) => h.dose)).toEqual(row.doses);
  });

  it("is the same whatever order the sessions come in (newest first, as history gives them)", () => {
    const specs = [...calmDays(0, 2), { day: 3, went: "spread" as const }, ...calmDays(4, 9)];
    const sessions = specs.map(session);
    const a = doseToday(REPS, STEP, sessions, START, shiftDay(START, 10));
    const b = doseToday(REPS, STEP, [...sessions].reverse(), START, shiftDay(START, 10));
    expect(b).toEqual(a);
    expect(a.history.map((h) => [h.date, h.dose])).toEqual([
      ["2026-12-01", 5],
      ["2026-12-03", 6],
      ["2026-12-04", 5],
      ["2026-12-07", 6],
      ["2026-12-09", 7],
    ]);
  });

  it("ignores a step marked as hurting in another step", () => {
    const s = session({ day: 0, went: "calm" }, 0);
    s.segments[0]!.hurt = true;
    const result = doseToday(REPS, STEP, [s, session({ day: 1, went: "calm" }, 1)], START, shiftDay(START, 2));
    expect(result.change).toBe("up");
  });
});
