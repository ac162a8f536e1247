// Whether the process that wrote a session's start (or a lock) is still that process.
import { describe, expect, it } from "vitest";
import { aliveCheck, isProcessAlive, type ProcessSystem } from "../../src/files/alive.js";
import { hostname } from "node:os";

const BOOT = Date.parse("2026-11-25T06:00:00Z");
const STARTED = Date.parse("2026-11-25T08:00:00Z");

function system(over: Partial<ProcessSystem> & { alive?: Set<number>; starts?: Map<number, number> } = {}): ProcessSystem {
  const alive = over.alive ?? new Set([4242]);
  return {
    hostname: () => "box",
    signal: (pid) => {
      if (!alive.has(pid)) throw Object.assign(new Error("ESRCH"), { code: "ESRCH" });
    },
    bootTime: () => BOOT,
    processStart: (pid) => over.starts?.get(pid) ?? null,
    ...over,
  };
}

describe("aliveCheck", () => {
  it.each([
    ["its process, started just before the session", system({ starts: new Map([[4242, STARTED - 800]]) }), 4242, "box", STARTED, true],
    ["no start time known (not Linux): the pid alone", system(), 4242, "box", STARTED, true],
    ["another machine", system(), 4242, "laptop", STARTED, false],
    ["no such process", system(), 7, "box", STARTED, false],
    ["a pid used again by a process started after the session", system({ starts: new Map([[4242, STARTED + 3_600_000]]) }), 4242, "box", STARTED, false],
    ["a session from before the machine last started", system(), 4242, "box", BOOT - 86_400_000, false],
    ["someone else's live process (EPERM)", system({ signal: () => { throw Object.assign(new Error("EPERM"), { code: "EPERM" }); } }), 4242, "box", STARTED, true],
    ["pid 0", system({ alive: new Set([0]) }), 0, "box", STARTED, false],
  ] as const)("%s", (_name, sys, pid, host, at, expected) => {
    expect(aliveCheck(sys)(pid, host, at)).toBe(expected);
  });

  it("on this machine: this process is alive for what it writes now, not for what was written before it started", () => {
    expect(isProcessAlive(process.pid, hostname(), Date.now())).toBe(true);
    expect(isProcessAlive(process.pid, hostname(), Date.now() - 365 * 86_400_000)).toBe(false);
  });
});
