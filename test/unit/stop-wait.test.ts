import { describe, expect, it } from "vitest";
import type { StopSignal } from "../../src/deps.js";
import { clockTime } from "../../src/time.js";
import { FakeClock } from "../../src/session/clock.js";
import { createStopWait } from "../../src/stop-wait.js";

/** A stop wait on a fake clock, with a way to send it a signal as the process would. */
function setup() {
  const clock = new FakeClock();
  const handlers = new Set<(signal: StopSignal, exitCode: number) => void>();
  const onSignal = (handler: (signal: StopSignal, exitCode: number) => void) => {
    handlers.add(handler);
    return () => handlers.delete(handler);
  };
  const stop = createStopWait({ clock, onSignal });
  const send = (signal: StopSignal) => {
    for (const handler of [...handlers]) handler(signal, signal === "SIGINT" ? 130 : 143);
  };
  return { clock, stop, send, listening: () => handlers.size };
}

describe("a wait that a stop signal ends", () => {
  it("resolves true once its time has passed on the clock", async () => {
    const { clock, stop } = setup();
    let done: boolean | undefined;
    void stop.wait(60).then((value) => (done = value));
    clock.advance(59_999);
    await Promise.resolve();
    expect(done).toBeUndefined();
    clock.advance(1);
    await Promise.resolve();
    expect(done).toBe(true);
    expect(stop.code).toBeNull();
  });

  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)("%s ends the wait at once, wakes `stopped`, and keeps its exit code", async (signal, code) => {
    const { clock, stop, send } = setup();
    const waited = stop.wait(60);
    send(signal);
    expect(await waited).toBe(false);
    expect(await stop.stopped).toBe("stopped");
    expect(stop.code).toBe(code);
    expect(clock.pending).toBe(0);
    expect(await stop.wait(60)).toBe(false);
  });

  it("keeps the first stop asked for", () => {
    const { stop, send } = setup();
    stop.end(0);
    send("SIGTERM");
    stop.end(1);
    expect(stop.code).toBe(0);
  });

  it("close ends the wait and stops listening", async () => {
    const { clock, stop, listening } = setup();
    const waited = stop.wait(60);
    expect(listening()).toBe(1);
    stop.close();
    expect(await waited).toBe(false);
    expect(listening()).toBe(0);
    expect(clock.pending).toBe(0);
  });
});

describe("clockTime", () => {
  it.each([
    [new Date(2026, 10, 25, 8, 5), "08:05"],
    [new Date(2026, 10, 25, 23, 59, 59), "23:59"],
    [new Date(2026, 10, 25, 0, 0), "00:00"],
  ])("%s is %s", (date, text) => {
    expect(clockTime(date)).toBe(text);
  });
});
