import type { Prompts, Settings } from "../deps.js";
import { SETTINGS, SETTING_KEYS, type SettingKey, type SettingSchema } from "../settings.js";
import { type SettingValue, allowedText, formatSetting, parseSetting } from "../settings-text.js";
import { cleanText, displayWidth, pad, truncate, wrap } from "../text.js";
import type { Theme } from "./theme.js";

const HEADERS = ["key", "value", "default", "description"] as const;

/**
 * Every setting as a table: key, value, default and description, fitted to `columns`; a value that differs from
 * its default stands out, and the description wraps rather than being cut. Pure.
 */
export function renderSettingsTable(settings: Settings, theme: Theme, columns = 80): string[] {
  const rows = SETTING_KEYS.map((key) => ({
    key,
    value: cleanText(formatSetting(key, settings[key])),
    fallback: formatSetting(key, SETTINGS[key].default),
    changed: settings[key] !== SETTINGS[key].default,
    description: SETTINGS[key].description,
  }));
  const width = (header: string, cells: string[], max: number) =>
    Math.min(max, Math.max(displayWidth(header), ...cells.map(displayWidth)));
  const keyW = width("key", rows.map((r) => r.key), 20);
  const valueW = width("value", rows.map((r) => r.value), 24);
  const defaultW = width("default", rows.map((r) => r.fallback), 12);
  const indent = keyW + valueW + defaultW + 3 * 2;
  // On a narrow terminal the descriptions go under their rows, indented, rather than past the right edge.
  const beside = columns - 1 - indent >= 24;
  const under = 4;
  const descriptionW = beside ? columns - 1 - indent : Math.max(16, columns - 1 - under);

  const headers = beside ? HEADERS : HEADERS.slice(0, 3);
  const lines = [
    theme.bold([pad(headers[0]!, keyW), pad(headers[1]!, valueW), pad(headers[2]!, defaultW), ...headers.slice(3)].join("  ").trimEnd()),
  ];
  for (const row of rows) {
    const value = pad(truncate(row.value, valueW), valueW);
    const described = wrap(row.description, descriptionW);
    const [first = "", ...rest] = beside ? described : ["", ...described];
    lines.push(
      [
        pad(row.key, keyW),
        row.changed ? theme.cyan(value) : value,
        theme.dim(pad(truncate(row.fallback, defaultW), defaultW)),
        first,
      ]
        .join("  ")
        .trimEnd(),
    );
    for (const more of rest) lines.push(`${" ".repeat(beside ? indent : under)}${beside ? more : theme.dim(more)}`);
  }
  return lines;
}

/** Asks for a new value of `key` with the prompt that fits it; the current value is the default. */
export async function askValue(key: SettingKey, current: SettingValue, prompts: Prompts): Promise<SettingValue> {
  const schema: SettingSchema = SETTINGS[key].schema;
  // The description was shown under the setting in the menu just before; the question stays one short line.
  const message = `New value for ${key}:`;
  if (schema.type === "boolean") {
    return prompts.select<boolean>({
      message,
      choices: [
        { value: true, name: "on" },
        { value: false, name: "off" },
      ],
      default: current as boolean,
    });
  }
  if (schema.enum) {
    // A select cannot tell null from "no default": choices carry their text form, parsed back after.
    const names = schema.enum.map((v) => (v === null ? "unset" : String(v)));
    const name = await prompts.select<string>({
      message,
      choices: names.map((n) => ({ value: n, name: n })),
      default: formatSetting(key, current),
    });
    const parsed = parseSetting(key, name);
    return "value" in parsed ? parsed.value : current;
  }
  const text = await prompts.input({
    message: `New value for ${key} (${allowedText(key)}):`,
    default: formatSetting(key, current),
    validate: (typed) => {
      const parsed = parseSetting(key, typed);
      return "problem" in parsed ? parsed.problem : true;
    },
  });
  const parsed = parseSetting(key, text);
  return "value" in parsed ? parsed.value : current;
}
