// The home menu under a terminal: every list has a way back, Esc goes back, and the menu comes back after a screen.
import { describe, expect, it } from "vitest";
import { KEYS, spawnPty, type TempHome, eachTestInTempHome } from "./harness.js";

let home: TempHome;
eachTestInTempHome((h) => (home = h));

describe("soothe (the home menu) under a terminal", () => {
  it("Esc goes back from the routine picker to the menu, and Esc at the menu quits with 0", async () => {
    const session = spawnPty([], { home, cols: 90, rows: 24, noColor: true });
    await session.waitForText("What would you like to do?");
    session.press(KEYS.enter);
    await session.waitForText("Which routine?");
    // The picker uses the terminal's height: every built-in routine shows at once, then Back.
    const picker = await session.waitForText(/Pain spike breathing\s+6m35s\s*\n\s*Back/);
    expect(picker).toContain("Cold pack cycle");
    session.press(KEYS.escape);
    await session.waitForScreen((screen) => /What would you like to do\?\n❯ Run a routine/.test(screen), 5_000, "the menu again");
    session.press(KEYS.escape);
    const { exitCode } = await session.waitForExit(5_000);
    expect(exitCode).toBe(0);
  });

  it("comes back to the menu after the history", async () => {
    const session = spawnPty([], { home, cols: 90, rows: 24, noColor: true });
    await session.waitForText("What would you like to do?");
    for (let i = 0; i < 3; i++) session.press(KEYS.down);
    session.press(KEYS.enter);
    await session.waitForText("No sessions yet.");
    await session.waitForScreen((screen) => /No sessions yet\.[^]*\? What would you like to do\?/.test(screen), 5_000, "the menu after the history");
    session.kill();
  });
});
