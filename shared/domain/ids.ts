import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { monotonicFactory } from 'ulid';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const nextUlid = monotonicFactory();

/** A new feedback id: a ULID, so ids sort by creation time. */
export function newFeedbackId(now: Date): string {
  return nextUlid(now.getTime());
}

/**
 * The id a feedback gets when its channel sent an `Idempotency-Key`: derived from the
 * integration and the key, so a retry lands on the same item and one conditional write
 * detects it (no separate idempotency record).
 */
export function idempotentFeedbackId(integrationId: string, idempotencyKey: string): string {
  const digest = createHash('sha256').update(`${integrationId}\n${idempotencyKey}`).digest();
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 26) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length === 26) break;
  }
  return out;
}

/** A stable fingerprint of a request body, used to tell a retry from a reused key. */
export function requestFingerprint(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('base64url');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const TOKEN_SEPARATOR = '.';

/**
 * A customer-facing token: `<feedback id>.<secret>`. The id lets the lookup be one GetItem
 * (no index); the 192-bit secret is what proves the holder may see the feedback.
 */
export function newAccessToken(feedbackId: string): string {
  return `${feedbackId}${TOKEN_SEPARATOR}${randomBytes(24).toString('base64url')}`;
}

/** Splits a token into the id to read; `undefined` when it cannot be one of ours. */
export function feedbackIdFromToken(token: string): string | undefined {
  const at = token.indexOf(TOKEN_SEPARATOR);
  if (at < 1 || at > 64) return undefined;
  const id = token.slice(0, at);
  return /^[0-9A-Z]{26}$/.test(id) ? id : undefined;
}

/** Compares a presented token with the stored one in constant time. */
export function tokensMatch(presented: string, stored: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(stored);
  return a.length === b.length && timingSafeEqual(a, b);
}
