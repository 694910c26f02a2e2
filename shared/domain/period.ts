import { DomainError } from './errors.ts';
import {
  addDays,
  addMonthsToFirst,
  type CalendarDate,
  dateIn,
  instantOfWallTime,
  isoInstant,
  isoWeekOf,
  mondayOfIsoWeek,
} from './zoned-time.ts';

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
  const start = { year: period.year, month: (period.quarter - 1) * 3 + 1, day: 1 };
  return {
    from: isoInstant(instantOfWallTime(start, timeZone)),
    to: isoInstant(instantOfWallTime(addMonthsToFirst(start, 3), timeZone)),
  };
}

export function previousPeriod(period: Period): Period {
  return period.quarter === 1
    ? { year: period.year - 1, quarter: 4 }
    : { year: period.year, quarter: (period.quarter - 1) as Period['quarter'] };
}

/** The quarter containing `instant` in `timeZone`. */
export function periodContaining(instant: Date, timeZone: string): Period {
  const local = dateIn(instant.getTime(), timeZone);
  return { year: local.year, quarter: Math.ceil(local.month / 3) as Period['quarter'] };
}

/** The last quarter that ended at or before `instant` (what the 1 January 01:00 run computes). */
export function periodEndedBefore(instant: Date, timeZone: string): Period {
  return previousPeriod(periodContaining(instant, timeZone));
}

/** `YYYY-MM` UTC month partitions that overlap [from, to). */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  const start = new Date(from);
  const end = Date.parse(to);
  let cursor: CalendarDate = { year: start.getUTCFullYear(), month: start.getUTCMonth() + 1, day: 1 };
  while (Date.UTC(cursor.year, cursor.month - 1, 1) < end) {
    months.push(`${cursor.year}-${String(cursor.month).padStart(2, '0')}`);
    cursor = addMonthsToFirst(cursor, 1);
  }
  return months;
}

/**
 * A snapshot period (contract §2, §11): a quarter `2026-Q4`, a month `2026-11` or an ISO week
 * `2026-W48` (Monday to Sunday; week 1 holds the year's first Thursday).
 */
export type SnapshotPeriod =
  | { kind: 'quarter'; year: number; quarter: 1 | 2 | 3 | 4 }
  | { kind: 'month'; year: number; month: number }
  | { kind: 'week'; year: number; week: number };
export type PeriodKind = SnapshotPeriod['kind'];

const SNAPSHOT_PERIOD = /^(\d{4})-(?:Q([1-4])|(0[1-9]|1[0-2])|W(0[1-9]|[1-4]\d|5[0-3]))$/;

/** How many ISO weeks a week-numbering year has (52, or 53 when it starts or ends on a Thursday). */
export function isoWeeksIn(year: number): number {
  return isoWeekOf({ year, month: 12, day: 28 }).week;
}

/** Parses `2026-Q4`, `2026-11` or `2026-W48`; a `validation_error` for anything else (also `2025-W53`). */
export function parseSnapshotPeriod(text: string): SnapshotPeriod {
  const match = SNAPSHOT_PERIOD.exec(text);
  const year = Number(match?.[1]);
  if (match?.[2]) return { kind: 'quarter', year, quarter: Number(match[2]) as 1 | 2 | 3 | 4 };
  if (match?.[3]) return { kind: 'month', year, month: Number(match[3]) };
  if (match?.[4] && Number(match[4]) <= isoWeeksIn(year))
    return { kind: 'week', year, week: Number(match[4]) };
  throw new DomainError(
    'validation_error',
    'A period is a quarter (2026-Q4), a month (2026-11) or an ISO week (2026-W48).',
    [
      {
        path: 'period',
        message: match?.[4]
          ? `${year} has ${isoWeeksIn(year)} ISO weeks`
          : 'must look like 2026-Q4, 2026-11 or 2026-W48',
      },
    ],
  );
}

export function formatSnapshotPeriod(period: SnapshotPeriod): string {
  const two = (n: number) => String(n).padStart(2, '0');
  if (period.kind === 'quarter') return `${period.year}-Q${period.quarter}`;
  if (period.kind === 'month') return `${period.year}-${two(period.month)}`;
  return `${period.year}-W${two(period.week)}`;
}

function periodStart(period: SnapshotPeriod): CalendarDate {
  if (period.kind === 'week') return mondayOfIsoWeek(period.year, period.week);
  const month = period.kind === 'quarter' ? (period.quarter - 1) * 3 + 1 : period.month;
  return { year: period.year, month, day: 1 };
}

/** The period's first local midnight and the next period's, in `timeZone`, as UTC ISO (`to` exclusive). */
export function snapshotPeriodRange(period: SnapshotPeriod, timeZone: string): { from: string; to: string } {
  const start = periodStart(period);
  const next =
    period.kind === 'week' ? addDays(start, 7) : addMonthsToFirst(start, period.kind === 'month' ? 1 : 3);
  return {
    from: isoInstant(instantOfWallTime(start, timeZone)),
    to: isoInstant(instantOfWallTime(next, timeZone)),
  };
}

/** The period of the same kind containing `instant` in `timeZone`. */
export function snapshotPeriodContaining(instant: Date, kind: PeriodKind, timeZone: string): SnapshotPeriod {
  const local = dateIn(instant.getTime(), timeZone);
  if (kind === 'week') {
    const { weekYear, week } = isoWeekOf(local);
    return { kind, year: weekYear, week };
  }
  if (kind === 'month') return { kind, year: local.year, month: local.month };
  return { kind, year: local.year, quarter: Math.ceil(local.month / 3) as 1 | 2 | 3 | 4 };
}

/** The period of the same kind just before (week 1's is the previous year's last, 52 or 53). */
export function previousSnapshotPeriod(period: SnapshotPeriod): SnapshotPeriod {
  if (period.kind === 'quarter') return { kind: 'quarter', ...previousPeriod(period) };
  if (period.kind === 'month')
    return period.month === 1
      ? { kind: 'month', year: period.year - 1, month: 12 }
      : { kind: 'month', year: period.year, month: period.month - 1 };
  return period.week === 1
    ? { kind: 'week', year: period.year - 1, week: isoWeeksIn(period.year - 1) }
    : { kind: 'week', year: period.year, week: period.week - 1 };
}

/** The last period of `kind` that ended at or before `instant` (what a scheduled run computes). */
export function snapshotPeriodEndedBefore(instant: Date, kind: PeriodKind, timeZone: string): SnapshotPeriod {
  return previousSnapshotPeriod(snapshotPeriodContaining(instant, kind, timeZone));
}
