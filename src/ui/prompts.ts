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
    select: async (options) => {
      const { select } = await import("@inquirer/prompts");
      return guard(() => select(options, context));
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
