import { describe, expect, it } from "vitest";
import { runPiped, spawnPty, type TempHome, eachTestInTempHome } from "./harness.js";

// The brief through the built program: on a terminal and through a pipe it prints the text version.

let home: TempHome;
eachTestInTempHome((h) => (home = h));

const soothe = (args: string[]) => runPiped(args, { home, timeoutMs: 20_000 });

async function someRecords(): Promise<void> {
  for (const args of [
    ["diary", "add", "--pain", "back=5,leg=6,reach=thigh", "--sitting-min", "20", "--sleep", "woken"],
    ["visit", "add", "--kind", "massage", "--technique", "myofascial", "--pain-before", "back=6,leg=6", "--pain-after", "back=3,leg=4"],
    ["config", "set", "techniques_liked", "myofascial"],
    ["config", "set", "pressure", "medium"],
  ]) {
    expect((await soothe(args)).code).toBe(0);
  }
}

describe("soothe brief", () => {
  it("through a pipe prints the text version in plain ASCII-safe text, or Markdown with --format md", async () => {
    await someRecords();
    const text = await soothe(["brief"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Before my appointment: my sciatica in brief\n/);
    expect(text.stdout).not.toContain("\u001b[");
    expect(text.stdout.replace(/\n {2}/g, " ")).toContain("myofascial (technique): 1 visit; back -3, leg -2 on average; 1 meaningful drop of 1.");
    expect(text.stdout).toContain("Techniques I like: myofascial.");
    expect(text.stdout).toContain("Pressure: medium.");
    const md = await soothe(["brief", "--format", "md"]);
    expect(md.stdout).toMatch(/^# Before my appointment: my sciatica in brief\n/);
    expect(md.stdout).toContain("## Questions to ask");
  });

  it("a format it does not know exits 2, naming those it does", async () => {
    const result = await soothe(["brief", "--format", "pdf"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/text, md, html/);
  });

  it("on a terminal prints the text version with the outline, and asks nothing", async () => {
    await someRecords();
    const session = spawnPty(["brief"], { home, noColor: true, rows: 100 });
    const { exitCode } = await session.waitForExit(20_000);
    expect(exitCode).toBe(0);
    const screen = session.bufferText();
    expect(screen).toContain("WHERE IT HURTS");
    expect(screen).toMatch(/██ +██ +thigh/);
    expect(screen).toContain("QUESTIONS TO ASK");
  });
});
