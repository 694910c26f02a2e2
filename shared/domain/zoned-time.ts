/**
 * The little zoned-time arithmetic the calendars need, on the platform's own time-zone database
 * (`Intl.DateTimeFormat`): wall-clock fields of an instant in a zone, the instant of a local wall
 * time, and ISO calendar dates and weeks. It replaces Luxon, whose load alone cost each function
 * that computes a calendar ~20 ms of cold init (`npm run bench:init-parts`).
 */

const DAY_MS = 86_400_000;

/** A calendar date: year, month 1-12, day 1-31. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** Wall-clock fields of an instant in a zone. */
export interface WallTime extends CalendarDate {
  hour: number;
  minute: number;
  second: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatOf(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, format);
  }
  return format;
}

/** The wall-clock fields of `ms` (epoch milliseconds) in `zone`. */
export function wallTime(ms: number, zone: string): WallTime {
  const fields: Record<string, number> = {};
  for (const part of formatOf(zone).formatToParts(ms)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? Number.NaN,
    month: fields.month ?? Number.NaN,
    day: fields.day ?? Number.NaN,
    hour: fields.hour ?? 0,
    minute: fields.minute ?? 0,
    second: fields.second ?? 0,
  };
}

/** The zone's offset from UTC at `ms`, in milliseconds. */
function offsetAt(ms: number, zone: string): number {
  const w = wallTime(ms, zone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant a local wall time names in `zone`. A time skipped by a daylight-saving jump moves
 * forward by the jump; a repeated time is its first occurrence (Temporal's "compatible" choice).
 */
export function instantOfWallTime(date: CalendarDate, zone: string, hour = 0, minute = 0): number {
  const local = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  const before = local - offsetAt(local - DAY_MS, zone);
  const after = local - offsetAt(local + DAY_MS, zone);
  const valid = [before, after].filter((instant) => local - instant === offsetAt(instant, zone));
  return valid.length > 0 ? Math.min(...valid) : before;
}

/** Whether year, month and day name a real date (no 30 February). */
export function isCalendarDate(date: CalendarDate): boolean {
  const at = new Date(Date.UTC(date.year, date.month - 1, date.day));
  return (
    at.getUTCFullYear() === date.year && at.getUTCMonth() === date.month - 1 && at.getUTCDate() === date.day
  );
}

/** `YYYY-MM-DD` → its date, or undefined when it is not one. */
export function parseIsoDate(text: string): CalendarDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isCalendarDate(date) ? date : undefined;
}

const two = (n: number) => String(n).padStart(2, '0');

/** The date as `YYYY-MM-DD`. */
export function formatIsoDate(date: CalendarDate): string {
  return `${String(date.year).padStart(4, '0')}-${two(date.month)}-${two(date.day)}`;
}

/** The date `days` calendar days after `date` (negative: before). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const at = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate() };
}

/** The first day of the month `months` after the month of `date`. */
export function addMonthsToFirst(date: CalendarDate, months: number): CalendarDate {
  const at = new Date(Date.UTC(date.year, date.month - 1 + months, 1));
  return { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: 1 };
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: CalendarDate): number {
  return ((new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7) + 1;
}

/** The ISO week a date is in: week 1 holds the year's first Thursday. */
export function isoWeekOf(date: CalendarDate): { weekYear: number; week: number } {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const dayOfYear =
    (Date.UTC(thursday.year, thursday.month - 1, thursday.day) - Date.UTC(thursday.year, 0, 1)) / DAY_MS;
  return { weekYear: thursday.year, week: Math.floor(dayOfYear / 7) + 1 };
}

/** The Monday of ISO week `week` of `weekYear`. */
export function mondayOfIsoWeek(weekYear: number, week: number): CalendarDate {
  const fourth = { year: weekYear, month: 1, day: 4 };
  return addDays(fourth, (week - 1) * 7 - (isoWeekday(fourth) - 1));
}

/** The calendar date `ms` falls on in `zone`. */
export function dateIn(ms: number, zone: string): CalendarDate {
  const { year, month, day } = wallTime(ms, zone);
  return { year, month, day };
}

/** An instant as UTC ISO with milliseconds (`2026-09-30T16:00:00.000Z`). */
export function isoInstant(ms: number): string {
  return new Date(ms).toISOString();
}
