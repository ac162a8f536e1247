import { describe, expect, it } from "vitest";
import { reportFormat } from "../../src/commands/report.js";
import { UsageError } from "../../src/errors.js";
import { buildReport, type ReportData } from "../../src/history/report.js";
import { painSeries } from "../../src/history/stats.js";
import { escapeHtml, renderPainSvg, renderReportHtml } from "../../src/ui/report-html.js";
import { escapeMarkdown, renderReportMarkdown } from "../../src/ui/report-markdown.js";
import { DISCLAIMER, activeTime, beforeAfter, change, longDay, periodText } from "../../src/ui/report-text.js";
import { practice, sessionsOf, type SessionSpec } from "../helpers/history-data.js";

/** Monday 30 November 2026, 20:00 local. */
const NOW = new Date(2026, 10, 30, 20, 0);

const at = (id: string, startText: string, extra: Partial<SessionSpec> = {}): SessionSpec => ({
  id,
  at: new Date(startText),
  startText,
  ...extra,
});

const HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';

/** A small, exact history for November 2026. */
const SPECS: SessionSpec[] = [
  at("old", "2026-10-31T23:30:00.000+01:00", { before: [9, 9, "foot"] }), // the day before the period
  at("n1", "2026-11-02T08:00:00.000+01:00", {
    routine: ["glute-release", "Glute release"],
    before: [6, 5, "thigh"],
    after: [3, 4, "calf"],
    minutes: 10,
    titles: ["Ball massage", "Figure-4 stretch", "Knee to chest"],
    hurt: [1],
  }),
  at("n2", "2026-11-03T19:00:00.000+01:00", {
    routine: ["desk-break", `Desk | break ${HOSTILE}`],
    before: [5, null, null],
    after: [5, null, null],
    status: "stopped",
    minutes: 3,
    note: `First line ${HOSTILE}\nsecond *line* [link](http://example.com)`,
  }),
  at("n3", "2026-11-16T08:00:00.000+01:00", { routine: ["glute-release", "Glute release"], before: [4, 3, "thigh"], after: [2, 2, "back"] }),
  at("n4", "2026-11-30T07:30:00.000+01:00", { routine: ["glute-release", "Glute release"], before: [3, 2, null], after: [1, 1, null] }),
];

function report(specs = SPECS, from = "2026-11-01", extra: Partial<Parameters<typeof buildReport>[1]> = {}): ReportData {
  return buildReport(sessionsOf(specs), { now: NOW, from, weeklyGoal: 2, affectedSide: "left", ...extra });
}

describe("the report's figures", () => {
  it("covers the sessions recorded from the first day to today, oldest first", () => {
    const data = report();
    expect([data.from, data.to]).toEqual(["2026-11-01", "2026-11-30"]);
    expect(data.sessions.map((s) => [s.day, s.time, s.routine.slice(0, 13), s.status])).toEqual([
      ["2026-11-02", "08:00", "Glute release", "completed"],
      ["2026-11-03", "19:00", "Desk | break ", "stopped"],
      ["2026-11-16", "08:00", "Glute release", "completed"],
      ["2026-11-30", "07:30", "Glute release", "completed"],
    ]);
    expect(data.totals).toEqual({
      sessions: 4,
      completed: 3,
      stopped: 1,
      interrupted: 0,
      active_s: 1500,
      per_week: 0.9,
      days_practised: 3,
      full_weeks: 4,
      weeks_goal_met: 0,
    });
  });

  it("lays the period out in Monday-to-Sunday weeks, judging the goal only on whole ones", () => {
    const data = report();
    expect(data.weeks.map((w) => [w.start, w.days, w.sessions, w.completed, w.goal_met])).toEqual([
      ["2026-10-26", 1, 0, 0, null], // Sunday 1 November only
      ["2026-11-02", 7, 2, 1, false],
      ["2026-11-09", 7, 0, 0, false],
      ["2026-11-16", 7, 1, 1, false],
      ["2026-11-23", 7, 0, 0, false],
      ["2026-11-30", 1, 1, 1, null], // today
    ]);
    const two = report([...SPECS, at("n5", "2026-11-05T08:00:00.000+01:00")]);
    expect(two.weeks[1]!.goal_met).toBe(true);
    expect(two.totals.weeks_goal_met).toBe(1);
  });

  it("compares pain before sessions in the first and the last two weeks", () => {
    expect(report().trend).toEqual({
      // 1-14 November: n1 and n2 (n2 has no leg value); 17-30 November: n4 only.
      back: { first: 5.5, last: 3, first_n: 2, last_n: 1 },
      leg: { first: 5, last: 2, first_n: 1, last_n: 1 },
    });
    // Too short a period for two spans of two weeks.
    expect(report(SPECS, "2026-11-10").trend).toEqual({ back: null, leg: null });
  });

  it("finds spread pain, “this hurts” moments with their step, and notes", () => {
    const data = report();
    expect(data.spread).toEqual([{ day: "2026-11-02", time: "08:00", routine: "Glute release", before: "thigh", after: "calf" }]);
    expect(data.hurts).toEqual([
      { day: "2026-11-02", time: "08:00", routine: "Glute release", step: "Figure-4 stretch", side: "right", set: 1 },
    ]);
    expect(data.notes).toHaveLength(1);
    expect(data.notes[0]!.text).toBe(`First line ${HOSTILE}\nsecond *line* [link](http://example.com)`);
    expect(data.routines.map((r) => [r.id, r.avg_back_change, r.avg_leg_change, r.meaningful])).toEqual([
      ["glute-release", -2.3, -1, 3],
      ["desk-break", 0, null, 0],
    ]);
  });

  it("is an empty report, not an error, when the period holds nothing", () => {
    const data = report([], "2026-11-01");
    expect(data.totals.sessions).toBe(0);
    expect(data.series).toEqual([]);
    expect(renderReportHtml(data)).toContain("No sessions were recorded in this period.");
    expect(renderReportMarkdown(data)).toContain("No sessions were recorded in this period.");
  });
});

describe("the HTML report", () => {
  const html = renderReportHtml(report());

  it("holds the period, the summary, the tables, the notes and the disclaimer", () => {
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(html).toContain("Period: <strong>1 Nov 2026 to 30 Nov 2026 (30 days)</strong>.");
    expect(html).toContain("<li>Sessions: 4 (3 completed, 1 stopped early), on 3 days with a completed session; active time 25 min; 0.9 sessions a week on average.</li>");
    expect(html).toContain("<li>Weekly goal: 2 sessions; met in 0 of 4 full weeks.</li>");
    expect(html).toContain("<li>Average pain before sessions, first 14 days → last 14 days of the period: back 5.5 → 3; leg 5 → 2.</li>");
    expect(html).toContain("<li>Affected side: left.</li>");
    expect(html).toContain(
      '<tr><td>Glute release</td><td class="n">3</td><td class="n">3</td><td class="n">-2.3</td><td class="n">-1</td><td class="n">3 of 3</td><td class="n">1</td></tr>',
    );
    expect(html).toContain('<tr><td>2 Nov 2026</td><td class="n">2</td><td class="n">1</td><td class="n">13 min</td><td><span class="muted">not met</span></td>');
    expect(html).toContain("<td>Figure-4 stretch <span class=\"muted\">(right side, set 1)</span></td>");
    expect(html).toContain("<td>Mon 2 Nov 2026</td><td>08:00</td><td>Glute release</td><td>thigh → calf</td>");
    expect(html).toContain(`<p class="disclaimer">${escapeHtml(DISCLAIMER)}</p>`);
    expect(html).toContain("Meaningful: a drop of at least 2 points and at least 30 %.");
    expect(html.match(/<section id="/g)).toHaveLength(9);
  });

  it("loads nothing: only plain elements, no address in any tag, and a policy that forbids loading", () => {
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    const elements = new Set([...html.matchAll(/<([a-zA-Z][\w-]*)/g)].map((m) => m[1]!.toLowerCase()));
    const allowed = "html head meta title style body main header h1 h2 h3 p strong section ul li table caption thead tbody tr th td span br figure figcaption svg desc line text path g circle rect footer";
    expect([...elements].filter((e) => !allowed.split(" ").includes(e))).toEqual([]);
    expect(html).not.toMatch(/<[^>]*\s(?:src|href|xlink:href|action|srcset)=/i);
    expect(html).not.toMatch(/@import|url\(/i);
    // The one address inside a tag is the SVG namespace, which names and never fetches.
    const inTags = [...html.matchAll(/<[^>]*>/g)].flatMap((m) => m[0].match(/https?:\/\/[^"\s]+/g) ?? []);
    expect(inTags).toEqual(["http://www.w3.org/2000/svg"]);
  });

  it("escapes every text from the history, so no markup can be injected", () => {
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("Desk | break &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("First line &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    // Line breaks in a note are kept, and nothing else of it becomes markup.
    expect(html).toContain("<br>second *line* [link](http://example.com)</li>");
    const withEscape = renderReportHtml(report([at("e", "2026-11-20T08:00:00.000+01:00", { routine: ["x", "Bad\u001b[31m name\u0007"], note: "o'k" })]));
    expect(withEscape).toContain("<td>Bad name</td>");
    expect(withEscape).toContain("o&#39;k");
    expect(withEscape).not.toContain("\u001b");
  });

  it("draws the chart as inline SVG, or says there is nothing to draw", () => {
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="pain-chart"');
    expect(html.match(/<path class="line line-back"/g)).toHaveLength(1);
    expect(html.match(/<circle cx=/g)).toHaveLength(4);
    expect(html.match(/<rect x=/g)).toHaveLength(3);
    const empty = renderReportHtml(report([at("e", "2026-11-20T08:00:00.000+01:00")]));
    expect(empty).not.toContain("<svg");
    expect(empty).toContain("No pain check-ins in this period.");
  });

  it("prints on A4", () => {
    expect(html).toContain("@page { size: A4;");
    expect(html).toMatch(/@media print \{[^]*break-inside: avoid/);
  });
});

describe("the pain chart", () => {
  const points = painSeries(
    sessionsOf([
      at("a", "2026-11-01T00:00:00.000+01:00", { before: [10, 0, null] }),
      at("b", "2026-11-16T00:00:00.000+01:00", { before: [5, null, null] }),
    ]),
  );
  const svg = renderPainSvg(points, "2026-11-01", "2026-11-30");

  it("places a reading by its day and time across, and its level up", () => {
    // The plot spans x 44 to 704 over 30 days, y 14 (10) to 222 (0).
    expect(svg).toContain('<path class="line line-back" d="M44 14 L374 118"/>');
    expect(svg).toContain('<circle cx="44" cy="14" r="3.2"/>');
    expect(svg).toContain('<rect x="41" y="219" width="6" height="6"/>');
    expect(svg).toContain('<path class="line line-leg" d="M44 222"/>');
  });

  it("marks Mondays on a short period and months on a long one", () => {
    const ticks = (s: string) => [...s.matchAll(/<text class="tick" x="[\d.]+" y="24\d" text-anchor="middle">([^<]+)<\/text>/g)].map((m) => m[1]);
    expect(ticks(svg)).toEqual(["2 Nov", "9 Nov", "16 Nov", "23 Nov", "30 Nov"]);
    expect(ticks(renderPainSvg(points, "2026-10-15", "2027-02-10"))).toEqual(["Nov", "Dec", "Jan 2027", "Feb"]);
  });
});

describe("the Markdown report", () => {
  const md = renderReportMarkdown(report());

  it("has the same summary, a table a topic, the events, notes and the disclaimer", () => {
    expect(md.startsWith("# Self-care report: sciatica and low-back pain\n\nPeriod: **1 Nov 2026 to 30 Nov 2026 (30 days)**.")).toBe(true);
    expect(md).toContain("- Weekly goal: 2 sessions; met in 0 of 4 full weeks.\n");
    expect(md).toContain("| 2 Nov 2026 | 2 | 1 | 13 min | not met | 5.5 | 5 |\n");
    expect(md).toContain("| 26 Oct 2026 | 0 | 0 | 0 min | 1 of 7 days | – | – |\n");
    expect(md).toContain("| Glute release | 3 | 3 | -2.3 | -1 | 3 of 3 | 1 |\n");
    expect(md).toContain("- Mon 2 Nov 2026 08:00, Glute release: thigh → calf\n");
    expect(md).toContain("- Mon 2 Nov 2026 08:00, Glute release: Figure-4 stretch (right side, set 1)\n");
    expect(md.trimEnd().endsWith(`_${DISCLAIMER}_`)).toBe(true);
    expect(md).toContain("Meaningful: a drop of at least 2 points and at least 30 %.");
    expect(DISCLAIMER).toContain(
      "A meaningful drop is at least 2 points and at least 30 %: the size of change people usually notice over weeks. One session is not a verdict.",
    );
    expect(md).not.toContain("<svg");
  });

  it("escapes what could become markup, a link or a broken table", () => {
    const row = md.split("\n").find((l) => l.startsWith("| Desk"))!;
    expect(row).toBe(
      '| Desk \\| break \\<script\\>alert\\("x"\\)\\</script\\> \\& \\<img src=x onerror=alert\\(1\\)\\> | 1 | 0 | 0 | – | 0 of 1 | 0 |',
    );
    // Every row of the routine table has the header's seven cells once escaped pipes are set aside.
    expect(row.replace(/\\\|/g, "").split("|").length - 2).toBe(7);
    const note = md.split("\n").find((l) => l.includes("First line"))!;
    expect(note).toContain("second \\*line\\* \\[link\\]\\(http://example.com\\)");
    expect(note).not.toContain("\n");
    expect(escapeMarkdown("a_b `c` ~d~ #e !f {g} +h")).toBe("a\\_b \\`c\\` \\~d\\~ \\#e \\!f \\{g\\} \\+h");
  });
});

describe("formats and words", () => {
  it.each<[string | undefined, string | undefined, "html" | "md"]>([
    [undefined, undefined, "html"],
    [undefined, "report.html", "html"],
    [undefined, "report.md", "md"],
    [undefined, "REPORT.Markdown", "md"],
    [undefined, "report.txt", "html"],
    ["md", "report.html", "md"],
    ["html", "report.md", "html"],
    ["markdown", undefined, "md"],
  ])("--format %s with --out %s writes %s", (format, out, expected) => {
    expect(reportFormat(format, out)).toBe(expected);
  });

  it("refuses a format it does not know", () => {
    expect(() => reportFormat("pdf", undefined)).toThrow(UsageError);
    expect(() => reportFormat("pdf", undefined)).toThrow('--format takes html or md, got "pdf"');
  });

  it("writes days, periods, changes and times the way people read them", () => {
    expect(longDay("2026-11-02")).toBe("Mon 2 Nov 2026");
    expect(periodText({ from: "2026-11-30", to: "2026-11-30" })).toBe("30 Nov 2026 to 30 Nov 2026 (1 day)");
    expect(periodText({ from: "2026-11-20", to: "2026-11-30" })).toBe("20 Nov 2026 to 30 Nov 2026 (11 days)");
    expect(periodText({ from: "2026-09-01", to: "2026-11-30" })).toBe("1 Sep 2026 to 30 Nov 2026 (13 weeks)");
    expect(periodText({ from: "2026-09-02", to: "2026-11-30" })).toBe("2 Sep 2026 to 30 Nov 2026 (90 days)");
    expect([change(-2.25), change(0.5), change(0), change(null)]).toEqual(["-2.3", "+0.5", "0", "–"]);
    expect([beforeAfter(6, 4), beforeAfter(6, null), beforeAfter(null, null)]).toEqual(["6 → 4", "6 → –", "–"]);
    expect([activeTime(0), activeTime(20), activeTime(2700), activeTime(3600), activeTime(48_660)]).toEqual([
      "0 min",
      "under a minute",
      "45 min",
      "1 h",
      "13 h 31 min",
    ]);
  });
});

describe("a realistic report", () => {
  it("renders ninety days of practice in both formats", () => {
    const data = buildReport(sessionsOf(practice(NOW, 14)), { now: NOW, from: "2026-09-01", weeklyGoal: 5, affectedSide: null });
    expect(data.totals.sessions).toBeGreaterThan(50);
    const html = renderReportHtml(data);
    // A round point a back reading (the legend's circle carries a class first, so it is not counted).
    expect(html.match(/<circle cx=/g)!.length).toBe(data.series.filter((p) => p.back !== null).length);
    expect(data.series.length).toBe(data.totals.sessions);
    expect(renderReportMarkdown(data)).toContain("## Routines and how pain changed");
    expect(html).not.toContain("Affected side");
  });
});
