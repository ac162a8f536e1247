import { isPackKind, packLimitWords } from "../care/heat-cold.js";
import type { Output } from "../deps.js";
import type { SegmentRecord } from "../history/types.js";
import { formatDuration } from "../routine/duration.js";
import type { Plan } from "../routine/types.js";
import { GET_READY, HURT_LAST_TIME, SWITCH_SIDES, checkPhrase, noteReason, segmentName } from "../session/cues.js";
import type { SessionEngine } from "../session/engine.js";
import { cleanText } from "../text.js";

/** `[mm:ss]` (or `[h:mm:ss]`) on the session's timeline. */
export function stamp(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `[${h}:${two(m)}:${two(s)}]` : `[${two(m)}:${two(s)}]`;
}

/** The line for a segment that ended: "Done: Knee to chest (left) 30s", "Skipped: Bridge (needs a person)". */
export function endLine(record: SegmentRecord): string {
  const name = segmentName(record, cleanText(record.title), false, noteReason(record.note));
  const label = record.outcome === "done" ? "Done" : record.outcome === "skipped" ? "Skipped" : "Stopped";
  return record.note ? `${label}: ${name}` : `${label}: ${name} ${formatDuration(record.active_s)}`;
}

/** Options for {@link attachPlainOutput}. */
export interface PlainOptions {
  /**
   * Keys are read (a terminal that cannot move the cursor): the keys are listed once, and pausing and going on get
   * a line each, stamped with `elapsedMs()`, the time since the session started.
   */
  keys?: { elapsedMs: () => number };
  /** Titles of the steps marked as hurting last time: said as each starts. */
  hurtLastTime?: readonly string[];
}

/** The keys of a run, as one line for plain output. */
export const PLAIN_KEYS = "Keys: space pause, s skip, b back, + or - 10s, Enter done, ! or h hurts, q stop";

/**
 * The output for pipes, `--no-input` and dumb terminals: no colour, no cursor movement; one line as each segment
 * starts and one as it ends, each stamped with its time on the session's timeline. Every transition gets one line
 * ("Switch sides 5s" or "Get ready for Bridge 5s"), and skin checks get one too; nothing else (no ticks) is
 * printed. A manual segment that nobody can confirm prints only its "Skipped" line.
 *
 * Prints the lead-in at once; returns the function that detaches the output.
 */
export function attachPlainOutput(engine: SessionEngine, out: Output, plan: Plan, options: PlainOptions = {}): () => void {
  const write = (ms: number, text: string) => out.write(`${stamp(ms)} ${text}\n`);
  const hurtBefore = new Set(options.hurtLastTime ?? []);
  let input = true;
  const offs = [
    engine.on("segment-start", ({ segment, index, at_ms }) => {
      const title = cleanText(segment.title);
      if (segment.kind === "transition") {
        const next = plan.segments[index + 1];
        const switching = engine.snapshot().switching_sides;
        const what = switching ? SWITCH_SIDES : `${GET_READY} for ${cleanText(next?.title ?? title)}`;
        write(at_ms, `${what} ${formatDuration(segment.duration_s ?? 0)}`);
        return;
      }
      if (segment.duration_s === null) {
        if (input) write(at_ms, `Start: ${segmentName(segment, title)} (at your own pace)`);
        return;
      }
      write(at_ms, `Start: ${segmentName(segment, title)} ${formatDuration(segment.duration_s)}`);
    }),
    engine.on("segment-start", ({ segment, at_ms }) => {
      if (segment.kind !== "transition" && hurtBefore.has(segment.title)) write(at_ms, HURT_LAST_TIME);
    }),
    engine.on("segment-end", ({ record, at_ms }) => write(at_ms, endLine(record))),
    engine.on("check", ({ segment, at_ms }) => write(at_ms, checkPhrase(segment.kind))),
    engine.on("limit", ({ segment, reason, at_ms }) => {
      if (isPackKind(segment.kind)) write(at_ms, packLimitWords(segment.kind, reason));
    }),
  ];
  const keys = options.keys;
  if (keys) {
    offs.push(
      engine.on("paused", () => write(keys.elapsedMs(), "Paused. Press space to go on.")),
      engine.on("resumed", () => write(keys.elapsedMs(), "Going on.")),
    );
    out.write(`${PLAIN_KEYS}\n`);
  }
  input = engine.snapshot().input;
  if (plan.lead_in_s > 0) write(0, `${GET_READY} ${formatDuration(plan.lead_in_s)}`);
  return () => {
    for (const off of offs) off();
  };
}
