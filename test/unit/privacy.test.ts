import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// "Nothing ever leaves the machine": no source file may reach for the network.
const SRC = new URL("../../src/", import.meta.url).pathname;
const NETWORK = [
  /from\s+["'](node:)?(http|https|http2|net|tls|dgram|dns)["']/,
  /import\(\s*["'](node:)?(http|https|http2|net|tls|dgram|dns)["']\s*\)/,
  /\bfetch\s*\(/,
  /\bXMLHttpRequest\b/,
  /\bWebSocket\b/,
  /\bnavigator\.sendBeacon\b/,
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

describe("privacy", () => {
  const files = sources(SRC);

  it("finds the sources it checks", () => {
    expect(files.length).toBeGreaterThan(30);
    expect(files.some((file) => file.endsWith("history/store.ts"))).toBe(true);
  });

  it("the patterns catch what they are meant to", () => {
    for (const line of ['import { request } from "node:https";', 'await import("net")', "await fetch(url)", "new WebSocket(u)"]) {
      expect(NETWORK.some((re) => re.test(line)), line).toBe(true);
    }
  });

  it("no source file opens a network connection", () => {
    const offenders = files.flatMap((file) => {
      const text = readFileSync(file, "utf8");
      return NETWORK.filter((re) => re.test(text)).map((re) => `${file.slice(SRC.length)}: ${String(re)}`);
    });
    expect(offenders).toEqual([]);
  });
});
