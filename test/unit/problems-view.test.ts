import { describe, expect, it } from "vitest";
import { renderProblems } from "../../src/ui/problems-view.js";
import { createTheme } from "../../src/ui/theme.js";

describe("renderProblems", () => {
  const theme = createTheme(false);

  it("shows each problem's line with a caret under its column", () => {
    const text = "name: X\nsteps:\n  - strech: a\n";
    const lines = renderProblems([{ file: "f.yaml", line: 3, col: 5, message: "unknown step kind", severity: "error" }], text, theme);
    expect(lines).toEqual(["f.yaml:3:5: unknown step kind", "    3 |   - strech: a", "      |     ^"]);
  });

  it("puts the caret where a tab-indented column is shown", () => {
    const lines = renderProblems([{ file: "f", line: 1, col: 3, message: "m", severity: "error" }], "\t\tx: 1", theme);
    expect(lines[2]).toBe("      |   ^");
  });

  it("leaves out the line when it is blank or beyond the text", () => {
    const lines = renderProblems([{ file: "f", line: 9, col: 1, message: "m", severity: "warning" }], "a\n", theme);
    expect(lines).toEqual(["f:9:1: warning: m"]);
  });
});
