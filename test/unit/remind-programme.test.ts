import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { remind } from "../../src/commands/remind.js";
import { UserError } from "../../src/errors.js";
import { openHistory } from "../../src/history/store.js";
import { REMIND_MIN_GAP_S, remindPlan } from "../../src/programme/today.js";
import { makeDeps, type FakeDeps } from "../helpers/fake-deps.js";

describe("remindPlan", () => {
  const at = (h: number) => new Date(2026, 11, 1, h, 0, 0);
  it.each([
    ["what is left of the day, shared by the sessions still due", [{ routine: "a", due: 3, done: 0 }], 9, { routine: "a", times: 3, interval_s: 4 * 3600 }],
    ["the routine due next, counting every routine's sessions left", [{ routine: "a", due: 1, done: 1 }, { routine: "b", due: 2, done: 0 }], 17, { routine: "b", times: 2, interval_s: 2 * 3600 }],
    ["never closer than the least gap, late in the day", [{ routine: "a", due: 2, done: 0 }], 22, { routine: "a", times: 2, interval_s: REMIND_MIN_GAP_S }],
  ])("%s", (_name, items, hour, expected) => {
    expect(remindPlan({ items }, at(hour))).toEqual(expected);
  });
  it("is null when everything due is done", () => {
    expect(remindPlan({ items: [{ routine: "a", due: 2, done: 2 }] }, at(9))).toBeNull();
  });
});

let f: FakeDeps | undefined;
afterEach(() => f?.cleanup());

function setUp(programme: string | null): FakeDeps {
  f = makeDeps({ tty: false });
  const { deps } = f;
  deps.openHistory = async () => openHistory(deps.paths.historyFile);
  mkdirSync(deps.paths.routinesDir, { recursive: true });
  writeFileSync(join(deps.paths.routinesDir, "glides.yaml"), "name: Glides\nsteps:\n  - exercise: Sciatic nerve glide\n    reps: 3\n    tempo: 1s\n");
  if (programme !== null) writeFileSync(join(deps.paths.configDir, "programme.yaml"), programme);
  return f;
}

describe("soothe remind --programme", () => {
  it("reminds of the routine due next, as many times as sessions are due, spread over the day", async () => {
    const fake = setUp("name: P\nstart: 2020-01-01\nroutines:\n  - routine: glides\n    per_day: 2\n");
    const done = remind({ programme: true, input: false, every: "45m", routine: "desk-break" }, fake.deps);
    for (let i = 0; i < 500 && !/Done:/.test(fake.err()); i++) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      fake.clock.advance(30 * 60_000);
    }
    expect(await done).toBe(0);
    const lines = fake.out().trim().split("\n");
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toContain("soothe run glides");
    expect(fake.err()).toMatch(/Break reminders: 2 reminders, every /);
  });

  it("says so when everything due today is done, or no programme is set", async () => {
    await expect(remind({ programme: true, input: false }, setUp(null).deps)).rejects.toThrow(/no programme is set/);
    f?.cleanup();
    const fake = setUp("name: P\nstart: 2020-01-01\nroutines:\n  - routine: glides\n    days: [mon]\n");
    const error = await remind({ programme: true, input: false }, fake.deps).catch((e: unknown) => e);
    // 2026-11-25, the fake clock's day, is a Wednesday: nothing is due.
    expect(error).toBeInstanceOf(UserError);
    expect(String(error)).toMatch(/everything your programme has due today is done/);
  });
});
