/**
 * Confidence intervals for campaign results (contract §11).
 *
 * A dimension's figure is the mean of respondents' scores on a 1–5 scale. Its 95 % interval is
 * the Student t interval `mean ± t(0.975, n − 1) · s / √n`: the population standard deviation is
 * unknown and samples are small (a campaign may get a few dozen answers), which is exactly where
 * the normal (z) interval is too narrow; for large n the two agree. Each respondent contributes
 * one score per dimension (the mean of their answers to its questions), because answers of one
 * person to related questions are not independent, while different respondents are. The interval
 * is clipped to the scale (a mean cannot leave [1, 5]) and is `null` below two responses, where no
 * spread can be estimated.
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/**
 * The Student t quantile `t(p, df)` (e.g. `t(0.975, 4)` = 2.7764), from stdlib's maintained
 * implementation (inverse regularized incomplete beta) rather than numerics of our own.
 * A `RangeError` outside p ∈ (0, 1) or for df ≤ 0, where the library would answer NaN.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) throw new RangeError('p must be in (0, 1) and df positive');
  return tQuantile(p, df);
}

export interface MeanWithInterval {
  average: number | null;
  responses: number;
  /** The 95 % Student t interval, clipped to `[min, max]`; null below two responses. */
  ci95: [number, number] | null;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * Mean of `scores` with its 95 % Student t interval (see the module comment for why), rounded
 * to `digits` and clipped to the scale `[min, max]`.
 */
export function meanWithCi95(
  scores: readonly number[],
  scale: { min: number; max: number } = { min: 1, max: 5 },
  digits = 2,
): MeanWithInterval {
  const n = scores.length;
  if (n === 0) return { average: null, responses: 0, ci95: null };
  const mean = scores.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { average: round(mean, digits), responses: n, ci95: null };
  const variance = scores.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (n - 1);
  const half = studentTQuantile(0.975, n - 1) * Math.sqrt(variance / n);
  return {
    average: round(mean, digits),
    responses: n,
    ci95: [round(Math.max(scale.min, mean - half), digits), round(Math.min(scale.max, mean + half), digits)],
  };
}
