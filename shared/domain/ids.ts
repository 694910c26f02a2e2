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
    while (
      // Stryker disable next-line EqualityOperator: `bits > 5` leaves a full group for the next byte, read the same there
      bits >= 5 &&
      out.length < 26
    ) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
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
    const record = value as Record<string, unknown>;
    // The default sort compares UTF-16 code units: the same order in every locale.
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
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
  // The 26 ULID characters before the first separator.
  return /^([0-9A-Z]{26})\./.exec(token)?.[1];
}

/** Compares a presented token with the stored one in constant time. */
export function tokensMatch(presented: string, stored: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(stored);
  return a.length === b.length && timingSafeEqual(a, b);
}
