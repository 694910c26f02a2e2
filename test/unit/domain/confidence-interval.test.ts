import { describe, expect, it } from 'vitest';
import { meanWithCi95, studentTQuantile } from '../../../shared/domain/confidence-interval.ts';

describe('Student t quantile (values from a printed t table)', () => {
  it.each([
    [0.975, 1, 12.7062],
    [0.975, 3, 3.1824],
    [0.975, 10, 2.2281],
    [0.95, 5, 2.015],
    [0.5, 7, 0],
    [0.025, 4, -2.7764],
  ])('t(%f, %i) = %f', (p, df, expected) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(expected, 4);
  });

  it.each([
    [0, 4],
    [1, 4],
    [-0.1, 4],
    [0.975, 0],
    [0.975, -1],
    [Number.NaN, 4],
  ])('refuses p = %f with df = %f', (p, df) => {
    expect(() => studentTQuantile(p, df)).toThrow(new RangeError('p must be in (0, 1) and df positive'));
  });
});

describe('mean with its 95 % interval', () => {
  it('gives an interval from two responses on (the smallest sample with a spread), clipped to the scale', () => {
    // mean 4.5, s² = 0.5, half-width t(0.975, 1) · √(0.5 / 2) = 12.7062 · 0.5 = 6.35
    expect(meanWithCi95([4, 5])).toEqual({ average: 4.5, responses: 2, ci95: [1, 5] });
  });

  it('does not clip an interval inside the scale, and rounds to the digits asked', () => {
    // mean 3, s² = 2/3, half-width t(0.975, 3) · √(2/3 / 4) = 3.1824 · 0.40825 = 1.2992
    expect(meanWithCi95([2, 3, 3, 4])).toEqual({ average: 3, responses: 4, ci95: [1.7, 4.3] });
    expect(meanWithCi95([2, 3, 3, 4], { min: 1, max: 5 }, 3)).toEqual({
      average: 3,
      responses: 4,
      ci95: [1.701, 4.299],
    });
  });

  it('clips to another scale (NPS 0–10)', () => {
    // mean 9.5, s² = 1/3, half-width t(0.975, 3) · √(1/12) = 0.9187 → [8.58, 10.42] → upper clipped
    expect(meanWithCi95([9, 10, 10, 9], { min: 0, max: 10 })).toEqual({
      average: 9.5,
      responses: 4,
      ci95: [8.58, 10],
    });
  });
});
