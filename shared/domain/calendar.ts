import type { CalendarConfig } from '../config/stack-config.ts';
import {
  addDays,
  type CalendarDate,
  dateIn,
  formatIsoDate,
  instantOfWallTime,
  isoWeekday,
  parseIsoDate,
} from './zoned-time.ts';

const DAY_LIMIT = 3 * 366; // no deadline lies more than three years of calendar ahead

interface Clock {
  hour: number;
  minute: number;
}

function clockOf(clock: string): Clock {
  const [hour, minute] = clock.split(':').map(Number) as [number, number];
  return { hour, minute };
}

/**
 * Working-time arithmetic on a configured calendar: a timezone, working weekdays and hours,
 * holidays, and make-up working days (e.g. China's adjusted weekends). Pure: every answer
 * depends only on the configuration and the instants given.
 */
export class BusinessCalendar {
  readonly #zone: string;
  readonly #workingDays: ReadonlySet<number>;
  readonly #holidays: ReadonlySet<string>;
  readonly #makeUpDays: ReadonlySet<string>;
  readonly #start: Clock;
  readonly #end: Clock;

  constructor(config: CalendarConfig) {
    this.#zone = config.timezone;
    this.#workingDays = new Set(config.workingDays);
    this.#holidays = new Set(config.holidays);
    this.#makeUpDays = new Set(config.makeUpWorkdays);
    this.#start = clockOf(config.workingHours.start);
    this.#end = clockOf(config.workingHours.end);
  }

  /** Length of one working day, in milliseconds (09:00–18:00 → 9 h). */
  get workingDayMs(): number {
    const minutes = (this.#end.hour - this.#start.hour) * 60 + this.#end.minute - this.#start.minute;
    return minutes * 60_000;
  }

  /** Whether a calendar date (`YYYY-MM-DD` in the calendar's zone) is worked. */
  isWorkingDate(isoDate: string): boolean {
    if (this.#makeUpDays.has(isoDate)) return true;
    if (this.#holidays.has(isoDate)) return false;
    // A calendar date falls on the same weekday in every zone.
    const date = parseIsoDate(isoDate);
    return date !== undefined && this.#workingDays.has(isoWeekday(date));
  }

  /** The instant `ms` of working time after `start` (working hours only, on working days). */
  addWorkingTime(start: Date, ms: number): Date {
    let remaining = Math.max(0, ms);
    let day = dateIn(start.getTime(), this.#zone);
    const from = start.getTime();
    for (let i = 0; i < DAY_LIMIT; i += 1) {
      const window = this.#workingWindow(day);
      if (window) {
        const open = Math.max(window.open, from);
        if (open < window.close) {
          const available = window.close - open;
          if (remaining <= available) return new Date(open + remaining);
          remaining -= available;
        }
      }
      day = addDays(day, 1);
    }
    throw new Error('No working time within three years: check the calendar configuration');
  }

  /** The deadline `days` working days after `start` (a working day = one day's working hours). */
  addWorkingDays(start: Date, days: number): Date {
    return this.addWorkingTime(start, days * this.workingDayMs);
  }

  /** Working time between two instants, in milliseconds (0 when `end` is not after `start`). */
  workingTimeBetween(start: Date, end: Date): number {
    const from = start.getTime();
    const to = end.getTime();
    let total = 0;
    let day = dateIn(from, this.#zone);
    // Days after `end` add nothing (each window is clipped to it), so the bound is only when to stop.
    // Stryker disable next-line EqualityOperator: a day starting exactly at `end` adds max(0, end − open) = 0
    while (instantOfWallTime(day, this.#zone) < to) {
      const window = this.#workingWindow(day);
      if (window) total += Math.max(0, Math.min(window.close, to) - Math.max(window.open, from));
      day = addDays(day, 1);
    }
    return total;
  }

  /** The working window of a local day as epoch milliseconds, or undefined on a day off. */
  #workingWindow(day: CalendarDate): { open: number; close: number } | undefined {
    if (!this.isWorkingDate(formatIsoDate(day))) return undefined;
    // Wall-clock times: on a daylight-saving change day, 09:00 is still 09:00 local time.
    return {
      open: instantOfWallTime(day, this.#zone, this.#start.hour, this.#start.minute),
      close: instantOfWallTime(day, this.#zone, this.#end.hour, this.#end.minute),
    };
  }
}
