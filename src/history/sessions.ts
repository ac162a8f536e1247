import type { IsAlive } from "../files/alive.js";
import { spreadOf } from "../care/pain-change.js";
import {
  type CheckinEvent,
  type EndEvent,
  type HistoryEvent,
  type PainReport,
  type SegmentRecord,
  type Session,
  type StartEvent,
} from "./types.js";

export { isProcessAlive, type IsAlive } from "../files/alive.js";

/** Rounds to 0.1 s, the precision history keeps. */
export function roundTenth(seconds: number): number {
  return Math.round(seconds * 10) / 10;
}

/**
 * Rebuilds sessions from events in file order, newest start first.
 * Events of a session whose start is missing (damaged or not read) are ignored, as are repeated starts.
 */
export function buildSessions(events: Iterable<HistoryEvent>, isAlive: IsAlive): Session[] {
  const byId = new Map<
    string,
    { start: StartEvent; segments: SegmentRecord[]; end: EndEvent | null; checkin: CheckinEvent | null }
  >();
  for (const event of events) {
    if (event.type === "start") {
      if (!byId.has(event.session)) byId.set(event.session, { start: event, segments: [], end: null, checkin: null });
      continue;
    }
    const entry = byId.get(event.session);
    if (!entry) continue;
    if (event.type === "checkin") {
      entry.checkin = event;
      continue;
    }
    if (entry.end) continue;
    if (event.type === "segment") entry.segments.push(copySegment(event.segment));
    else entry.end = event;
  }
  const sessions: Session[] = [];
  for (const { start, segments, end, checkin } of byId.values()) {
    const painBefore = start.pain_before ? copyPain(start.pain_before) : null;
    const painAfter = checkin?.pain_after ? copyPain(checkin.pain_after) : null;
    const status = end ? end.status : isAlive(start.pid, start.host, Date.parse(start.at)) ? "running" : "interrupted";
    sessions.push({
      id: start.session,
      routine: { id: start.routine.id, name: start.routine.name },
      started_at: start.at,
      ended_at: end ? end.at : null,
      status,
      planned_s: start.planned_s,
      active_s: roundTenth(segments.reduce((sum, s) => sum + s.active_s, 0)),
      segments,
      pain_before: painBefore,
      pain_after: painAfter,
      spread: spreadOf(painBefore, painAfter),
      note: checkin?.note ?? null,
    });
  }
  return sessions.reverse();
}

/** A dose as a programme sets it: a whole number of reps or seconds, at least 1. */
function isDose(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1;
}

/** Exactly the documented segment fields, whatever else a newer writer put in the event. */
function copySegment(s: SegmentRecord): SegmentRecord {
  const copy: SegmentRecord = {
    title: s.title,
    kind: s.kind,
    side: s.side,
    set: s.set,
    planned_s: s.planned_s,
    active_s: s.active_s,
    outcome: s.outcome,
  };
  if (s.note !== undefined) copy.note = s.note;
  if (s.hurt === true) copy.hurt = true;
  if (isDose(s.reps)) copy.reps = s.reps;
  if (isDose(s.hold_s)) copy.hold_s = s.hold_s;
  return copy;
}

function copyPain(p: PainReport): PainReport {
  return { back: p.back ?? null, leg: p.leg ?? null, reach: p.reach ?? null };
}

