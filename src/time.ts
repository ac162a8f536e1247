/** Local time with its UTC offset and milliseconds: 2026-11-25T08:01:02.345+01:00. */
export function localIso(date: Date): string {
  const pad = (n: number, width = 2) => String(Math.trunc(Math.abs(n))).padStart(width, "0");
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}` +
    `${sign}${pad(offset / 60)}:${pad(offset % 60)}`
  );
}

/** `14:05`: the hour and minute of `date` on the local clock. */
export function clockTime(date: Date): string {
  return `${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Calendar days
//
// A session belongs to the calendar day on the clock where it was recorded: the date part of its timestamp, whose
// offset is the one in force there and then. A session at 23:30 on the 31st stays on the 31st when the history
// is read after a trip or on a machine in another time zone. "Today" and "this week" are the process's own.
// Days are `YYYY-MM-DD` keys; arithmetic on them goes through day numbers (days since 1970-01-01 on the proleptic
// Gregorian calendar), which know nothing of time zones or daylight saving.

const DAY_MS = 24 * 60 * 60 * 1000;
const RECORDED = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/;

/** `YYYY-MM-DD` of the local calendar day of `date` in the process's time zone. */
export function dayKey(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Local midnight `days` calendar days after `date`'s day (a day of 23 or 25 hours is still one day). */
export function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

/** The day a timestamp was recorded on, `YYYY-MM-DD` (see above); null when the text is not a time at all. */
export function recordedDay(at: string): string | null {
  const m = RECORDED.exec(at);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? null : dayKey(date);
}

/** Minutes after midnight on the clock where a timestamp was recorded (0-1439); null when unknown. */
export function recordedMinutes(at: string): number | null {
  const m = RECORDED.exec(at);
  if (m) return Number(m[4]) * 60 + Number(m[5]);
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? null : date.getHours() * 60 + date.getMinutes();
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` key. */
export function dayNumber(key: string): number {
  const [y, m, d] = key.split("-").map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** The `YYYY-MM-DD` key of a day number. */
export function dayOfNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** The key `days` calendar days after `key`. */
export function shiftDay(key: string, days: number): string {
  return dayOfNumber(dayNumber(key) + days);
}

/** The Monday that starts the week (Monday to Sunday) holding `key`. */
export function mondayOf(key: string): string {
  const n = dayNumber(key);
  // 1970-01-01 was a Thursday: day 0 is weekday 3 counted from Monday.
  return dayOfNumber(n - ((((n + 3) % 7) + 7) % 7));
}

/** Weekday of a key, 0 for Monday to 6 for Sunday. */
export function weekdayOf(key: string): number {
  return (((dayNumber(key) + 3) % 7) + 7) % 7;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Whether `value` is a time as history keeps it: date, time and offset (2026-11-25T08:01:02.345+01:00), naming a
 * time that exists (no 30 February, 24:00 or +15:00). The reader and `history import` accept the same times, so
 * whatever `history --json` writes can be read back.
 */
export function isTimestamp(value: unknown): value is string {
  const m = typeof value === "string" ? TIMESTAMP.exec(value) : null;
  if (!m) return false;
  // Read for every line of the history: plain arithmetic, no Date and no second pattern.
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(Number(m[1]), month)) return false;
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) return false;
  const zone = m[8]!;
  return zone === "Z" || (Number(zone.slice(1, 3)) <= 14 && Number(zone.slice(4, 6)) <= 59);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (1-12) of the proleptic Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1]!;
}

const MONTH_NAMES = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

/** "2 December" for a day `YYYY-MM-DD`, as sentences say it. */
export function dayInWords(key: string): string {
  const [, month, date] = key.split("-").map(Number) as [number, number, number];
  return `${date} ${MONTH_NAMES[month - 1] ?? "?"}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Dates and times for people: the one format every screen, message and report uses

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/**
 * A day `YYYY-MM-DD` as "25 Nov", with the year when it is not `now`'s ("25 Nov 2025"), or always when `now` is
 * null (a report, read later). `weekday` puts the day of the week first: "Wed 25 Nov".
 */
export function formatDay(day: string, now: Date | null, options: { weekday?: boolean } = {}): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  const yearPart = now !== null && year === now.getFullYear() ? "" : ` ${year}`;
  const weekday = options.weekday ? `${WEEKDAYS[weekdayOf(day)]} ` : "";
  return `${weekday}${date} ${MONTHS[month - 1] ?? "?"}${yearPart}`;
}

/**
 * "Wed 25 Nov 08:01" (the year as {@link formatDay} says): a timestamp as written in the history, on the clock where
 * it was recorded (a session at 8 in the morning stays at 8 after a trip); a Date on this machine's clock.
 */
export function formatDateTime(at: string | Date, now: Date | null): string {
  if (typeof at !== "string") return `${formatDay(dayKey(at), now, { weekday: true })} ${clockTime(at)}`;
  const day = recordedDay(at);
  const minutes = recordedMinutes(at);
  if (day === null || minutes === null) return at;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${formatDay(day, now, { weekday: true })} ${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** Three-letter name of a month from 1: "Nov". */
export function monthName(month: number): string {
  return MONTHS[month - 1] ?? "?";
}
