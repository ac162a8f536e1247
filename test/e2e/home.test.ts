// The home menu under a terminal: every list has a way back, Esc goes back, and the menu comes back after a screen.
import { describe, expect, it } from "vitest";
import { KEYS, spawnPty, type TempHome, eachTestInTempHome } from "./harness.js";

let home: TempHome;
eachTestInTempHome((h) => (home = h));

describe("soothe (the home menu) under a terminal", () => {
  it("Esc goes back from the routine picker to the menu, and Esc at the menu quits with 0", async () => {
    const session = spawnPty([], { home, cols: 90, rows: 24, noColor: true });
    const menu = await session.waitForText("What would you like to do?");
    // On a day without a diary entry, "Today's diary" comes first.
    if (menu.includes("Today's diary")) session.press(KEYS.down);
    await session.waitForText("❯ Run a routine");
    session.press(KEYS.enter);
    await session.waitForText("Which routine?");
    // The picker uses the terminal's height: every built-in routine shows at once, then Back.
    const picker = await session.waitForText(/\n\s+Back\s*\n/);
    expect(picker).toContain("Cold pack cycle");
    expect(picker).toMatch(/Pain spike breathing\s+6m35s/);
    session.press(KEYS.escape);
    await session.waitForScreen((screen) => /What would you like to do\?\n❯ (Today's diary|Run a routine)/.test(screen), 5_000, "the menu again");
    session.press(KEYS.escape);
    const { exitCode } = await session.waitForExit(5_000);
    expect(exitCode).toBe(0);
  });

  it("comes back to the menu after the history", async () => {
    const session = spawnPty([], { home, cols: 90, rows: 24, noColor: true });
    const menu = await session.waitForText("What would you like to do?");
    const moves = menu.includes("Today's diary") ? 4 : 3;
    for (let i = 0; i < moves; i++) session.press(KEYS.down);
    await session.waitForText("❯ History");
    session.press(KEYS.enter);
    await session.waitForText("No sessions yet.");
    await session.waitForScreen((screen) => /No sessions yet\.[^]*\? What would you like to do\?/.test(screen), 5_000, "the menu after the history");
    session.kill();
  });
});
