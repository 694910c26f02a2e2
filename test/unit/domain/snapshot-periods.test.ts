import { describe, expect, it } from 'vitest';
import {
  formatSnapshotPeriod,
  isoWeeksIn,
  monthsBetween,
  parsePeriod,
  parseSnapshotPeriod,
  previousSnapshotPeriod,
  snapshotPeriodEndedBefore,
  snapshotPeriodRange,
} from '../../../shared/domain/period.ts';

const SHANGHAI = 'Asia/Shanghai';

describe('snapshot periods: parsing', () => {
  it.each([
    ['2026-Q4', { kind: 'quarter', year: 2026, quarter: 4 }],
    ['2026-11', { kind: 'month', year: 2026, month: 11 }],
    ['2026-01', { kind: 'month', year: 2026, month: 1 }],
    ['2026-W48', { kind: 'week', year: 2026, week: 48 }],
    ['2026-W53', { kind: 'week', year: 2026, week: 53 }],
    ['2026-W01', { kind: 'week', year: 2026, week: 1 }],
  ])('reads %s', (text, expected) => {
    // Act
    const period = parseSnapshotPeriod(text);

    // Assess
    expect(period).toEqual(expected);
    expect(formatSnapshotPeriod(period)).toBe(text);
  });

  it.each([
    '2026-13',
    '2026-00',
    '2026-W54',
    '2026-W00',
    '2026-W5',
    '2026-Q5',
    '26-11',
    '2026-11-01',
    '',
  ])('refuses %j with a validation error naming the period', (text) => {
    expect(() => parseSnapshotPeriod(text)).toThrow(
      expect.objectContaining({
        code: 'validation_error',
        issues: [expect.objectContaining({ path: 'period' })],
      }),
    );
  });

  it('refuses week 53 of a year that has 52 ISO weeks, saying how many it has', () => {
    expect(() => parseSnapshotPeriod('2025-W53')).toThrow(
      expect.objectContaining({ issues: [{ path: 'period', message: '2025 has 52 ISO weeks' }] }),
    );
  });

  it('knows which years have 53 ISO weeks (starting or, in leap years, ending on a Thursday)', () => {
    expect([2020, 2021, 2025, 2026, 2027, 2032].map(isoWeeksIn)).toEqual([53, 52, 52, 53, 52, 53]);
  });
});

describe('snapshot periods: boundaries in the configured timezone', () => {
  it.each([
    // ISO week 53 of 2026 spans the year boundary: Monday 28 December to Sunday 3 January
    ['2026-W53', '2026-12-27T16:00:00.000Z', '2027-01-03T16:00:00.000Z'],
    ['2027-W01', '2027-01-03T16:00:00.000Z', '2027-01-10T16:00:00.000Z'],
    // 2026's week 1 starts in 2025 (Monday 29 December 2025)
    ['2026-W01', '2025-12-28T16:00:00.000Z', '2026-01-04T16:00:00.000Z'],
    ['2026-W48', '2026-11-22T16:00:00.000Z', '2026-11-29T16:00:00.000Z'],
    // Month ends: 28 days, a leap February, 30 and 31 days, and December into the next year
    ['2026-02', '2026-01-31T16:00:00.000Z', '2026-02-28T16:00:00.000Z'],
    ['2028-02', '2028-01-31T16:00:00.000Z', '2028-02-29T16:00:00.000Z'],
    ['2026-11', '2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z'],
    ['2026-12', '2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
    ['2026-Q4', '2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
  ])('%s in Asia/Shanghai is [%s, %s)', (text, from, to) => {
    expect(snapshotPeriodRange(parseSnapshotPeriod(text), SHANGHAI)).toEqual({ from, to });
  });

  it('follows a daylight-saving change: March 2026 in Berlin starts at UTC+1 and ends at UTC+2', () => {
    expect(snapshotPeriodRange(parseSnapshotPeriod('2026-03'), 'Europe/Berlin')).toEqual({
      from: '2026-02-28T23:00:00.000Z',
      to: '2026-03-31T22:00:00.000Z',
    });
  });

  it('reads a week only from the UTC month partitions it touches', () => {
    const { from, to } = snapshotPeriodRange(parseSnapshotPeriod('2026-W53'), SHANGHAI);
    expect(monthsBetween(from, to)).toEqual(['2026-12', '2027-01']);
    const month = snapshotPeriodRange(parseSnapshotPeriod('2026-11'), SHANGHAI);
    expect(monthsBetween(month.from, month.to)).toEqual(['2026-10', '2026-11']);
  });
});

describe('snapshot periods: previous and scheduled', () => {
  it.each([
    ['2027-W01', '2026-W53'],
    ['2026-W01', '2025-W52'],
    ['2026-W48', '2026-W47'],
    ['2027-01', '2026-12'],
    ['2026-11', '2026-10'],
    ['2026-Q1', '2025-Q4'],
  ])('before %s comes %s', (text, previous) => {
    expect(formatSnapshotPeriod(previousSnapshotPeriod(parseSnapshotPeriod(text)))).toBe(previous);
  });

  it.each([
    // Monday 01:00 in Shanghai: the ISO week that just ended
    ['2026-11-30T01:00:00+08:00', 'week', '2026-W48'],
    ['2027-01-04T01:00:00+08:00', 'week', '2026-W53'],
    ['2026-12-01T01:00:00+08:00', 'month', '2026-11'],
    ['2027-01-01T01:00:00+08:00', 'month', '2026-12'],
    // Still 30 November in UTC, already 1 December in Shanghai: the timezone decides
    ['2026-11-30T17:30:00Z', 'month', '2026-11'],
    ['2027-01-01T01:00:00+08:00', 'quarter', '2026-Q4'],
  ] as const)('a run at %s computes the %s %s', (instant, kind, expected) => {
    expect(formatSnapshotPeriod(snapshotPeriodEndedBefore(new Date(instant), kind, SHANGHAI))).toBe(expected);
  });
});

describe('snapshot periods: exact values and messages', () => {
  it.each([
    ['2027-W01', { kind: 'week', year: 2026, week: 53 }],
    ['2026-W48', { kind: 'week', year: 2026, week: 47 }],
    ['2027-01', { kind: 'month', year: 2026, month: 12 }],
    ['2026-Q1', { kind: 'quarter', year: 2025, quarter: 4 }],
  ])('the period before %s is %j', (text, expected) => {
    expect(previousSnapshotPeriod(parseSnapshotPeriod(text))).toEqual(expected);
  });

  it('explains a malformed period in the error and its issue', () => {
    expect(() => parseSnapshotPeriod('2026-13')).toThrow(
      expect.objectContaining({
        code: 'validation_error',
        message: 'A period is a quarter (2026-Q4), a month (2026-11) or an ISO week (2026-W48).',
        issues: [{ path: 'period', message: 'must look like 2026-Q4, 2026-11 or 2026-W48' }],
      }),
    );
  });

  it('explains a malformed quarter (plans take quarters only)', () => {
    expect(() => parsePeriod('2026-11')).toThrow(
      expect.objectContaining({
        code: 'validation_error',
        message: 'A period is a quarter such as 2026-Q4.',
        issues: [{ path: 'period', message: 'must look like 2026-Q4' }],
      }),
    );
  });

  it.each([
    // `to` on a month's first instant: that month is not touched
    ['2026-10-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z', ['2026-10', '2026-11']],
    // one millisecond into December: December is touched
    ['2026-10-01T00:00:00.000Z', '2026-12-01T00:00:00.001Z', ['2026-10', '2026-11', '2026-12']],
    // a Shanghai quarter starts on the last UTC day of the month before
    ['2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z', ['2026-09', '2026-10', '2026-11', '2026-12']],
  ])('lists the UTC months of [%s, %s) as %j', (from, to, months) => {
    expect(monthsBetween(from, to)).toEqual(months);
  });
});
