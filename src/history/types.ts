import type { SegmentKind, Side } from "../routine/types.js";

/** How far down the leg pain reaches, nearest the spine first. */
export const REACHES = ["none", "back", "buttock", "thigh", "calf", "foot"] as const;
export type Reach = (typeof REACHES)[number];

/** A pain check-in: 0-10 for back and leg (0 no pain, 10 worst imaginable), and how far down the leg it reaches. */
export interface PainReport {
  back: number | null;
  leg: number | null;
  reach: Reach | null;
}

/** How a segment ended. */
export type Outcome = "done" | "skipped" | "stopped";

/** Status of a whole session. */
export type SessionStatus = "completed" | "stopped" | "interrupted" | "running";

/** One exercise, rest or manual segment as it happened (transitions are not recorded). */
export interface SegmentRecord {
  title: string;
  kind: SegmentKind;
  side: Side | null;
  set: number | null;
  /** Planned seconds; null for manual segments. */
  planned_s: number | null;
  /** Seconds actually spent, pauses excluded, rounded to 0.1 s. */
  active_s: number;
  outcome: Outcome;
  /** Why it ended as it did, when that needs saying (e.g. "needs a person" for a manual segment run without input). */
  note?: string;
  /** The user pressed `!` ("this hurts") during this segment. */
  hurt?: boolean;
  /** The dose done, on a step whose dose a programme sets: repetitions, or seconds held. */
  reps?: number;
  hold_s?: number;
}

/** Routine reference stored with a session. */
export interface RoutineRef {
  id: string;
  name: string;
}

interface EventBase {
  /** Format version of the event. */
  v: 1;
  session: string;
  /** Local time with offset, e.g. 2026-11-25T08:01:02.345+01:00. */
  at: string;
}

export interface StartEvent extends EventBase {
  type: "start";
  routine: RoutineRef;
  planned_s: number;
  pid: number;
  host: string;
  /** The check-in before the run, when there was one. */
  pain_before?: PainReport;
}

export interface SegmentEvent extends EventBase {
  type: "segment";
  segment: SegmentRecord;
}

export interface EndEvent extends EventBase {
  type: "end";
  status: "completed" | "stopped";
}

/**
 * The check-in after a run and the user's note. Written after the end event, so that a session is saved whole
 * before any question is asked; a later check-in replaces an earlier one.
 */
export interface CheckinEvent extends EventBase {
  type: "checkin";
  pain_after?: PainReport;
  note?: string;
}

/** Host recorded with imported sessions: never a machine's name, so a session without an end reads interrupted. */
export const IMPORT_HOST = "imported";

/**
 * Written after the sessions an import added (one block, oldest first): `before` is when the newest session above
 * the block started (null: none). It lets a reader from the end stop early. Not an event of any session.
 */
export interface ImportMark {
  v: 1;
  type: "import";
  at: string;
  sessions: number;
  before: string | null;
  /**
   * When nothing else was written between the block's first byte and its last: its length in bytes and lines, and
   * when its newest session started. A reader from the end then skips the block, and reads it only when that
   * session could be among those it wants.
   */
  bytes?: number;
  lines?: number;
  newest?: string;
}

/** One line of history.jsonl. */
export type HistoryEvent = StartEvent | SegmentEvent | EndEvent | CheckinEvent;

/** A session rebuilt from its events: exactly the `history --json` shape of DESIGN.md. */
export interface Session {
  id: string;
  routine: RoutineRef;
  started_at: string;
  ended_at: string | null;
  status: SessionStatus;
  planned_s: number;
  active_s: number;
  segments: SegmentRecord[];
  pain_before: PainReport | null;
  pain_after: PainReport | null;
  /** True when pain reached further down the leg after than before; false when as far or less; null when unknown. */
  spread: boolean | null;
  note: string | null;
}

/** Filters for reading sessions, newest first. */
export interface SessionQuery {
  limit?: number;
  since?: Date;
  routine?: string;
}

/** The append-only session log. */
export interface HistoryStore {
  readonly file: string;
  /** Appends one event as one line, synchronously, so that it is on disk before the call returns. */
  append(event: HistoryEvent): void;
  /**
   * Appends events (a whole session) in one write: they land together, and are never split by another writer's.
   * Returns the bytes written (none for no events, unless a torn last line needed its newline).
   */
  appendAll(events: readonly HistoryEvent[]): number;
  /** The size of the file in bytes (0 when there is none yet). */
  size(): number;
  /** Appends the mark that ends an import's block of sessions. */
  markImport(mark: ImportMark): void;
  /** Runs `fn` holding the history's lock: writers that first look at what is there (imports) take it. */
  locked<T>(fn: () => Promise<T>): Promise<T>;
  /** Appends a visit, visit-removed or diary line, the same way. */
  appendRecord(event: RecordEvent): void;
  /** Sessions newest first, with warnings about skipped lines. */
  readSessions(query?: SessionQuery): Promise<{ sessions: Session[]; warnings: string[] }>;
  /**
   * When a segment of each of `kinds` last ended after some time spent in it, looking at recent sessions only
   * (reading from the end of the file); kinds with none are left out.
   */
  lastEnded(kinds: readonly SegmentKind[]): Promise<Map<SegmentKind, Date>>;
  /** Visits (without those removed) and diary entries, newest first, with warnings about skipped lines. */
  readRecords(): Promise<Records & { warnings: string[] }>;
}

// ---------------------------------------------------------------------------------------------------------------
// Visits to a professional and the symptom diary (DESIGN.md section 6). They live in the same log as sessions,
// as events of their own: a visit, the event that hides one, and a diary entry.

/** Kinds of professional a visit is with. */
export const VISIT_KINDS = ["massage", "physio", "osteopath", "chiropractor", "doctor", "other"] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

/** Hands-on techniques a visit may use. */
export const TECHNIQUES = ["swedish", "deep-tissue", "myofascial", "trigger-point", "sports", "stretching", "other"] as const;
export type Technique = (typeof TECHNIQUES)[number];

/** Pressure of hands-on work. */
export const PRESSURES = ["light", "medium", "firm"] as const;
export type Pressure = (typeof PRESSURES)[number];

/** How much of a symptom: pins and needles, numbness, weakness. */
export const LEVELS = ["none", "some", "a-lot"] as const;
export type SymptomLevel = (typeof LEVELS)[number];

/** How the night went. */
export const SLEEPS = ["fine", "woken"] as const;
export type Sleep = (typeof SLEEPS)[number];

/** Worst pain of a day: back and leg only. */
export interface WorstPain {
  back: number | null;
  leg: number | null;
}

/** A session with a professional: exactly one item of `visit list --json`. Unknown values are null. */
export interface Visit {
  id: string;
  /** The day of the visit, `YYYY-MM-DD`. */
  date: string;
  kind: VisitKind | null;
  who: string | null;
  techniques: Technique[];
  areas: string[];
  pressure: Pressure | null;
  minutes: number | null;
  pain_before: PainReport | null;
  pain_after: PainReport | null;
  note: string | null;
}

/** A symptom diary entry: exactly one item of `diary list --json`. Unknown values are null. */
export interface DiaryEntry {
  id: string;
  /** The day it describes, `YYYY-MM-DD` (a missed day may be filled in later). */
  date: string;
  /** When it was written, local time with offset. */
  at: string;
  pain: PainReport | null;
  worst: WorstPain | null;
  tingling: SymptomLevel | null;
  numbness: SymptomLevel | null;
  weakness: SymptomLevel | null;
  sitting_min: number | null;
  walking_min: number | null;
  sleep: Sleep | null;
  /** Emergency signs answered "yes" (ids from care/), kept so that the brief and the report show them. */
  red_flags: string[];
  note: string | null;
}

/** A visit as written to the log: the visit's fields, and when it was written. */
export interface VisitEvent extends Omit<Visit, "id"> {
  v: 1;
  type: "visit";
  id: string;
  at: string;
}

/** Hides a visit from then on; the visit's own line stays in the log. */
export interface VisitRemovedEvent {
  v: 1;
  type: "visit-removed";
  id: string;
  at: string;
}

/** A diary entry as written to the log. */
export interface DiaryEvent extends DiaryEntry {
  v: 1;
  type: "diary";
}

/** A line of the log that is not part of a run. */
export type RecordEvent = VisitEvent | VisitRemovedEvent | DiaryEvent;

/** Visits (removed ones left out) and diary entries, newest first. */
export interface Records {
  visits: Visit[];
  diary: DiaryEntry[];
}
