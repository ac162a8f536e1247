import { describe, expect, it } from "vitest";
import { durationRangePattern, numberRangePattern } from "../../src/routine/duration-pattern.js";
import { parseDuration } from "../../src/routine/duration.js";

/** Strings in every form parseDuration reads, around the limits that matter (1 s, 20 m, 2 h). */
function samples(): string[] {
  const out = new Set<string>();
  const seconds = [0, 1, 2, 9, 10, 59, 60, 61, 99, 100, 119, 120, 599, 600, 1199, 1200, 1201, 3599, 3600, 3601, 7140, 7199, 7200, 7201, 9999, 10000];
  for (const s of seconds) {
    out.add(`${s}`);
    out.add(`${s}s`);
    out.add(` 0${s} S `);
  }
  for (let m = 0; m <= 125; m++) {
    out.add(`${m}m`);
    for (const s of [0, 1, 30, 59, 60, 61, 119, 120, 121, 600, 7200 - 60 * m, 7201 - 60 * m, 1200 - 60 * m, 1201 - 60 * m]) {
      if (s < 0) continue;
      out.add(`${m}m${s}s`);
      out.add(`${m}M ${s}s`);
      out.add(`0h${m}m${s}s`);
      out.add(`1h${m}m${s}s`);
      out.add(`1h${m}m`);
      out.add(`2h${m}m${s}s`);
    }
  }
  for (const x of ["0h", "1h", "2h", "3h", "02h", "1h 0m 0s", "0m", "0s", "00", "", "m", "1h30", "1.5m", "-5s", "5ms", "1s1m"]) out.add(x);
  return [...out];
}

describe("durationRangePattern", () => {
  it.each([
    [1, 7200],
    [0, 7200],
    [1, 1200],
    [1, 1199],
    [0, 0],
  ])("accepts exactly what parseDuration reads as %i to %i seconds", (lo, hi) => {
    const pattern = new RegExp(durationRangePattern(lo, hi), "u");
    const disagreements = samples().filter(
      (text) => pattern.test(text) !== (typeof parseDuration(text, { min_s: lo, max_s: hi }) === "number"),
    );
    expect(disagreements).toEqual([]);
  });
});

describe("numberRangePattern", () => {
  it.each([
    [0, 9],
    [1, 130],
    [60, 7200],
    [5, 5],
    [0, 0],
  ])("matches every number from %i to %i and nothing around them", (lo, hi) => {
    const pattern = new RegExp(`^${numberRangePattern(lo, hi)}$`);
    for (let n = 0; n <= hi + 20; n++) {
      expect(pattern.test(String(n)), `${n}`).toBe(n >= lo && n <= hi);
      expect(pattern.test(`00${n}`), `00${n}`).toBe(n >= lo && n <= hi);
    }
  });
});
