import { isMap, isSeq, type Node } from "yaml";
import type * as z from "zod";
import { parseDuration } from "../routine/duration.js";
import type { RoutineProblem } from "../routine/types.js";
import { YamlChecker, decodeYaml, nodeKind, type Entry } from "../routine/yaml-check.js";
import { cleanText, didYouMean, quote } from "../text.js";
import { everyDays, holdFields, programmeFields, progressFields, repsFields, routineEntryFields } from "./schema.js";
import type { At, Frequency, Programme, ProgrammeRoutine, ProgressRule, Weekday } from "./types.js";

/** Largest programme file accepted (64 KiB): a programme is a page, not a library. */
export const MAX_PROGRAMME_BYTES = 64 * 1024;

/** What parsing a programme file gives: the programme when it has no errors, and every problem found. */
export interface ProgrammeParse {
  programme?: Programme;
  problems: RoutineProblem[];
  /** The routines and progressions read without a problem, even when others had some: their references can be checked. */
  draft: Pick<Programme, "routines" | "progress">;
}

const TOP_KEYS = ["name", "prescribed_by", "start", "review", "routines", "progress", "$schema"];
const ROUTINE_KEYS = ["routine", "per_day", "per_week", "days"];
const FREQUENCY_KEYS = ["per_day", "per_week", "days"];
const PROGRESS_KEYS = ["routine", "step", "reps", "hold", "every"];

/**
 * Parses and checks a programme file on its own (references to routines and their steps are checked by
 * checkReferences). Every problem is reported at once, each at the line and column of the key or value at fault.
 */
export function parseProgramme(content: string | Uint8Array, file: string): ProgrammeParse {
  const size = typeof content === "string" ? Buffer.byteLength(content, "utf8") : content.length;
  const at = (line: number, col: number, message: string): ProgrammeParse => ({
    problems: [{ file, line, col, message, severity: "error" }],
    draft: { routines: [], progress: [] },
  });
  if (size > MAX_PROGRAMME_BYTES) {
    return at(1, 1, `file too large (${size.toLocaleString("en-US")} bytes); a programme is at most 64 KB`);
  }
  const decoded = decodeYaml(content, "a programme");
  if (!("text" in decoded)) return at(decoded.line, decoded.col, decoded.message);
  const parser = new ProgrammeParser(decoded.text, file);
  const { value, problems } = parser.checkWithin(() => (parser.checkDocument("write them out instead") ? parser.programme() : undefined));
  const { draft } = parser;
  return value && !problems.some((p) => p.severity === "error") ? { programme: value, problems, draft } : { problems, draft };
}

class ProgrammeParser extends YamlChecker {
  draft: Pick<Programme, "routines" | "progress"> = { routines: [], progress: [] };

  position(offset: number): At {
    return this.at(offset);
  }

  /** A mapping's entries, each unknown key reported with a suggestion; null when `node` is no mapping. */
  keyed(node: Node | null, fallback: number, keys: string[], what: string, example: string): Map<string, Entry> | null {
    if (!isMap(node)) {
      this.error(this.start(node, fallback), `${what} must be a mapping, like ${example}; found ${node === null ? "nothing" : nodeKind(node)}`);
      return null;
    }
    const found = new Map<string, Entry>();
    for (const entry of this.entries(node)) {
      if (keys.includes(entry.key)) {
        found.set(entry.key, entry);
        continue;
      }
      const near = didYouMean(entry.key, keys);
      this.error(entry.keyAt, `unknown key ${quote(entry.key)} in ${what}; ${near || `allowed keys are ${keys.filter((k) => k !== "$schema").join(", ")}`}`);
    }
    return found;
  }

  value<T>(schema: z.ZodType<T>, entry: Entry | undefined): T | undefined {
    if (!entry) return undefined;
    const checked = this.check(schema, entry);
    return checked.ok ? checked.value : undefined;
  }

  programme(): Programme | undefined {
    const top = this.resolve(this.doc.contents);
    if (top === null) {
      this.error(0, "empty file; a programme needs at least a name, a start date and routines");
      return undefined;
    }
    const example = "name: Six weeks with Sam";
    const keys = this.keyed(top, 0, TOP_KEYS, "a programme", example);
    if (!keys) return undefined;
    const topAt = this.start(top, 0);
    for (const [key, sample] of [["name", example], ["start", "start: 2026-12-01"], ["routines", "routines: [{ routine: nerve-glides, per_day: 3 }]"]]) {
      if (!keys.has(key!)) this.error(topAt, `missing ${key}; every programme needs one, like ${sample}`);
    }
    const name = this.value(programmeFields.name, keys.get("name"));
    const prescribedBy = this.value(programmeFields.prescribed_by, keys.get("prescribed_by"));
    const start = this.value(programmeFields.start, keys.get("start"));
    const review = this.value(programmeFields.review, keys.get("review"));
    this.value(programmeFields.$schema, keys.get("$schema"));
    if (start && review && review < start) {
      this.error(keys.get("review")!.valueAt, `the review (${review}) is before the start (${start}); put it after`);
    }
    const routines = this.list(keys.get("routines"), (node, at) => this.routineEntry(node, at)) ?? [];
    this.checkRoutinesOnce(routines);
    const progress = this.list(keys.get("progress"), (node, at) => this.progressEntry(node, at), true) ?? [];
    this.checkProgress(routines, progress);
    this.draft = { routines, progress };
    if (this.errorCount > 0 || name === undefined || start === undefined) return undefined;
    return {
      name: cleanText(name).trim(),
      prescribed_by: prescribedBy === undefined ? null : cleanText(prescribedBy).trim(),
      start,
      review: review ?? null,
      routines,
      progress,
    };
  }

  /** The items of a list, each read by `read`; an empty list is an error unless `mayBeEmpty`. */
  list<T>(entry: Entry | undefined, read: (node: Node | null, at: number) => T | undefined, mayBeEmpty = false): T[] | undefined {
    if (!entry) return undefined;
    if (!isSeq(entry.value)) {
      const found = entry.value === null ? "nothing" : nodeKind(entry.value);
      this.error(entry.valueAt, `${entry.key} must be a list, one entry a line starting with "- "; found ${found}`);
      return undefined;
    }
    if (entry.value.items.length === 0 && !mayBeEmpty) this.error(entry.valueAt, `${entry.key} is empty; add at least one`);
    const out: T[] = [];
    for (const item of entry.value.items) {
      const read_ = read(this.resolve(item), this.start(item, entry.valueAt));
      if (read_ !== undefined) out.push(read_);
    }
    return out;
  }

  routineEntry(node: Node | null, at: number): ProgrammeRoutine | undefined {
    const keys = this.keyed(node, at, ROUTINE_KEYS, "a routine entry", "- routine: nerve-glides with per_day: 3");
    if (!keys) return undefined;
    const id = this.value(routineEntryFields.routine, keys.get("routine"));
    if (!keys.has("routine")) this.error(at, "missing routine; name one by its id, like routine: nerve-glides");
    const given = FREQUENCY_KEYS.filter((k) => keys.has(k)).map((k) => keys.get(k)!);
    if (given.length === 0) {
      this.error(keys.get("routine")?.keyAt ?? at, "say how often: per_day: 3, per_week: 5, or days: [mon, wed, fri]");
    }
    for (const extra of given.slice(1)) {
      this.error(extra.keyAt, `${quote(given[0]!.key)} and ${quote(extra.key)} both say how often; keep one`);
    }
    const frequency = given.length === 1 ? this.frequency(given[0]!) : undefined;
    if (id === undefined || frequency === undefined) return undefined;
    return { routine: id, frequency, at: this.position(keys.get("routine")!.valueAt) };
  }

  frequency(entry: Entry): Frequency | undefined {
    if (entry.key === "per_day") {
      const n = this.value(routineEntryFields.per_day, entry);
      return n === undefined ? undefined : { per_day: n };
    }
    if (entry.key === "per_week") {
      const n = this.value(routineEntryFields.per_week, entry);
      return n === undefined ? undefined : { per_week: n };
    }
    const days = this.value(routineEntryFields.days, entry) as Weekday[] | undefined;
    if (days === undefined) return undefined;
    const twice = days.findIndex((d, i) => days.indexOf(d) !== i);
    if (twice !== -1) {
      this.error(this.locate(entry.value, [twice], entry.valueAt), `${quote(days[twice])} is given twice; name each day once`);
      return undefined;
    }
    return { days };
  }

  progressEntry(node: Node | null, at: number): ProgressRule | undefined {
    const example = "- routine: nerve-glides with step:, reps: and every:";
    const keys = this.keyed(node, at, PROGRESS_KEYS, "a progression", example);
    if (!keys) return undefined;
    for (const [key, sample] of [["routine", "routine: nerve-glides"], ["step", "step: Sciatic nerve glide"], ["every", "every: 2d"]]) {
      if (!keys.has(key!)) this.error(at, `missing ${key} in a progression, like ${sample}`);
    }
    const reps = keys.get("reps");
    const hold = keys.get("hold");
    if (!reps && !hold) this.error(at, "say what builds up: reps: { from: 5, to: 15, step: 1 } or hold: { from: 10s, to: 30s, step: 5s }");
    if (reps && hold) this.error(Math.max(reps.keyAt, hold.keyAt), '"reps" and "hold" both given; a progression builds up one of them');
    const routine = this.value(progressFields.routine, keys.get("routine"));
    const step = this.value(progressFields.step, keys.get("step"));
    const every = this.value(progressFields.every, keys.get("every"));
    const rangeEntry = reps ?? hold;
    const range = rangeEntry && !(reps && hold) ? this.range(rangeEntry) : undefined;
    if (routine === undefined || step === undefined || every === undefined || !rangeEntry || !range) return undefined;
    const { from, to, by, toAt } = range;
    return {
      routine,
      step: cleanText(step).trim(),
      dose: { unit: rangeEntry.key === "reps" ? "reps" : "hold_s", from, to, step: by, every_days: everyDays(every) as number },
      at: { routine: this.position(keys.get("routine")!.valueAt), step: this.position(keys.get("step")!.valueAt), to: this.position(toAt) },
    };
  }

  /** A reps or hold range: from, to and step, each checked, from not above to. */
  range(entry: Entry): { from: number; to: number; by: number; toAt: number } | undefined {
    const example = entry.key === "reps" ? "{ from: 5, to: 15, step: 1 }" : "{ from: 10s, to: 30s, step: 5s }";
    const keys = this.keyed(entry.value, entry.valueAt, ["from", "to", "step"], entry.key, example);
    if (!keys) return undefined;
    const fields = entry.key === "reps" ? repsFields : holdFields;
    const values: Record<string, number> = {};
    for (const key of ["from", "to", "step"] as const) {
      const found = keys.get(key);
      if (!found) this.error(entry.valueAt, `missing ${key} in ${entry.key}, like ${example}`);
      const value = this.value<unknown>(fields[key], found);
      if (value !== undefined) values[key] = amount(value);
    }
    const { from, to, step } = values;
    if (from === undefined || to === undefined || step === undefined) return undefined;
    const toAt = keys.get("to")!.valueAt;
    if (to < from) {
      this.error(toAt, `to (${this.js(keys.get("to")!.value) as string}) is below from (${this.js(keys.get("from")!.value) as string}); it goes up from "from" to "to"`);
      return undefined;
    }
    return { from, to, by: step, toAt };
  }

  checkRoutinesOnce(routines: ProgrammeRoutine[]): void {
    const seen = new Set<string>();
    for (const r of routines) {
      if (seen.has(r.routine)) this.problemAt(r.at, `${quote(r.routine)} is listed twice; list each routine once`);
      seen.add(r.routine);
    }
  }

  /** Each progression names a routine of the programme, and each step is progressed once. */
  checkProgress(routines: ProgrammeRoutine[], progress: ProgressRule[]): void {
    const ids = routines.map((r) => r.routine);
    const seen = new Set<string>();
    for (const rule of progress) {
      if (ids.length > 0 && !ids.includes(rule.routine)) {
        const near = didYouMean(rule.routine, ids);
        this.problemAt(rule.at?.routine, `${quote(rule.routine)} is not among the routines of this programme; ${near || "add it under routines: first"}`);
      }
      const key = `${rule.routine}\n${rule.step}`;
      if (seen.has(key)) this.problemAt(rule.at?.step, `${quote(rule.step)} of ${rule.routine} already has a progression; keep one`);
      seen.add(key);
    }
  }

  problemAt(at: At | undefined, message: string): void {
    const { line, col } = at ?? { line: 1, col: 1 };
    this.problems.push({ file: this.file, line, col, message, severity: "error" });
  }
}

/** A count of reps, or a duration in seconds, already checked by the schema. */
function amount(value: unknown): number {
  const result = parseDuration(value, 1);
  return typeof result === "number" ? result : 0;
}
