import type { Input, Output, Prompts } from "../deps.js";
import { CancelError } from "../errors.js";

/** Prompts through @inquirer/prompts, imported on first use; Ctrl-C becomes a CancelError. */
export function createPrompts(input: Input, output: Output): Prompts {
  const context = { input, output, clearPromptOnDone: false };
  const guard = async <T>(ask: () => Promise<T>): Promise<T> => {
    try {
      return await ask();
    } catch (error) {
      if (error instanceof Error && (error.name === "ExitPromptError" || error.name === "AbortPromptError")) {
        throw new CancelError();
      }
      throw error;
    }
  };
  return {
    select: async ({ back, ...options }) => {
      const { select } = await import("@inquirer/prompts");
      if (back === undefined) return guard(() => select(options, context));
      return withEscape(input, back, (signal) => guard(() => select(options, { ...context, signal })));
    },
    confirm: async (options) => {
      const { confirm } = await import("@inquirer/prompts");
      return guard(() => confirm(options, context));
    },
    input: async (options) => {
      const { input } = await import("@inquirer/prompts");
      return guard(() => input(options, context));
    },
    number: async ({ message, min, max }) => {
      const { number } = await import("@inquirer/prompts");
      const value = await guard(() => number({ message, min, max, step: 1, required: false }, context));
      return value ?? null;
    },
  };
}

/**
 * Asks with Esc answering `back`: a key press listener aborts the prompt (inquirer's `signal`), and the abort is
 * taken as that answer. Ctrl-C still cancels.
 */
async function withEscape<T>(input: Input, back: T, ask: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const { emitKeypressEvents } = await import("node:readline");
  emitKeypressEvents(input);
  const controller = new AbortController();
  const onKey = (_text: string | undefined, key: { name?: string } | undefined) => {
    if (key?.name === "escape") controller.abort();
  };
  input.on("keypress", onKey);
  try {
    return await ask(controller.signal);
  } catch (error) {
    if (controller.signal.aborted && error instanceof CancelError) return back;
    throw error;
  } finally {
    input.off("keypress", onKey);
  }
}
