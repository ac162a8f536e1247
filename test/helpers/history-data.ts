// Builders for history test data: the events a run writes, and the sessions they rebuild into.
import { localIso } from "../../src/time.js";
import type { HistoryEvent, PainReport, Reach, SegmentRecord, Session, SessionStatus } from "../../src/history/types.js";
import { buildSessions } from "../../src/history/sessions.js";

/** A pain check-in in short form: [back, leg, reach]. */
export type PainShort = [number | null, number | null, Reach | null];

/** What one recorded session is made of. */
export interface SessionSpec {
  id: string;
  /** When it started (its local time is written with the process's offset). */
  at: Date;
  routine?: [id: string, name: string];
  /** completed (default), stopped, or interrupted (no end event). */
  status?: Exclude<SessionStatus, "running">;
  /** Active minutes, spread over the done segments. */
  minutes?: number;
  /** Segment outcomes; 3 done by default. */
  outcomes?: SegmentRecord["outcome"][];
  before?: PainShort;
  after?: PainShort;
  note?: string;
  /** Segment titles, by position; "Step 1", "Step 2"... otherwise. */
  titles?: string[];
  /** Positions (from 0) of segments marked "this hurts". */
  hurt?: number[];
  /** The exact `at` text of the start, when a test needs an offset other than the process's. */
  startText?: string;
}

function pain(p: PainShort): PainReport {
  return { back: p[0], leg: p[1], reach: p[2] };
}

/** The events `soothe run` writes for a session: start, segments, end (unless interrupted), check-in. */
export function sessionEvents(spec: SessionSpec): HistoryEvent[] {
  const at = spec.startText ?? localIso(spec.at);
  const [routineId, routineName] = spec.routine ?? ["morning-mobility", "Morning mobility"];
  const outcomes = spec.outcomes ?? ["done", "done", "done"];
  const done = outcomes.filter((o) => o === "done").length;
  const seconds = (spec.minutes ?? 6) * 60;
  const endAt = localIso(new Date(spec.at.getTime() + seconds * 1000 + 30_000));
  const events: HistoryEvent[] = [
    {
      v: 1,
      type: "start",
      session: spec.id,
      at,
      routine: { id: routineId, name: routineName },
      planned_s: seconds,
      pid: 7,
      host: "elsewhere",
      ...(spec.before ? { pain_before: pain(spec.before) } : {}),
    },
  ];
  outcomes.forEach((outcome, i) => {
    const title = `Step ${i + 1}`;
    const segment: SegmentRecord = {
      title: spec.titles?.[i] ?? title,
      kind: "stretch",
      side: i % 2 === 0 ? "left" : "right",
      set: 1,
      planned_s: 60,
      active_s: outcome === "done" && done > 0 ? Math.round((seconds / done) * 10) / 10 : 0,
      outcome,
    };
    if (spec.hurt?.includes(i)) segment.hurt = true;
    events.push({ v: 1, type: "segment", session: spec.id, at: endAt, segment });
  });
  const status = spec.status ?? "completed";
  if (status !== "interrupted") events.push({ v: 1, type: "end", session: spec.id, at: endAt, status });
  if (spec.after || spec.note !== undefined) {
    events.push({
      v: 1,
      type: "checkin",
      session: spec.id,
      at: endAt,
      ...(spec.after ? { pain_after: pain(spec.after) } : {}),
      ...(spec.note !== undefined ? { note: spec.note } : {}),
    });
  }
  return events;
}

/** Sessions rebuilt from specs exactly as the store would, newest first. */
export function sessionsOf(specs: SessionSpec[]): Session[] {
  return buildSessions(specs.flatMap(sessionEvents), () => false);
}

/** Appends every spec's events to a store. */
export function record(store: { append(event: HistoryEvent): void }, specs: SessionSpec[]): void {
  for (const spec of specs) for (const event of sessionEvents(spec)) store.append(event);
}

/** A number in [0, 1) that depends only on `n` and `salt`: the same history every time, with no visible pattern. */
function noise(n: number, salt: number): number {
  let h = Math.imul(n + 1, 0x9e3779b1) ^ Math.imul(salt + 7, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
  return ((h ^ (h >>> 15)) >>> 0) / 2 ** 32;
}

const NOTES = [
  "Slept badly; stiff first thing.",
  "Long drive yesterday, leg worse.",
  "Easier afterwards, walked to the shops.",
  "Skipped the last stretch, felt a pull.",
  "Good day, barely noticed the leg.",
];

/**
 * A realistic stretch of practice ending at `now`: most days a morning session, some evenings a second one, a day
 * off now and then, pain easing over the weeks; glute release helps most, nerve glides a little, the others not
 * measurably. Deterministic for a given `now` and `weeks`.
 */
export function practice(now: Date, weeks = 10): SessionSpec[] {
  const specs: SessionSpec[] = [];
  const routines: [string, string][] = [
    ["glute-release", "Glute release"],
    ["morning-mobility", "Morning mobility"],
    ["nerve-glides", "Nerve glides"],
    ["cold-pack-cycle", "Cold pack cycle"],
  ];
  const days = weeks * 7;
  let n = 0;
  for (let d = days; d >= 0; d--) {
    // A day off now and then, never in the last few days.
    if (d > 3 && noise(d, 1) < 0.2) continue;
    const sessionsToday = noise(d, 2) < 0.2 ? 2 : 1;
    for (let k = 0; k < sessionsToday; k++) {
      const hour = k === 0 ? 7 + Math.floor(noise(d, 3) * 3) : 19 + Math.floor(noise(d, 4) * 3);
      const at = new Date(now.getFullYear(), now.getMonth(), now.getDate() - d, hour, Math.floor(noise(d, 5 + k) * 60));
      if (at.getTime() > now.getTime()) continue;
      const routine = routines[Math.floor(noise(d, 10 + k) * routines.length)]!;
      const eased = (d / days) * 3; // pain eases over the weeks
      const back = Math.max(1, Math.min(10, Math.round(3 + eased + (noise(d, 20 + k) * 2 - 1))));
      const leg = Math.max(0, Math.min(10, Math.round(2 + eased + (noise(d, 30 + k) * 2 - 1))));
      const helps = routine[0] === "glute-release" ? 2 : routine[0] === "nerve-glides" ? 1 : 0;
      const spread = noise(d, 40 + k) < 0.1;
      const r = noise(d, 50 + k);
      specs.push({
        id: `s${String(++n).padStart(3, "0")}`,
        at,
        routine,
        status: r < 0.08 ? "stopped" : r < 0.1 ? "interrupted" : "completed",
        minutes: routine[0] === "cold-pack-cycle" ? 45 : 5 + Math.floor(noise(d, 60 + k) * 8),
        before: [back, leg, spread ? "calf" : "thigh"],
        after: [Math.max(0, back - helps), Math.max(0, leg - helps), spread ? "foot" : "thigh"],
        ...(noise(d, 70 + k) < 0.08 ? { note: NOTES[Math.floor(noise(d, 71 + k) * NOTES.length)]! } : {}),
        ...(noise(d, 80 + k) < 0.05 ? { titles: ["Ball massage", "Figure-4 stretch", "Knee to chest"], hurt: [1] } : {}),
      });
    }
  }
  return specs;
}
