import type { Deps } from "../deps.js";
import { isPackKind } from "../care/heat-cold.js";
import { totalWithLeadIn } from "../routine/times.js";
import { asciiOnly } from "../env.js";
import { exerciseSeconds, type RunOutcome, type SessionRunner } from "../session/runner.js";
import { cleanText } from "../text.js";
import { readKeys, type KeyReader } from "./keys.js";
import { attachPlainOutput } from "./plain.js";
import { renderScreen, renderSummary } from "./render.js";
import { LiveScreen } from "./screen.js";
import { createBell } from "./sound.js";
import { attachVoice, type Voice } from "./voice.js";

/** How a run is shown. */
export interface ViewOptions {
  /** Read keys during the run. */
  keyed: boolean;
  /** Draw the live screen (else plain lines). */
  live: boolean;
  sound: boolean;
  voice: Voice;
  /** Remarks about the plan, shown while getting ready. */
  notes: string[];
  /** When not to do this routine (care/avoid-if lines), shown while getting ready. */
  avoidIf: readonly string[];
  /** Titles of the steps marked as hurting in the last session of this routine. */
  hurtLastTime: readonly string[];
}

/** A view attached to a runner; `close` gives the terminal back and, given how the session went, prints the summary. */
export interface RunView {
  close(outcome?: RunOutcome): void;
}

/**
 * Shows a session as it runs: the live screen (or plain lines), the bell and the voice, and keys read as the
 * runner's actions. The view knows nothing of files; what it draws comes from the runner's engine.
 */
export function attachRunView(
  runner: SessionRunner,
  options: ViewOptions,
  deps: Pick<Deps, "stdin" | "stdout" | "theme" | "env" | "clock">,
): RunView {
  const { engine, plan } = runner;
  const { stdout } = deps;
  const ascii = asciiOnly(deps.env);
  const bell = createBell(stdout, options.sound);
  const offs: (() => void)[] = [attachVoice(engine, options.voice, plan)];
  offs.push(
    engine.on("segment-start", runner.guard(({ segment }) => (segment.kind !== "transition" ? bell.ring() : undefined))),
    engine.on("last-seconds", runner.guard(() => bell.ring())),
    // A skin check matters with eyes off the screen: the bell, and the voice says it (see attachVoice).
    engine.on("check", runner.guard(() => bell.ring())),
    engine.on("end", runner.guard(({ status }) => (status === "completed" ? bell.ring() : undefined))),
  );
  // A terminal that went away (SIGHUP) makes writes fail; the session is saved regardless, so say nothing.
  const ignoreWriteErrors = () => {};
  stdout.on("error", ignoreWriteErrors);
  const heading = () => {
    const steps = plan.steps === 1 ? "1 step" : `${plan.steps} steps`;
    stdout.write(`${cleanText(plan.name)}: ${steps}, ${totalWithLeadIn(plan)}\n`);
  };

  let screen: LiveScreen | null = null;
  let keys: KeyReader | null = null;
  if (options.keyed && options.live) {
    screen = attachLiveScreen(runner, options, deps, offs);
  } else {
    heading();
    const t0 = deps.clock.now();
    const keyed = options.keyed ? { keys: { elapsedMs: () => deps.clock.now() - t0 } } : {};
    offs.push(attachPlainOutput(engine, stdout, plan, { ...keyed, hurtLastTime: options.hurtLastTime }));
    const onHurt = ({ open }: { open: boolean }) => {
      const segment = engine.phase === "segment" ? engine.snapshot().segment : null;
      if (open) stdout.write(`${hurtLine(segment !== null, isPackKind(segment?.kind ?? ""))}\n`);
    };
    if (options.keyed) offs.push(runner.onHurt(runner.guard(onHurt)));
  }
  if (options.keyed) keys = readKeys(deps.stdin, runner.guard((action) => runner.act(action)));

  return {
    close(outcome) {
      keys?.dispose();
      screen?.restore();
      for (const off of offs) off();
      if (outcome) {
        const summary = renderSummary(outcome.records, outcome.status, {
          theme: deps.theme,
          columns: stdout.columns ?? 80,
          ascii,
          routine: plan.name,
          planned_s: exerciseSeconds(plan, outcome.records, runner.leaveOut),
        });
        summary.push(deps.theme.dim("Saved in your history."));
        stdout.write(`${options.live && options.keyed ? "" : "\n"}${summary.join("\n")}\n`);
      }
      stdout.removeListener("error", ignoreWriteErrors);
    },
  };
}

/** The live screen, redrawn on every tick, resize and "this hurts"; its listeners go into `offs`. */
function attachLiveScreen(
  runner: SessionRunner,
  options: ViewOptions,
  deps: Pick<Deps, "stdin" | "stdout" | "theme" | "env">,
  offs: (() => void)[],
): LiveScreen {
  const live = new LiveScreen(deps.stdout, { input: deps.stdin, onExit: exitHook });
  const draw = () =>
    live.draw(
      renderScreen(runner.engine.snapshot(), {
        ...live.size,
        theme: deps.theme,
        ascii: asciiOnly(deps.env),
        notes: options.notes,
        avoidIf: options.avoidIf,
        hurt: runner.hurt.isOpen,
        hurtLastTime: options.hurtLastTime,
      }),
    );
  offs.push(runner.engine.on("tick", runner.guard(draw)), live.onResize(runner.guard(draw)), runner.onHurt(runner.guard(draw)));
  live.open();
  return live;
}

/** The choice after `!`, as one plain line; with a pack on, it says first to take it off. */
export function hurtLine(inSegment: boolean, pack = false): string {
  const what = inSegment ? "this step" : "the next step";
  const first = pack ? "Take the pack off now. " : "";
  return `This hurts: ${first}s skips ${what} (all its sides and sets), q stops the routine, c or Enter carries on.`;
}

/** Last resort: give the terminal back even if the process exits without reaching a finally. */
function exitHook(restore: () => void): () => void {
  process.once("exit", restore);
  return () => process.off("exit", restore);
}
