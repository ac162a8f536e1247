import { MAX_PACK_S, MIN_PACK_GAP_S } from "../care/heat-cold.js";
import { MAX_DURATION_S, MAX_SEGMENT_S, type DurationLimit } from "./duration.js";

// How long each kind of duration in a routine may be, and what the one sentence about a breach calls it
// (durationLimitMessage). The routine's schema checks values against them, the JSON Schema carries them, and the
// commands that ask for or take a duration use the same.

/** The limits of a routine's durations: `soothe validate` checks them, and the JSON Schema carries the same. */
export const LIMITS = {
  segment: {
    what: "one segment",
    min_s: 1,
    max_s: MAX_SEGMENT_S,
    advice: "split it into sets or a repeat group",
  },
  pack: {
    what: "one ice or heat application",
    min_s: 1,
    max_s: MAX_PACK_S,
    why: "longer can burn or freeze the skin",
    advice: "split it with a repeat and a rest",
  },
  rep: { what: "one rep", min_s: 1, max_s: MAX_SEGMENT_S },
  breath: { what: "breathing in or out", min_s: 1, max_s: MAX_SEGMENT_S },
  check: { what: "a skin check", min_s: 1, max_s: MAX_DURATION_S },
  setRest: { what: "a rest", min_s: 0, max_s: MAX_SEGMENT_S },
  packSetRest: {
    what: "a rest between ice or heat sets",
    min_s: MIN_PACK_GAP_S,
    max_s: MAX_SEGMENT_S,
    shortWhy: "two packs, hot or cold, need that long between them for the skin to recover",
  },
  leadIn: { what: "a lead-in", min_s: 0, max_s: MAX_SEGMENT_S },
  transition: { what: "a transition", min_s: 0, max_s: MAX_SEGMENT_S },
} as const satisfies Record<string, DurationLimit>;
