import type { DoseRule } from "../care/progression.js";

/** Days of the week as a programme names them, Monday first. */
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** How often a routine is due: so many times a day, so many days a week, or on given days. */
export type Frequency = { per_day: number } | { per_week: number } | { days: Weekday[] };

/** Where something stands in the programme file, for messages. */
export interface At {
  line: number;
  col: number;
}

/** A routine of the programme and how often it is due. */
export interface ProgrammeRoutine {
  routine: string;
  frequency: Frequency;
  at?: At;
}

/** How the dose of one step of a routine progresses. */
export interface ProgressRule {
  routine: string;
  /** A step title in that routine. */
  step: string;
  dose: DoseRule;
  at?: { routine: At; step: At; to: At };
}

/** A parsed, valid programme. Dates are `YYYY-MM-DD`. */
export interface Programme {
  name: string;
  prescribed_by: string | null;
  start: string;
  review: string | null;
  routines: ProgrammeRoutine[];
  progress: ProgressRule[];
}
