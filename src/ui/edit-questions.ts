import type { Prompts } from "../deps.js";

// The questions `soothe edit` asks on a terminal.

/** Changes an earlier edit left unsaved (`at` says when): go on with them (true), or start from the saved version. */
export async function askResume(prompts: Prompts, id: string, at: string): Promise<boolean> {
  const answer = await prompts.select<"resume" | "fresh">({
    message: `You have changes to ${id} that were not saved (${at}).`,
    choices: [
      { value: "resume", name: "Go on with those changes" },
      { value: "fresh", name: "Start again from the saved version", description: "the unsaved changes are dropped" },
    ],
    default: "resume",
  });
  return answer === "resume";
}

/** An edit with problems (`count`, like "2 problems"): edit again, or discard the changes. */
export async function askAfterProblems(prompts: Prompts, id: string, count: string): Promise<"edit" | "discard"> {
  return prompts.select<"edit" | "discard">({
    message: `Your edit of ${id} has ${count}. What now?`,
    choices: [
      { value: "edit", name: "Edit again", description: "reopen the editor on your changes" },
      { value: "discard", name: "Discard my changes", description: "keep the last good version" },
    ],
    default: "edit",
  });
}
