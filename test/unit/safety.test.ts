import { afterEach, describe, expect, it } from "vitest";
import { safety } from "../../src/commands/safety.js";
import { displayWidth } from "../../src/text.js";
import { makeDeps, type FakeDeps } from "../helpers/fake-deps.js";

let fakes: FakeDeps[] = [];
afterEach(() => {
  for (const f of fakes) f.cleanup();
  fakes = [];
});

function fake(options: Parameters<typeof makeDeps>[0] = {}): FakeDeps {
  const f = makeDeps({ envVars: { LANG: "en_GB.UTF-8" }, ...options });
  fakes.push(f);
  return f;
}

describe("soothe safety", () => {
  it("prints the red flags, the urgent signs, when to see a doctor, and the sources", async () => {
    const f = fake();
    expect(await safety({}, f.deps)).toBe(0);
    const out = f.out();
    expect(f.err()).toBe("");
    // The emergency signs, in the words people use.
    expect(out).toContain("Call emergency services or go to an emergency department now if you have:");
    expect(out).toContain("• sciatica in both legs");
    expect(out).toContain("numbness around your genitals or anus");
    expect(out).toContain("trouble peeing");
    expect(out).toContain("trouble controlling your bowels");
    expect(out).toContain("weakness or numbness in both legs that is severe or getting worse");
    // Urgent the same day.
    expect(out).toContain("• after a serious accident");
    expect(out).toContain("• with a fever");
    expect(out).toContain("(foot drop)");
    expect(out).toContain("• with weakness in a leg that is getting worse");
    expect(out).toContain("• if you have had cancer, now or in the past");
    expect(out).toContain("LOTH https://apps.nhslothian.scot/");
    // When to see a doctor.
    expect(out).toContain("See a doctor about your sciatica if:");
    expect(out).toContain("• it is not getting better after a few weeks");
    // Sources, by key and address.
    expect(out).toContain("Sources:");
    expect(out).toContain("NHS-S https://www.nhs.uk/conditions/sciatica/");
    expect(out).toContain("NHS-BP https://www.nhs.uk/conditions/back-pain/");
    expect(out).toContain("GIRFT https://girft-interactivepathways.org.uk/cauda-equina-1/");
  });

  it("wraps to a narrow terminal, and uses ASCII bullets where Unicode is not safe", async () => {
    const f = fake({ columns: 40, envVars: { LANG: "C" } });
    await safety({}, f.deps);
    const lines = f.out().trimEnd().split("\n");
    // Source addresses are never broken; everything else keeps to the width.
    for (const line of lines.filter((l) => !l.includes("https://"))) expect(displayWidth(line)).toBeLessThanOrEqual(40);
    expect(f.out()).toMatch(/^[\x20-\x7e\n]*$/);
    expect(f.out()).toContain("- sciatica in both legs");
  });
});
