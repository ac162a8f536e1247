import type { Plan, Segment, SegmentKind } from "../../src/routine/types.js";

/** One segment of a plan, with everything a test does not name at its plain value. */
export function seg(kind: SegmentKind, title: string, duration_s: number | null, more: Partial<Segment> = {}): Segment {
  return {
    kind,
    title,
    side: null,
    set: kind === "rest" || kind === "transition" ? null : 1,
    sets: 1,
    duration_s,
    reps: null,
    tempo_s: null,
    cues: [],
    halfway: null,
    caution: null,
    checks_s: [],
    inhale_s: null,
    exhale_s: null,
    step: kind === "transition" ? -1 : 0,
    ...more,
  };
}

/** A plan of `segments` with its timed total worked out. */
export function planOf(segments: Segment[], lead_in_s = 0, steps = 1): Plan {
  const total_s = segments.reduce((sum, s) => sum + (s.duration_s ?? 0), 0);
  return { id: "test", name: "Test routine", lead_in_s, transition_s: 5, segments, total_s, steps, notes: [] };
}
