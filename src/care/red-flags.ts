// The red flags soothe shows: what needs emergency care, what needs urgent advice, and when to see a doctor. Kept
// in one place so that `soothe safety`, the first-run screen and a run say the same things. The facts come from the
// sources listed at the end; the words are soothe's own.

/** Symptoms that need emergency care at once [NHS-S][GIRFT]. */
export const EMERGENCY_SIGNS = [
  "sciatica in both legs",
  "weakness or numbness in both legs that is severe or getting worse",
  "numbness around your genitals or anus (it feels different when you wipe)",
  "new trouble peeing, or being unable to pee or to hold it in",
  "new trouble controlling your bowels, or not noticing you need to poo",
] as const;

/** Back pain that needs urgent advice the same day [NHS-BP][LOTH]; a history of cancer from [LOTH]. */
export const URGENT_SIGNS = [
  "after a serious accident, such as a fall or a car crash",
  "with a fever, or feeling hot and shivery",
  "with weakness in a leg that is getting worse",
  "with a foot that suddenly slaps or drags as you walk (foot drop)",
  "with weight loss you cannot explain",
  "if you have had cancer, now or in the past",
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
