import { describe, expect, it } from 'vitest';
import { asksToRunAgain, SCHEDULES } from '../../../shared/definitions/trigger-definitions.ts';

describe('run until done: the answer that asks for another run', () => {
  it.each([
    [
      { next: { schedule: 'quarterly-snapshot', scheduledTime: '2027-01-01T01:00:00.000Z', continues: 1 } },
      true,
    ],
    [{ period: '2026-Q4', feedback: 5, runs: 3 }, false],
    [{ next: null }, false],
    [{ next: 'again' }, false],
    [null, false],
    [undefined, false],
    ['next', false],
  ])('%j asks to run again: %s', (answer, expected) => {
    expect(asksToRunAgain(answer)).toBe(expected);
  });

  it('is how the three snapshot schedules run, and no other', () => {
    expect(SCHEDULES.filter((s) => s.runsUntilDone).map((s) => [s.name, s.function])).toEqual([
      ['quarterly-snapshot', 'quarterlySnapshot'],
      ['weekly-snapshot', 'quarterlySnapshot'],
      ['monthly-snapshot', 'quarterlySnapshot'],
    ]);
  });
});
