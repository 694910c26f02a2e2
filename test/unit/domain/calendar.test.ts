import { describe, expect, it } from 'vitest';
import { type CalendarConfig, calendarConfigSchema } from '../../../shared/config/stack-config.ts';
import { BusinessCalendar } from '../../../shared/domain/calendar.ts';

const shanghai = new BusinessCalendar(
  calendarConfigSchema.parse({
    // 2026 National Day: Oct 1–7 off, Sat Oct 10 worked instead
    holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07', '2027-01-01'],
    makeUpWorkdays: ['2026-10-10'],
  }),
);
const berlin = new BusinessCalendar(
  calendarConfigSchema.parse({ timezone: 'Europe/Berlin' } satisfies Partial<CalendarConfig>),
);
const H = 3_600_000;

describe('BusinessCalendar.addWorkingDays (Asia/Shanghai, Mon–Fri 09:00–18:00)', () => {
  it.each([
    ['Mon 10:00 + 1 day → Tue 10:00', '2026-11-23T10:00:00+08:00', 1, '2026-11-24T10:00:00+08:00'],
    ['Mon 17:00 + 1 day → Tue 17:00', '2026-11-23T17:00:00+08:00', 1, '2026-11-24T17:00:00+08:00'],
    ['Mon 07:00 (before hours) + 1 → Mon 18:00', '2026-11-23T07:00:00+08:00', 1, '2026-11-23T18:00:00+08:00'],
    ['Mon 20:00 (after hours) + 1 → Tue 18:00', '2026-11-23T20:00:00+08:00', 1, '2026-11-24T18:00:00+08:00'],
    [
      'Fri 15:00 + 1 → Mon 15:00 (weekend skipped)',
      '2026-11-27T15:00:00+08:00',
      1,
      '2026-11-30T15:00:00+08:00',
    ],
    ['Sat 11:00 + 1 → Mon 18:00', '2026-11-28T11:00:00+08:00', 1, '2026-11-30T18:00:00+08:00'],
    ['Mon 10:00 + 5 → next Mon 10:00', '2026-11-23T10:00:00+08:00', 5, '2026-11-30T10:00:00+08:00'],
    ['Wed 10:00 + 3 → Mon 10:00', '2026-11-25T10:00:00+08:00', 3, '2026-11-30T10:00:00+08:00'],
    [
      'Sep 30 10:00 + 1 → Oct 8 10:00 (National Day)',
      '2026-09-30T10:00:00+08:00',
      1,
      '2026-10-08T10:00:00+08:00',
    ],
    [
      'Oct 9 (Fri) 10:00 + 1 → Sat Oct 10 10:00 (make-up day)',
      '2026-10-09T10:00:00+08:00',
      1,
      '2026-10-10T10:00:00+08:00',
    ],
    [
      'Dec 31 (Thu) 16:00 + 1 → Jan 4 (Mon) 16:00 (year boundary, New Year holiday)',
      '2026-12-31T16:00:00+08:00',
      1,
      '2027-01-04T16:00:00+08:00',
    ],
    ['zero days from inside hours is now', '2026-11-23T10:00:00+08:00', 0, '2026-11-23T10:00:00+08:00'],
  ])('%s', (_, start, days, due) => {
    expect(shanghai.addWorkingDays(new Date(start), days).toISOString()).toBe(new Date(due).toISOString());
  });
});

describe('BusinessCalendar across daylight-saving changes (Europe/Berlin)', () => {
  it.each([
    // CEST starts Sun 2026-03-29 02:00 → 03:00; CET returns Sun 2026-10-25 03:00 → 02:00
    [
      'Fri before spring change + 1 → Mon, same wall time (UTC+2)',
      '2026-03-27T10:00:00+01:00',
      1,
      '2026-03-30T10:00:00+02:00',
    ],
    [
      'Fri before autumn change + 1 → Mon, same wall time (UTC+1)',
      '2026-10-23T10:00:00+02:00',
      1,
      '2026-10-26T10:00:00+01:00',
    ],
    ['Thu 17:30 + 1 day over the year boundary', '2026-12-31T17:30:00+01:00', 1, '2027-01-01T17:30:00+01:00'],
  ])('%s', (_, start, days, due) => {
    expect(berlin.addWorkingDays(new Date(start), days).toISOString()).toBe(new Date(due).toISOString());
  });
});

describe('BusinessCalendar.workingTimeBetween', () => {
  it.each([
    ['within one day', '2026-11-23T10:00:00+08:00', '2026-11-23T12:30:00+08:00', 2.5 * H],
    ['across a night', '2026-11-23T17:00:00+08:00', '2026-11-24T10:00:00+08:00', 2 * H],
    ['over a weekend', '2026-11-27T17:00:00+08:00', '2026-11-30T09:30:00+08:00', 1.5 * H],
    ['entirely on a holiday', '2026-10-01T10:00:00+08:00', '2026-10-01T15:00:00+08:00', 0],
    ['end before start', '2026-11-24T10:00:00+08:00', '2026-11-23T10:00:00+08:00', 0],
    ['one full week', '2026-11-23T00:00:00+08:00', '2026-11-30T00:00:00+08:00', 45 * H],
  ])('%s', (_, start, end, expected) => {
    expect(shanghai.workingTimeBetween(new Date(start), new Date(end))).toBe(expected);
  });

  it('inverts addWorkingTime', () => {
    const start = new Date('2026-11-26T16:20:00+08:00');
    for (const hours of [0.5, 3, 9, 17, 40]) {
      const due = shanghai.addWorkingTime(start, hours * H);
      expect(shanghai.workingTimeBetween(start, due)).toBe(hours * H);
    }
  });
});
