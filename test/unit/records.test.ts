import * as fs from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildRecords, isRecordEvent, recordsSince } from "../../src/history/records.js";
import { openHistory, parseLine } from "../../src/history/store.js";
import type { DiaryEvent, VisitEvent } from "../../src/history/types.js";
import { diaryEvent, visitEvent } from "../helpers/record-data.js";

describe("record lines in the log", () => {
  it("reads visits, removals and diary entries as records, and runs' events as before", () => {
    expect(parseLine(JSON.stringify(visitEvent("a", "2026-11-30"))).kind).toBe("record");
    expect(parseLine(JSON.stringify({ v: 1, type: "visit-removed", id: "a", at: "2026-12-01T10:00:00Z" })).kind).toBe("record");
    expect(parseLine(JSON.stringify(diaryEvent("d", "2026-11-30"))).kind).toBe("record");
  });

  it.each([
    ["a kind outside the list", { kind: "reiki" }],
    ["an unknown technique", { techniques: ["shiatsu"] }],
    ["an unknown area", { areas: ["shoulder"] }],
    ["a date that is not a day", { date: "30/11/2026" }],
    ["pain above 10", { pain_before: { back: 12, leg: null, reach: null } }],
    ["minutes as text", { minutes: "45" }],
    ["no id", { id: "" }],
  ])("a visit with %s is damaged", (_what, over) => {
    expect(parseLine(JSON.stringify(visitEvent("a", "2026-11-30", over as Partial<VisitEvent>))).kind).toBe("damaged");
  });

  it.each([
    ["a level outside the list", { numbness: "lots" }],
    ["sleep outside the list", { sleep: "bad" }],
    ["red flags that are not a list", { red_flags: "both-legs" }],
    ["worst pain above 10", { worst: { back: 11, leg: 2 } }],
  ])("a diary entry with %s is damaged", (_what, over) => {
    expect(parseLine(JSON.stringify(diaryEvent("d", "2026-11-30", over as Partial<DiaryEvent>))).kind).toBe("damaged");
    expect(isRecordEvent({ ...diaryEvent("d", "2026-11-30") } as unknown as Record<string, unknown>)).toBe(true);
  });

  it("a line from a newer soothe (v 2) is left alone", () => {
    expect(parseLine(JSON.stringify({ ...visitEvent("a", "2026-11-30"), v: 2 })).kind).toBe("ignored");
  });
});

describe("buildRecords", () => {
  it("lists visits newest first by day, then by when written, and hides removed ones", () => {
    const events = [
      visitEvent("old", "2026-11-20"),
      visitEvent("new", "2026-11-30"),
      visitEvent("same-day-later", "2026-11-30", { at: "2026-11-30T19:00:00.000+01:00" }),
      visitEvent("gone", "2026-11-25"),
      { v: 1 as const, type: "visit-removed" as const, id: "gone", at: "2026-12-01T10:00:00.000+01:00" },
    ];
    expect(buildRecords(events).visits.map((v) => v.id)).toEqual(["same-day-later", "new", "old"]);
  });

  it("keeps the first line of a repeated id (an import run twice adds nothing)", () => {
    const { visits, diary } = buildRecords([
      visitEvent("a", "2026-11-20", { who: "first" }),
      visitEvent("a", "2026-11-20", { who: "second" }),
      diaryEvent("d", "2026-11-21", { note: "first" }),
      diaryEvent("d", "2026-11-21", { note: "second" }),
    ]);
    expect(visits.map((v) => v.who)).toEqual(["first"]);
    expect(diary.map((d) => d.note)).toEqual(["first"]);
  });

  it("gives exactly the documented fields, whatever else a line holds", () => {
    const { visits, diary } = buildRecords([
      { ...visitEvent("a", "2026-11-20"), extra: 1 } as VisitEvent,
      { ...diaryEvent("d", "2026-11-21"), extra: 1 } as DiaryEvent,
    ]);
    expect(Object.keys(visits[0]!).sort()).toEqual(
      ["id", "date", "kind", "who", "techniques", "areas", "pressure", "minutes", "pain_before", "pain_after", "note"].sort(),
    );
    expect(Object.keys(diary[0]!).sort()).toEqual(
      ["id", "date", "at", "pain", "worst", "tingling", "numbness", "weakness", "sitting_min", "walking_min", "sleep", "red_flags", "note"].sort(),
    );
  });

  it("recordsSince keeps records on or after the day", () => {
    const { visits } = buildRecords([visitEvent("a", "2026-11-20"), visitEvent("b", "2026-11-21")]);
    expect(recordsSince(visits, "2026-11-21").map((v) => v.id)).toEqual(["b"]);
    expect(recordsSince(visits, undefined)).toHaveLength(2);
  });
});

describe("the store with records", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(join(tmpdir(), "soothe-records-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("appends records beside sessions; sessions ignore them and records ignore sessions", async () => {
    const file = join(dir, "history.jsonl");
    const store = openHistory(file, { isAlive: () => false });
    store.append({ v: 1, type: "start", session: "s1", at: "2026-11-30T08:00:00.000+01:00", routine: { id: "r", name: "R" }, planned_s: 60, pid: 1, host: "h" });
    store.appendRecord(visitEvent("v1", "2026-11-30"));
    store.append({ v: 1, type: "end", session: "s1", at: "2026-11-30T08:01:00.000+01:00", status: "completed" });
    store.appendRecord(diaryEvent("d1", "2026-11-30"));
    fs.appendFileSync(file, "{not json\n");
    const { sessions } = await store.readSessions();
    expect(sessions.map((s) => s.id)).toEqual(["s1"]);
    const records = await store.readRecords();
    expect(records.visits.map((v) => v.id)).toEqual(["v1"]);
    expect(records.diary.map((d) => d.id)).toEqual(["d1"]);
    expect(records.warnings).toEqual([`${file}: skipped 1 damaged line (line 5); it is left in the file`]);
  });

  it("reads no records from a missing file", async () => {
    const records = await openHistory(join(dir, "none.jsonl")).readRecords();
    expect(records).toEqual({ visits: [], diary: [], warnings: [] });
  });
});
