import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../infra/local/token-bucket.ts';

describe('local route throttle', () => {
  it('allows the burst, refuses the next, and refills at the rate', () => {
    // Prepare
    let now = 1_000_000;
    const bucket = new TokenBucket({ rateLimit: 2, burstLimit: 3 }, () => now);

    // Act
    const burst = [bucket.take(), bucket.take(), bucket.take(), bucket.take()];
    now += 500;
    const afterHalfSecond = [bucket.take(), bucket.take()];

    // Assess
    expect(burst).toEqual([true, true, true, false]);
    expect(afterHalfSecond).toEqual([true, false]);
  });
});
