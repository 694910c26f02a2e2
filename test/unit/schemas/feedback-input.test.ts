import { describe, expect, it } from 'vitest';
import { feedbackInputSchema, idempotencyKeySchema } from '../../../shared/schemas/feedback-input.ts';

const base = { channel: 'web', text: 'hello' };

describe('feedbackInputSchema accepts what the contract allows', () => {
  it.each([
    ['the two required fields', base],
    ['every channel', { ...base, channel: 'in_person' }],
    ['5000 characters of CJK after trimming', { ...base, text: `  ${'好'.repeat(5000)}  ` }],
    ['5000 emoji (code points, not UTF-16 units)', { ...base, text: '😀'.repeat(5000) }],
    ['rating bounds', { ...base, ratings: { csat: 1, nps: 0, ces: 7 } }],
    [
      'every optional field',
      {
        ...base,
        language: 'zh-TW',
        customer: { id: 'c1', email: 'a@example.com', name: 'A', phone: '+86 138 0000 0000', segment: 'vip' },
        anonymous: false,
        consent: { contact: true },
        severity: 'critical',
        serviceType: 'counter',
        reference: 'r-1',
        occurredAt: '2026-11-24T09:30:00+08:00',
        metadata: { a: 'x', b: 1, c: true, d: null },
      },
    ],
  ])('%s', (_, input) => {
    expect(feedbackInputSchema.safeParse(input).success).toBe(true);
  });

  it('trims the text and canonicalises the language tag', () => {
    const parsed = feedbackInputSchema.parse({ ...base, text: '  hi  ', language: 'zh-tw' });
    expect(parsed.text).toBe('hi');
    expect(parsed.language).toBe('zh-TW');
  });
});

describe('feedbackInputSchema refuses what the contract refuses', () => {
  it.each([
    ['missing channel', { text: 'x' }, 'channel'],
    ['missing text', { channel: 'web' }, 'text'],
    ['unknown channel', { ...base, channel: 'fax' }, 'channel'],
    ['blank text', { ...base, text: '   ' }, 'text'],
    ['5001 characters', { ...base, text: 'a'.repeat(5001) }, 'text'],
    ['csat 0', { ...base, ratings: { csat: 0 } }, 'ratings.csat'],
    ['csat 6', { ...base, ratings: { csat: 6 } }, 'ratings.csat'],
    ['nps 11', { ...base, ratings: { nps: 11 } }, 'ratings.nps'],
    ['nps -1', { ...base, ratings: { nps: -1 } }, 'ratings.nps'],
    ['ces 8', { ...base, ratings: { ces: 8 } }, 'ratings.ces'],
    ['csat 4.5', { ...base, ratings: { csat: 4.5 } }, 'ratings.csat'],
    ['csat as a string', { ...base, ratings: { csat: '5' } }, 'ratings.csat'],
    ['unknown severity', { ...base, severity: 'urgent' }, 'severity'],
    ['bad email', { ...base, customer: { email: 'x@' } }, 'customer.email'],
    ['bad phone', { ...base, customer: { phone: 'call me' } }, 'customer.phone'],
    ['bad language', { ...base, language: '12' }, 'language'],
    ['occurredAt without offset', { ...base, occurredAt: '2026-11-24 09:30' }, 'occurredAt'],
    ['nested metadata', { ...base, metadata: { a: { b: 1 } } }, 'metadata.a'],
    ['metadata "constructor" key', { ...base, metadata: { constructor: 'x' } }, 'metadata.constructor'],
    [
      '21 metadata keys',
      { ...base, metadata: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i])) },
      'metadata',
    ],
    ['anonymous as a string', { ...base, anonymous: 'yes' }, 'anonymous'],
    ['consent without contact', { ...base, consent: {} }, 'consent.contact'],
  ])('%s', (_, input, path) => {
    const result = feedbackInputSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });

  it('refuses unknown top-level fields, including __proto__', () => {
    const result = feedbackInputSchema.safeParse(
      JSON.parse('{"channel":"web","text":"x","__proto__":{"admin":true}}'),
    );
    expect(result.success).toBe(false);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});

describe('idempotencyKeySchema', () => {
  it.each([
    ['a', true],
    ['x'.repeat(128), true],
    ['uuid-like-7f3c-11ef', true],
    ['with space', true],
    ['', false],
    ['x'.repeat(129), false],
    ['tab\tinside', false],
    ['中文', false],
  ])('%j → %s', (key, ok) => {
    expect(idempotencyKeySchema.safeParse(key).success).toBe(ok);
  });
});
