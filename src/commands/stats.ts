import type { Deps } from "../deps.js";
import { asciiOnly } from "../env.js";
import { parseSince } from "../history/query.js";
import { computeStats, minutesByDay, painSeries } from "../history/stats.js";
import type { TherapistStats } from "../history/techniques.js";
import { dayKey } from "../time.js";
import type { Session, SessionQuery } from "../history/types.js";
import { toJson } from "../text.js";
import { renderDashboard } from "../ui/dashboard.js";

/** Options of `soothe stats`, as commander hands them over. */
export interface StatsCommandOptions {
  json?: boolean;
  since?: string;
  routine?: string;
}

/** `soothe stats`: consistency, pain trends and what helps; a dashboard, or (`--json`) the figures. */
export async function stats(opts: StatsCommandOptions, deps: Deps): Promise<number> {
  const now = deps.clock.wall();
  const query: SessionQuery = {};
  if (opts.since !== undefined) query.since = parseSince(opts.since, now);
  if (opts.routine !== undefined) query.routine = opts.routine;

  const settings = await deps.loadSettings();
  const store = await deps.openHistory();
  const { sessions, warnings } = await store.readSessions(query);
  for (const warning of warnings) deps.stderr.write(`${deps.errTheme.yellow("soothe: warning:")} ${warning}\n`);

  const figures = computeStats(sessions, {
    now,
    weeklyGoal: settings.weekly_goal,
    ...(query.since !== undefined ? { since: query.since } : {}),
  });
  const therapist = await visitsAndDiary(query, sessions, deps);
  if (opts.json) {
    deps.stdout.write(`${toJson({ ...figures, ...therapist })}\n`);
    return 0;
  }
  const { renderTherapistStats } = await import("../ui/therapist-stats.js");
  const width = deps.stdout.isTTY ? (deps.stdout.columns ?? 80) : 80;
  // A page about one routine leaves out the visits and the trend, which are about more than that routine.
  const extra = opts.routine === undefined ? renderTherapistStats(therapist, { theme: deps.theme, width, ascii: asciiOnly(deps.env) }) : [];
  if (sessions.length === 0) {
    const filtered = query.since !== undefined || query.routine !== undefined;
    deps.stdout.write(filtered ? "No sessions match.\n" : "No sessions yet. Start one with: soothe run <routine>\n");
    if (extra.length > 0) deps.stdout.write(`${extra.join("\n")}\n`);
    return 0;
  }
  const lines = renderDashboard(
    {
      stats: figures,
      minutes: minutesByDay(sessions),
      pain: painSeries(sessions),
      now,
      ...(query.since !== undefined ? { since: query.since } : {}),
      ...(query.routine !== undefined ? { routine: query.routine } : {}),
    },
    { theme: deps.theme, ascii: asciiOnly(deps.env), width: deps.stdout.isTTY ? (deps.stdout.columns ?? 80) : 80 },
  );
  deps.stdout.write(`${[...lines, ...extra].join("\n")}\n`);
  return 0;
}

/** Techniques and the trend: the visits of the period, judged and trended against every record. */
async function visitsAndDiary(query: SessionQuery, sessions: Session[], deps: Deps): Promise<TherapistStats> {
  const store = await deps.openHistory();
  const all = query.since === undefined && query.routine === undefined ? sessions : (await store.readSessions()).sessions;
  // Damaged lines were reported with the sessions, read from the same file.
  const records = await store.readRecords();
  const { therapistStats } = await import("../history/techniques.js");
  const since = query.since === undefined ? undefined : dayKey(query.since);
  return therapistStats({ sessions: all, visits: records.visits, diary: records.diary }, since, dayKey(deps.clock.wall()));
}
