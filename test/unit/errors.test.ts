import { describe, expect, it } from "vitest";
import { RoutineError, UserError, formatProblem } from "../../src/errors.js";

// A file name or a value in a message may come from anywhere; no control character of it reaches the terminal.
const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;

describe("messages keep control characters out", () => {
  it("formatProblem cleans the file name and the message", () => {
    const line = formatProblem({
      file: "evil\u001b[31m\u0007\u009b2J.yaml",
      line: 3,
      col: 5,
      message: "bad \u001b]0;title\u0007thing",
      severity: "warning",
    });
    expect(line).toBe("evil.yaml:3:5: warning: bad thing");
    expect(new RoutineError([{ file: "\u202ex.yaml", line: 1, col: 1, message: "m", severity: "error" }]).message).toBe(
      "x.yaml:1:1: m",
    );
  });

  it("a UserError cleans its message but keeps its lines", () => {
    const error = new UserError("a\u001b[2J.yaml: cannot read\nnext \u0007line");
    expect(error.message).toBe("a.yaml: cannot read\nnext line");
    expect(error.message).not.toMatch(CONTROLS);
    expect(error.exitCode).toBe(1);
  });
});
