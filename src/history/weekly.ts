import type { Deps } from "../deps.js";
import { dayNumber, dayKey, recordedDay } from "../time.js";

/** The built-in routine that looks over the desk set-up. */
export const WORKSTATION_CHECK = "workstation-check";
/** What `remind` says when the check is due. */
export const WORKSTATION_HINT = "Once a week, look over your desk set-up too: soothe run workstation-check";
/** Days between two suggestions of it: once a week. */
export const WORKSTATION_EVERY_DAYS = 7;

/** Whether a check last done on `last` (`YYYY-MM-DD`, null for never) is due again on `today`. */
export function isCheckDue(last: string | null, today: string): boolean {
  return last === null || dayNumber(today) - dayNumber(last) >= WORKSTATION_EVERY_DAYS;
}

/**
 * Whether to suggest the workstation check (at `soothe remind`): when no session of it was completed in the last
 * week. Reads from the end of the history, so it costs little however long the history is. A history that cannot
 * be read suggests nothing: the reminders matter more than the suggestion.
 */
export async function workstationCheckDue(deps: Pick<Deps, "openHistory" | "clock">): Promise<boolean> {
  try {
    const store = await deps.openHistory();
    const { sessions } = await store.readSessions({ routine: WORKSTATION_CHECK, limit: 5 });
    const done = sessions.find((s) => s.status === "completed");
    return isCheckDue(done ? recordedDay(done.started_at) : null, dayKey(deps.clock.wall()));
  } catch {
    return false;
  }
}
