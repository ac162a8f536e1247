import { describe, expect, it } from "vitest";
import { buildRecords } from "../../src/history/records.js";
import { buildReport } from "../../src/history/report.js";
import { renderReportHtml } from "../../src/ui/report-html.js";
import { renderReportMarkdown } from "../../src/ui/report-markdown.js";
import { diaryEvent, visitEvent } from "../helpers/record-data.js";

const NOW = new Date(2026, 10, 30, 12, 0, 0);

function report() {
  const records = buildRecords([
    visitEvent("old", "2026-10-20", { who: "Before the period" }),
    visitEvent("v1", "2026-11-10", { who: "Sam <b>", techniques: ["deep-tissue"], areas: ["glutes"], pressure: "firm", minutes: 45, note: "Ease off | next time" }),
    diaryEvent("d1", "2026-11-03", { sitting_min: 15, walking_min: 20 }),
    diaryEvent("d2", "2026-11-05", { sitting_min: 25, walking_min: null }),
    diaryEvent("d3", "2026-11-24", { sitting_min: 40, walking_min: 60, red_flags: ["both-legs"] }),
  ]);
  return buildReport([], { now: NOW, from: "2026-11-01", weeklyGoal: 3, affectedSide: null }, records);
}

describe("visits and the diary in the report", () => {
  it("holds the period's visits, sitting and walking by week, and the emergency signs noted", () => {
    const data = report();
    expect(data.visits.map((v) => v.id)).toEqual(["v1"]);
    expect(data.tolerance).toEqual([
      { start: "2026-11-02", sitting_min: 20, walking_min: 20 },
      { start: "2026-11-23", sitting_min: 40, walking_min: 60 },
    ]);
    expect(data.red_flags).toEqual([{ date: "2026-11-24", signs: ["both-legs"] }]);
  });

  it("shows them in the HTML page, escaped", () => {
    const html = renderReportHtml(report());
    expect(html).toContain('<section id="visits">');
    expect(html).toContain(
      '<tr><td>Tue 10 Nov 2026</td><td>Massage therapist (Sam &lt;b&gt;)</td><td>deep-tissue</td><td>glutes</td><td>firm</td><td class="n">45</td><td>back 6→4, leg 7→5</td><td>Ease off | next time</td></tr>',
    );
    expect(html).toContain('<tr><td>2 Nov 2026</td><td class="n">20 min</td><td class="n">20 min</td></tr>');
    expect(html).toContain("<li>Tue 24 Nov 2026: sciatica in both legs</li>");
    expect(html).not.toContain("Before the period");
  });

  it("shows them in Markdown, escaped", () => {
    const md = renderReportMarkdown(report());
    expect(md).toContain("## Visits to professionals");
    expect(md).toContain("| Tue 10 Nov 2026 | Massage therapist \\(Sam \\<b\\>\\) | deep-tissue | glutes | firm | 45 | back 6→4, leg 7→5 | Ease off \\| next time |");
    expect(md).toContain("| 23 Nov 2026 | 40 min | 60 min |");
    expect(md).toContain("- Tue 24 Nov 2026: sciatica in both legs");
  });

  it("says so when there is nothing to show", () => {
    const data = buildReport([], { now: NOW, from: "2026-11-01", weeklyGoal: 3, affectedSide: null });
    expect(renderReportHtml(data)).toContain("No visits recorded in this period.");
    expect(renderReportMarkdown(data)).toContain("No sitting or walking times in the diary for this period.");
  });
});
