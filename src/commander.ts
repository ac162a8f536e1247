import { createRequire } from "node:module";

/**
 * commander, loaded as the CommonJS package it is. Its ES module wrapper makes Node scan the CommonJS source for
 * exports before linking, which costs about 5 ms of every start; `require` skips that.
 */
const commander = createRequire(import.meta.url)("commander") as typeof import("commander");

export const { Command, Option } = commander;
export type Command = import("commander").Command;
export type Option = import("commander").Option;
