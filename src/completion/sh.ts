import type { CommandSpec } from "./model.js";
import { key, kindWord, sq } from "./words.js";

/** The lookup functions bash and zsh share (POSIX case statements), named `<prefix>_sub`, `_value` and `_arg`. */
export function shTables(model: CommandSpec[], prefix: string): string[] {
  const lines: string[] = [];
  lines.push(`# Is "$2" a subcommand of the command path "$1"?`);
  lines.push(`${prefix}_sub() {`, `  case "$1/$2" in`);
  const subs = model.flatMap((spec) => spec.commands.map((c) => `"${key(spec)}/${c.name}"`));
  if (subs.length > 0) lines.push(`    ${subs.join("|")}) return 0 ;;`);
  lines.push("  esac", "  return 1", "}", "");

  lines.push(`# What the value of option "$2" of command "$1" completes to; nothing when it takes no value.`);
  lines.push(`${prefix}_value() {`, `  case "$1/$2" in`);
  for (const spec of model) {
    for (const option of spec.options) {
      if (!option.value) continue;
      const patterns = option.flags.map((f) => `"${key(spec)}/${f}"`).join("|");
      lines.push(`    ${patterns}) echo ${sq(kindWord(option.value))} ;;`);
    }
  }
  lines.push("  esac", "}", "");

  lines.push(`# What positional argument number "$2" (from 0) of command "$1" completes to.`);
  lines.push(`${prefix}_arg() {`, `  case "$1/$2" in`);
  for (const spec of model) {
    if (spec.commands.length > 0) {
      lines.push(`    "${key(spec)}/0") echo ${sq(`commands ${spec.commands.map((c) => c.name).join(" ")}`)} ;;`);
      continue;
    }
    spec.args.forEach((arg, index) => {
      if (!arg.variadic) lines.push(`    "${key(spec)}/${index}") echo ${sq(kindWord(arg.value))} ;;`);
    });
    const variadic = spec.args[spec.args.length - 1];
    if (variadic?.variadic) lines.push(`    "${key(spec)}/"*) echo ${sq(kindWord(variadic.value))} ;;`);
  }
  lines.push("  esac", "}", "");
  return lines;
}

/**
 * The body of the walk over the words before the cursor, the same in bash and zsh: an option that takes a value
 * waits for it, the first plain words name subcommands, later ones count as positional arguments.
 */
export function shWalkStep(fn: string): string[] {
  return [
    `    case "$word" in`,
    "      -*=*) ;;",
    `      -*) [[ -n $(${fn}_value "$cmd" "$word") ]] && want="$word" ;;`,
    "      *)",
    `        if ((pos == 0)) && ${fn}_sub "$cmd" "$word"; then`,
    `          cmd="\${cmd:+$cmd }$word"`,
    "        else",
    "          pos=$((pos + 1))",
    "        fi",
    "        ;;",
    "    esac",
  ];
}
