import { describe, expect, it } from "vitest";
import { buildBrief, type BriefPreferences } from "../../src/history/brief.js";
import { buildRecords } from "../../src/history/records.js";
import { buildSessions } from "../../src/history/sessions.js";
import { shiftDay } from "../../src/time.js";
import { outlineSvg, outlineText } from "../../src/ui/body-outline.js";
import { renderBriefHtml, renderBriefMarkdown, renderBriefText } from "../../src/ui/brief-render.js";
import { SEE_DOCTOR_TEXT, briefSections } from "../../src/ui/brief-words.js";
import { sessionEvents } from "../helpers/history-data.js";
import { diaryEvent, visitEvent } from "../helpers/record-data.js";

const NOW = new Date(2026, 11, 1, 12, 0, 0);
const NO_PREFERENCES: BriefPreferences = { pressure: null, techniques_liked: [], techniques_avoid: [], focus_areas: [], avoid_areas: [] };

function data(options: { diary?: Parameters<typeof buildRecords>[0]; sessions?: ReturnType<typeof buildSessions>; from?: string } = {}) {
  const records = buildRecords(options.diary ?? []);
  return buildBrief(
    { sessions: options.sessions ?? [], visits: records.visits, diary: records.diary },
    { now: NOW, from: options.from ?? "2026-11-01", affectedSide: "left", preferences: { ...NO_PREFERENCES, pressure: "medium", techniques_liked: ["myofascial"], avoid_areas: ["neck"] } },
  );
}

const sample = () =>
  data({
    diary: [
      diaryEvent("d1", "2026-11-20", { pain: { back: 6, leg: 7, reach: "calf" }, worst: { back: 8, leg: 9 }, sitting_min: 15, walking_min: 20, sleep: "woken", numbness: "some" }),
      diaryEvent("d2", "2026-11-30", { pain: { back: 4, leg: 5, reach: "thigh" }, worst: { back: 6, leg: 6 }, sitting_min: 30, walking_min: 40, sleep: "fine", red_flags: ["bladder"], note: "<b>x</b>" }),
      visitEvent("v1", "2026-11-25", { techniques: ["deep-tissue"], pain_before: { back: 7, leg: 6, reach: null }, pain_after: { back: 4, leg: 4, reach: null } }),
      visitEvent("v2", "2026-11-26", { techniques: ["swedish"], pain_before: { back: 5, leg: 5, reach: null }, pain_after: { back: 5, leg: 6, reach: null } }),
    ],
    sessions: buildSessions(
      sessionEvents({ id: "s1", at: new Date(2026, 10, 28, 9, 0, 0), routine: ["nerve-glides", "Nerve glides"], before: [5, 6, "thigh"], after: [5, 7, "foot"], hurt: [1], titles: ["Glide", "Slump"] }),
      () => false,
    ),
  });

describe("the brief's figures", () => {
  it("say where, how much, what it stops, what helps and what has not", () => {
    const d = sample();
    expect(d.where).toEqual({ side: "left", both_legs: false, furthest: "calf", latest: "thigh" });
    expect(d.how_much.now).toEqual({ back: 4, leg: 5 });
    expect(d.how_much.average).toEqual({ back: 5, leg: 6 });
    expect(d.how_much.worst).toEqual({ back: 8, leg: 9 });
    expect(d.limits).toEqual({ sitting: { first: 15, latest: 30 }, walking: { first: 20, latest: 40 }, nights_woken: 1, nights: 2 });
    expect(d.symptoms.numbness).toEqual({ none: 1, some: 1, "a-lot": 0 });
    expect(d.symptoms.red_flags).toEqual([{ date: "2026-11-30", signs: ["bladder"] }]);
    expect(d.helped.map((r) => r.name)).toEqual(["deep-tissue"]);
    expect(d.not_helped.map((r) => r.name)).toEqual(["Nerve glides", "swedish"]);
    expect(d.hurts).toEqual([{ step: "Slump", routine: "Nerve glides", times: 1 }]);
  });

  it("leave out what is before the period", () => {
    const d = data({ from: "2026-11-25", diary: [diaryEvent("old", "2026-11-20"), diaryEvent("new", "2026-11-26", { pain: { back: 2, leg: 2, reach: "back" } })] });
    expect(d.how_much.readings).toBe(1);
    expect(d.where.furthest).toBe("back");
  });

  it("say calmly to see a doctor when pain has not eased over four weeks", () => {
    const diary = Array.from({ length: 35 }, (_, i) => diaryEvent(`d${i}`, shiftDay("2026-10-28", i), { pain: { back: 6, leg: 6, reach: null } }));
    const d = data({ diary });
    expect(d.how_much.trend.see_doctor).toBe(true);
    const text = renderBriefText(d, { ascii: true, width: 200 });
    expect(text.replace(/\n {2}/g, " ")).toContain(SEE_DOCTOR_TEXT);
    expect(briefSections(data({ diary: diary.slice(-10) })).flatMap((s) => s.lines)).not.toContain(SEE_DOCTOR_TEXT);
  });
});

describe("the brief's forms", () => {
  it("text: the sections in order, with the outline, the preferences and room for questions", () => {
    const text = renderBriefText(sample(), { ascii: true, width: 100 });
    const headings = ["WHERE IT HURTS", "HOW MUCH", "PINS AND NEEDLES, NUMBNESS, WEAKNESS", "WHAT IT STOPS ME DOING", "WHAT HELPS", "WHAT HAS NOT HELPED", "WHAT I PREFER", "QUESTIONS TO ASK"];
    const at = headings.map((h) => text.indexOf(`\n${h}\n`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text).toContain("- Left side; the pain reaches down to the thigh now, and at most down to the calf in this period.");
    expect(text).toContain("- Sitting: about 30 minutes before pain stops me (15 at the start of the period).");
    expect(text).toContain("- Pressure: medium.");
    expect(text).toContain("- Techniques I like: myofascial.");
    expect(text).toContain("- Areas to avoid: neck.");
    expect(text).toContain("deep-tissue (technique): 1 visit; back -3, leg -2 on average; 1 meaningful drop of 1.");
    expect(text).toMatch(/Emergency sign noted on Mon 30 Nov 2026: new trouble peeing/);
    expect(text).toContain('Hurt during "Slump" (Nerve glides) once.');
    expect(text).toMatch(/QUESTIONS TO ASK\n(- .*\n)+- _{20,}\n- _{20,}\n- _{20,}\n/);
    expect(text).not.toMatch(/[^\x20-\x7e\n]/);
  });

  it("the outline marks the side and how far down the leg, in text and in SVG", () => {
    const lines = outlineText({ side: "left", bothLegs: false, reach: "thigh" }, true);
    const row = (label: string) => lines.find((l) => l.endsWith(label))!;
    expect(row("buttock")).toMatch(/## +\.\. +buttock/);
    expect(row("thigh")).toMatch(/## +\.\. +thigh/);
    expect(row("calf")).toMatch(/\.\. +\.\. +calf/);
    expect(outlineText({ side: "right", bothLegs: false, reach: "calf" }, true).find((l) => l.endsWith("calf"))).toMatch(/\.\. +## +calf/);
    const svg = outlineSvg({ side: "right", bothLegs: false, reach: "buttock" }, "outline");
    expect(svg).toContain('<rect class="part marked" x="72" y="112"');
    expect(svg).toContain('<rect class="part" x="46" y="112"');
    expect(svg.match(/class="part marked"/g)).toHaveLength(2); // lower back and the right buttock
  });

  it("Markdown and HTML escape what came from the records; HTML loads nothing from anywhere", () => {
    const d = sample();
    d.not_helped[0]!.name = "<script>alert(1)</script>";
    const html = renderBriefHtml(d);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/(src|href)=["']?https?:/);
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="body-outline"');
    expect(html.match(/<li class="blank"><\/li>/g)).toHaveLength(3);
    const md = renderBriefMarkdown(d);
    expect(md).toContain("\\<script>alert(1)\\</script>");
    expect(md.indexOf("## Where it hurts")).toBeLessThan(md.indexOf("## Questions to ask"));
  });
});

describe("a routine or technique in the brief", () => {
  it("names only the areas with a change, in plain ASCII", async () => {
    const { helpRowText } = await import("../../src/ui/brief-words.js");
    const row = { kind: "technique" as const, name: "swedish", count: 2, pain_count: 1, avg_back_change: null, avg_leg_change: 1, meaningful: 0, spread: 0 };
    expect(helpRowText(row)).toBe("swedish (technique): 2 visits; leg +1 on average; 0 meaningful drops of 1.");
    expect(helpRowText({ ...row, kind: "routine", name: "Flare day", count: 1, avg_back_change: -2, spread: 1 })).toBe(
      "Flare day (routine): 1 session; back -2, leg +1 on average; 0 meaningful drops of 1; pain spread down the leg after 1.",
    );
  });
});
