import { describe, expect, it } from 'vitest';
import {
  addDays,
  dateIn,
  instantOfWallTime,
  isoWeekOf,
  mondayOfIsoWeek,
  parseIsoDate,
  wallTime,
} from '../../../shared/domain/zoned-time.ts';

const at = (iso: string) => new Date(iso).getTime();
const iso = (ms: number) => new Date(ms).toISOString();

describe('zoned time on the platform time-zone database', () => {
  it('reads wall-clock fields in a zone, half-hour offsets included', () => {
    // Act
    const shanghai = wallTime(at('2026-12-31T16:30:05Z'), 'Asia/Shanghai');
    const kolkata = wallTime(at('2026-03-01T00:00:00Z'), 'Asia/Kolkata');

    // Assess
    expect(shanghai).toEqual({ year: 2027, month: 1, day: 1, hour: 0, minute: 30, second: 5 });
    expect(kolkata).toEqual({ year: 2026, month: 3, day: 1, hour: 5, minute: 30, second: 0 });
  });

  it('finds the instant of a local midnight, before and after a daylight-saving change', () => {
    expect(iso(instantOfWallTime({ year: 2026, month: 10, day: 1 }, 'Asia/Shanghai'))).toBe(
      '2026-09-30T16:00:00.000Z',
    );
    expect(iso(instantOfWallTime({ year: 2026, month: 3, day: 29 }, 'Europe/Berlin'))).toBe(
      '2026-03-28T23:00:00.000Z',
    );
    expect(iso(instantOfWallTime({ year: 2026, month: 3, day: 30 }, 'Europe/Berlin'))).toBe(
      '2026-03-29T22:00:00.000Z',
    );
  });

  it('moves a skipped time forward by the jump and takes the first of a repeated one', () => {
    // 2026-03-29 02:30 does not exist in Berlin (02:00 → 03:00); 2026-10-25 02:30 happens twice.
    expect(iso(instantOfWallTime({ year: 2026, month: 3, day: 29 }, 'Europe/Berlin', 2, 30))).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(iso(instantOfWallTime({ year: 2026, month: 10, day: 25 }, 'Europe/Berlin', 2, 30))).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });

  it('does date arithmetic and ISO weeks by the calendar', () => {
    expect(addDays({ year: 2026, month: 2, day: 27 }, 2)).toEqual({ year: 2026, month: 3, day: 1 });
    expect(parseIsoDate('2026-02-29')).toBeUndefined();
    expect(parseIsoDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(isoWeekOf({ year: 2027, month: 1, day: 1 })).toEqual({ weekYear: 2026, week: 53 });
    expect(isoWeekOf({ year: 2026, month: 11, day: 23 })).toEqual({ weekYear: 2026, week: 48 });
    expect(mondayOfIsoWeek(2026, 1)).toEqual({ year: 2025, month: 12, day: 29 });
    expect(dateIn(at('2026-11-23T16:00:00Z'), 'Asia/Shanghai')).toEqual({ year: 2026, month: 11, day: 24 });
  });
});
