import type { Paths } from "../env.js";
import { RoutineError, UserError } from "../errors.js";
import type { Session } from "../history/types.js";
import type { Routine } from "../routine/types.js";
import { applyDoses, type DoseForRun } from "./dose.js";
import { loadProgramme } from "./store.js";
import { stepDoses } from "./today.js";

/** Today's doses for a routine about to run or be shown, or why the programme could not give them. */
export interface RunDoses {
  routine: Routine;
  doses: DoseForRun[];
  /** Set when a programme is set but cannot be read: the routine then runs as written, and this says why. */
  warning: string | null;
}

/**
 * The routine with today's doses when the programme set progresses some of its steps; as written otherwise. A
 * programme that no longer checks (a routine removed since) never stops a run: it is said, and the routine runs as
 * written. `readSessions` is called only when a dose depends on history.
 */
export async function dosesForRoutine(
  routine: Routine,
  paths: Pick<Paths, "configDir" | "routinesDir">,
  readSessions: () => Promise<Session[]>,
  today: string,
  keepPrevious = false,
): Promise<RunDoses> {
  let loaded;
  try {
    loaded = await loadProgramme(paths);
  } catch (error) {
    if (!(error instanceof RoutineError || error instanceof UserError)) throw error;
    const warning = "the programme has problems, so this routine runs as written; see them with: soothe programme show";
    return { routine, doses: [], warning };
  }
  if (!loaded || !loaded.programme.progress.some((rule) => rule.routine === routine.id)) return { routine, doses: [], warning: null };
  // The programme's check of its routines ran on the routine as found by id; a file run by path keeps its own steps.
  const doses = stepDoses(loaded.programme, loaded.routines, await readSessions(), today).map((d) => d.dose);
  return { ...applyDoses(routine, doses, keepPrevious), warning: null };
}
