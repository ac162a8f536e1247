#!/usr/bin/env node
// `npm run bench`: measures the speed and resource targets of DESIGN.md section 5 in one run and prints a table of
// medians with each target and whether it holds. Exit 1 when a target is missed, so the bench can guard a change.
//
// What it measures, side by side:
//   1. start-up of `soothe --version`, `--help` and `list`, each as a ratio to `node -e 0`, run alternately;
//   2. the end-of-plan error of the session engine with real timers while the event loop is blocked at random
//      for 100-300 ms, next to a naive timer that counts seconds;
//   3. CPU used while one 10-second segment counts down on a pseudo-terminal, beyond start-up;
//   4. a history of 20,000 sessions against one of 10: appending a session, `history --limit 20` (also after an
//      import of older sessions), and `stats`.
//
// Options: --quick (fewer rounds, for a smoke check), --json (the results as JSON on stdout),
// --only startup|timer|cpu|history (one group; repeatable).
import { spawnSync } from "node:child_process";
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { arch, cpus, platform, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = join(ROOT, "bin", "soothe.js");
const quick = process.argv.includes("--quick");
const asJson = process.argv.includes("--json");
const GROUPS = ["startup", "timer", "cpu", "history"];
const only = process.argv.flatMap((arg, i, all) => (arg === "--only" ? [all[i + 1]] : []));
for (const group of only) {
  if (!GROUPS.includes(group)) {
    process.stderr.write(`bench: --only takes one of ${GROUPS.join(", ")}, not "${group}"\n`);
    process.exit(2);
  }
}
const wanted = (group) => only.length === 0 || only.includes(group);

const { SessionEngine } = await import(join(ROOT, "dist", "session", "engine.js"));
const { realClock } = await import(join(ROOT, "dist", "session", "clock.js"));
const { parseRoutine } = await import(join(ROOT, "dist", "routine", "parse.js"));
const { expandPlan } = await import(join(ROOT, "dist", "routine", "plan.js"));
const { openHistory } = await import(join(ROOT, "dist", "history", "store.js"));
const { localIso } = await import(join(ROOT, "dist", "time.js"));

const work = mkdtempSync(join(tmpdir(), "soothe-bench-"));
process.on("exit", () => rmSync(work, { recursive: true, force: true }));

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A small seeded generator, so that the stalls are the same from run to run. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function env(home) {
  const vars = { ...process.env, SOOTHE_HOME: home, NO_COLOR: "1" };
  delete vars.FORCE_COLOR;
  return vars;
}

/** Wall milliseconds of one `node ...args` run, which must succeed. */
function timeRun(args, home) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env: env(home), stdio: ["ignore", "ignore", "pipe"] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} failed: ${result.stderr}`);
  return ms;
}

/** Runs each command in turn, `rounds` times (so that load on the machine falls on all alike); medians in ms. */
function alternate(commands, rounds, home) {
  const times = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  for (const args of Object.values(commands)) timeRun(args, home); // warm the file cache
  for (let i = 0; i < rounds; i++) {
    for (const [name, args] of Object.entries(commands)) times[name].push(timeRun(args, home));
  }
  return Object.fromEntries(Object.entries(times).map(([name, list]) => [name, median(list)]));
}

const results = [];
/** Records one measurement: `value` against `target` (lower is better). */
function record(group, name, value, unit, target, detail = "") {
  results.push({ group, name, value, unit, target, ok: target === null ? null : value <= target, detail });
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Start-up

function startup() {
  const home = join(work, "startup");
  mkdirSync(home, { recursive: true });
  // Two floors for comparison, run alongside: an ES module that prints one line (what any ESM program pays to
  // start and write), and the same after loading commander (what any commander program pays).
  const floor = join(work, "floor.mjs");
  writeFileSync(floor, 'process.stdout.write("0.1.0\\n");\n');
  const withCommander = join(work, "commander.mjs");
  writeFileSync(
    withCommander,
    `import { createRequire } from "node:module";\ncreateRequire(${JSON.stringify(join(ROOT, "package.json"))})("commander");\n` +
      'process.stdout.write("0.1.0\\n");\n',
  );
  const med = alternate(
    {
      node: ["-e", "0"],
      floor: [floor],
      commander: [withCommander],
      version: [BIN, "--version"],
      help: [BIN, "--help"],
      list: [BIN, "list"],
    },
    quick ? 8 : 30,
    home,
  );
  const detail = `node -e 0: ${med.node.toFixed(1)} ms`;
  record("start-up", "soothe --version", med.version / med.node, "x node", 1.3, `${med.version.toFixed(1)} ms; ${detail}`);
  record("start-up", "soothe --help", med.help / med.node, "x node", 1.3, `${med.help.toFixed(1)} ms; ${detail}`);
  record("start-up", "soothe list", med.list / med.node, "x node", 1.6, `${med.list.toFixed(1)} ms; ${detail}`);
  record("start-up", "an ES module printing a line (comparison)", med.floor / med.node, "x node", null, `${med.floor.toFixed(1)} ms`);
  record("start-up", "the same loading commander (comparison)", med.commander / med.node, "x node", null, `${med.commander.toFixed(1)} ms`);
  return med.node;
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Timer accuracy under a stalled event loop

const PLAN_YAML = `name: Bench
lead_in: 0
transition: 1s
steps:
  - stretch: Hold
    hold: 3s
    sides: both
  - rest: Rest
    duration: 2s
  - exercise: Reps
    reps: 3
    tempo: 1s
`;

function benchPlan() {
  const parsed = parseRoutine(PLAN_YAML, "bench.yaml", "bench");
  if (!parsed.routine) throw new Error(`bench routine: ${JSON.stringify(parsed.problems)}`);
  return expandPlan(parsed.routine, { affectedSide: null, leadIn_s: 0, transition_s: 0 });
}

/**
 * Blocks the event loop for 100-300 ms at random moments until `until` (performance.now): busy-waits, as a long
 * synchronous task would. Returns a function that stops it.
 */
function stallLoop(rand, until) {
  let timer;
  const next = () => {
    timer = setTimeout(() => {
      if (performance.now() >= until) return;
      const block = 100 + rand() * 200;
      const end = performance.now() + block;
      while (performance.now() < end) {
        // stalled
      }
      next();
    }, rand() * 400);
  };
  next();
  return () => clearTimeout(timer);
}

// Stalls stop this long before the plan's end, so that what is measured is lateness that piled up along the way,
// not a stall that happens to cover the last moment (no timer of any kind can fire inside a stall).
const QUIET_END_MS = 500;

/** The engine on real timers: ms between start and its end event, minus the plan's total. */
function engineRun(plan, rand) {
  return new Promise((done) => {
    const engine = new SessionEngine(plan, realClock(), { input: false });
    const t0 = performance.now();
    const stop = stallLoop(rand, t0 + plan.total_s * 1000 - QUIET_END_MS);
    engine.on("end", () => {
      const ms = performance.now() - t0;
      stop();
      engine.dispose();
      done(ms - plan.total_s * 1000);
    });
    engine.start();
  });
}

/** The naive way: a one-second interval that counts each segment's seconds down. */
function naiveRun(plan, rand) {
  return new Promise((done) => {
    const seconds = plan.segments.map((s) => s.duration_s ?? 0);
    const t0 = performance.now();
    const stop = stallLoop(rand, t0 + plan.total_s * 1000 - QUIET_END_MS);
    let index = 0;
    let left = seconds[0];
    const interval = setInterval(() => {
      left--;
      while (left <= 0 && index < seconds.length) {
        index++;
        left = seconds[index] ?? 0;
      }
      if (index >= seconds.length) {
        clearInterval(interval);
        stop();
        done(performance.now() - t0 - plan.total_s * 1000);
      }
    }, 1000);
  });
}

async function timerAccuracy() {
  const plan = benchPlan();
  const runs = quick ? 2 : 5;
  const engine = [];
  const naive = [];
  for (let i = 0; i < runs; i++) {
    engine.push(Math.abs(await engineRun(plan, random(1000 + i))));
    naive.push(Math.abs(await naiveRun(plan, random(1000 + i))));
  }
  const detail = `plan ${plan.total_s} s, ${runs} runs; stalls of 100-300 ms at random`;
  record("timers", "engine: end-of-plan error", median(engine), "ms", 20, `worst ${Math.max(...engine).toFixed(1)} ms; ${detail}`);
  record("timers", "naive counting timer (comparison)", median(naive), "ms", null, `worst ${Math.max(...naive).toFixed(1)} ms`);
}

// ---------------------------------------------------------------------------------------------------------------
// 3. CPU while a segment counts down on a pseudo-terminal

/** CPU nanoseconds used so far by every thread of `pid` (Linux). */
function cpuNs(pid) {
  let total = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return total;
}

async function countdownCpu() {
  if (platform() !== "linux") {
    record("cpu", "countdown CPU", Number.NaN, "% core", 1, "skipped: needs Linux /proc");
    return;
  }
  const { spawn } = await import("@lydell/node-pty");
  const home = join(work, "cpu");
  mkdirSync(home, { recursive: true });
  const routine = join(home, "ten.yaml");
  writeFileSync(routine, "name: Ten seconds\nlead_in: 0\nsteps:\n  - stretch: Ten second hold\n    hold: 10s\n");
  // A machine where soothe ran before (no safety screen), and no pain questions: only the countdown is measured.
  writeFileSync(join(home, "config.json"), `${JSON.stringify({ safety_shown: true })}\n`, { mode: 0o600 });
  const pty = spawn(process.execPath, [BIN, "run", routine, "--no-sound", "--no-checkin"], {
    cols: 80,
    rows: 30,
    env: { ...env(home), TERM: "xterm-256color", LANG: "C.UTF-8" },
  });
  let output = "";
  pty.onData((data) => (output += data));
  const exited = new Promise((done) => pty.onExit(done));
  const deadline = Date.now() + 15_000;
  while (!output.includes("Ten second hold") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  if (!output.includes("Ten second hold")) {
    pty.kill("SIGKILL");
    throw new Error(`the countdown did not start within 15 s; the screen said:\n${output.slice(-2000)}`);
  }
  // Start-up and the first draw are done; measure the middle of the countdown.
  await new Promise((r) => setTimeout(r, 1000));
  const cpu0 = cpuNs(pty.pid);
  const wall0 = process.hrtime.bigint();
  await new Promise((r) => setTimeout(r, 7000));
  const cpu1 = cpuNs(pty.pid);
  const wall1 = process.hrtime.bigint();
  pty.write("q");
  const killer = setTimeout(() => pty.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(killer);
  const percent = ((cpu1 - cpu0) / Number(wall1 - wall0)) * 100;
  record("cpu", "CPU while a 10 s segment counts down", percent, "% core", 1, "7 s in the middle of the segment, all threads");
}

// ---------------------------------------------------------------------------------------------------------------
// 4. Large history

/** The events `soothe run` writes for one session of three segments, as JSON lines. */
function sessionLines(n, start) {
  const session = `bench-${n.toString(16).padStart(8, "0")}-0000-4000-8000-000000000000`;
  const at = (s) => localIso(new Date(start.getTime() + s * 1000));
  const routine = n % 3 === 0 ? { id: "morning-mobility", name: "Morning mobility" } : { id: "glute-release", name: "Glute release" };
  const lines = [
    {
      v: 1,
      session,
      at: at(0),
      type: "start",
      routine,
      planned_s: 90,
      pid: 1,
      host: "bench",
      pain_before: { back: 5 + (n % 3), leg: 4 + (n % 4), reach: "thigh" },
    },
  ];
  for (let i = 0; i < 3; i++) {
    lines.push({
      v: 1,
      session,
      at: at(30 * (i + 1)),
      type: "segment",
      segment: { title: `Step ${i + 1}`, kind: "stretch", side: i % 2 ? "right" : "left", set: 1, planned_s: 30, active_s: 30, outcome: "done" },
    });
  }
  lines.push({ v: 1, session, at: at(95), type: "end", status: "completed" });
  lines.push({ v: 1, session, at: at(120), type: "checkin", pain_after: { back: 3 + (n % 3), leg: 3 + (n % 4), reach: "buttock" } });
  return lines.map((line) => JSON.stringify(line)).join("\n") + "\n";
}

/** A SOOTHE_HOME whose history holds `count` sessions, one every 6 hours up to now. */
function historyHome(name, count) {
  const home = join(work, name);
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const now = Date.now();
  const chunks = [];
  for (let n = 0; n < count; n++) chunks.push(sessionLines(n, new Date(now - (count - n) * 6 * 3600 * 1000)));
  writeFileSync(join(home, "history.jsonl"), chunks.join(""), { mode: 0o600 });
  return home;
}

/** Median ms to append one whole session (its six events) to the history in `home`, in process. */
function appendTime(home, rounds) {
  const store = openHistory(join(home, "history.jsonl"));
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const events = sessionLines(1_000_000 + i, new Date())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    const start = process.hrtime.bigint();
    for (const event of events) store.append(event);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

function largeHistory(nodeMs) {
  const small = historyHome("history-10", 10);
  const large = historyHome("history-20000", 20_000);
  const rounds = quick ? 20 : 200;
  const appendSmall = appendTime(small, rounds);
  const appendLarge = appendTime(large, rounds);
  record(
    "history",
    "append one session: 20,000 vs 10",
    appendLarge / appendSmall,
    "x",
    1.5,
    `${appendLarge.toFixed(3)} ms vs ${appendSmall.toFixed(3)} ms`,
  );

  const runs = quick ? 5 : 15;
  const med = alternate({ small: [BIN, "history", "--limit", "20"] }, runs, small);
  const medLarge = alternate({ large: [BIN, "history", "--limit", "20"] }, runs, large);
  record(
    "history",
    "history --limit 20: 20,000 vs 10",
    medLarge.large / med.small,
    "x",
    1.5,
    `${medLarge.large.toFixed(1)} ms vs ${med.small.toFixed(1)} ms`,
  );

  // The same history after importing 500 sessions from before it began (a backup from another machine), with two
  // runs since: the import sits at the end of the file, and --limit still reads only from there.
  const imported = historyHome("history-20000-imported", 20_000);
  const backupHome = join(work, "history-backup");
  mkdirSync(backupHome, { recursive: true, mode: 0o700 });
  const firstRun = Date.now() - 20_000 * 6 * 3600 * 1000;
  const old = [];
  for (let n = 0; n < 500; n++) old.push(sessionLines(3_000_000 + n, new Date(firstRun - (500 - n) * 24 * 3600 * 1000)));
  writeFileSync(join(backupHome, "history.jsonl"), old.join(""), { mode: 0o600 });
  const exported = spawnSync(process.execPath, [BIN, "history", "--json"], { env: env(backupHome), encoding: "utf8" });
  const backup = join(work, "backup.json");
  writeFileSync(backup, exported.stdout);
  timeRun([BIN, "history", "import", backup], imported);
  appendFileSync(join(imported, "history.jsonl"), sessionLines(4_000_000, new Date()) + sessionLines(4_000_001, new Date()));
  // Side by side with the small history, so that load on the machine falls on both alike.
  const pair = { small: [], imported: [] };
  for (let i = 0; i < runs; i++) {
    pair.small.push(timeRun([BIN, "history", "--limit", "20"], small));
    pair.imported.push(timeRun([BIN, "history", "--limit", "20"], imported));
  }
  const [withImport, without] = [median(pair.imported), median(pair.small)];
  record(
    "history",
    "history --limit 20 after an import: 20,000 vs 10",
    withImport / without,
    "x",
    1.5,
    `${withImport.toFixed(1)} ms vs ${without.toFixed(1)} ms`,
  );

  const stats = alternate({ stats: [BIN, "stats", "--json"] }, quick ? 3 : 7, large);
  record("history", "stats at 20,000 sessions", stats.stats / nodeMs, "x node", 25, `${stats.stats.toFixed(1)} ms`);
}

// ---------------------------------------------------------------------------------------------------------------

function format(value, unit) {
  if (Number.isNaN(value)) return "-";
  if (unit === "ms") return `${value.toFixed(1)} ms`;
  if (unit === "% core") return `${value.toFixed(2)} %`;
  return `${value.toFixed(2)}${unit.startsWith("x") ? unit.replace(/^x/, "x") : unit}`;
}

function targetText(target, unit) {
  if (target === null) return "";
  if (unit === "ms") return `< ${target} ms`;
  if (unit === "% core") return `< ${target} %`;
  return `<= ${target}${unit}`;
}

function pad(text, width) {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}

const started = Date.now();
const nodeMs = wanted("startup") || wanted("history") ? startup() : 0;
if (wanted("timer")) await timerAccuracy();
if (wanted("cpu")) await countdownCpu();
if (wanted("history")) largeHistory(nodeMs);

if (asJson) {
  process.stdout.write(`${JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2)}\n`);
} else {
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  process.stdout.write(
    `soothe bench, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${platform()} ${arch()}, ` +
      `${cpus().length} x ${cpu}${quick ? ", --quick" : ""}\n\n`,
  );
  const rows = [["measure", "median", "target", "", "detail"]];
  for (const r of results) {
    rows.push([r.name, format(r.value, r.unit), targetText(r.target, r.unit), r.ok === null ? "" : r.ok ? "ok" : "MISSED", r.detail]);
  }
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows) {
    process.stdout.write(`${row.map((cell, i) => (i < 4 ? pad(cell, widths[i]) : cell)).join("  ")}\n`);
  }
  process.stdout.write(`\n${((Date.now() - started) / 1000).toFixed(0)} s in all\n`);
}
process.exitCode = results.some((r) => r.ok === false) ? 1 : 0;
