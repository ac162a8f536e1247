/** Opaque timer handle. */
export type TimerHandle = { readonly __timer: unique symbol } | ReturnType<typeof setTimeout>;

/** Time as a dependency: a monotonic clock for deadlines, a wall clock for timestamps, and timers. */
export interface Clock {
  /** Monotonic milliseconds (performance.now in production). */
  now(): number;
  /** Wall-clock time, for timestamps in history. */
  wall(): Date;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** The production clock. */
export function realClock(): Clock {
  return {
    now: () => performance.now(),
    wall: () => new Date(),
    setTimeout: (fn, ms) => setTimeout(fn, Math.max(0, ms)),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };
}

interface FakeTimer {
  id: number;
  at: number;
  fn: () => void;
}

/** A clock for tests: time moves only when `advance` is called; timers fire in order. */
export class FakeClock implements Clock {
  #now: number;
  #wallStart: number;
  #timers: FakeTimer[] = [];
  #nextId = 1;

  constructor(start = 0, wallStart = Date.UTC(2026, 10, 25, 8, 0, 0)) {
    this.#now = start;
    this.#wallStart = wallStart - start;
  }

  now(): number {
    return this.#now;
  }

  wall(): Date {
    return new Date(this.#wallStart + this.#now);
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer = { id: this.#nextId++, at: this.#now + Math.max(0, ms), fn };
    this.#timers.push(timer);
    return timer.id as unknown as TimerHandle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.#timers = this.#timers.filter((t) => t.id !== (handle as unknown as number));
  }

  /** Pending timers, for tests that check the engine keeps few. */
  get pending(): number {
    return this.#timers.length;
  }

  /** Moves time forward by `ms`, firing every timer due on the way, in order. */
  advance(ms: number): void {
    const target = this.#now + ms;
    for (;;) {
      const due = this.#timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.#timers = this.#timers.filter((t) => t !== due);
      this.#now = Math.max(this.#now, due.at);
      due.fn();
    }
    this.#now = target;
  }

  /** Moves time without firing timers: simulates an event loop that was blocked. */
  jump(ms: number): void {
    this.#now += ms;
  }
}
