// The brief's HTML opened in a real browser, as the report's is: nothing loaded from anywhere, the body outline drawn
// with its painful parts filled, the sections in order, and A4 print. Skipped, saying why, without Chromium.
/// <reference lib="dom" />
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { openHistory } from "../../src/history/store.js";
import { dayKey, localIso, shiftDay } from "../../src/time.js";
import { practice, record } from "../helpers/history-data.js";
import { diaryEvent, visitEvent } from "../helpers/record-data.js";
import { chromiumHere, pageUnderTest } from "./browser.js";
import { runPiped } from "./harness.js";

const { installed, why } = chromiumHere("brief-browser.test.ts");

describe.skipIf(!installed)(`the HTML brief in headless Chromium${why}`, () => {
  const { open, file } = pageUnderTest({
    name: "brief.html",
    prepare: async (home) => {
      const store = openHistory(join(home.dir, "history.jsonl"));
      record(store, practice(new Date(), 14));
      const today = dayKey(new Date());
      // The latest reading, so that the outline shows its reach.
      store.appendRecord(diaryEvent("d1", today, { at: localIso(new Date()), pain: { back: 5, leg: 6, reach: "calf" }, sitting_min: 20 }));
      store.appendRecord(visitEvent("v1", shiftDay(today, -2), { techniques: ["myofascial"] }));
      const set = await runPiped(["config", "set", "affected_side", "right"], { home });
      expect(set.code).toBe(0);
    },
    write: (out) => ["brief", "--out", out],
    viewport: { width: 900, height: 1300 },
  });

  it("loads nothing but itself, shows the sections in order, and draws the outline with the pain filled", async () => {
    const { page, requests, problems } = await open();
    expect(await page.title()).toMatch(/^Before my appointment: my sciatica in brief, /);
    expect(await page.locator("h2").allTextContents()).toEqual([
      "Where it hurts",
      "How much",
      "Pins and needles, numbness, weakness",
      "What it stops me doing",
      "What helps",
      "What has not helped",
      "What I prefer",
      "Questions to ask",
    ]);
    const box = await page.locator("svg.body-outline").boundingBox();
    expect(box!.width).toBeGreaterThan(150);
    expect(box!.height).toBeGreaterThan(200);
    const parts = await page.evaluate(() =>
      Array.from(document.querySelectorAll<SVGRectElement>("svg.body-outline rect.part")).map((el) => ({
        name: el.querySelector("title")?.textContent ?? "",
        fill: getComputedStyle(el).fill,
        width: el.getBoundingClientRect().width,
      })),
    );
    const fill = (name: string) => parts.find((p) => p.name.startsWith(name))?.fill;
    // Right side, down to the calf: the right leg filled down to the calf, the left leg and the right foot not.
    expect(fill("right calf")).toBe("rgb(180, 70, 27)");
    expect(fill("right thigh")).toBe("rgb(180, 70, 27)");
    expect(fill("right foot")).toBe("rgb(243, 245, 247)");
    expect(fill("left thigh")).toBe("rgb(243, 245, 247)");
    for (const part of parts) expect(part.width).toBeGreaterThan(10);
    expect(requests).toEqual([pathToFileURL(file()).href]);
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it("prints on A4", async () => {
    const { page, problems } = await open();
    await page.emulateMedia({ media: "print" });
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const boxes = [...pdf.toString("latin1").matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
    expect(boxes.length).toBeGreaterThanOrEqual(1);
    for (const [, w, h] of boxes) {
      expect(Math.abs(Number(w) - 595)).toBeLessThan(2);
      expect(Math.abs(Number(h) - 842)).toBeLessThan(2);
    }
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);
});
