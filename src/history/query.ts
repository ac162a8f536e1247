import { UsageError } from "../errors.js";

/**
 * `--since`: a date `YYYY-MM-DD` (local midnight) or a span back from `now`: `30d` days, `12w` weeks.
 * Spans move by calendar days, so a daylight-saving change does not shift them by an hour.
 */
export function parseSince(text: string, now: Date): Date {
  const trimmed = text.trim();
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const midnight = new Date(year, month - 1, day);
    if (midnight.getFullYear() === year && midnight.getMonth() === month - 1 && midnight.getDate() === day) {
      return midnight;
    }
    throw new UsageError(`--since: there is no date ${trimmed}; use a real date such as 2026-11-01`);
  }
  const span = /^(\d{1,5})\s*([dw])$/i.exec(trimmed);
  if (span) {
    const count = Number(span[1]);
    if (count > 0) {
      const days = span[2]!.toLowerCase() === "w" ? count * 7 : count;
      const since = new Date(now.getTime());
      since.setDate(since.getDate() - days);
      return since;
    }
  }
  throw new UsageError(
    `--since takes a date or a span back from today, got ${JSON.stringify(text)}; for example --since 2026-11-01, --since 30d or --since 12w`,
  );
}

/** `--limit`: a whole number above 0. */
export function parseLimit(text: string): number {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) {
    const n = Number(trimmed);
    if (n > 0 && Number.isSafeInteger(n)) return n;
  }
  throw new UsageError(`--limit takes a whole number above 0, got ${JSON.stringify(text)}`);
}
