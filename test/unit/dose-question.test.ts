import { describe, expect, it } from "vitest";
import type { Deps } from "../../src/deps.js";
import type { DoseForRun } from "../../src/programme/dose.js";
import { askDoses } from "../../src/ui/dose-question.js";
import { createTheme } from "../../src/ui/theme.js";
import { FakeOutput } from "../helpers/fake-deps.js";

const UP: DoseForRun = { step: "Sciatic nerve glide", unit: "reps", dose: 7, previous: 6, change: "up", reason: "three calm sessions since 2 December", written: 10, kept: false };
const DOWN: DoseForRun = { ...UP, dose: 5, change: "down", reason: "the pain spread further down the leg on 3 December" };

function deps(answer: boolean) {
  const stderr = new FakeOutput();
  const asked: string[] = [];
  const prompts = {
    confirm: async ({ message }: { message: string }) => {
      asked.push(message);
      return answer;
    },
  } as unknown as Deps["prompts"];
  return { d: { stderr, errTheme: createTheme(false), prompts }, stderr, asked };
}

describe("askDoses", () => {
  it("says each change with its reason, and on a terminal offers to keep the previous dose when one goes up", async () => {
    const { d, stderr, asked } = deps(true);
    expect(await askDoses([UP], true, d)).toBe(true);
    expect(stderr.text()).toContain("Sciatic nerve glide: 7 reps, up from 6: three calm sessions since 2 December");
    expect(asked).toEqual(["Keep the previous dose today instead?"]);
  });

  it.each([
    ["without a terminal", [UP], false],
    ["when the dose only goes down", [DOWN], true],
  ] as const)("asks nothing %s", async (_name, doses, interactive) => {
    const { d, stderr, asked } = deps(true);
    expect(await askDoses(doses, interactive, d)).toBe(false);
    expect(asked).toEqual([]);
    expect(stderr.text()).toMatch(/Sciatic nerve glide: [57] reps, (up|down) from 6/);
  });
});
