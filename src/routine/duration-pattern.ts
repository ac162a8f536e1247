// Regular expressions for "a duration between two limits", for the JSON Schema: an editor cannot add up 1h30m, so
// the limits are spelt out digit by digit. Each pattern accepts exactly the strings that parseDuration reads as a
// value within the limits, in any of its forms (`90`, `90s`, `1m30s`, `1m 30s`, `0h1m90s`, leading zeros included).

/** Alternatives matching the decimal digits, without leading zeros, of every whole number from `lo` to `hi`. */
function sameLength(lo: string, hi: string): string[] {
  if (lo.length === 0) return [""];
  if (lo === hi) return [lo];
  const rest = lo.length - 1;
  const a = Number(lo[0]);
  const b = Number(hi[0]);
  if (a === b) return sameLength(lo.slice(1), hi.slice(1)).map((p) => `${a}${p}`);
  const out: string[] = [];
  const lowTail = lo.slice(1);
  const highTail = hi.slice(1);
  let first = a;
  let last = b;
  if (lowTail !== "0".repeat(rest)) {
    out.push(...sameLength(lowTail, "9".repeat(rest)).map((p) => `${a}${p}`));
    first = a + 1;
  }
  let top: string[] = [];
  if (highTail !== "9".repeat(rest)) {
    top = sameLength("0".repeat(rest), highTail).map((p) => `${b}${p}`);
    last = b - 1;
  }
  if (first <= last) {
    const digit = first === last ? `${first}` : first === 0 && last === 9 ? "\\d" : `[${first}-${last}]`;
    out.push(`${digit}${rest === 0 ? "" : rest === 1 ? "\\d" : `\\d{${rest}}`}`);
  }
  return [...out, ...top];
}

/** A pattern (no anchors) for a whole number from `lo` to `hi` written in decimal, leading zeros allowed. */
export function numberRangePattern(lo: number, hi: number): string {
  if (lo > hi) throw new RangeError(`empty range ${lo}..${hi}`);
  const alternatives: string[] = [];
  for (let digits = String(lo).length; digits <= String(hi).length; digits++) {
    const from = Math.max(lo, digits === 1 ? 0 : 10 ** (digits - 1));
    const to = Math.min(hi, 10 ** digits - 1);
    if (from <= to) alternatives.push(...sameLength(String(from), String(to)));
  }
  const body = alternatives.length === 1 ? alternatives[0]! : `(?:${alternatives.join("|")})`;
  return `0*${body}`;
}

const UNIT = { h: "[hH]", m: "[mM]", s: "[sS]" } as const;

/** One part (`1h`, `30m`, `45s`) whose number is from `lo` to `hi`; optional when 0 is allowed. */
function part(unit: keyof typeof UNIT, lo: number, hi: number): string {
  if (hi === 0) return `(?:0+\\s*${UNIT[unit]}\\s*)?`;
  const written = `${numberRangePattern(lo, hi)}\\s*${UNIT[unit]}\\s*`;
  return lo === 0 ? `(?:${written})?` : written;
}

/**
 * An anchored pattern for a duration string (the form of DURATION_PATTERN) worth from `lo` to `hi` seconds: plain
 * seconds, or parts. Hours and minutes are spelt out one value at a time and seconds as a range, about one
 * alternative a minute of `hi`.
 */
export function durationRangePattern(lo: number, hi: number): string {
  const alternatives: string[] = [];
  for (let h = 0; h * 3600 <= hi; h++) {
    for (let m = 0; h * 3600 + m * 60 <= hi; m++) {
      const base = h * 3600 + m * 60;
      const sLow = Math.max(0, lo - base);
      const sHigh = hi - base;
      alternatives.push(`${part("h", h, h)}${part("m", m, m)}${part("s", sLow, sHigh)}`);
    }
  }
  const seconds = numberRangePattern(lo, hi);
  const compound = alternatives.length > 0 ? `|(?=\\d)(?:${alternatives.join("|")})` : "";
  return `^\\s*(?:${seconds}${compound})\\s*$`;
}
