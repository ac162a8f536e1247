import { describe, expect, it } from "vitest";
import { buildReport, type ReportDoses } from "../../src/history/report.js";
import { renderReportHtml } from "../../src/ui/report-html.js";
import { renderReportMarkdown } from "../../src/ui/report-markdown.js";

const DOSES: ReportDoses = {
  programme: "Six weeks with Sam",
  steps: [
    {
      routine: "nerve-glides",
      step: "Sciatic nerve glide",
      unit: "reps",
      history: [
        { date: "2026-12-01", dose: 5, reason: "the programme starts" },
        { date: "2026-12-03", dose: 6, reason: "two calm sessions since 1 December" },
        { date: "2026-12-04", dose: 5, reason: "the pain spread further down the leg on 4 December" },
      ],
    },
  ],
};

describe("the report lists each progressed step's dose over time", () => {
  const data = buildReport([], { now: new Date(2026, 11, 5, 12), from: "2026-11-06", weeklyGoal: 5, affectedSide: null });

  it("in Markdown", () => {
    const md = renderReportMarkdown({ ...data, doses: DOSES });
    expect(md).toContain("## Doses in the programme “Six weeks with Sam”");
    expect(md).toContain("| Thu 3 Dec 2026 | 6 reps | two calm sessions since 1 December |");
    expect(md).toContain("| Fri 4 Dec 2026 | 5 reps | the pain spread further down the leg on 4 December |");
    expect(renderReportMarkdown(data)).not.toContain("Doses in the programme");
  });

  it("in HTML", () => {
    const html = renderReportHtml({ ...data, doses: DOSES });
    expect(html).toContain('<section id="doses">');
    expect(html).toContain("<caption>Sciatic nerve glide (nerve-glides)</caption>");
    expect(html).toMatch(/<td>Thu 3 Dec 2026<\/td><td class="n">6 reps<\/td><td>two calm sessions since 1 December<\/td>/);
    expect(renderReportHtml(data)).not.toContain('id="doses"');
  });
});
