import { isAlias, isMap, isScalar, isSeq, type Node } from "yaml";
import type * as z from "zod";
import { MAX_PACK_S, findPackGaps, minutesWords, packGapMessage } from "../care/heat-cold.js";
import { cleanText, closestMatches, didYouMean, quote } from "../text.js";
import { tooLargeMessage } from "./catalog.js";
import { formatDuration, parseDuration } from "./duration.js";
import { MAX_SEGMENTS, countSegments, isTooLarge, unroll } from "./plan.js";
import { cueList, repeatTimes, routineFields, stepKeys, stepSchemas } from "./schema.js";
import { MAX_ALIAS_COUNT, YamlChecker, decodeYaml, formatCount, keyText, nodeKind, type Entry } from "./yaml-check.js";
import {
  STEP_KINDS,
  type Area,
  type RepeatGroup,
  type Routine,
  type RoutineProblem,
  type RoutineStep,
  type SideSpec,
  type Step,
  type StepKind,
} from "./types.js";

/** Largest routine file accepted (1 MiB). */
export const MAX_ROUTINE_BYTES = 1024 * 1024;
/** Most steps checked in one file, counting each use of an alias; far above any real routine. */
const MAX_STEP_NODES = 20_000;
/** Deepest nesting of repeat groups. */
export const MAX_REPEAT_DEPTH = 8;
/** Longest single segment (a set of one side, a rest, a transition) and the longest lead-in: 2 hours. */
export const MAX_SEGMENT_S = 2 * 60 * 60;

export { MAX_ALIAS_COUNT, MAX_ENTRIES, MAX_NESTING, MAX_PROBLEMS, invalidUtf8At, structureLimit } from "./yaml-check.js";
export type { StructureLimit } from "./yaml-check.js";

/** What parsing a routine file gives: the routine when it has no errors, and every problem found (warnings too). */
export interface ParseResult {
  routine?: Routine;
  problems: RoutineProblem[];
}

const TOP_KEYS = ["name", "description", "tags", "areas", "equipment", "lead_in", "transition", "sources", "steps", "$schema"];
const KIND_KEYS: readonly string[] = [...STEP_KINDS, "repeat"];
const REPEAT_KEYS = ["repeat", "steps"];
/** Every key some kind of step allows, kind keys excluded. */
const STEP_OPTION_KEYS = [...new Set(STEP_KINDS.flatMap((kind) => stepKeys(kind).slice(1)))];
const TIME_KINDS: readonly StepKind[] = ["massage", "ice", "heat", "breathe", "rest"];

/**
 * Parses and checks a routine file. Every problem of the file is reported at once, each at the line and column of
 * the key or value at fault. `content` is the file's bytes (checked to be UTF-8 text) or its text; either may start
 * with a UTF-8 byte order mark and use CRLF line ends. Files over 1 MB, binary files and files nested deeper than
 * any routine are refused before the YAML parser sees them; nothing in a file can make parsing run away.
 */
export function parseRoutine(content: string | Uint8Array, file: string, id: string): ParseResult {
  const at = (line: number, col: number, message: string): ParseResult => ({
    problems: [{ file, line, col, message, severity: "error" }],
  });
  const size = typeof content === "string" ? Buffer.byteLength(content, "utf8") : content.length;
  if (size > MAX_ROUTINE_BYTES) {
    return at(1, 1, tooLargeMessage(size));
  }
  const decoded = decodeYaml(content, "a routine");
  if (!("text" in decoded)) return at(decoded.line, decoded.col, decoded.message);
  const { text } = decoded;
  try {
    return new RoutineParser(text, file, id).run();
  } catch (error) {
    // The checks above keep the YAML parser within its limits; should something still get through, it is
    // reported as a problem of the file, never as a crash.
    const reason = error instanceof RangeError ? "it is too complex to read" : cleanText(String(error)).slice(0, 200);
    return at(1, 1, `cannot read this file as a routine: ${reason}`);
  }
}

class RoutineParser extends YamlChecker {
  /** Where each parsed step starts, for problems found after building (size). */
  readonly stepAt = new WeakMap<RoutineStep, number>();
  /** Where the `rest` between sets of a step is, for problems with that rest. */
  readonly restAt = new WeakMap<Step, number>();
  /** Step lists being walked, to stop at an alias that points back into one. */
  readonly open = new Set<unknown>();
  /** Steps walked so far, aliases followed included. */
  visited = 0;

  constructor(
    text: string,
    file: string,
    readonly id: string,
  ) {
    super(text, file);
  }

  run(): ParseResult {
    const { value, problems } = this.checkWithin(() => (this.checkDocument("write the steps out instead") ? this.routine() : undefined));
    return value && !problems.some((p) => p.severity === "error") ? { routine: value, problems } : { problems };
  }

  // ---- the routine ----

  routine(): Routine | undefined {
    const top = this.resolve(this.doc.contents);
    if (top === null) {
      const contents = this.doc.contents;
      // `~` or `null` written out is not an empty file: say what it is, where it is.
      if (isScalar(contents) && contents.range && contents.range[1] > contents.range[0]) {
        const written = this.text.slice(contents.range[0], contents.range[1]);
        this.error(contents.range[0], `the file holds only ${quote(written)}, which is null in YAML; a routine is a mapping of keys such as name: and steps:`);
        return undefined;
      }
      this.error(0, "empty file; a routine needs at least a name and steps");
      return undefined;
    }
    if (!isMap(top)) {
      this.error(this.start(top, 0), `a routine is a mapping of keys such as name: and steps:, not ${nodeKind(top)}`);
      return undefined;
    }
    const topAt = this.start(top, 0);
    const entries = this.entries(top);
    const found = new Map(entries.map((e) => [e.key, e]));
    const routine: Routine = { id: this.id, name: "", tags: [], areas: [], equipment: [], sources: [], steps: [] };
    let ok = true;

    for (const entry of entries) {
      const { key } = entry;
      if (!TOP_KEYS.includes(key)) {
        ok = false;
        if (KIND_KEYS.includes(key)) {
          this.error(entry.keyAt, `${quote(key)} is a step; steps go in the list under steps:`);
        } else {
          const near = didYouMean(key, TOP_KEYS);
          this.error(entry.keyAt, `unknown key ${quote(key)}; ${near || `allowed keys are ${TOP_KEYS.slice(0, -1).join(", ")}`}`);
        }
        continue;
      }
      if (key === "steps") continue;
      const field = routineFields[key as keyof typeof routineFields];
      const checked = this.check<unknown>(field, entry);
      if (!checked.ok) {
        ok = false;
        continue;
      }
      const value = checked.value;
      switch (key) {
        case "name":
          routine.name = this.title(value as string, entry, "name");
          break;
        case "description":
          routine.description = cleanText(value as string).trim();
          break;
        case "tags":
          routine.tags = cleanList(value as string[]);
          break;
        case "areas":
          routine.areas = value as Area[];
          break;
        case "equipment":
          routine.equipment = cleanList(value as string[]);
          break;
        case "sources":
          routine.sources = cleanList(value as string[]);
          break;
        case "lead_in":
          routine.lead_in_s = seconds(value);
          if (!this.withinSegmentLimit(routine.lead_in_s, entry, "a lead-in")) ok = false;
          break;
        case "transition":
          routine.transition_s = seconds(value);
          if (!this.withinSegmentLimit(routine.transition_s, entry, "a transition")) ok = false;
          break;
      }
    }

    if (!found.has("name")) {
      ok = false;
      this.error(topAt, "missing name; every routine needs one, like name: Morning mobility");
    }
    const stepsEntry = found.get("steps");
    if (!stepsEntry) {
      ok = false;
      this.error(topAt, "missing steps; add a list of steps, like steps: [{ stretch: Knee to chest, hold: 30s }]");
    } else {
      const steps = this.stepList(stepsEntry, 0);
      if (steps) routine.steps = steps;
      else ok = false;
    }

    if (!ok || this.errorCount > 0) return undefined;
    if (!this.checkSize(routine)) return undefined;
    this.checkPackGaps(routine);
    return routine;
  }

  /** Warns where an ice or heat application follows another too soon (the rule lives in care/heat-cold). */
  checkPackGaps(routine: Routine): void {
    const warned = new Set<number>();
    for (const gap of findPackGaps(unroll(routine.steps))) {
      const at = gap.set > 1 ? (this.restAt.get(gap.step) ?? this.stepAt.get(gap.step)) : this.stepAt.get(gap.step);
      // One warning a place: a repeat would otherwise say the same thing once a round.
      const key = at ?? 0;
      if (warned.has(key)) continue;
      warned.add(key);
      this.report("warning", key, packGapMessage(gap));
    }
  }

  /**
   * Refuses a routine whose plan would be too large, counted without expanding it: at the top-level step where it
   * becomes so, or inside that step at the most deeply nested repeat group that is too large on its own. Transitions
   * are left out of the count: they depend on settings, and the limits are there to stop runaway repeats.
   */
  checkSize(routine: Routine): boolean {
    let segments = 0;
    let secs = 0;
    for (const step of routine.steps) {
      const size = countSegments({ steps: [step] }, 0);
      segments += size.segments;
      secs += size.seconds;
      if (isTooLarge({ segments, seconds: secs })) {
        const what =
          segments > MAX_SEGMENTS
            ? `${formatCount(segments)} segments (at most ${formatCount(MAX_SEGMENTS)})`
            : `${formatDuration(secs)} (at most 24h)`;
        const at = this.stepAt.get(tooLargeWithin(step)) ?? this.stepAt.get(step) ?? 0;
        this.error(at, `routine too long: it comes to ${what}; lower a repeat count or sets`);
        return false;
      }
    }
    return true;
  }

  /** The list under `steps:` (of the routine or of a repeat group). */
  stepList(entry: Entry, depth: number): RoutineStep[] | undefined {
    const list = entry.value;
    if (list === null) {
      this.error(entry.keyAt, "steps is empty; add at least one step");
      return undefined;
    }
    if (!isSeq(list)) {
      this.error(entry.valueAt, `steps must be a list of steps, not ${nodeKind(list)}`);
      return undefined;
    }
    if (list.items.length === 0) {
      this.error(entry.valueAt, "steps is empty; add at least one step");
      return undefined;
    }
    // An alias may point at a list that holds it; following it would never end.
    if (this.open.has(list)) {
      this.error(entry.valueAt, "this alias refers to a list of steps that contains it; write the steps out instead");
      return undefined;
    }
    this.open.add(list);
    const steps: RoutineStep[] = [];
    let ok = true;
    for (const item of list.items) {
      if (++this.visited > MAX_STEP_NODES) {
        this.error(entry.valueAt, `too many steps to check (more than ${formatCount(MAX_STEP_NODES)})`);
        ok = false;
        break;
      }
      const step = this.step(item, this.start(item, entry.valueAt), depth);
      if (step) steps.push(step);
      else ok = false;
    }
    this.open.delete(list);
    return ok ? steps : undefined;
  }

  step(item: unknown, at: number, depth: number): RoutineStep | undefined {
    const node = this.resolve(item);
    if (node === null) {
      this.error(at, "empty step; write it like - stretch: Knee to chest");
      return undefined;
    }
    if (!isMap(node)) {
      this.error(at, `a step must be a mapping, like - stretch: Knee to chest; found ${nodeKind(node)}`);
      return undefined;
    }
    const entries = this.entries(node);
    if (entries.length === 0) {
      this.error(at, "empty step; write it like - stretch: Knee to chest");
      return undefined;
    }
    let kinds = entries.filter((e) => KIND_KEYS.includes(e.key));
    // `rest` is the kind only when no other kind key is present; beside one it is the rest between sets.
    if (kinds.length > 1) kinds = kinds.filter((e) => e.key !== "rest");
    // A lone `rest` beside a misspelt kind ("strech") is the rest between sets of that kind, not the kind.
    if (kinds.length === 1 && kinds[0]!.key === "rest" && entries.some((e) => isMisspeltKind(e.key))) kinds = [];
    kinds.sort((a, b) => a.keyAt - b.keyAt);

    let kindEntry = kinds[0];
    let kind = kindEntry?.key;
    let ok = true;
    for (const extra of kinds.slice(1)) {
      ok = false;
      this.error(
        extra.keyAt,
        `two kinds in one step: ${quote(kindEntry!.key)} and ${quote(extra.key)}; a step has exactly one kind`,
      );
    }
    if (!kindEntry) {
      ok = false;
      // The first key that is no known option is most likely a misspelt kind.
      const guess = entries.find((e) => !STEP_OPTION_KEYS.includes(e.key) && e.key !== "steps");
      if (!guess) {
        this.error(at, `a step needs a kind; start it with one of ${KIND_KEYS.join(", ")}`);
        return undefined;
      }
      const [near] = closestMatches(guess.key, KIND_KEYS, 1);
      this.error(
        guess.keyAt,
        `unknown step kind ${quote(guess.key)}; ${near ? `did you mean "${near}"?` : `use one of ${KIND_KEYS.join(", ")}`}`,
      );
      if (!near) return undefined;
      // Go on as the kind it most likely is, so that the rest of the step is checked too.
      kindEntry = guess;
      kind = near;
    }

    const step =
      kind === "repeat"
        ? this.repeat(entries, kindEntry, kinds, depth)
        : this.kindStep(kind as StepKind, entries, kindEntry, kinds);
    if (step) step.line = this.lines.linePos(this.start(node, at)).line;
    // A step used through an alias is reported where the alias stands, not where its anchor was written.
    if (step) this.stepAt.set(step, isAlias(item) ? at : kindEntry.keyAt);
    return ok ? step : undefined;
  }

  repeat(entries: Entry[], kindEntry: Entry, kinds: Entry[], depth: number): RepeatGroup | undefined {
    let ok = true;
    let times = 1;
    let steps: RoutineStep[] | undefined;
    for (const entry of entries) {
      if (entry === kindEntry) {
        const checked = this.check(repeatTimes, entry);
        if (checked.ok) times = checked.value;
        else ok = false;
      } else if (entry.key === "steps") {
        if (depth + 1 > MAX_REPEAT_DEPTH) {
          this.error(kindEntry.keyAt, `repeat groups nest at most ${MAX_REPEAT_DEPTH} deep`);
          return undefined;
        }
        steps = this.stepList(entry, depth + 1);
        if (!steps) ok = false;
      } else if (!kinds.includes(entry)) {
        ok = false;
        const near = didYouMean(entry.key, REPEAT_KEYS);
        this.error(
          entry.keyAt,
          `unknown key ${quote(entry.key)} in a repeat group; ${near || "a repeat group has only repeat: and steps:"}`,
        );
      }
    }
    if (!entries.some((e) => e.key === "steps")) {
      this.error(kindEntry.keyAt, "a repeat group needs steps: the list of steps to repeat");
      return undefined;
    }
    if (!ok || !steps) return undefined;
    return { kind: "repeat", times, steps };
  }

  kindStep(kind: StepKind, entries: Entry[], kindEntry: Entry, kinds: Entry[]): Step | undefined {
    const shape = stepSchemas[kind].shape as Record<string, z.ZodType>;
    const allowed = stepKeys(kind);
    const values = new Map<string, { value: unknown; entry: Entry }>();
    const given = new Map<string, Entry>();
    let ok = true;

    for (const entry of entries) {
      const { key } = entry;
      if (entry === kindEntry) {
        const checked = this.check(shape[kind]!, entry);
        if (checked.ok) values.set("title", { value: checked.value, entry });
        else ok = false;
        continue;
      }
      if (kinds.includes(entry)) continue; // a second kind, reported already
      if (!allowed.includes(key)) {
        ok = false;
        this.error(entry.keyAt, this.misplacedKey(key, kind, allowed));
        continue;
      }
      given.set(key, entry);
      // A list of cues is checked as a list, so that each bad cue is reported where it stands.
      const schema = key === "cues" && isSeq(entry.value) ? cueList : shape[key]!;
      const checked = this.check(schema, entry);
      if (checked.ok) values.set(key, { value: checked.value, entry });
      else ok = false;
    }

    const secondsOf = (key: string) => {
      const found = values.get(key);
      return found === undefined ? undefined : seconds(found.value);
    };
    const later = (a: Entry, b: Entry) => (a.keyAt > b.keyAt ? a : b);
    const hold = given.get("hold");
    const duration = given.get("duration");
    const time = hold ?? duration;
    const reps = given.get("reps");
    const tempo = given.get("tempo");

    if (hold && duration) {
      ok = false;
      this.error(later(hold, duration).keyAt, '"hold" and "duration" mean the same; keep one');
    }
    if (reps && time) {
      ok = false;
      this.error(
        later(reps, time).keyAt,
        `"reps" and ${quote(time.key)} do not go together; time a step with reps by its tempo (seconds a rep), or give a ${time.key} without reps`,
      );
    }
    if (tempo && !reps) {
      ok = false;
      this.error(tempo.keyAt, '"tempo" needs "reps": tempo is the time one rep takes');
    }
    if (!time && !reps && kind !== "manual") {
      ok = false;
      const article = /^[aeiou]/.test(kind) ? "an" : "a";
      const example = kind === "stretch" ? "hold: 30s" : kind === "massage" ? "duration: 60s" : "duration: 30s";
      const needs = kind === "stretch" || kind === "exercise" ? `a ${kind === "stretch" ? "hold" : "duration"} or reps` : "a duration";
      this.error(kindEntry.keyAt, `${article} ${kind} step needs ${needs}, like ${example}`);
    }

    const duration_s = secondsOf("hold") ?? secondsOf("duration");
    if ((kind === "ice" || kind === "heat") && duration_s !== undefined && duration_s > MAX_PACK_S) {
      ok = false;
      this.error(
        time!.valueAt,
        `${formatDuration(duration_s)} is too long: ice or heat applications are limited to ${minutesWords(MAX_PACK_S)} at a time, as longer can burn or freeze the skin; split it with a repeat and a rest`,
      );
    }
    if (kind !== "ice" && kind !== "heat" && duration_s !== undefined && time) {
      if (!this.withinSegmentLimit(duration_s, time, "one segment")) ok = false;
    }
    const repCount = values.get("reps")?.value as number | undefined;
    const rep_s = secondsOf("tempo");
    if (repCount !== undefined && rep_s !== undefined && repCount * rep_s > MAX_SEGMENT_S) {
      ok = false;
      this.error(
        tempo!.valueAt,
        `${repCount} reps of ${formatDuration(rep_s)} come to ${formatDuration(repCount * rep_s)}, too long for one segment (at most ${formatDuration(MAX_SEGMENT_S)}); use fewer reps, and sets for more`,
      );
    }
    const setRest = given.get("rest");
    const setRest_s = secondsOf("rest");
    if (kind !== "rest" && setRest && setRest_s !== undefined && !this.withinSegmentLimit(setRest_s, setRest, "a rest")) {
      ok = false;
    }
    const setsEntry = given.get("sets");
    const setCount = values.get("sets")?.value as number | undefined;
    if ((kind === "ice" || kind === "heat") && setsEntry && setCount !== undefined && setCount > 1 && !secondsOf("rest")) {
      ok = false;
      this.error(
        setsEntry.keyAt,
        `ice or heat sets need a rest between them (like rest: 15m): applications are limited to ${minutesWords(MAX_PACK_S)} at a time`,
      );
    }
    const checks = values.get("checks");
    const checks_s = ((checks?.value as unknown[] | undefined) ?? []).map(seconds);
    if (checks && duration_s !== undefined && duration_s <= MAX_PACK_S) {
      checks_s.forEach((at, index) => {
        if (at >= duration_s) {
          ok = false;
          this.error(
            this.locate(checks.entry.value, [index], checks.entry.valueAt),
            `a skin check at ${formatDuration(at)} is not within the ${formatDuration(duration_s)} application`,
          );
        }
      });
    }
    const inhale_s = secondsOf("inhale");
    const exhale_s = secondsOf("exhale");
    if (duration_s !== undefined && (inhale_s ?? 0) + (exhale_s ?? 0) > duration_s) {
      ok = false;
      const first = [given.get("inhale"), given.get("exhale")].filter((e) => e !== undefined)[0]!;
      this.error(first.keyAt, `one breath (${breath(inhale_s, exhale_s)}) is longer than the step (${formatDuration(duration_s)})`);
    }
    const sets = (values.get("sets")?.value as number | undefined) ?? 1;
    const rest = given.get("rest");
    if (rest && kind !== "rest" && !given.has("sets")) {
      this.report("warning", rest.keyAt, '"rest" between sets does nothing without sets; add sets: 2 or more, or remove it');
    } else if (rest && kind !== "rest" && sets === 1 && values.has("sets")) {
      this.report("warning", rest.keyAt, '"rest" between sets does nothing with one set; add sets: 2 or more, or remove it');
    }
    const halfway = given.get("halfway");
    if (halfway && reps && !tempo) {
      this.report("warning", halfway.keyAt, '"halfway" is never shown: reps without tempo have no time to be halfway through');
    }

    if (!ok) return undefined;
    const title = this.title(values.get("title")!.value as string, kindEntry, "the title");
    const repsValue = values.get("reps")?.value as number | undefined;
    const tempo_s = secondsOf("tempo");
    const timed =
      kind === "manual"
        ? undefined
        : (duration_s ?? (repsValue !== undefined && tempo_s !== undefined ? repsValue * tempo_s : undefined));
    const cues = values.get("cues")?.value as string | string[] | undefined;
    const text = (key: string) => {
      const value = values.get(key)?.value as string | undefined;
      return value === undefined ? undefined : cleanText(value).trim();
    };
    const step: Step = {
      kind,
      title,
      sets,
      cues: cleanList(cues === undefined ? [] : typeof cues === "string" ? [cues] : cues),
      checks_s: [...checks_s].sort((a, b) => a - b),
    };
    if (timed !== undefined) step.duration_s = timed;
    if (rest && kind !== "rest") this.restAt.set(step, rest.keyAt);
    if (repsValue !== undefined) step.reps = repsValue;
    if (tempo_s !== undefined) step.tempo_s = tempo_s;
    const sides = values.get("sides")?.value as SideSpec | undefined;
    if (sides !== undefined) step.sides = sides;
    if (kind !== "rest") {
      const rest_s = secondsOf("rest");
      if (rest_s !== undefined) step.rest_s = rest_s;
    }
    const halfwayText = text("halfway");
    if (halfwayText) step.halfway = halfwayText;
    const caution = text("caution");
    if (caution) step.caution = caution;
    if (inhale_s !== undefined) step.inhale_s = inhale_s;
    if (exhale_s !== undefined) step.exhale_s = exhale_s;
    return step;
  }

  /**
   * False, with an error at the value, when `seconds` is longer than one segment (or the lead-in) may last: a timer
   * that long is a typo or a trick, and split into sets or a repeat group it is still possible.
   */
  withinSegmentLimit(length_s: number, entry: Entry, what: string): boolean {
    if (length_s <= MAX_SEGMENT_S) return true;
    const advice = what === "one segment" ? "; split it into sets or a repeat group" : "";
    this.error(
      entry.valueAt,
      `${formatDuration(length_s)} is too long for ${what} (at most ${formatDuration(MAX_SEGMENT_S)})${advice}`,
    );
    return false;
  }

  /** Why a key does not belong in a step of this kind, and what to do instead. */
  misplacedKey(key: string, kind: StepKind, allowed: string[]): string {
    if (kind === "manual" && (key === "hold" || key === "duration" || key === "tempo" || key === "reps")) {
      return `${quote(key)} does not belong in a manual step: it has no duration and lasts until you say it is done`;
    }
    if (key === "steps") return `"steps" belongs in a repeat group, like - repeat: 2 with steps: under it`;
    const owners = STEP_KINDS.filter((k) => stepKeys(k).slice(1).includes(key));
    if (owners.length > 0) {
      return `${quote(key)} does not belong in a ${kind} step; it is for ${listWords(owners)} steps`;
    }
    const near = didYouMean(key, allowed.slice(1));
    return `unknown key ${quote(key)} in a ${kind} step; ${near || `allowed keys are ${allowed.slice(1).join(", ")}`}`;
  }

  /** A title or name, cleaned of control characters; empty after cleaning is an error at its value. */
  title(value: string, entry: Entry, what: string): string {
    const clean = cleanText(value).trim();
    if (clean === "") this.error(entry.valueAt, `${what} is empty once control characters are removed`);
    return clean;
  }
}

// ---- small helpers ----

/** The most deeply nested repeat group in `step` (itself included) whose plan alone is too large; else `step`. */
function tooLargeWithin(step: RoutineStep): RoutineStep {
  let current = step;
  for (;;) {
    if (current.kind !== "repeat") return current;
    const inner = current.steps.find((s) => isTooLarge(countSegments({ steps: [s] }, 0)));
    if (!inner) return current;
    current = inner;
  }
}

/** True for a key that is no kind and no option but close to a kind other than rest. */
function isMisspeltKind(key: string): boolean {
  if (KIND_KEYS.includes(key) || STEP_OPTION_KEYS.includes(key) || key === "steps") return false;
  return closestMatches(
    key,
    KIND_KEYS.filter((k) => k !== "rest"),
    1,
  ).length > 0;
}




/** A duration value already checked by the schema, in seconds. */
function seconds(value: unknown): number {
  const result = parseDuration(value, 0);
  return typeof result === "number" ? result : 0;
}

function cleanList(values: readonly string[]): string[] {
  return values.map((v) => cleanText(v).trim()).filter((v) => v !== "");
}

function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

function breath(inhale: number | undefined, exhale: number | undefined): string {
  return [
    inhale === undefined ? "" : `${formatDuration(inhale)} in`,
    exhale === undefined ? "" : `${formatDuration(exhale)} out`,
  ]
    .filter(Boolean)
    .join(", ");
}

