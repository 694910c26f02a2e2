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

/** ln Γ(x) by the Lanczos approximation (g = 7, n = 9), good to ~15 digits for x > 0. */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0] as number;
  const t = z + 7.5;
  for (let i = 1; i < 9; i += 1) a += (c[i] as number) / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the regularized incomplete beta (Lentz's method). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m += 1) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b). */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(a, b, x)) / a
    : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/**
 * The quantile of Student's t: the `t` with P(T ≤ t) = p, found by bisection on the CDF (monotone,
 * so bisection cannot fail; 200 halvings reach double precision).
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) throw new RangeError('p must be in (0, 1) and df positive');
  if (p === 0.5) return 0;
  let lo = -1;
  let hi = 1;
  while (studentTCdf(lo, df) > p) lo *= 2;
  while (studentTCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(hi)); i += 1) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
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
