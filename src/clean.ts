// Cleaning text that came from a file before it reaches a terminal. Kept apart from text.ts (widths, matching),
// and free of imports, because error messages need it and errors.ts is loaded by every command at start-up.

// Terminal escape sequences: CSI (ESC [ or the 8-bit CSI 0x9b), OSC/DCS/SOS/PM/APC strings ended by BEL or ST,
// and any other two-character ESC sequence. Removed whole so that no fragment of one reaches a terminal.
export const ESCAPE_SEQUENCE =
  /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[\u0020-\u002f]*[\u0030-\u007e]?/g;
const WHITESPACE_CONTROL = /[\t\n\v\f\r]/g;
// Every remaining C0 control, DEL and C1 control, and the bidirectional embeddings, overrides and isolates, which
// can make text read in another order than it is written ("Trojan Source"). The marks LRM and RLM are kept.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// What JSON.stringify leaves as it is but a terminal may act on: DEL, C1 controls and the bidirectional controls.
const JSON_UNSAFE = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from a routine file made safe to print: terminal escape sequences and control characters removed; tabs and
 * line breaks become spaces. Printable text, including any script or emoji, is kept as it is.
 */
export function cleanText(s: string): string {
  return s.replace(ESCAPE_SEQUENCE, "").replace(WHITESPACE_CONTROL, " ").replace(CONTROL, "");
}

/** Like cleanText, but keeps line breaks: for messages of several lines that may hold a file name or a value. */
export function cleanLines(s: string): string {
  return s.split("\n").map(cleanText).join("\n");
}

/** True when cleanText would remove something other than whitespace: an escape sequence or a control character. */
export function hasControls(s: string): boolean {
  return cleanText(s) !== s.replace(WHITESPACE_CONTROL, " ");
}

/**
 * JSON for `--json` output: JSON.stringify escapes C0 controls already; this escapes the C1 and bidirectional
 * controls too, so that the output holds no byte a terminal acts on. The value read back is the same.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
