import * as fs from "node:fs";
import { hostname, uptime } from "node:os";

/**
 * Whether the process that wrote something (a session's start, a lock) is still that process: same machine,
 * a process with that pid exists, the machine has not restarted since, and the process with that pid did not start
 * after the thing was written (a pid used again by another program).
 */
export type IsAlive = (pid: number, host: string, writtenAt?: number) => boolean;

/** What the check asks of the system; tests give a fake one. */
export interface ProcessSystem {
  hostname(): string;
  /** Throws ESRCH when no process has this pid (EPERM: it exists, someone else's). */
  signal(pid: number): void;
  /** When the machine started, in ms since the epoch. */
  bootTime(): number;
  /** When process `pid` started, in ms since the epoch, or null when this system does not say. */
  processStart(pid: number): number | null;
}

/** Slack for clocks and rounding: a process starts before what it writes, but times are kept to 10 ms or 1 s. */
const SLACK_MS = 2000;

export function aliveCheck(system: ProcessSystem): IsAlive {
  return (pid, host, writtenAt) => {
    if (host !== system.hostname()) return false;
    if (!Number.isInteger(pid) || pid <= 0) return false;
    try {
      system.signal(pid);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
    }
    if (writtenAt === undefined || Number.isNaN(writtenAt)) return true;
    // Written before the machine last started: that process is gone, whatever has its pid now.
    if (writtenAt < system.bootTime() - SLACK_MS) return false;
    const started = system.processStart(pid);
    return started === null || started <= writtenAt + SLACK_MS;
  };
}

/** Clock ticks a second in /proc (USER_HZ): 100 on every Linux soothe runs on. */
const TICKS = 100;

let bootCache: number | undefined;

/** The real system: /proc on Linux, the uptime elsewhere. */
export const realSystem: ProcessSystem = {
  hostname,
  signal: (pid) => {
    process.kill(pid, 0);
  },
  bootTime() {
    if (bootCache !== undefined) return bootCache;
    try {
      const line = /^btime (\d+)$/m.exec(fs.readFileSync("/proc/stat", "utf8"));
      if (line) return (bootCache = Number(line[1]) * 1000);
    } catch {
      // Not Linux: fall back on the uptime.
    }
    return (bootCache = Date.now() - uptime() * 1000);
  },
  processStart(pid) {
    let text: string;
    try {
      text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      return null;
    }
    // Fields after the command name (which may hold spaces and brackets); the start time is field 22.
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? this.bootTime() + (ticks / TICKS) * 1000 : null;
  },
};

/** The production check. */
export const isProcessAlive: IsAlive = aliveCheck(realSystem);
