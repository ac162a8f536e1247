import type { Argument, Command, Option } from "commander";
import type { Deps } from "../deps.js";
import { UsageError } from "../errors.js";
import { SETTING_KEYS } from "../settings.js";

// Completion scripts are generated from the commander program itself, so a command or option added there is
// completed without touching this file. Each script is a small walker (find the command path, the option waiting
// for a value, and the index of the positional argument under the cursor) plus lookup tables made from the model.
// Routine ids are asked of `soothe list --ids` when the user presses Tab, so new routines complete at once.

/** Shells with a completion script. */
export const SHELLS = ["bash", "zsh", "fish"] as const;
export type Shell = (typeof SHELLS)[number];

/** What a value or argument completes to. */
export type ValueKind =
  | { kind: "routine" }
  | { kind: "file" }
  | { kind: "choices"; values: string[] }
  | { kind: "any" };

/** An option: its flags (`-y`, `--yes`), what it says, and the kind of its value (null for a flag without one). */
export interface OptionSpec {
  flags: string[];
  description: string;
  value: ValueKind | null;
}

/** A positional argument. */
export interface ArgSpec {
  name: string;
  value: ValueKind;
  variadic: boolean;
}

/** One command of the program, with its path from the top (`[]` for the program, `["config", "set"]`). */
export interface CommandSpec {
  path: string[];
  description: string;
  commands: { name: string; description: string }[];
  options: OptionSpec[];
  args: ArgSpec[];
}

/** Every command of `program`, the program itself first, in the order commander holds them. Pure. */
export function completionModel(program: Command): CommandSpec[] {
  const help = program.createHelp();
  const specs: CommandSpec[] = [];
  const visit = (cmd: Command, path: string[], inherited: OptionSpec[]) => {
    // `soothe --help` lists commands of commands too (`history import`): here each is reached from its parent.
    const subcommands = help.visibleCommands(cmd).filter((sub) => !sub.parent || sub.parent === cmd);
    const own = help.visibleOptions(cmd).map(optionSpec);
    // Options of the commands above (--verbose, --no-color) are accepted after a subcommand too; --version and
    // --help are not passed down (each command has its own --help).
    const options = [...own, ...inherited.filter((o) => !own.some((m) => m.flags.some((f) => o.flags.includes(f))))];
    specs.push({
      path,
      description: cmd.description(),
      commands: subcommands.map((c) => ({ name: c.name(), description: c.description() })),
      options,
      args: cmd.registeredArguments.map((arg) => argSpec(arg, cmd, path, subcommands.length > 0 ? [] : undefined)),
    });
    const passed = [...inherited, ...own.filter((o) => !o.flags.includes("--help") && !o.flags.includes("--version"))];
    for (const sub of subcommands) {
      if (sub.name() === "help" && !cmd.commands.includes(sub)) {
        // commander's implicit `help [command]`: completes the names of its sibling commands.
        specs.push({
          path: [...path, "help"],
          description: sub.description(),
          commands: [],
          options: passed,
          args: [
            {
              name: "command",
              value: { kind: "choices", values: cmd.commands.filter((c) => !isHidden(c)).map((c) => c.name()) },
              variadic: false,
            },
          ],
        });
        continue;
      }
      visit(sub, [...path, sub.name()], passed);
    }
  };
  visit(program, [], []);
  return specs;
}

function isHidden(cmd: Command): boolean {
  return (cmd as unknown as { _hidden?: boolean })._hidden === true;
}

function optionSpec(option: Option): OptionSpec {
  const flags = [option.short, option.long].filter((f): f is string => f !== undefined);
  const takesValue = option.required || option.optional;
  let value: ValueKind | null = null;
  if (takesValue) {
    if (option.argChoices) value = { kind: "choices", values: [...option.argChoices] };
    else if (option.long === "--routine") value = { kind: "routine" };
    else if (/<[^>]*file[^>]*>|\[[^\]]*file[^\]]*\]/.test(option.flags)) value = { kind: "file" };
    else value = { kind: "any" };
  }
  return { flags, description: option.description, value };
}

function argSpec(arg: Argument, _cmd: Command, _path: string[], _none?: []): ArgSpec {
  const name = arg.name();
  let value: ValueKind;
  if (arg.argChoices) value = { kind: "choices", values: [...arg.argChoices] };
  else if (name === "routine") value = { kind: "routine" };
  // `config get|set|reset <key>`: the key is checked by the command (exit 1 listing them), so it has no choices
  // in commander; the script still offers them.
  else if (name === "key") value = { kind: "choices", values: [...SETTING_KEYS] };
  else if (/file/.test(name)) value = { kind: "file" };
  else value = { kind: "any" };
  return { name, value, variadic: arg.variadic };
}

/** `soothe completion <shell>`: prints the completion script for the shell. */
export async function completion(shell: string, program: Command, _opts: object, deps: Deps): Promise<number> {
  if (!(SHELLS as readonly string[]).includes(shell)) {
    throw new UsageError(`no completion for "${shell}"; use one of ${SHELLS.join(", ")}`);
  }
  deps.stdout.write(completionScript(shell as Shell, completionModel(program), program.name()));
  return 0;
}

/** The completion script for `shell`. Pure. */
export function completionScript(shell: Shell, model: CommandSpec[], bin = "soothe"): string {
  for (const spec of model) {
    for (const word of [...spec.path, ...spec.commands.map((c) => c.name), ...spec.options.flatMap((o) => o.flags)]) {
      safeWord(word);
    }
  }
  safeWord(bin);
  if (shell === "bash") return bashScript(model, bin);
  if (shell === "zsh") return zshScript(model, bin);
  return fishScript(model, bin);
}

/** Command names, flags and choices go into scripts unquoted in places; they are plain words, checked here. */
function safeWord(word: string): string {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$|^--?[A-Za-z0-9][A-Za-z0-9_-]*$/.test(word)) {
    throw new Error(`cannot put ${JSON.stringify(word)} in a completion script`);
  }
  return word;
}

/** A string in single quotes for sh, bash and zsh. */
function sq(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A string in single quotes for fish (which treats \\ and \' as escapes inside them). */
function fq(text: string): string {
  return `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/** One line of description: no line breaks or tabs, which would break the script's output format. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
}

const key = (spec: CommandSpec) => spec.path.join(" ");

/** The kind of a value as the scripts' tables spell it: `routine`, `file`, `any`, or `choices a b c`. */
function kindWord(value: ValueKind): string {
  return value.kind === "choices" ? `choices ${value.values.map(safeWord).join(" ")}` : value.kind;
}

// ---- tables shared by bash and zsh (POSIX case statements) ----

function shTables(model: CommandSpec[], prefix: string): string[] {
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

// ---- bash ----

function bashScript(model: CommandSpec[], bin: string): string {
  const fn = `_${bin.replace(/[^A-Za-z0-9_]/g, "_")}`;
  const lines = [
    `# bash completion for ${bin}. Generated by \`${bin} completion bash\`; regenerate it after an upgrade.`,
    "# Install for your user:",
    `#   mkdir -p ~/.local/share/bash-completion/completions`,
    `#   ${bin} completion bash > ~/.local/share/bash-completion/completions/${bin}`,
    `# or add this line to ~/.bashrc:  source <(${bin} completion bash)`,
    "",
    ...shTables(model, fn),
    `# Options of command "$1".`,
    `${fn}_options() {`,
    `  case "$1" in`,
    ...model.map((spec) => `    "${key(spec)}") echo ${sq(spec.options.flatMap((o) => o.flags).join(" "))} ;;`),
    "  esac",
    "}",
    "",
    `${fn}() {`,
    `  local cur="\${COMP_WORDS[COMP_CWORD]}" cmd="" want="" word kind i pos=0`,
    "  COMPREPLY=()",
    "  # Walk the words before the cursor: subcommands, options and their values, positional arguments.",
    "  for ((i = 1; i < COMP_CWORD; i++)); do",
    `    word="\${COMP_WORDS[i]}"`,
    `    if [[ -n $want ]]; then`,
    `      [[ $word == "=" ]] && continue # --option=value, split at = by readline`,
    `      want=""`,
    "      continue",
    "    fi",
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
    "  done",
    `  [[ -n $want && $cur == "=" ]] && cur=""`,
    `  if [[ -n $want ]]; then`,
    `    kind=$(${fn}_value "$cmd" "$want")`,
    `  elif [[ $cur == -* ]]; then`,
    `    kind="options $(${fn}_options "$cmd")"`,
    "  else",
    `    kind=$(${fn}_arg "$cmd" "$pos")`,
    "  fi",
    `  case "$kind" in`,
    `    routine) COMPREPLY=($(compgen -W "$(${bin} list --ids 2>/dev/null)" -- "$cur")) ;;`,
    "    file)",
    "      compopt -o filenames 2>/dev/null",
    `      COMPREPLY=($(compgen -f -- "$cur"))`,
    "      ;;",
    `    choices\\ * | commands\\ * | options\\ *) COMPREPLY=($(compgen -W "\${kind#* }" -- "$cur")) ;;`,
    "  esac",
    "  return 0",
    "}",
    "",
    `complete -F ${fn} ${bin}`,
    "",
  ];
  return lines.join("\n");
}

// ---- zsh ----

function zshScript(model: CommandSpec[], bin: string): string {
  const fn = `_${bin.replace(/[^A-Za-z0-9_]/g, "_")}`;
  const described = (name: string, description: string) => sq(`${name.replace(/:/g, "\\:")}:${oneLine(description)}`);
  const lines = [
    `#compdef ${bin}`,
    `# zsh completion for ${bin}. Generated by \`${bin} completion zsh\`; regenerate it after an upgrade.`,
    "# Install: save it as _" + bin + " in a folder on your fpath, before compinit runs in ~/.zshrc:",
    `#   mkdir -p ~/.zfunc && ${bin} completion zsh > ~/.zfunc/_${bin}`,
    "#   and in ~/.zshrc: fpath=(~/.zfunc $fpath); autoload -Uz compinit; compinit",
    `# or add this line to ~/.zshrc, after compinit:  source <(${bin} completion zsh)`,
    "",
    ...shTables(model, fn),
    `# Subcommands of command "$1", as name:description.`,
    `${fn}_commands() {`,
    `  case "$1" in`,
    ...model
      .filter((spec) => spec.commands.length > 0)
      .map(
        (spec) =>
          `    "${key(spec)}") reply=(${spec.commands.map((c) => described(c.name, c.description)).join(" ")}) ;;`,
      ),
    "    *) reply=() ;;",
    "  esac",
    "}",
    "",
    `# Options of command "$1", as flag:description.`,
    `${fn}_options() {`,
    `  case "$1" in`,
    ...model.map(
      (spec) =>
        `    "${key(spec)}") reply=(${spec.options.flatMap((o) => o.flags.map((f) => described(f, o.description))).join(" ")}) ;;`,
    ),
    "    *) reply=() ;;",
    "  esac",
    "}",
    "",
    `${fn}() {`,
    `  local cur=\${words[CURRENT]} cmd="" want="" word kind`,
    "  local -i i pos=0",
    "  local -a reply ids",
    "  # Walk the words before the cursor: subcommands, options and their values, positional arguments.",
    "  for ((i = 2; i < CURRENT; i++)); do",
    `    word=\${words[i]}`,
    `    if [[ -n $want ]]; then`,
    `      want=""`,
    "      continue",
    "    fi",
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
    "  done",
    `  if [[ -z $want && $cur == --*=* ]] && [[ -n $(${fn}_value "$cmd" "\${cur%%=*}") ]]; then`,
    `    want=\${cur%%=*}`,
    `    compset -P '*='`,
    "  fi",
    `  if [[ -n $want ]]; then`,
    `    kind=$(${fn}_value "$cmd" "$want")`,
    `  elif [[ $cur == -* ]]; then`,
    `    ${fn}_options "$cmd"`,
    `    _describe -t options option reply`,
    "    return",
    "  else",
    `    kind=$(${fn}_arg "$cmd" "$pos")`,
    "  fi",
    `  case "$kind" in`,
    "    routine)",
    `      ids=(\${(f)"$(${bin} list --ids 2>/dev/null)"})`,
    `      compadd -a ids`,
    "      ;;",
    "    file) _files ;;",
    "    commands\\ *)",
    `      ${fn}_commands "$cmd"`,
    `      _describe -t commands command reply`,
    "      ;;",
    `    choices\\ *) compadd -- \${=kind#choices } ;;`,
    "  esac",
    "}",
    "",
    `if [[ "\${funcstack[1]}" == "${fn}" ]]; then`,
    "  # Loaded from the fpath by compinit: this file is the function's body.",
    `  ${fn} "$@"`,
    "else",
    `  compdef ${fn} ${bin}`,
    "fi",
    "",
  ];
  return lines.join("\n");
}

// ---- fish ----

function fishScript(model: CommandSpec[], bin: string): string {
  const fn = `__${bin.replace(/[^A-Za-z0-9_]/g, "_")}`;
  const lines = [
    `# fish completion for ${bin}. Generated by \`${bin} completion fish\`; regenerate it after an upgrade.`,
    `# Install:  ${bin} completion fish > ~/.config/fish/completions/${bin}.fish`,
    "",
    `# Is $argv[2] a subcommand of the command path $argv[1]?`,
    `function ${fn}_sub`,
    `    switch "$argv[1]/$argv[2]"`,
  ];
  const subs = model.flatMap((spec) => spec.commands.map((c) => fq(`${key(spec)}/${c.name}`)));
  if (subs.length > 0) lines.push(`        case ${subs.join(" ")}`, "            return 0");
  lines.push("    end", "    return 1", "end", "");

  lines.push(`# What the value of option $argv[2] of command $argv[1] completes to; nothing when it takes no value.`);
  lines.push(`function ${fn}_value`, `    switch "$argv[1]/$argv[2]"`);
  for (const spec of model) {
    for (const option of spec.options) {
      if (!option.value) continue;
      lines.push(`        case ${option.flags.map((f) => fq(`${key(spec)}/${f}`)).join(" ")}`);
      lines.push(`            echo ${fq(kindWord(option.value))}`);
    }
  }
  lines.push("    end", "end", "");

  lines.push(`# What positional argument number $argv[2] (from 0) of command $argv[1] completes to.`);
  lines.push(`function ${fn}_arg`, `    switch "$argv[1]/$argv[2]"`);
  for (const spec of model) {
    if (spec.commands.length > 0) {
      lines.push(`        case ${fq(`${key(spec)}/0`)}`, `            echo commands`);
      continue;
    }
    spec.args.forEach((arg, index) => {
      if (!arg.variadic) lines.push(`        case ${fq(`${key(spec)}/${index}`)}`, `            echo ${fq(kindWord(arg.value))}`);
    });
    const variadic = spec.args[spec.args.length - 1];
    if (variadic?.variadic) lines.push(`        case ${fq(`${key(spec)}/`)}'*'`, `            echo ${fq(kindWord(variadic.value))}`);
  }
  lines.push("    end", "end", "");

  lines.push(`# Subcommands of command $argv[1], as name<tab>description.`, `function ${fn}_commands`, `    switch "$argv[1]"`);
  for (const spec of model.filter((s) => s.commands.length > 0)) {
    lines.push(`        case ${fq(key(spec))}`);
    for (const c of spec.commands) lines.push(`            printf '%s\\t%s\\n' ${fq(c.name)} ${fq(oneLine(c.description))}`);
  }
  lines.push("    end", "end", "");

  lines.push(`# Options of command $argv[1], as flag<tab>description.`, `function ${fn}_options`, `    switch "$argv[1]"`);
  for (const spec of model) {
    lines.push(`        case ${fq(key(spec))}`);
    for (const o of spec.options) {
      for (const f of o.flags) lines.push(`            printf '%s\\t%s\\n' ${fq(f)} ${fq(oneLine(o.description))}`);
    }
  }
  lines.push("    end", "end", "");

  lines.push(
    `function ${fn}_complete`,
    "    set -l tokens (commandline -opc)",
    "    set -l cur (commandline -ct)",
    '    set -l cmd ""',
    '    set -l want ""',
    "    set -l pos 0",
    "    # Walk the words before the cursor: subcommands, options and their values, positional arguments.",
    "    for word in $tokens[2..-1]",
    '        if test -n "$want"',
    '            set want ""',
    "            continue",
    "        end",
    "        switch $word",
    "            case '-*=*'",
    "            case '-*'",
    `                set -l value (${fn}_value "$cmd" $word)`,
    '                if test -n "$value"',
    "                    set want $word",
    "                end",
    "            case '*'",
    `                if test $pos -eq 0; and ${fn}_sub "$cmd" $word`,
    '                    if test -n "$cmd"',
    '                        set cmd "$cmd $word"',
    "                    else",
    "                        set cmd $word",
    "                    end",
    "                else",
    "                    set pos (math $pos + 1)",
    "                end",
    "        end",
    "    end",
    '    set -l prefix ""',
    "    if test -z \"$want\"; and string match -q -- '--*=*' $cur",
    "        set -l option (string split -m 1 = -- $cur)[1]",
    `        if test -n "$(${fn}_value "$cmd" $option)"`,
    "            set want $option",
    '            set prefix "$option="',
    "        end",
    "    end",
    "    set -l kind",
    '    if test -n "$want"',
    `        set kind (${fn}_value "$cmd" $want)`,
    "    else if string match -q -- '-*' $cur",
    `        ${fn}_options "$cmd"`,
    "        return",
    "    else",
    `        set kind (${fn}_arg "$cmd" $pos)`,
    "    end",
    "    set -l words (string split ' ' -- $kind)",
    "    switch $words[1]",
    "        case routine",
    `            for id in (${bin} list --ids 2>/dev/null)`,
    '                echo "$prefix$id"',
    "            end",
    "        case file",
    "            __fish_complete_path (string replace -- $prefix '' $cur)",
    "        case commands",
    `            ${fn}_commands "$cmd"`,
    "        case choices",
    "            for choice in $words[2..-1]",
    '                echo "$prefix$choice"',
    "            end",
    "    end",
    "end",
    "",
    `complete -c ${bin} -f -a '(${fn}_complete)'`,
    "",
  );
  return lines.join("\n");
}
