import type { Deps } from "../deps.js";
import { settingsForDisplay } from "../settings.js";
import { asciiOnly } from "../env.js";
import { UsageError, formatProblem } from "../errors.js";
import { resolveRoutine } from "../routine/catalog.js";
import { expandPlan } from "../routine/plan.js";
import type { Plan, SegmentKind, Side } from "../routine/types.js";
import { quote, toJson } from "../text.js";

/** `show --json`: the plan as documented, transitions included, `duration_s` null for manual segments. */
export interface PlanJson {
  id: string;
  name: string;
  total_s: number;
  /** When not to do the routine: its `avoid_if:` sentences, [] when none. */
  avoid_if: string[];
  segments: { kind: SegmentKind; title: string; side: Side | null; set: number | null; duration_s: number | null }[];
}

/** The documented JSON shape of a plan. Pure. */
export function planJson(plan: Plan): PlanJson {
  return {
    id: plan.id,
    name: plan.name,
    total_s: plan.total_s,
    avoid_if: plan.avoid_if ?? [],
    segments: plan.segments.map(({ kind, title, side, set, duration_s }) => ({ kind, title, side, set, duration_s })),
  };
}

/** `soothe show <routine>`: the expanded plan with times, as a table or (`json`) the documented JSON. */
export async function show(ref: string, opts: { json?: boolean; side?: string }, deps: Deps): Promise<number> {
  if (opts.side !== undefined && opts.side !== "left" && opts.side !== "right") {
    throw new UsageError(`--side ${quote(opts.side)} is not a side; use --side left or --side right`);
  }
  const affectedSide: Side | null = opts.side === "left" || opts.side === "right" ? opts.side : null;
  const { routine: written, warnings } = await resolveRoutine(ref, deps.paths);
  for (const warning of warnings) deps.stderr.write(`${formatProblem(warning)}\n`);
  const { routine, doses } = await (await import("./programme.js")).programmeDoses(written, deps);
  const settings = await settingsForDisplay(deps);
  const plan = expandPlan(routine, { affectedSide, leadIn_s: settings.lead_in, transition_s: settings.transition });
  plan.notes.push(...(await import("../programme/dose.js")).doseNotes(doses));

  if (opts.json) {
    deps.stdout.write(`${toJson(planJson(plan))}\n`);
    return 0;
  }
  const { renderPlan } = await import("../ui/plan-view.js");
  const lines = renderPlan(plan, deps.theme, deps.stdout.columns ?? 80, { ascii: asciiOnly(deps.env) });
  deps.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}
