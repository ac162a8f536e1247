// Words and numbers shared by the HTML and Markdown reports. Pure; no escaping here (each format does its own).
import { MEANINGFUL_NOTE } from "../care/pain-change.js";
import { TREND_DAYS, periodDays, type ReportData, type Trend } from "../history/report.js";
import { formatDateTime, formatDay, monthName as monthOf } from "../time.js";
import { formatActive } from "../routine/duration.js";
import type { Side } from "../routine/types.js";


/** The title both formats use. */
export const REPORT_TITLE = "Self-care report: sciatica and low-back pain";

/**
 * Said at the end of every report. A clinician reads figures a person entered at home: say so, say what the scale
 * is, and say what the tool is not.
 */
export const DISCLAIMER =
  "This report was made by soothe, a self-care coach, from what its user recorded at home. Pain is rated by the " +
  "user from 0 (no pain) to 10 (worst imaginable) before and after a session. " +
  `${MEANINGFUL_NOTE} ` +
  "Reach is how far down the leg the pain went. It is not a diagnosis or medical " +
  "advice and does not replace a clinical assessment.";

/** `YYYY-MM-DD` as "Tue 3 Nov 2026". */
export function longDay(day: string): string {
  return formatDay(day, null, { weekday: true });
}

/** `YYYY-MM-DD` as "3 Nov 2026", or "3 Nov" without the year. */
export function shortDay(day: string, withYear = true): string {
  const [year] = day.split("-").map(Number) as [number];
  return formatDay(day, withYear ? null : new Date(year, 0, 1));
}

/** Three-letter month name of a month number from 1. */
export function monthName(month: number): string {
  return monthOf(month);
}

/** "1 Sep 2026 to 30 Nov 2026 (13 weeks)", "2 Nov 2026 to 30 Nov 2026 (29 days)". */
export function periodText(data: Pick<ReportData, "from" | "to">): string {
  const days = periodDays(data);
  const length = days >= 14 && days % 7 === 0 ? `${days / 7} weeks` : days === 1 ? "1 day" : `${days} days`;
  return `${shortDay(data.from)} to ${shortDay(data.to)} (${length})`;
}

/** The local time a report was made: "Mon 30 Nov 2026 22:55". */
export function generatedText(generated: string): string {
  return formatDateTime(generated, null);
}

/** A change in pain: "-0.7", "+0.5", "0"; a dash without a value. */
export function change(value: number | null): string {
  if (value === null) return "–";
  if (value === 0) return "0";
  return `${value > 0 ? "+" : "-"}${number(Math.abs(value))}`;
}

/** A pain level or an average of them: "6", "3.5"; a dash without a value. */
export function level(value: number | null): string {
  return value === null ? "–" : number(value);
}

/** "6 → 4", "6 → –", or "–" when neither is known. */
export function beforeAfter(before: number | null, after: number | null): string {
  return before === null && after === null ? "–" : `${level(before)} → ${level(after)}`;
}

/** Up to one decimal, none when whole. */
export function number(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/** Active time, as `stats` shows it: "45m", "13h31m", "40s" (one format of a duration: routine/duration.ts). */
export function activeTime(seconds: number): string {
  return formatActive(seconds);
}

/**
 * The goal cell of a week: "met", "not met", or for a week the period holds only part of, "part week, not counted"
 * (its days in the period are not progress toward the goal).
 */
export function goalText(week: { goal_met: boolean | null; days: number }): string {
  if (week.goal_met === null) return `part week (${plural(week.days, "day")}), not counted`;
  return week.goal_met ? "met" : "not met";
}

/** "1 of 3": sessions after which pain spread, of those whose reach was recorded; a dash when none was. */
export function spreadText(row: { spread: number; spread_known: number }): string {
  return row.spread_known > 0 ? `${row.spread} of ${row.spread_known}` : "–";
}

/** "37 %". */
export function percent(part: number, whole: number): string {
  return whole === 0 ? "–" : `${Math.round((part / whole) * 100)} %`;
}

/** "1 session", "3 sessions". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** "left side, set 2", "set 1", "" for the step of a segment. */
export function sideAndSet(side: Side | null, set: number | null): string {
  return [side ? `${side} side` : "", set !== null ? `set ${set}` : ""].filter(Boolean).join(", ");
}

/** "back 6.1 → 3.5". */
export function trendText(area: "back" | "leg", t: Trend): string {
  return `${area} ${number(t.first)} → ${number(t.last)}`;
}

/** The summary as sentences, the same in both formats. */
export function summaryLines(data: ReportData): string[] {
  const t = data.totals;
  if (t.sessions === 0) return ["No sessions were recorded in this period."];
  const statuses = [`${t.completed} completed`];
  if (t.stopped > 0) statuses.push(`${t.stopped} stopped early`);
  if (t.interrupted > 0) statuses.push(`${t.interrupted} interrupted`);
  const lines = [
    `Sessions: ${t.sessions} (${statuses.join(", ")}), on ${plural(t.days_practised, "day")} with a completed session; ` +
      `active time ${activeTime(t.active_s)}; ${number(t.per_week)} sessions a week on average.`,
  ];
  lines.push(
    t.full_weeks > 0
      ? `Weekly goal: ${plural(data.goal, "session")}; met in ${t.weeks_goal_met} of ${plural(t.full_weeks, "full week")}.`
      : `Weekly goal: ${plural(data.goal, "session")}; no full week in this period yet.`,
  );
  const p = data.pain;
  if (p.sessions === 0) {
    lines.push("Pain: no session has a check-in both before and after.");
  } else {
    lines.push(
      `Pain change over a session (after minus before, lower is better): back ${change(p.avg_back_change)}, ` +
        `leg ${change(p.avg_leg_change)}, over ${plural(p.sessions, "session")} with check-ins; ` +
        `a meaningful drop in ${p.meaningful} (${percent(p.meaningful, p.sessions)}).`,
    );
  }
  const trends = [data.trend.back ? trendText("back", data.trend.back) : "", data.trend.leg ? trendText("leg", data.trend.leg) : ""].filter(
    Boolean,
  );
  if (trends.length > 0) {
    lines.push(`Average pain before sessions, first ${TREND_DAYS} days → last ${TREND_DAYS} days of the period: ${trends.join("; ")}.`);
  }
  if (p.spread_known > 0) {
    lines.push(`Pain spread further down the leg after ${p.spread} of ${plural(p.spread_known, "session")} where its reach was recorded.`);
  }
  if (data.affected_side) lines.push(`Affected side: ${data.affected_side}.`);
  return lines;
}
