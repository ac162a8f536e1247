import { isRecordEvent } from "./records.js";
import { ImportError } from "./import.js";
import type { HistoryStore, RecordEvent } from "./types.js";

// `history import` of what `visit list --json` and `diary list --json` print: each item checked as strictly as a
// line of the log, before anything is written; items already in the history (same id) are left out.

/** Which list a JSON import file holds: visits, diary entries, or neither (sessions, or not JSON at all). */
export function recordsKind(text: string): "visit" | "diary" | null {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length === 0) return null;
  const first: unknown = value[0];
  if (typeof first !== "object" || first === null || Array.isArray(first)) return null;
  if ("techniques" in first && !("routine" in first)) return "visit";
  if ("red_flags" in first || "sitting_min" in first) return "diary";
  return null;
}

/**
 * The events to add for a visits or diary file (`kind` from {@link recordsKind}); throws ImportError for the first bad
 * item, or an id that appears twice. A visit gets `at`, when it was written to this log, from `now`.
 */
export function parseRecordsImport(text: string, kind: "visit" | "diary", now: string): RecordEvent[] {
  const items = JSON.parse(text.replace(/^\uFEFF/, "")) as unknown[];
  const seen = new Map<string, number>();
  return items.map((item, index) => {
    const record = index + 1;
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      throw new ImportError(record, null, `expected an object, as \`soothe ${kind} list --json\` prints`);
    }
    const event = { v: 1, type: kind, ...(kind === "visit" ? { at: now } : {}), ...item } as Record<string, unknown>;
    if (!isRecordEvent(event)) {
      throw new ImportError(record, null, `not a ${kind === "visit" ? "visit" : "diary entry"} as \`soothe ${kind} list --json\` prints it (a field is missing or has a value soothe does not know)`);
    }
    const first = seen.get(event.id);
    if (first !== undefined) throw new ImportError(record, "id", `it is also the id of record ${first}; each must appear once`);
    seen.set(event.id, record);
    return event;
  });
}

/** Appends the events whose ids are not in the history yet; returns how many were added and how many were there. */
export async function writeRecordsImport(store: HistoryStore, events: readonly RecordEvent[]): Promise<{ added: number; present: number }> {
  const { visits, diary } = await store.readRecords();
  const known = new Set([...visits.map((v) => v.id), ...diary.map((e) => e.id)]);
  let added = 0;
  for (const event of events) {
    if (known.has(event.id)) continue;
    store.appendRecord(event);
    added++;
  }
  return { added, present: events.length - added };
}
