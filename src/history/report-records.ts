import { trendWeeks, type TrendWeek } from "../care/trend.js";
import { toleranceReadings } from "./techniques.js";
import type { DiaryEntry, Visit } from "./types.js";

/** What the clinician's report shows of visits and the diary. */
export interface ReportRecords {
  /** Visits of the period, oldest first. */
  visits: Visit[];
  /** Weeks of the period with sitting or walking tolerance from the diary, oldest first. */
  tolerance: Pick<TrendWeek, "start" | "sitting_min" | "walking_min">[];
  /** Diary days on which an emergency sign was noted, oldest first. */
  red_flags: { date: string; signs: string[] }[];
}

/** The visits and diary figures for the report of `from` to `to` (`YYYY-MM-DD`, both included). Pure. */
export function reportRecords(visits: readonly Visit[], diary: readonly DiaryEntry[], from: string, to: string): ReportRecords {
  const inPeriod = (day: string) => day >= from && day <= to;
  const entries = diary.filter((e) => inPeriod(e.date));
  const weeks = trendWeeks(from, to, [], toleranceReadings(entries));
  return {
    visits: visits.filter((v) => inPeriod(v.date)).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    tolerance: weeks
      .filter((w) => w.sitting_min !== null || w.walking_min !== null)
      .map(({ start, sitting_min, walking_min }) => ({ start, sitting_min, walking_min })),
    red_flags: entries.filter((e) => e.red_flags.length > 0).map((e) => ({ date: e.date, signs: [...e.red_flags] })).reverse(),
  };
}
