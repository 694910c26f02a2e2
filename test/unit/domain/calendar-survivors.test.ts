import { describe, expect, it } from 'vitest';
import { calendar } from '../../helpers/records.ts';

/* A text that is no calendar date is no working date (issue 20: the mutation run found it unguarded). */

describe('isWorkingDate with a text that is no date', () => {
  it.each(['2026-02-30', '2026-13-01', 'next monday', ''])('%j is not worked', (text) => {
    expect(calendar.isWorkingDate(text)).toBe(false);
  });

  it('still works a real Monday and rests a real Sunday', () => {
    expect(calendar.isWorkingDate('2026-11-23')).toBe(true);
    expect(calendar.isWorkingDate('2026-11-22')).toBe(false);
  });
});
