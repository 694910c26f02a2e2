import { describe, expect, it } from 'vitest';
import {
  feedbackIdFromToken,
  idempotentFeedbackId,
  newAccessToken,
  newFeedbackId,
  requestFingerprint,
  tokensMatch,
} from '../../../shared/domain/ids.ts';

describe('feedback ids', () => {
  it('are 26-character Crockford ids that sort by creation time', () => {
    const a = newFeedbackId(new Date('2026-01-01T00:00:00Z'));
    const b = newFeedbackId(new Date('2026-01-01T00:00:01Z'));
    expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(a < b).toBe(true);
  });

  it('derive the same id from the same integration and key, and different ids otherwise', () => {
    const id = idempotentFeedbackId('integration-a', 'key-1');
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(idempotentFeedbackId('integration-a', 'key-1')).toBe(id);
    expect(idempotentFeedbackId('integration-b', 'key-1')).not.toBe(id);
    expect(idempotentFeedbackId('integration-a', 'key-2')).not.toBe(id);
  });
});

describe('request fingerprints', () => {
  it('ignore key order and undefined fields but see every value', () => {
    expect(requestFingerprint({ a: 1, b: { c: 2, d: [1, 2] } })).toBe(
      requestFingerprint({ b: { d: [1, 2], c: 2 }, a: 1, e: undefined }),
    );
    expect(requestFingerprint({ a: 1 })).not.toBe(requestFingerprint({ a: 2 }));
    expect(requestFingerprint({ a: [1, 2] })).not.toBe(requestFingerprint({ a: [2, 1] }));
  });
});

describe('access tokens', () => {
  it('carry the feedback id and a secret that must match exactly', () => {
    const id = newFeedbackId(new Date());
    const token = newAccessToken(id);
    expect(feedbackIdFromToken(token)).toBe(id);
    expect(tokensMatch(token, token)).toBe(true);
    expect(tokensMatch(`${token}x`, token)).toBe(false);
    expect(tokensMatch(newAccessToken(id), token)).toBe(false);
  });

  it.each(['', 'no-dot', '.secret', 'lowercase-id.secret', `${'A'.repeat(70)}.x`])('rejects %j', (token) => {
    expect(feedbackIdFromToken(token)).toBeUndefined();
  });
});
