// The safety words soothe says: red flags, when to see a doctor, and the rules for heat and cold. Kept in one place
// so that `soothe safety`, the first-run screen and a run say the same things. The facts come from the sources
// listed at the end; the words are soothe's own.

/** Symptoms that need emergency care at once [NHS-S][GIRFT]. */
export const EMERGENCY_SIGNS = [
  "sciatica in both legs",
  "weakness or numbness in both legs that is severe or getting worse",
  "numbness around your genitals or anus (it feels different when you wipe)",
  "new trouble peeing, or being unable to pee or to hold it in",
  "new trouble controlling your bowels, or not noticing you need to poo",
] as const;

/** Back pain that needs urgent advice the same day [NHS-BP][LOTH]. */
export const URGENT_SIGNS = [
  "after a serious accident, such as a fall or a car crash",
  "with a fever, or feeling hot and shivery",
  "with weakness in a leg that is getting worse",
  "with a foot that suddenly slaps or drags as you walk (foot drop)",
  "with weight loss you cannot explain",
  "that does not ease with rest, or is worse at night",
  "with new sexual problems, such as numbness or trouble with erections",
] as const;

/** When to see a doctor about sciatica that is not an emergency [NHS-S]. */
export const SEE_A_DOCTOR = [
  "it is not getting better after a few weeks",
  "it is getting worse",
  "it stops you doing your normal activities",
] as const;

/** The sources of the safety screen, by the keys routines use in `sources:`. */
export const SAFETY_SOURCES = [
  { key: "NHS-S", url: "https://www.nhs.uk/conditions/sciatica/" },
  { key: "NHS-BP", url: "https://www.nhs.uk/conditions/back-pain/" },
  {
    key: "LOTH",
    url: "https://apps.nhslothian.scot/refhelp/guidelines/musculoskeletalphysiotherapy/lumbarspine/serious-lumbar-spine-conditions-red-flags",
  },
  { key: "GIRFT", url: "https://girft-interactivepathways.org.uk/cauda-equina-1/" },
] as const;

/** The kinds of step that put heat or cold on the skin. */
export type PackKind = "ice" | "heat";

/** True for the kinds of step that put heat or cold on the skin. */
export function isPackKind(kind: string): kind is PackKind {
  return kind === "ice" || kind === "heat";
}

/** Wait at least this long after an application before the next one of the same kind [GWENT]. */
export const PACK_GAP_S = 60 * 60;

/** "a cold pack", "a warm pack", "cold or warm packs". */
export function packWords(kinds: readonly PackKind[]): string {
  const ice = kinds.includes("ice");
  const heat = kinds.includes("heat");
  if (ice && heat) return "cold and warm packs";
  return ice ? "a cold pack" : "a warm pack";
}

/**
 * The reminder before the first ice or heat segment of a run: a barrier, never on numb skin, and the conditions
 * that rule it out. One sentence a line.
 */
export function packReminder(kinds: readonly PackKind[]): string[] {
  const ice = kinds.includes("ice");
  const heat = kinds.includes("heat");
  const lines = [`This routine uses ${packWords(kinds)}.`];
  if (ice) lines.push("Wrap a cold pack in a damp towel: never put ice straight on your skin.");
  if (heat) lines.push("Wrap a warm pack in a towel, never use boiling water, and do not lie on it.");
  lines.push(
    "Never use heat or cold on numb skin: sciatica often dulls feeling, and you could be burnt or frozen without noticing.",
    "Leave it out, or ask a professional first, if you have numbness or less feeling for hot and cold there, " +
      "diabetes, or poor circulation (also nerve damage, a heart condition, a fever or infection, broken skin, " +
      "or a history of cancer).",
    "Never use a pack while asleep.",
  );
  return lines;
}

/** The question after the reminder, on a terminal. */
export function packQuestion(kinds: readonly PackKind[]): string {
  const what = kinds.length > 1 ? "the packs" : kinds[0] === "ice" ? "the cold pack" : "the warm pack";
  return `Use ${what} (towel in place, normal feeling in that skin)?`;
}

/** What a run says when the user answers no. */
export function packSkipped(kinds: readonly PackKind[]): string {
  const what = kinds.length > 1 ? "heat and cold" : kinds[0] === "ice" ? "cold" : "heat";
  return `Leaving out the ${what} steps in this run.`;
}

/** The note kept in history on a heat or cold segment left out after a "no". */
export const PACK_SKIPPED_NOTE = "left out: no heat or cold this time";

/**
 * A warning when the last application of `kind` ended less than an hour before `now`; null otherwise (or when
 * the time is in the future, as after a clock change).
 */
export function recentPackWarning(kind: PackKind, endedAt: Date, now: Date): string | null {
  const ago_s = (now.getTime() - endedAt.getTime()) / 1000;
  if (!(ago_s >= 0) || ago_s >= PACK_GAP_S) return null;
  const minutes = Math.floor(ago_s / 60);
  const when = minutes < 1 ? "less than a minute ago" : minutes === 1 ? "1 minute ago" : `${minutes} minutes ago`;
  const what = kind === "ice" ? "cold pack" : "warm pack";
  return (
    `Your last ${what} ended ${when}. Give your skin time to come back to its normal colour, temperature and ` +
    "feeling first: leave at least an hour between applications."
  );
}

/** The kinds of heat and cold a plan uses, ice first. */
export function packKinds(segments: readonly { kind: string }[]): PackKind[] {
  const kinds: PackKind[] = [];
  if (segments.some((s) => s.kind === "ice")) kinds.push("ice");
  if (segments.some((s) => s.kind === "heat")) kinds.push("heat");
  return kinds;
}

/**
 * What a run leaves out after a "no" to heat and cold, by segment index with the note to keep: every ice and heat
 * segment, the rests that come straight after one (the break between packs), and a manual step just before one
 * (getting the pack ready). Transitions are left to the engine.
 */
export function packSegmentsToLeaveOut(segments: readonly { kind: string }[]): Map<number, string> {
  const out = new Map<number, string>();
  const realBefore = (i: number) => {
    for (let j = i - 1; j >= 0; j--) if (segments[j]!.kind !== "transition") return j;
    return -1;
  };
  segments.forEach((segment, i) => {
    if (!isPackKind(segment.kind)) return;
    out.set(i, PACK_SKIPPED_NOTE);
    const before = realBefore(i);
    if (before >= 0 && segments[before]!.kind === "manual") out.set(before, PACK_SKIPPED_NOTE);
  });
  segments.forEach((segment, i) => {
    if (segment.kind !== "rest" || out.has(i)) return;
    const before = realBefore(i);
    if (before >= 0 && out.has(before) && isPackKind(segments[before]!.kind)) out.set(i, PACK_SKIPPED_NOTE);
  });
  return new Map([...out].sort((a, b) => a[0] - b[0]));
}

/** True when something other than rests and manual steps is left to do once `leaveOut` is taken away. */
export function anythingLeft(segments: readonly { kind: string }[], leaveOut: ReadonlyMap<number, string>): boolean {
  return segments.some(
    (s, i) => !leaveOut.has(i) && s.kind !== "transition" && s.kind !== "rest" && s.kind !== "manual",
  );
}
