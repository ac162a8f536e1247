// The brief's sections in words, shared by its text, Markdown and HTML versions. Pure; no escaping here.
import type { BriefData, HelpRow, Levels, LevelDays } from "../history/brief.js";
import { REACHES, type Reach } from "../history/types.js";
import { redFlagWords } from "./diary-view.js";
import { longDay, shortDay } from "./report-text.js";

/** The brief's title. */
export const BRIEF_TITLE = "Before my appointment: my sciatica in brief";

/** One section: its id (for HTML), heading, and sentences or list items. */
export interface BriefSection {
  id: "where" | "how-much" | "symptoms" | "limits" | "helps" | "not-helped" | "prefer" | "questions";
  heading: string;
  lines: string[];
}

/** The advice when pain has not eased as expected [NHS-S]. */
export const SEE_DOCTOR_TEXT =
  "My pain has not eased by about a third over four weeks or more. Most sciatica improves within 4 to 6 weeks, " +
  "so this is a good time to see a doctor or physiotherapist about it [NHS-S].";

/** "Left side", "Both legs", "Side not recorded". */
export function sideText(data: BriefData): string {
  if (data.where.both_legs) return "Both legs (noted as an emergency sign in my diary)";
  if (data.where.side === "left") return "Left side";
  if (data.where.side === "right") return "Right side";
  return "Side not recorded";
}

/** How far pain reaches, in words. */
export function reachText(reach: Reach | null): string {
  switch (reach) {
    case null:
      return "not recorded";
    case "none":
      return "no pain";
    case "back":
      return "the back only";
    default:
      return `down to the ${reach}`;
  }
}

function levelsText(levels: Levels | null): string {
  if (!levels || (levels.back === null && levels.leg === null)) return "not recorded";
  return [levels.back !== null ? `back ${levels.back}` : "", levels.leg !== null ? `leg ${levels.leg}` : ""].filter(Boolean).join(", ");
}

function daysText(days: LevelDays): string {
  const total = days.none + days.some + days["a-lot"];
  if (total === 0) return "not recorded";
  return `a lot on ${days["a-lot"]} of ${total} days, some on ${days.some}, none on ${days.none}`;
}

/** "Morning mobility (routine): 8 sessions; back −1.5, leg −2 on average; 5 meaningful drops". */
export function helpRowText(row: HelpRow): string {
  const unit = row.kind === "routine" ? "session" : "visit";
  const count = `${row.count} ${unit}${row.count === 1 ? "" : "s"}`;
  const spread = row.spread > 0 ? `; pain spread down the leg after ${row.spread}` : "";
  const changes = (["back", "leg"] as const)
    .map((area) => [area, area === "back" ? row.avg_back_change : row.avg_leg_change] as const)
    .filter(([, v]) => v !== null)
    .map(([area, v]) => `${area} ${v! > 0 ? `+${v}` : v}`);
  const average = changes.length > 0 ? `; ${changes.join(", ")} on average` : "";
  return `${row.name} (${row.kind}): ${count}${average}; ${row.meaningful} meaningful drop${row.meaningful === 1 ? "" : "s"} of ${row.pain_count}${spread}.`;
}

/** The sections in the order DESIGN.md fixes. */
export function briefSections(data: BriefData): BriefSection[] {
  const h = data.how_much;
  const t = h.trend;
  const trendLine =
    t.first_week_avg !== null && t.last_week_avg !== null && t.weeks.length >= 2
      ? `Trend: ${t.first_week_avg} in my first week of records, ${t.last_week_avg} over the last 7 days (0-10, the worse of back and leg).`
      : "Trend: not enough records yet.";
  return [
    {
      id: "where",
      heading: "Where it hurts",
      lines: [
        `${sideText(data)}; the pain reaches ${reachText(data.where.latest)} now, and at most ${reachText(data.where.furthest)} in this period.`,
      ],
    },
    {
      id: "how-much",
      heading: "How much",
      lines: [
        `Now${h.now_day ? ` (${shortDay(h.now_day)})` : ""}: ${levelsText(h.now)}.`,
        `Average over the period: ${levelsText(h.average)} (${h.readings} reading${h.readings === 1 ? "" : "s"}, 0 no pain to 10 worst imaginable).`,
        `Worst: ${levelsText(h.worst)}.`,
        trendLine,
        ...(t.see_doctor ? [SEE_DOCTOR_TEXT] : []),
      ],
    },
    {
      id: "symptoms",
      heading: "Pins and needles, numbness, weakness",
      lines: [
        `Pins and needles: ${daysText(data.symptoms.tingling)}.`,
        `Numbness: ${daysText(data.symptoms.numbness)}.`,
        `Weakness: ${daysText(data.symptoms.weakness)}.`,
        ...data.symptoms.red_flags.map((f) => `Emergency sign noted on ${longDay(f.date)}: ${redFlagWords(f.signs)}.`),
      ],
    },
    { id: "limits", heading: "What it stops me doing", lines: limitLines(data) },
    { id: "helps", heading: "What helps", lines: data.helped.length > 0 ? data.helped.map(helpRowText) : ["Nothing clear yet."] },
    {
      id: "not-helped",
      heading: "What has not helped",
      lines: [
        ...(data.not_helped.length > 0 ? data.not_helped.map(helpRowText) : ["Nothing recorded."]),
        ...data.hurts.map((s) => `Hurt during "${s.step}" (${s.routine}) ${s.times === 1 ? "once" : `${s.times} times`}.`),
      ],
    },
    { id: "prefer", heading: "What I prefer", lines: preferenceLines(data) },
    { id: "questions", heading: "Questions to ask", lines: questionLines(data) },
  ];
}

function limitLines(data: BriefData): string[] {
  const l = data.limits;
  const span = (what: string, s: { first: number; latest: number } | null) =>
    s === null
      ? `${what}: not recorded.`
      : `${what}: about ${s.latest} minutes before pain stops me${s.first === s.latest ? "" : ` (${s.first} at the start of the period)`}.`;
  return [
    span("Sitting", l.sitting),
    span("Walking", l.walking),
    l.nights === 0 ? "Sleep: not recorded." : `Sleep: woken by pain on ${l.nights_woken} of ${l.nights} nights.`,
  ];
}

function preferenceLines(data: BriefData): string[] {
  const p = data.preferences;
  const list = (items: string[]) => (items.length > 0 ? items.join(", ") : "no preference");
  return [
    `Pressure: ${p.pressure ?? "no preference"}.`,
    `Techniques I like: ${list(p.techniques_liked)}.`,
    `Techniques to avoid: ${list(p.techniques_avoid)}.`,
    `Areas to focus on: ${list(p.focus_areas)}.`,
    `Areas to avoid: ${list(p.avoid_areas)}.`,
  ];
}

function questionLines(data: BriefData): string[] {
  const questions = [
    "What do you think is causing my pain, and what should I avoid for now?",
    "Which exercises should I keep doing at home, how often, and when should I do more?",
    "Is heat or ice a good idea for me, and for how long?",
    "Which signs mean I should come back sooner, or go to an emergency department?",
  ];
  if (data.how_much.trend.see_doctor) questions.unshift("My pain has not eased much in four weeks or more: should I see a doctor, or be referred?");
  if (data.limits.sitting !== null) questions.push("How should I set up my desk, and how often should I get up?");
  return questions;
}

/** Rows of the body outline from the back down, with the reach that marks each. */
export const OUTLINE_ROWS: readonly Reach[] = REACHES.filter((r) => r !== "none");

/** Whether a row of the outline is within the pain's reach. */
export function rowMarked(row: Reach, reach: Reach | null): boolean {
  return reach !== null && reach !== "none" && REACHES.indexOf(row) <= REACHES.indexOf(reach);
}
