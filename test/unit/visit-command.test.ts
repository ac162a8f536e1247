import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { visitAdd, visitList, visitRm } from "../../src/commands/visit.js";
import { UsageError, UserError } from "../../src/errors.js";
import { openHistory } from "../../src/history/store.js";
import type { Visit } from "../../src/history/types.js";
import { FakeClock } from "../../src/session/clock.js";
import { makeDeps, promptsFor, type FakeDeps } from "../helpers/fake-deps.js";

let fake: FakeDeps | undefined;
afterEach(() => fake?.cleanup());

/** Fake deps whose clock reads local noon on Tuesday 1 December 2026, with a real history in the temp home. */
function setup(options: Parameters<typeof makeDeps>[0] = {}): FakeDeps {
  const clock = new FakeClock(0, new Date(2026, 11, 1, 12, 0, 0).getTime());
  fake = makeDeps({ clock, ...options });
  const f = fake;
  f.deps.openHistory = async () => openHistory(f.deps.paths.historyFile, { isAlive: () => false });
  return f;
}

async function listed(f: FakeDeps): Promise<Visit[]> {
  const before = f.out().length;
  await visitList({ json: true }, f.deps);
  return JSON.parse(f.out().slice(before)) as Visit[];
}

describe("visit add", () => {
  it("through a pipe, saves the options alone and asks nothing", async () => {
    const f = setup();
    expect(await visitAdd({ kind: "massage", technique: "deep-tissue", painBefore: "back=6,leg=7", painAfter: "back=4,leg=5" }, f.deps)).toBe(0);
    expect(f.out()).toMatch(/^Saved: Tue 1 Dec 2026, Massage therapist: deep-tissue; back 6→4, leg 7→5 \(id [0-9a-f]{8}\)\.\n$/);
    const [visit] = await listed(f);
    expect(visit).toMatchObject({ date: "2026-12-01", kind: "massage", who: null, techniques: ["deep-tissue"], areas: [], minutes: null });
    const line = JSON.parse(readFileSync(f.deps.paths.historyFile, "utf8").trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ v: 1, type: "visit", id: visit!.id, date: "2026-12-01" });
    expect(line.at).toMatch(/^2026-12-01T12:00:00\.000[+-]\d{2}:\d{2}$/);
  });

  it("on a terminal, asks for each field the options did not give, and each may be skipped", async () => {
    const asked: string[] = [];
    const f = setup({ tty: true });
    (f.deps.stdin as { isTTY?: boolean }).isTTY = true;
    f.deps.prompts = promptsFor({
      input: async ({ message, validate }) => {
        asked.push(message);
        if (message.startsWith("Techniques")) {
          expect(validate?.("swedish,shiatsu")).toMatch(/"shiatsu" is not allowed/);
          return "swedish";
        }
        return "";
      },
      select: async ({ message }) => {
        asked.push(message);
        return message.startsWith("Pressure") ? ("light" as never) : ("\u0000skip" as never);
      },
      number: async ({ message }) => {
        asked.push(message);
        return message.startsWith("Back pain before") ? 5 : null;
      },
    });
    expect(await visitAdd({ kind: "physio", date: "2026-11-30" }, f.deps)).toBe(0);
    expect(asked.map((m) => m.split(" (")[0]!.split(",")[0])).toEqual([
      "Their name or practice",
      "Techniques used",
      "Areas worked on",
      "Pressure",
      "How many minutes did it last?",
      "Back pain before the visit",
      "Leg pain before the visit",
      "How far down your leg does the pain reach before the visit?",
      "Back pain after the visit",
      "Leg pain after the visit",
      "How far down your leg does the pain reach after the visit?",
      "A note to keep with this visit",
    ]);
    const [visit] = await listed(f);
    expect(visit).toMatchObject({
      date: "2026-11-30",
      kind: "physio",
      techniques: ["swedish"],
      pressure: "light",
      pain_before: { back: 5, leg: null, reach: null },
      pain_after: null,
      note: null,
    });
  });

  it.each([
    [{ kind: "reiki" }, /--kind "reiki" is not allowed; use one of massage, physio/],
    [{ technique: "swedish,cupping" }, /"cupping" is not allowed.*swedish, deep-tissue, myofascial/],
    [{ pressure: "hard" }, /--pressure "hard".*light, medium, firm/],
    [{ date: "2026-12-25" }, /in the future/],
    [{ painAfter: "leg=eleven" }, /--pain-after/],
  ])("a bad value %j exits 2 with what is allowed, and writes nothing", async (opts, message) => {
    const f = setup();
    const failure = visitAdd(opts, f.deps);
    await expect(failure).rejects.toBeInstanceOf(UsageError);
    await expect(failure).rejects.toThrow(message);
    expect(() => readFileSync(f.deps.paths.historyFile)).toThrow();
  });
});

describe("visit list and visit rm", () => {
  async function threeVisits(f: FakeDeps): Promise<Visit[]> {
    await visitAdd({ date: "2026-11-20", kind: "physio", note: "Exercises for home" }, f.deps);
    await visitAdd({ date: "2026-11-27", kind: "massage", who: "Sam", technique: "swedish" }, f.deps);
    await visitAdd({ date: "2026-11-24", kind: "osteopath" }, f.deps);
    return listed(f);
  }

  it("lists newest first, as a table or as JSON, and --since keeps the later ones", async () => {
    const f = setup();
    const visits = await threeVisits(f);
    expect(visits.map((v) => v.date)).toEqual(["2026-11-27", "2026-11-24", "2026-11-20"]);
    const start = f.out().length;
    await visitList({}, f.deps);
    const table = f.out().slice(start).split("\n");
    expect(table[0]).toMatch(/^Id\s+Date\s+With\s+Techniques\s+Pain$/);
    expect(table[1]).toContain("Fri 27 Nov 2026  Massage therapist (Sam)  swedish");
    expect(table.some((l) => l.trim() === "Exercises for home")).toBe(true);
    const since = f.out().length;
    await visitList({ json: true, since: "2026-11-24" }, f.deps);
    expect((JSON.parse(f.out().slice(since)) as Visit[]).map((v) => v.date)).toEqual(["2026-11-27", "2026-11-24"]);
  });

  it("draws with ASCII only on a terminal that cannot show more", async () => {
    const f = setup({ envVars: { TERM: "dumb" } });
    await visitAdd({ kind: "massage", painBefore: "back=6", painAfter: "back=4", note: "x".repeat(90) }, f.deps);
    expect(f.out()).toContain("back 6->4");
    const start = f.out().length;
    await visitList({}, f.deps);
    const table = f.out().slice(start);
    expect(table).toMatch(/Massage therapist +- +back 6->4/);
    expect(table).toContain("x...");
    expect(table).not.toMatch(/[^\x20-\x7e\n]/);
  });

  it("says how to start when there are none", async () => {
    const f = setup();
    await visitList({}, f.deps);
    expect(f.out()).toBe("No visits yet. Record one with: soothe visit add\n");
  });

  it("rm hides a visit by an event, by a unique beginning of its id; the log keeps every line", async () => {
    const f = setup();
    const [latest] = await threeVisits(f);
    const linesBefore = readFileSync(f.deps.paths.historyFile, "utf8");
    expect(await visitRm(latest!.id.slice(0, 6).toUpperCase(), {}, f.deps)).toBe(0);
    expect(f.out()).toContain("Removed the visit of Fri 27 Nov 2026, Massage therapist (Sam).");
    const after = readFileSync(f.deps.paths.historyFile, "utf8");
    expect(after.startsWith(linesBefore)).toBe(true);
    expect(JSON.parse(after.trim().split("\n").at(-1)!)).toMatchObject({ type: "visit-removed", id: latest!.id });
    expect((await listed(f)).map((v) => v.date)).toEqual(["2026-11-24", "2026-11-20"]);
  });

  it("rm refuses an id too short, unknown, or matching more than one", async () => {
    const f = setup();
    await threeVisits(f);
    await expect(visitRm("ab", {}, f.deps)).rejects.toThrow(/at least 4 characters/);
    await expect(visitRm("zzzzzz", {}, f.deps)).rejects.toBeInstanceOf(UserError);
    await expect(visitRm("zzzzzz", {}, f.deps)).rejects.toThrow(/no visit has an id starting with "zzzzzz"/);
  });
});
