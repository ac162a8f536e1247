// The HTML report opened in a real browser: Debian's Chromium, driven by playwright-core. The chart must be drawn,
// nothing may fail to load, and the page must print on A4. Skipped, saying why, where no Chromium is installed.
// Functions given to page.evaluate run in the browser, so this file needs the DOM's types.
/// <reference lib="dom" />
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { openHistory } from "../../src/history/store.js";
import { practice, record } from "../helpers/history-data.js";
import { chromiumHere, pageUnderTest } from "./browser.js";

const { installed, why } = chromiumHere("report-browser.test.ts");

describe.skipIf(!installed)(`the HTML report in headless Chromium${why}`, () => {
  const { open, file } = pageUnderTest({
    name: "report.html",
    prepare: (home) => record(openHistory(join(home.dir, "history.jsonl")), practice(new Date(), 14)),
    write: (out) => ["report", "--out", out],
    viewport: { width: 1000, height: 1400 },
  });

  it("loads nothing but itself, and nothing fails or complains", async () => {
    const { page, requests, problems } = await open();
    expect(problems).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file()).href]);
    expect(await page.title()).toMatch(/^Self-care report: sciatica and low-back pain, /);
    await page.close();
  }, 90_000);

  it("draws the chart: both lines and every point, with a real size", async () => {
    const { page, problems } = await open();
    const chart = await page.locator("svg.pain-chart").boundingBox();
    expect(chart!.width).toBeGreaterThan(500);
    expect(chart!.height).toBeGreaterThan(150);

    const drawn = await page.evaluate(() => {
      const box = (selector: string) =>
        Array.from(document.querySelectorAll<SVGGraphicsElement>(selector)).map((el) => {
          const b = el.getBBox();
          const r = el.getBoundingClientRect();
          return { w: b.width, h: b.height, screenW: r.width, screenH: r.height };
        });
      const length = (selector: string) => document.querySelector<SVGPathElement>(selector)?.getTotalLength() ?? 0;
      const stroke = (selector: string) => {
        const el = document.querySelector(selector);
        return el ? getComputedStyle(el).stroke : "";
      };
      return {
        back: box("path.line-back")[0],
        leg: box("path.line-leg")[0],
        backLength: length("path.line-back"),
        legLength: length("path.line-leg"),
        circles: box(".points-back circle"),
        squares: box(".points-leg rect"),
        backStroke: stroke("path.line-back"),
        legStroke: stroke("path.line-leg"),
      };
    });
    const readings = (readFileSync(file(), "utf8").match(/<circle cx=/g) ?? []).length;
    expect(readings).toBeGreaterThan(40);
    expect(drawn.back!.w).toBeGreaterThan(400);
    expect(drawn.back!.h).toBeGreaterThan(10);
    expect(drawn.leg!.w).toBeGreaterThan(400);
    expect(drawn.backLength).toBeGreaterThan(400);
    expect(drawn.legLength).toBeGreaterThan(400);
    expect(drawn.circles).toHaveLength(readings);
    expect(drawn.squares.length).toBeGreaterThan(40);
    for (const point of [...drawn.circles, ...drawn.squares]) {
      expect(point.screenW).toBeGreaterThan(0);
      expect(point.screenH).toBeGreaterThan(0);
    }
    // The styles applied: the lines have their colours, so the inline style sheet was not blocked.
    expect(drawn.backStroke).toBe("rgb(29, 78, 137)");
    expect(drawn.legStroke).toBe("rgb(180, 70, 27)");
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it("prints on A4 pages", async () => {
    const { page, problems } = await open();
    await page.emulateMedia({ media: "print" });
    const width = await page.locator("svg.pain-chart").boundingBox();
    expect(width!.width).toBeGreaterThan(400);
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(2);
    // A4 is 595 x 842 points (Chromium rounds to whole pixels at 96 dpi: 595.92 x 842.88).
    const boxes = [...pdf.toString("latin1").matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
    expect(boxes.length).toBeGreaterThanOrEqual(pages.length);
    for (const [, w, h] of boxes) {
      expect(Math.abs(Number(w) - 595)).toBeLessThan(2);
      expect(Math.abs(Number(h) - 842)).toBeLessThan(2);
    }
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);
});
