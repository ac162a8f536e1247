import { isAlias, isMap, isScalar, isSeq, type Node } from "yaml";
import type * as z from "zod";
import { cleanText, closestMatches, didYouMean, quote } from "../text.js";
import { packGapErrors } from "./cross-step.js";
import { MAX_ROUTINE_BYTES, tooLargeMessage } from "./file-size.js";
import { cueList, repeatTimes, routineFields, stepKeys, stepSchemas } from "./schema.js";
import { type StepFields, buildStep, checkStep, cleanList, misplacedKey, seconds } from "./step-checks.js";
import { MAX_REPEAT_DEPTH, MAX_STEP_NODES, planTooLarge } from "./structure.js";
import { STEP_KINDS, type Area, type RepeatGroup, type Routine, type RoutineProblem, type RoutineStep, type Step, type StepKind } from "./types.js";
import { YamlChecker, decodeYaml, formatCount, nodeKind, type Entry } from "./yaml-check.js";

export { MAX_ALIAS_COUNT, MAX_ENTRIES, MAX_NESTING, MAX_PROBLEMS, invalidUtf8At, structureLimit } from "./yaml-check.js";
export type { StructureLimit } from "./yaml-check.js";

/** What parsing a routine file gives: the routine when it has no errors, and every problem found (warnings too). */
export interface ParseResult {
  routine?: Routine;
  problems: RoutineProblem[];
}

const TOP_KEYS = [
  "name",
  "description",
  "tags",
  "areas",
  "equipment",
  "lead_in",
  "transition",
  "sources",
  "avoid_if",
  "steps",
  "$schema",
];
const KIND_KEYS: readonly string[] = [...STEP_KINDS, "repeat"];
const REPEAT_KEYS = ["repeat", "steps"];
/** Every key some kind of step allows, kind keys excluded. */
const STEP_OPTION_KEYS = [...new Set(STEP_KINDS.flatMap((kind) => stepKeys(kind).slice(1)))];

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
    // The parser's own words are for programmers: say what it means for the file.
    const reason = error instanceof RangeError ? "it is too complex to read" : "the YAML parser could not make sense of it";
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
    const top = this.topMapping();
    if (top === null) return undefined;
    const topAt = this.start(top, 0);
    const entries = this.entries(top);
    const found = new Map(entries.map((e) => [e.key, e]));
    const routine: Routine = { id: this.id, name: "", tags: [], areas: [], equipment: [], sources: [], steps: [] };
    let ok = true;
    for (const entry of entries) {
      if (!this.topField(entry, routine)) ok = false;
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
    const tooLarge = planTooLarge(routine);
    if (tooLarge) {
      this.error(this.stepAt.get(tooLarge.step) ?? 0, tooLarge.message);
      return undefined;
    }
    const gaps = packGapErrors(routine, { step: this.stepAt, rest: this.restAt });
    for (const { offset, message } of gaps) this.error(offset, message);
    return gaps.length === 0 ? routine : undefined;
  }

  /** The document's top mapping; null, with an error saying what the file holds instead, when it is not one. */
  topMapping(): Node | null {
    const top = this.resolve(this.doc.contents);
    if (top === null) {
      const contents = this.doc.contents;
      // `~` or `null` written out is not an empty file: say what it is, where it is.
      if (isScalar(contents) && contents.range && contents.range[1] > contents.range[0]) {
        const written = this.text.slice(contents.range[0], contents.range[1]);
        this.error(contents.range[0], `the file holds only ${quote(written)}, which is null in YAML; a routine is a mapping of keys such as name: and steps:`);
        return null;
      }
      this.error(0, "empty file; a routine needs at least a name and steps");
      return null;
    }
    if (!isMap(top)) {
      this.error(this.start(top, 0), `a routine is a mapping of keys such as name: and steps:, not ${nodeKind(top)}`);
      return null;
    }
    return top;
  }

  /** One key of the routine (steps excepted, read after): checked, and set on `routine`. False on an error. */
  topField(entry: Entry, routine: Routine): boolean {
    const { key } = entry;
    if (!TOP_KEYS.includes(key)) {
      if (KIND_KEYS.includes(key)) {
        this.error(entry.keyAt, `${quote(key)} is a step; steps go in the list under steps:`);
      } else {
        const near = didYouMean(key, TOP_KEYS);
        this.error(entry.keyAt, `unknown key ${quote(key)}; ${near || `allowed keys are ${TOP_KEYS.slice(0, -1).join(", ")}`}`);
      }
      return false;
    }
    if (key === "steps") return true;
    const checked = this.check<unknown>(routineFields[key as keyof typeof routineFields], entry);
    if (!checked.ok) return false;
    const value = checked.value;
    switch (key) {
      case "name":
        routine.name = this.title(value as string, entry, "name");
        break;
      case "description":
        routine.description = cleanText(value as string).trim();
        break;
      case "tags":
      case "equipment":
      case "sources":
      case "avoid_if":
        routine[key] = cleanList(value as string[]);
        break;
      case "areas":
        routine.areas = value as Area[];
        break;
      case "lead_in":
        // Its limit is checked with its value (limits.ts), as is the transition's.
        routine.lead_in_s = seconds(value);
        break;
      case "transition":
        routine.transition_s = seconds(value);
        break;
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
    const fields: StepFields = { kind, kindEntry, values: new Map(), given: new Map() };
    let ok = true;
    for (const entry of entries) {
      const { key } = entry;
      if (entry === kindEntry) {
        const checked = this.check(shape[kind]!, entry);
        if (checked.ok) fields.values.set("title", { value: checked.value, entry });
        else ok = false;
        continue;
      }
      if (kinds.includes(entry)) continue; // a second kind, reported already
      if (!allowed.includes(key)) {
        ok = false;
        this.error(entry.keyAt, misplacedKey(key, kind, allowed));
        continue;
      }
      fields.given.set(key, entry);
      // A list of cues is checked as a list, so that each bad cue is reported where it stands.
      const schema = key === "cues" && isSeq(entry.value) ? cueList : shape[key]!;
      const checked = this.check(schema, entry);
      if (checked.ok) fields.values.set(key, { value: checked.value, entry });
      else ok = false;
    }
    const locate = (entry: Entry, path: readonly PropertyKey[]) => this.locate(entry.value, path, entry.valueAt);
    if (!checkStep(fields, this, locate) || !ok) return undefined;
    const step = buildStep(fields, this.title(fields.values.get("title")!.value as string, kindEntry, "the title"));
    const rest = fields.given.get("rest");
    if (rest && kind !== "rest") this.restAt.set(step, rest.keyAt);
    return step;
  }

  /** A title or name, cleaned of control characters; empty after cleaning is an error at its value. */
  title(value: string, entry: Entry, what: string): string {
    const clean = cleanText(value).trim();
    if (clean === "") this.error(entry.valueAt, `${what} is empty once control characters are removed`);
    return clean;
  }
}

// ---- small helpers ----


/** True for a key that is no kind and no option but close to a kind other than rest. */
function isMisspeltKind(key: string): boolean {
  if (KIND_KEYS.includes(key) || STEP_OPTION_KEYS.includes(key) || key === "steps") return false;
  return closestMatches(
    key,
    KIND_KEYS.filter((k) => k !== "rest"),
    1,
  ).length > 0;
}
