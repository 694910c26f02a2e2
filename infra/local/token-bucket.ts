/**
 * API Gateway's throttle as the local stack applies it: a token bucket of `burstLimit` tokens
 * refilled at `rateLimit` per second. The clock is passed in so tests control it.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly limits: { rateLimit: number; burstLimit: number },
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = limits.burstLimit;
    this.last = now();
  }

  /** Takes one token; false when the bucket is empty (the request is throttled). */
  take(): boolean {
    const at = this.now();
    this.tokens = Math.min(
      this.limits.burstLimit,
      this.tokens + ((at - this.last) / 1000) * this.limits.rateLimit,
    );
    this.last = at;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
