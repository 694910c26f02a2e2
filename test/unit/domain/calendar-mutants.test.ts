import { describe, expect, it } from 'vitest';
import { type CalendarConfig, calendarConfigSchema } from '../../../shared/config/stack-config.ts';
import { BusinessCalendar } from '../../../shared/domain/calendar.ts';

const H = 3_600_000;
const M = 60_000;
const calendar = (config: Partial<CalendarConfig>) =>
  new BusinessCalendar(calendarConfigSchema.parse(config));
const shanghai = calendar({});
// Working hours that do not start on the hour, Monday–Friday in Shanghai.
const halfPast = calendar({ workingHours: { start: '08:30', end: '17:45' } });
// Every day worked, in a zone with daylight-saving changes (both fall on Sundays in 2026).
const berlinEveryDay = calendar({ timezone: 'Europe/Berlin', workingDays: [1, 2, 3, 4, 5, 6, 7] });

describe('BusinessCalendar working hours', () => {
  it.each([
    ['09:00–18:00', shanghai, 9 * H],
    ['08:30–17:45', halfPast, 9 * H + 15 * M],
    ['09:45–18:15', calendar({ workingHours: { start: '09:45', end: '18:15' } }), 8 * H + 30 * M],
  ])('a working day of %s lasts its hours and minutes', (_, cal, expected) => {
    expect(cal.workingDayMs).toBe(expected);
  });

  it.each([
    ['before opening: the hour after 08:30', '2026-11-23T08:00:00+08:00', 1 * H, '2026-11-23T09:30:00+08:00'],
    [
      'over the night: 45 min on Monday, 15 on Tuesday',
      '2026-11-23T17:00:00+08:00',
      1 * H,
      '2026-11-24T08:45:00+08:00',
    ],
  ])('adds working time from %s', (_, start, ms, due) => {
    expect(halfPast.addWorkingTime(new Date(start), ms).toISOString()).toBe(new Date(due).toISOString());
  });

  it.each([
    ['Monday 18:00 (closing) → Tuesday 09:00', '2026-11-23T18:00:00+08:00', '2026-11-24T09:00:00+08:00'],
    ['Friday 18:00 (closing) → Monday 09:00', '2026-11-27T18:00:00+08:00', '2026-11-30T09:00:00+08:00'],
    ['Monday 09:00 (opening) → itself', '2026-11-23T09:00:00+08:00', '2026-11-23T09:00:00+08:00'],
  ])('no working time after %s', (_, start, due) => {
    expect(shanghai.addWorkingTime(new Date(start), 0).toISOString()).toBe(new Date(due).toISOString());
  });
});

describe('BusinessCalendar on daylight-saving change days (Europe/Berlin, every day worked)', () => {
  it.each([
    // Sun 2026-03-29: 02:00 CET becomes 03:00 CEST; the day is 09:00–18:00 CEST.
    ['spring: an hour from 08:00', '2026-03-29T08:00:00+02:00', 1 * H, '2026-03-29T10:00:00+02:00'],
    // Sun 2026-10-25: 03:00 CEST becomes 02:00 CET; the day is 09:00–18:00 CET.
    ['autumn: the whole day from 07:00', '2026-10-25T07:00:00+01:00', 9 * H, '2026-10-25T18:00:00+01:00'],
  ])('keeps the wall-clock hours (%s)', (_, start, ms, due) => {
    expect(berlinEveryDay.addWorkingTime(new Date(start), ms).toISOString()).toBe(
      new Date(due).toISOString(),
    );
  });

  it.each([
    ['spring, 09:00–10:00 CEST', '2026-03-29T09:00:00+02:00', '2026-03-29T10:00:00+02:00', 1 * H],
    ['spring, the whole 23-hour day', '2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00', 9 * H],
    ['autumn, 17:00–19:00 CET', '2026-10-25T17:00:00+01:00', '2026-10-25T19:00:00+01:00', 1 * H],
  ])('measures working time on the change day (%s)', (_, start, end, expected) => {
    expect(berlinEveryDay.workingTimeBetween(new Date(start), new Date(end))).toBe(expected);
  });
});

describe('BusinessCalendar limits', () => {
  // The schema refuses a calendar with no working weekday; the class still guards against it,
  // looking at most 3 × 366 = 1098 days ahead (day 0 is the start's own day).
  const onlyMakeUpDay = (date: string) =>
    new BusinessCalendar({
      timezone: 'UTC',
      workingDays: [],
      workingHours: { start: '09:00', end: '18:00' },
      holidays: [],
      makeUpWorkdays: [date],
    });
  const START = new Date('2026-01-01T00:00:00.000Z');

  it('finds working time on the last day it looks at (day 1097, 2029-01-02)', () => {
    expect(
      onlyMakeUpDay('2029-01-02')
        .addWorkingTime(START, 1 * H)
        .toISOString(),
    ).toBe('2029-01-02T10:00:00.000Z');
  });

  it('gives up one day later, naming the configuration as the cause', () => {
    expect(() => onlyMakeUpDay('2029-01-03').addWorkingTime(START, 1 * H)).toThrow(
      'No working time within three years: check the calendar configuration',
    );
  });

  it('measures working time across more than twelve years', () => {
    // 2026-01-01 to 2039-01-01 (UTC, every day worked 09:00–18:00): 4748 days of 9 hours.
    const everyDayUtc = calendar({ timezone: 'UTC', workingDays: [1, 2, 3, 4, 5, 6, 7] });
    expect(everyDayUtc.workingTimeBetween(START, new Date('2039-01-01T00:00:00.000Z'))).toBe(4748 * 9 * H);
  });
});
