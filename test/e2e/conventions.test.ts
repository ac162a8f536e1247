// The command-line conventions every command keeps: exit 2 for a usage mistake, 1 for a failure, and one error
// style (`soothe: what was wrong; what to do`, a usage mistake pointing at `soothe <command> --help`).
import { describe, expect, it } from "vitest";
import { runPiped, type TempHome, eachTestInTempHome } from "./harness.js";

let home: TempHome;
eachTestInTempHome((h) => (home = h));

describe("usage mistakes exit 2 and point at the command's help", () => {
  it.each<[string[], RegExp]>([
    [["hisory"], /^soothe: unknown command 'hisory' \(did you mean history\?\); see `soothe --help` for the commands\.\n$/],
    [["--bogus"], /^soothe: unknown option '--bogus'; see `soothe --help`/],
    [["list", "--jsn"], /^soothe: unknown option '--jsn' \(did you mean --json\?\); see `soothe list --help`/],
    [["list", "extra"], /^soothe: too many arguments for 'list'\. .*; see `soothe list --help`/],
    [["run"], /^soothe: missing required argument 'routine'; see `soothe run --help`/],
    [["run", "flare-day", "--side", "up"], /^soothe: option '--side <side>' argument 'up' is invalid\. .*; see `soothe run --help`/],
    [["run", "flare-day", "--lead-in", "abc", "--dry-run"], /^soothe: --lead-in: bad duration "abc".*; see `soothe run --help`/],
    [["history", "--limit", "x"], /^soothe: --limit takes a whole number above 0, got "x"; see `soothe history --help`/],
    [["history", "--since", "yesterday"], /^soothe: --since takes a date .*; see `soothe history --help`/],
    [["stats", "--since", "yesterday"], /^soothe: --since takes a date .*; see `soothe stats --help`/],
    [["report", "--since", "yesterday"], /^soothe: --since takes a date .*; see `soothe report --help`/],
    [["remind", "--times", "0"], /^soothe: --times must be a whole number, 1 or more; got "0"; see `soothe remind --help`/],
    [["completion", "tcsh"], /^soothe: .*'tcsh' is invalid.*; see `soothe completion --help`/],
    [["config", "lsit"], /^soothe: unknown command 'lsit'.*; see `soothe config --help`/],
    [
      ["history", "import", "--limit", "1", "sessions.json"],
      /^soothe: --limit is an option of 'soothe history', not of 'soothe history import'; see `soothe history import --help`/,
    ],
  ])("soothe %j", async (args, message) => {
    const result = await runPiped(args, { home });
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/^error:/m);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
  });
});

describe("failures exit 1 in the same style", () => {
  it.each<[string[], RegExp]>([
    [["show", "nothere"], /^soothe: no routine with the id "nothere"\. Run `soothe list` to see them all\.\n$/],
    [["history", "import", "missing.json"], /^soothe: cannot read "missing\.json": no such file/],
  ])("soothe %j", async (args, message) => {
    const result = await runPiped(args, { home });
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(1);
  });

  it("keeps the program's own options after any command", async () => {
    const result = await runPiped(["list", "--verbose", "--no-color"], { home });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^id\s+name/);
  });
});
