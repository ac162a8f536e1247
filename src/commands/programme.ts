import { existsSync } from "node:fs";
import type { Deps } from "../deps.js";
import type { ReportDoses } from "../history/report.js";
import { programmeFile } from "../programme/file.js";
import { RoutineError, UsageError, formatProblem } from "../errors.js";
import { dayKey } from "../time.js";
import type { Session } from "../history/types.js";
import { readFailure, readRoutineBytes, routineFileText } from "../routine/catalog.js";
import { UserError } from "../errors.js";
import { checkProgrammeText, clearProgramme, loadProgramme, saveProgramme, type LoadedProgramme } from "../programme/store.js";
import { stepDoses, type StepDose } from "../programme/today.js";
import type { RunDoses } from "../programme/for-run.js";
import type { Programme } from "../programme/types.js";
import type { Routine } from "../routine/types.js";
import { cleanText, toJson } from "../text.js";

/** `soothe programme set|show|clear`. */
export async function programme(action: string, args: string[], opts: { json?: boolean }, deps: Deps): Promise<number> {
  switch (action) {
    case "set":
      return setProgramme(args[0]!, deps);
    case "show":
      return showProgramme(opts, deps);
    case "clear":
      return (await clearProgramme(deps.paths))
        ? (deps.stdout.write("Programme cleared. Routines run as written again.\n"), 0)
        : (deps.stdout.write("No programme was set.\n"), 0);
    default:
      throw new UsageError(`unknown programme action "${action}"; use set, show or clear`);
  }
}

/** Checks a programme file and copies it into place; nothing is written when it has problems. */
async function setProgramme(file: string, deps: Deps): Promise<number> {
  let bytes: Uint8Array;
  try {
    bytes = await readRoutineBytes(file);
  } catch (error) {
    throw new UserError(`${file}: ${readFailure(error)}`, 1, { cause: error });
  }
  let loaded: LoadedProgramme;
  try {
    loaded = await checkProgrammeText(bytes, file, deps.paths);
  } catch (error) {
    if (!(error instanceof RoutineError)) throw error;
    for (const problem of error.problems) deps.stderr.write(`${formatProblem(problem)}\n`);
    deps.stderr.write(`soothe: ${cleanText(file)} has problems, so no programme was set; fix them and set it again.\n`);
    return 1;
  }
  const saved = await saveProgramme(deps.paths, routineFileText(bytes));
  deps.stdout.write(`Programme set: ${cleanText(loaded.programme.name)} (${saved}).\nSee what is due with: soothe today\n`);
  return 0;
}

/** The programme set, with each progressed step's dose today and over time. */
async function showProgramme(opts: { json?: boolean }, deps: Deps): Promise<number> {
  const loaded = await loadProgramme(deps.paths);
  if (!loaded) {
    if (opts.json) deps.stdout.write("null\n");
    else deps.stdout.write("No programme is set. Set one with: soothe programme set <file>\n");
    return 0;
  }
  const doses = stepDoses(loaded.programme, loaded.routines, await readAll(deps), dayKey(deps.clock.wall()));
  if (opts.json) {
    deps.stdout.write(`${toJson(programmeJson(loaded.programme, doses))}\n`);
    return 0;
  }
  const { renderProgramme } = await import("../ui/programme-view.js");
  deps.stdout.write(`${renderProgramme(loaded.programme, doses, deps.theme).join("\n")}\n`);
  return 0;
}

/**
 * `routine` with today's doses when the programme progresses some of its steps (a warning on stderr when the
 * programme cannot be read), for show and run.
 */
export async function programmeDoses(routine: Routine, deps: Deps, keepPrevious = false): Promise<RunDoses> {
  const { dosesForRoutine } = await import("../programme/for-run.js");
  const dosed = await dosesForRoutine(routine, deps.paths, () => readAll(deps), dayKey(deps.clock.wall()), keepPrevious);
  if (dosed.warning) deps.stderr.write(`${deps.errTheme.yellow("soothe: warning:")} ${dosed.warning}\n`);
  return dosed;
}

/**
 * `run`: the routine with today's doses, each said with its reason before the run; on a terminal the person may keep
 * the previous dose today. `notes` are for the plan of `--dry-run`.
 */
export async function dosedForRun(routine: Routine, forRun: boolean, interactive: boolean, deps: Deps): Promise<{ routine: Routine; notes: string[] }> {
  const offered = await programmeDoses(routine, deps);
  const { doseNotes } = await import("../programme/dose.js");
  if (!forRun) return { routine: offered.routine, notes: doseNotes(offered.doses) };
  const { askDoses } = await import("../ui/dose-question.js");
  const keep = await askDoses(offered.doses, interactive, deps);
  return { routine: keep ? (await programmeDoses(routine, deps, true)).routine : offered.routine, notes: [] };
}

/** For `soothe report`: each progressed step's dose over time; undefined without a programme that progresses any. */
export async function reportDoses(deps: Deps): Promise<ReportDoses | undefined> {
  const loaded = await programmeIfReadable(deps);
  if (!loaded || loaded.programme.progress.length === 0) return undefined;
  const doses = stepDoses(loaded.programme, loaded.routines, await readAll(deps), dayKey(deps.clock.wall()));
  return {
    programme: loaded.programme.name,
    steps: doses.map(({ rule, history }) => ({ routine: rule.routine, step: rule.step, unit: rule.dose.unit, history: history.map(({ date, dose, reason }) => ({ date, dose, reason })) })),
  };
}

/**
 * The programme for the home menu and the report, which go on without it: null when none is set, or when it has
 * problems (then a warning says where to see them).
 */
export async function programmeIfReadable(deps: Deps): Promise<LoadedProgramme | null> {
  if (!existsSync(programmeFile(deps.paths))) return null;
  try {
    return await loadProgramme(deps.paths);
  } catch (error) {
    if (!(error instanceof RoutineError || error instanceof UserError)) throw error;
    deps.stderr.write(`${deps.errTheme.yellow("soothe: warning:")} the programme has problems; see them with: soothe programme show\n`);
    return null;
  }
}

/** Every session (warnings about the history file on stderr). */
export async function readAll(deps: Deps): Promise<Session[]> {
  const store = await deps.openHistory();
  const { sessions, warnings } = await store.readSessions();
  for (const warning of warnings) deps.stderr.write(`${deps.errTheme.yellow("soothe: warning:")} ${warning}\n`);
  return sessions;
}

/** `programme show --json`: the file's fields, and per progressed step its `dose` today and `history`. Pure. */
export function programmeJson(p: Programme, doses: readonly StepDose[]): Record<string, unknown> {
  return {
    name: p.name,
    prescribed_by: p.prescribed_by,
    start: p.start,
    review: p.review,
    routines: p.routines.map((r) => ({ routine: r.routine, ...r.frequency })),
    progress: doses.map(({ rule, dose, history }) => ({
      routine: rule.routine,
      step: rule.step,
      [rule.dose.unit === "reps" ? "reps" : "hold"]: { from: rule.dose.from, to: rule.dose.to, step: rule.dose.step },
      every: `${rule.dose.every_days}d`,
      dose: dose.reps ?? dose.hold_s,
      history: history.map((h) => ({ date: h.date, dose: h.dose, reason: h.reason })),
    })),
  };
}
