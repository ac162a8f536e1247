import { describe, expect, it } from "vitest";
import { buildSessions, isProcessAlive, roundTenth } from "../../src/history/sessions.js";
import type { HistoryEvent, SegmentRecord } from "../../src/history/types.js";
import { hostname } from "node:os";

const start = (session: string, at: string, extra: Partial<{ pid: number; host: string }> = {}): HistoryEvent => ({
  v: 1,
  type: "start",
  session,
  at,
  routine: { id: "morning", name: "Morning mobility" },
  planned_s: 600,
  pid: extra.pid ?? 100,
  host: extra.host ?? "box",
});

const segment = (session: string, s: Partial<SegmentRecord> = {}): HistoryEvent => ({
  v: 1,
  type: "segment",
  session,
  at: "2026-11-25T08:02:00.000+01:00",
  segment: {
    title: "Knee to chest",
    kind: "stretch",
    side: "left",
    set: 1,
    planned_s: 30,
    active_s: 30,
    outcome: "done",
    ...s,
  },
});

const end = (session: string, status: "completed" | "stopped", at = "2026-11-25T08:12:00.000+01:00"): HistoryEvent => ({
  v: 1,
  type: "end",
  session,
  at,
  status,
});

const dead = () => false;

describe("buildSessions", () => {
  it("builds exactly the documented shape", () => {
    const sessions = buildSessions(
      [
        start("a", "2026-11-25T08:01:02.345+01:00"),
        segment("a", { active_s: 30.04 }),
        segment("a", { title: "Walk", kind: "manual", side: null, set: 1, planned_s: null, active_s: 0, outcome: "skipped", note: "needs a person" }),
        segment("a", { title: "Rest", kind: "rest", side: null, set: null, planned_s: 10, active_s: 10.03 }),
        end("a", "completed"),
      ],
      dead,
    );
    expect(sessions).toEqual([
      {
        id: "a",
        routine: { id: "morning", name: "Morning mobility" },
        started_at: "2026-11-25T08:01:02.345+01:00",
        ended_at: "2026-11-25T08:12:00.000+01:00",
        status: "completed",
        planned_s: 600,
        active_s: 40.1,
        segments: [
          { title: "Knee to chest", kind: "stretch", side: "left", set: 1, planned_s: 30, active_s: 30.04, outcome: "done" },
          { title: "Walk", kind: "manual", side: null, set: 1, planned_s: null, active_s: 0, outcome: "skipped", note: "needs a person" },
          { title: "Rest", kind: "rest", side: null, set: null, planned_s: 10, active_s: 10.03, outcome: "done" },
        ],
        pain_before: null,
        pain_after: null,
        spread: null,
        note: null,
      },
    ]);
    expect(Object.keys(sessions[0]!.segments[0]!)).not.toContain("note");
  });

  it("drops fields a newer writer added to a segment", () => {
    const event = segment("a");
    (event as unknown as { segment: Record<string, unknown> }).segment.extra = 1;
    const [session] = buildSessions([start("a", "2026-11-25T08:01:00.000+01:00"), event], dead);
    expect(session!.segments[0]).not.toHaveProperty("extra");
  });

  it.each([
    ["completed", "completed"],
    ["stopped", "stopped"],
  ] as const)("an end event with %s gives status %s", (given, status) => {
    const [session] = buildSessions([start("a", "2026-11-25T08:01:00.000+01:00"), end("a", given)], dead);
    expect(session!.status).toBe(status);
  });

  it("a session without an end is running while its process lives, else interrupted", () => {
    const events = [start("a", "2026-11-25T08:01:00.000+01:00", { pid: 7, host: "here" }), segment("a")];
    const calls: unknown[] = [];
    const alive = (pid: number, host: string) => {
      calls.push([pid, host]);
      return true;
    };
    expect(buildSessions(events, alive)[0]).toMatchObject({ status: "running", ended_at: null, active_s: 30 });
    expect(calls).toEqual([[7, "here"]]);
    expect(buildSessions(events, dead)[0]).toMatchObject({ status: "interrupted", ended_at: null });
  });

  it("returns newest first and keeps interleaved sessions apart", () => {
    const sessions = buildSessions(
      [
        start("a", "2026-11-25T08:00:00.000+01:00"),
        segment("a", { active_s: 1 }),
        start("b", "2026-11-25T08:00:05.000+01:00"),
        segment("b", { active_s: 2 }),
        segment("a", { active_s: 3 }),
        end("b", "stopped"),
        end("a", "completed"),
      ],
      dead,
    );
    expect(sessions.map((s) => [s.id, s.active_s, s.segments.length, s.status])).toEqual([
      ["b", 2, 1, "stopped"],
      ["a", 4, 2, "completed"],
    ]);
  });

  it("ignores events whose start is missing, a repeated start, and events after the end", () => {
    const sessions = buildSessions(
      [
        segment("orphan"),
        end("orphan", "completed"),
        start("a", "2026-11-25T08:00:00.000+01:00"),
        start("a", "2026-11-25T09:00:00.000+01:00"),
        end("a", "stopped"),
        segment("a"),
        end("a", "completed"),
      ],
      dead,
    );
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ id: "a", started_at: "2026-11-25T08:00:00.000+01:00", status: "stopped", segments: [] });
  });

  it("rounds the session's active time to 0.1 s", () => {
    const events = [start("a", "2026-11-25T08:00:00.000+01:00"), segment("a", { active_s: 0.1 }), segment("a", { active_s: 0.2 })];
    expect(buildSessions(events, dead)[0]!.active_s).toBe(0.3);
    expect(roundTenth(431.249)).toBe(431.2);
  });
});

describe("isProcessAlive", () => {
  it("is true for this process on this host, false on another host or for a pid that is gone", () => {
    expect(isProcessAlive(process.pid, hostname())).toBe(true);
    expect(isProcessAlive(process.pid, `${hostname()}-elsewhere`)).toBe(false);
    expect(isProcessAlive(2 ** 22 + 12345, hostname())).toBe(false);
    expect(isProcessAlive(0, hostname())).toBe(false);
  });
});

describe("pain check-ins and spread", () => {
  const pain = (reach: string | null, back: number | null = 5, leg: number | null = 6) =>
    ({ back, leg, reach }) as import("../../src/history/types.js").PainReport;
  const withPain = (before: ReturnType<typeof pain> | undefined, after: ReturnType<typeof pain> | undefined, note?: string) => {
    const s = start("a", "2026-11-25T08:00:00.000+01:00") as Extract<HistoryEvent, { type: "start" }>;
    const events: HistoryEvent[] = [before ? { ...s, pain_before: before } : s, segment("a"), end("a", "completed")];
    if (after || note) {
      events.push({
        v: 1,
        type: "checkin",
        session: "a",
        at: "2026-11-25T08:13:00.000+01:00",
        ...(after ? { pain_after: after } : {}),
        ...(note ? { note } : {}),
      });
    }
    return buildSessions(events, () => false)[0]!;
  };

  it.each([
    ["thigh", "calf", true],
    ["thigh", "foot", true],
    ["thigh", "thigh", false],
    ["calf", "buttock", false],
    // Back pain alone is not pain down the leg.
    ["none", "back", false],
    ["back", "buttock", true],
    [null, "calf", null],
    ["thigh", null, null],
  ])("reach %s then %s gives spread %s", (before, after, expected) => {
    expect(withPain(pain(before), pain(after)).spread).toBe(expected);
  });

  it("keeps the check-in written after the end event, and the note", () => {
    const session = withPain(pain("thigh", 6, 7), pain("buttock", 4, 3), "easier today");
    expect(session.status).toBe("completed");
    expect(session.pain_before).toEqual({ back: 6, leg: 7, reach: "thigh" });
    expect(session.pain_after).toEqual({ back: 4, leg: 3, reach: "buttock" });
    expect(session.note).toBe("easier today");
    expect(session.spread).toBe(false);
  });

  it("reads null where nothing was asked", () => {
    const session = withPain(undefined, undefined);
    expect([session.pain_before, session.pain_after, session.spread, session.note]).toEqual([null, null, null, null]);
  });
});
