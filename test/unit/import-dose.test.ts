import { describe, expect, it } from "vitest";
import { ImportError, parseImport, planImport, sessionEvents } from "../../src/history/import.js";
import { buildSessions } from "../../src/history/sessions.js";
import type { Session } from "../../src/history/types.js";

const SESSION: Session = {
  id: "d1",
  routine: { id: "nerve-glides", name: "Nerve glides" },
  started_at: "2026-11-20T08:00:00.000+01:00",
  ended_at: "2026-11-20T08:05:00.000+01:00",
  status: "completed",
  planned_s: 65,
  active_s: 65,
  segments: [
    { title: "Sciatic nerve glide", kind: "exercise", side: "left", set: 1, planned_s: 35, active_s: 35, outcome: "done", reps: 7 },
    { title: "Hamstring stretch", kind: "stretch", side: "left", set: 1, planned_s: 30, active_s: 30, outcome: "done", hold_s: 30 },
  ],
  pain_before: { back: 4, leg: 4, reach: "thigh" },
  pain_after: { back: 3, leg: 3, reach: "thigh" },
  spread: false,
  note: null,
};

describe("history import keeps the dose a programme set", () => {
  it("reads back reps and hold_s from what history --json wrote", () => {
    const events = planImport(parseImport(JSON.stringify([SESSION]), "json"), new Set()).add.flatMap(sessionEvents);
    const [back] = buildSessions(events, () => false);
    expect(back?.segments.map((s) => [s.reps, s.hold_s])).toEqual([
      [7, undefined],
      [undefined, 30],
    ]);
  });

  it("refuses a dose that is not a whole number from 1", () => {
    const bad = { ...SESSION, segments: [{ ...SESSION.segments[0]!, reps: 0 }] };
    expect(() => parseImport(JSON.stringify([bad]), "json")).toThrow(ImportError);
  });
});
