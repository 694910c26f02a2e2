import { DateTime } from 'luxon';
import { DomainError } from './errors.ts';

/** A calendar quarter, e.g. `2026-Q4`. */
export interface Period {
  year: number;
  quarter: 1 | 2 | 3 | 4;
}

const PATTERN = /^(\d{4})-Q([1-4])$/;

/** Parses `2026-Q4`; a `validation_error` for anything else. */
export function parsePeriod(text: string): Period {
  const match = PATTERN.exec(text);
  if (!match) {
    throw new DomainError('validation_error', 'A period is a quarter such as 2026-Q4.', [
      { path: 'period', message: 'must look like 2026-Q4' },
    ]);
  }
  return { year: Number(match[1]), quarter: Number(match[2]) as Period['quarter'] };
}

export function formatPeriod(period: Period): string {
  return `${period.year}-Q${period.quarter}`;
}

/** The quarter's first instant and the next quarter's first instant, in `timeZone`, as UTC ISO. */
export function periodRange(period: Period, timeZone: string): { from: string; to: string } {
  const start = DateTime.fromObject(
    { year: period.year, month: (period.quarter - 1) * 3 + 1, day: 1 },
    { zone: timeZone },
  );
  return { from: start.toUTC().toISO() as string, to: start.plus({ months: 3 }).toUTC().toISO() as string };
}

export function previousPeriod(period: Period): Period {
  return period.quarter === 1
    ? { year: period.year - 1, quarter: 4 }
    : { year: period.year, quarter: (period.quarter - 1) as Period['quarter'] };
}

/** The quarter containing `instant` in `timeZone`. */
export function periodContaining(instant: Date, timeZone: string): Period {
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  return { year: local.year, quarter: Math.ceil(local.month / 3) as Period['quarter'] };
}

/** The last quarter that ended at or before `instant` (what the 1 January 01:00 run computes). */
export function periodEndedBefore(instant: Date, timeZone: string): Period {
  return previousPeriod(periodContaining(instant, timeZone));
}

/** `YYYY-MM` UTC month partitions that overlap [from, to). */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let cursor = DateTime.fromISO(from, { zone: 'utc' }).startOf('month');
  const end = DateTime.fromISO(to, { zone: 'utc' });
  while (cursor < end) {
    months.push(cursor.toFormat('yyyy-MM'));
    cursor = cursor.plus({ months: 1 });
  }
  return months;
}
