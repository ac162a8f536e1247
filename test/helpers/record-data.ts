// Builders for visit and diary lines of the history log.
import type { DiaryEvent, VisitEvent } from "../../src/history/types.js";

/** A visit line for `date`, a massage with Sam unless `over` says otherwise. */
export function visitEvent(id: string, date: string, over: Partial<VisitEvent> = {}): VisitEvent {
  return {
    v: 1,
    type: "visit",
    id,
    at: `${date}T18:00:00.000+01:00`,
    date,
    kind: "massage",
    who: "Sam",
    techniques: ["deep-tissue"],
    areas: ["glutes"],
    pressure: "firm",
    minutes: 45,
    pain_before: { back: 6, leg: 7, reach: "thigh" },
    pain_after: { back: 4, leg: 5, reach: "buttock" },
    note: null,
    ...over,
  };
}

/** A diary line for `date`. */
export function diaryEvent(id: string, date: string, over: Partial<DiaryEvent> = {}): DiaryEvent {
  return {
    v: 1,
    type: "diary",
    id,
    date,
    at: `${date}T21:00:00.000+01:00`,
    pain: { back: 5, leg: 6, reach: "thigh" },
    worst: { back: 7, leg: 8 },
    tingling: "some",
    numbness: "none",
    weakness: "none",
    sitting_min: 20,
    walking_min: 30,
    sleep: "woken",
    red_flags: [],
    note: null,
    ...over,
  };
}
