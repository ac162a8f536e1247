// Hostile and odd routine files, end to end through pipes: every file of test/fixtures/hostile/ is refused by
// validate, show and run --dry-run with a located message, at little cost and without a stack trace; every file of
// test/fixtures/odd/ is accepted and laid out by display width; and no control character of a routine reaches the
// output of any command.
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { displayWidth } from "../../src/text.js";
import {
  KEYS,
  ROOT,
  assertBuilt,
  killAll,
  readHistoryJson,
  runPiped,
  spawnPty,
  tempHome,
  type PipedResult,
  type TempHome,
} from "./harness.js";

const HOSTILE = join(ROOT, "test", "fixtures", "hostile");
const ODD = join(ROOT, "test", "fixtures", "odd");
// As a person would type them in the project folder, where the children run.
const hostile = (name: string) => `test/fixtures/hostile/${name}`;
const odd = (name: string) => `test/fixtures/odd/${name}`;

/** Where each hostile file is refused (`line:col` of its first problem) and what that message says. */
const REFUSED: Record<string, [at: string, says: RegExp]> = {
  "alias-bomb.yaml": ["4:12", /too many YAML aliases \(more than 100 expansions\); write the steps out instead/],
  "alias-bomb-steps.yaml": ["11:16", /too many YAML aliases/],
  "alias-many.yaml": ["18:5", /routine too long: it comes to 11,000 segments \(at most 10,000\); lower a repeat count or sets/],
  "alias-repeat.yaml": ["9:5", /routine too long: it comes to 1,001,000 segments/],
  "binary-nul.yaml": ["3:12", /this is a binary file, not a routine \(it holds a NUL byte\)/],
  "comments-only.yaml": ["1:1", /empty file; a routine needs at least a name and steps/],
  "control-kind.yaml": ["3:5", /the key "stretch" holds control characters \(such as terminal escape codes\)/],
  "deep-block.yaml": ["45:81", /nested too deeply \(more than 40 levels of lists and mappings\)/],
  "deep-flow.yaml": ["2:46", /nested too deeply/],
  "deep-repeat.yaml": ["19:37", /repeat groups nest at most 8 deep/],
  "empty.yaml": ["1:1", /empty file/],
  "long-flow-list.yaml": ["2:33889", /too many lines and list entries \(more than 5,000\)/],
  "many-lines.yaml": ["5002:3", /too many lines and list entries \(more than 5,000\); a routine needs a few hundred at most/],
  "many-problems.yaml": ["2:1", /unknown key "key1"/],
  "not-utf8.yaml": ["4:15", /not UTF-8 text \(byte 0xE9\); save the file as UTF-8/],
  "not-utf8-surrogate.yaml": ["3:15", /not UTF-8 text \(byte 0xED\)/],
  "png-header.yaml": ["3:1", /this is a binary file/],
  "proto-step.yaml": ["5:5", /unknown key "__proto__" in a stretch step/],
  "proto-top.yaml": ["2:1", /unknown key "__proto__"; allowed keys are name, /],
  "repeat-hours.yaml": ["3:5", /routine too long: it comes to 33h20m \(at most 24h\)/],
  "repeat-nested-hours.yaml": ["7:9", /routine too long: it comes to 100h1m \(at most 24h\)/],
  "repeat-nested-segments.yaml": ["3:5", /routine too long: it comes to 1,000,000 segments/],
  "repeat-segments.yaml": ["5:5", /routine too long: it comes to 11,001 segments/],
  "rest-too-long.yaml": ["2:10", /3h is too long for a lead-in \(at most 2h\)/],
  "segment-reps-tempo.yaml": ["5:12", /3h20m \(100 reps of 2m\) is too long for one segment \(at most 2h\)/],
  "segment-too-long.yaml": ["4:11", /3h is too long for one segment \(at most 2h\); split it into sets or a repeat group/],
  "sets-segments.yaml": ["3:5", /routine too long: it comes to 12,000 segments/],
  "top-list.yaml": ["1:1", /a routine is a mapping of keys such as name: and steps:, not a list/],
  "top-null.yaml": ["2:1", /the file holds only "~", which is null in YAML/],
  "top-scalar.yaml": ["1:1", /not text \("just some words"\)/],
  "whitespace-only.yaml": ["1:1", /empty file/],
};

const COMMANDS = [["validate"], ["show"], ["run", "--dry-run"]] as const;

/** Control characters a terminal may act on: C0 (tab and line feed aside), DEL, C1 and bidirectional controls. */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** A trace or an error class name: what a crash looks like. */
const CRASH = /^\s+at |\b[A-Z][a-zA-Z]*Error\b|internal error|--verbose/m;

function expectNoControls(result: PipedResult, what: string): void {
  for (const [stream, text] of [
    ["stdout", result.stdout],
    ["stderr", result.stderr],
  ] as const) {
    // CRLF line ends are what CSV output uses; a carriage return on its own would still be caught.
    const found = CONTROLS.exec(text.replace(/\r\n/g, "\n"));
    expect(found, `${what}: ${stream} holds U+${found?.[0].codePointAt(0)?.toString(16).padStart(4, "0")}:\n${text}`).toBeNull();
  }
}

// Each child reports what it used on exit, through a preloaded hook: CPU time and peak memory, to compare with a
// child that reads a small valid routine. Ratios, never wall-clock time.
let hookDir: string;
let usageSeq = 0;
interface Usage {
  cpu_us: number;
  maxRSS_kb: number;
}

async function runMeasured(args: string[], home: TempHome): Promise<{ result: PipedResult; usage: Usage }> {
  const file = join(hookDir, `usage-${usageSeq++}.json`);
  const result = await runPiped(args, {
    home,
    env: { NODE_OPTIONS: `--require ${join(hookDir, "usage.cjs")}`, SOOTHE_TEST_USAGE: file },
  });
  return { result, usage: JSON.parse(await readFile(file, "utf8")) as Usage };
}

let home: TempHome;
let baseline: Usage;

beforeAll(async () => {
  assertBuilt();
  hookDir = await mkdtemp(join(tmpdir(), "soothe-usage-"));
  await writeFile(
    join(hookDir, "usage.cjs"),
    `process.on("exit", () => {
  const u = process.resourceUsage();
  require("node:fs").writeFileSync(process.env.SOOTHE_TEST_USAGE, JSON.stringify({ cpu_us: u.userCPUTime + u.systemCPUTime, maxRSS_kb: u.maxRSS }));
});\n`,
  );
  const probeHome = await tempHome();
  try {
    const runs: Usage[] = [];
    for (let i = 0; i < 3; i++) {
      const { result, usage } = await runMeasured(["validate", "test/fixtures/valid/minimal.yaml"], probeHome);
      expect(result.code).toBe(0);
      runs.push(usage);
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[1]!;
    baseline = { cpu_us: median(runs.map((u) => u.cpu_us)), maxRSS_kb: median(runs.map((u) => u.maxRSS_kb)) };
  } finally {
    await probeHome.cleanup();
  }
});
afterAll(async () => {
  await rm(hookDir, { recursive: true, force: true });
});
beforeEach(async () => {
  home = await tempHome();
});
afterEach(async () => {
  killAll();
  await home.cleanup();
});

describe("hostile routine files", () => {
  it("the table above covers every file of the corpus", async () => {
    expect((await readdir(HOSTILE)).filter((name) => name.endsWith(".yaml")).sort()).toEqual(Object.keys(REFUSED).sort());
  });

  it.each(Object.entries(REFUSED))("%s is refused by validate, show and run --dry-run, at its place", async (name, [at, says]) => {
    const path = hostile(name);
    const results = await Promise.all(
      COMMANDS.map(async (command) => ({ command, ...(await runMeasured([...command, path], home)) })),
    );
    for (const { command, result, usage } of results) {
      const what = `soothe ${command.join(" ")} ${path}`;
      expect(result.code, `${what}\n${result.stderr}`).toBe(1);
      expect(result.stdout, what).toBe("");
      const lines = result.stderr.trimEnd().split("\n");
      expect(lines[0], what).toMatch(new RegExp(`^${path.replace(/[.]/g, "\\.")}:${at}: `));
      expect(lines[0], what).toMatch(says);
      // Every line is a located problem of this file: no trace, no stray output.
      for (const line of lines) expect(line, what).toMatch(new RegExp(`^${path.replace(/[.]/g, "\\.")}:\\d+:\\d+: `));
      expect(result.stderr, what).not.toMatch(CRASH);
      expectNoControls(result, what);
      // Refused at about the cost of reading a small valid file: nothing was expanded.
      expect(usage.cpu_us / baseline.cpu_us, `${what}: CPU time against a small valid file`).toBeLessThan(3);
      expect(usage.maxRSS_kb / baseline.maxRSS_kb, `${what}: peak memory against a small valid file`).toBeLessThan(1.5);
    }
  });

  it("a file of many mistakes gives the first 100 of them, and says it stopped", async () => {
    const result = await runPiped(["validate", hostile("many-problems.yaml")], { home });
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(101);
    expect(lines[100]).toBe(`${hostile("many-problems.yaml")}:102:1: stopped after 100 problems; fix these and check the file again`);
  });

  it("a file over 1 MB is refused by its size, before it is read, with the limit in the message", async () => {
    const dir = await mkdtemp(join(tmpdir(), "soothe-big-"));
    try {
      const file = join(dir, "big.yaml");
      const steps = Array.from({ length: 30_000 }, (_, i) => `  - rest: Lie still ${i}\n    duration: 1s\n`).join("");
      const text = `name: Big\nsteps:\n${steps}`;
      await writeFile(file, text);
      const size = Buffer.byteLength(text).toLocaleString("en-US");
      expect(Buffer.byteLength(text)).toBeGreaterThan(1024 * 1024);
      const limit = `file too large (${size} bytes); a routine file is at most 1 MB (1,048,576 bytes)`;
      for (const command of COMMANDS) {
        const { result, usage } = await runMeasured([...command, file], home);
        const what = `soothe ${command.join(" ")} big.yaml`;
        expect(result.code, what).toBe(1);
        expect(result.stderr, what).toBe(
          command[0] === "validate" ? `${file}:1:1: cannot read: ${limit}\n` : `soothe: ${file}: cannot read: ${limit}\n`,
        );
        expect(usage.maxRSS_kb / baseline.maxRSS_kb, what).toBeLessThan(1.5);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("a file name with escape sequences is shown without them", async () => {
    const dir = await mkdtemp(join(tmpdir(), "soothe-names-"));
    try {
      const file = join(dir, "evil\u001b[31m\u0007\u009b2J.yaml");
      await copyFile(join(HOSTILE, "control-kind.yaml"), file);
      for (const command of COMMANDS) {
        const result = await runPiped([...command, file], { home });
        const what = `soothe ${command.join(" ")} <name with escapes>`;
        expect(result.code, what).toBe(1);
        expect(result.stderr, what).toContain(`${join(dir, "evil.yaml")}:3:5: the key "stretch" holds control characters`);
        expectNoControls(result, what);
      }
      // JSON keeps the name as it is, escaped: C1 and bidirectional controls included, which JSON.stringify leaves raw.
      const json = await runPiped(["validate", "--json", file], { home });
      expect(json.code).toBe(1);
      expectNoControls(json, "soothe validate --json <name with escapes>");
      expect((JSON.parse(json.stdout) as { file: string }[])[0]?.file).toBe(file);
      const missing = await runPiped(["show", join(dir, "gone\u001b]0;x\u0007.yaml")], { home });
      expect(missing.code).toBe(1);
      expect(missing.stderr).toBe(`soothe: ${join(dir, "gone.yaml")}: cannot read: no such file\n`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** The plan table of `show`: the header line and the rows under it. */
function planTable(stdout: string): string[] {
  const lines = stdout.split("\n");
  const start = lines.findIndex((line) => /^#\s+kind\s+title/.test(line));
  expect(start, stdout).toBeGreaterThan(0);
  const end = lines.indexOf("", start);
  return lines.slice(start, end === -1 ? undefined : end);
}

/** The display column (from 0) where `needle` starts in `line`. */
function columnOf(line: string, needle: RegExp): number {
  const index = line.search(needle);
  expect(index, `${needle} in ${line}`).toBeGreaterThanOrEqual(0);
  return displayWidth(line.slice(0, index));
}

describe("odd but valid routine files", () => {
  const ODD_FILES = ["bom.yaml", "controls.yaml", "crlf.yaml", "tabs.yaml", "wide.yaml"];

  it("the list above covers every file of the corpus", async () => {
    expect((await readdir(ODD)).filter((name) => name.endsWith(".yaml")).sort()).toEqual(ODD_FILES);
  });

  it.each(ODD_FILES)("%s is valid, shown in columns by display width, and dry-runs as shown", async (name) => {
    const path = odd(name);
    const [checked, shown, dry] = await Promise.all([
      runPiped(["validate", path], { home }),
      runPiped(["show", path], { home }),
      runPiped(["run", path, "--dry-run"], { home }),
    ]);
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stdout).toBe(`${path}: valid\n`);
    expect(checked.stderr).toBe("");
    expect(shown.code, shown.stderr).toBe(0);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toBe(shown.stdout);
    for (const [what, result] of [
      ["validate", checked],
      ["show", shown],
      ["run --dry-run", dry],
    ] as const) {
      expectNoControls(result, `soothe ${what} ${path}`);
    }

    const [header, ...rows] = planTable(shown.stdout);
    // The time column is right-aligned and last: every line ends at the same display column.
    expect(new Set([header, ...rows].map((line) => displayWidth(line!))).size).toBe(1);
    const side = columnOf(header!, /side/);
    for (const row of rows.filter((line) => / (left|right) /.test(line))) expect(columnOf(row, / (left|right) /) + 1).toBe(side);
    const time = columnOf(header!, /time/) + "time".length;
    for (const row of rows) expect(columnOf(row, /\S+$/) + displayWidth(row.match(/\S+$/)![0])).toBe(time);
  });

  it("wide characters and emoji take two columns each: lines differ in length but not in width", async () => {
    const shown = await runPiped(["show", odd("wide.yaml")], { home });
    const rows = planTable(shown.stdout);
    expect(new Set(rows.map((row) => row.length)).size).toBeGreaterThan(1);
    expect(new Set(rows.map((row) => displayWidth(row))).size).toBe(1);
    expect(shown.stdout.split("\n")[0]).toBe("朝のストレッチ 🧘");
  });

  it("CRLF line ends, a byte order mark and tabs read as if they were not there", async () => {
    const json = (name: string) => runPiped(["show", odd(name), "--json"], { home });
    const [crlf, bom, tabs] = await Promise.all([json("crlf.yaml"), json("bom.yaml"), json("tabs.yaml")]);
    expect(JSON.parse(crlf.stdout)).toMatchObject({ name: "Windows line ends", total_s: 75 });
    expect(JSON.parse(bom.stdout)).toMatchObject({ name: "Byte order mark", segments: [{ title: "Knee to chest" }, {}, {}] });
    const plan = JSON.parse(tabs.stdout) as { name: string; segments: { title: string }[] };
    expect(plan.name).toBe("Tabs inside");
    expect(plan.segments.map((s) => s.title)).toEqual(["Knee to chest", "Next: Glide slowly", "Glide slowly"]);
  });
});

describe("control characters from a routine never reach the terminal", () => {
  it("in list, show, a piped run and history, for a user routine with escapes in every text", async () => {
    const routines = join(home.dir, "routines");
    await mkdir(routines, { recursive: true });
    await copyFile(join(ODD, "controls.yaml"), join(routines, "controls.yaml"));
    // A file whose name is no id, with escapes in it: list leaves it out with a warning that names it.
    await copyFile(join(ODD, "controls.yaml"), join(routines, "bad\u001b[31m\u0007name.yaml"));

    const listed = await runPiped(["list"], { home });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^controls\s+Red name\s+user\s+3s\s+blink, evil$/m);
    expect(listed.stderr).toContain(`${join(routines, "badname.yaml")}:1:1: warning: not listed`);
    expectNoControls(listed, "soothe list");

    const json = await runPiped(["list", "--json"], { home });
    expectNoControls(json, "soothe list --json");
    const entry = (JSON.parse(json.stdout) as { id: string; name: string; description: string; tags: string[] }[]).find(
      (e) => e.id === "controls",
    );
    expect(entry).toMatchObject({ name: "Red name", description: "Calm  routine", tags: ["blink", "evil"] });

    for (const args of [["show", "controls"], ["show", "controls", "--json"], ["run", "controls", "--dry-run"]]) {
      const result = await runPiped(args, { home });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain("Knee to chest");
      expectNoControls(result, `soothe ${args.join(" ")}`);
    }

    const run = await runPiped(["run", "controls", "--no-checkin", "--no-sound"], { home });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("Start: Knee to chest (left) 1s");
    expect(run.stdout).toContain("Start: Rest  now 1s");
    expect(run.stdout).toContain("Skipped: Walk about");
    expectNoControls(run, "soothe run controls (piped)");

    const history = await runPiped(["history"], { home });
    expect(history.code).toBe(0);
    expect(history.stdout).toMatch(/ Red name +completed /);
    expectNoControls(history, "soothe history");
    for (const args of [["history", "--json"], ["history", "--csv"], ["stats"], ["stats", "--json"]]) {
      const result = await runPiped(args, { home });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain("Red name");
      expectNoControls(result, `soothe ${args.join(" ")}`);
    }
    const [session] = await readHistoryJson(home);
    expect(session?.routine).toEqual({ id: "controls", name: "Red name" });
    expect(session?.segments.map((s) => s.title)).toEqual(["Knee to chest", "Knee to chest", "Rest  now", "Walk about"]);
  });

  it("on the live screen of a run under a terminal", async () => {
    const run = spawnPty(["run", odd("controls.yaml"), "--no-sound", "--no-checkin"], { home });
    // The title alone on its line: the current step, not the "Next: ..." hint shown during the step before.
    await run.waitForText(/^\s*Walk about\s*$/m, 15_000);
    run.press(KEYS.enter);
    expect((await run.waitForExit(15_000)).exitCode).toBe(0);
    const raw = run.output();
    // The screen draws with its own sequences; none of the routine's may be among them.
    for (const payload of ["PWNED", "x.example", "\u001b]", "\u001bc", "\u001b[5m", "\u001b[H", "\u0007", "\u009b", "\u202e", "\u2066", "\u0085"]) {
      expect(raw.includes(payload), `the screen output holds ${JSON.stringify(payload)}`).toBe(false);
    }
    expect(raw).toContain("Knee to chest");
  });
});
