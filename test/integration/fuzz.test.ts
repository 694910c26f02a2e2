import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { api, countStoredItems, submit } from '../helpers/local-api.ts';

/**
 * Property-based fuzzing of every route a channel or the public can reach: whatever arrives,
 * the answer is never a 5xx, every refusal carries the contract's error body, and a refused
 * submission stores nothing.
 */
const RUNS = 150;

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    '\u0000',
    '\u202e',
    '\ud800',
    '💥'.repeat(3000),
    'a'.repeat(5001),
  ),
);
const jsonValue = fc.oneof(
  fc.jsonValue({ maxDepth: 6 }),
  fc.record(
    { channel: fc.oneof(fc.constantFrom('web', 'app', 'fax'), nasty), text: fc.oneof(nasty, fc.integer()) },
    { requiredKeys: [] },
  ),
  fc.dictionary(nasty, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }),
);
const rawBody = fc.oneof(
  jsonValue.map((v) => JSON.stringify(v) ?? 'null'),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '{"channel":"web","text":"x","__proto__":{"a":1}}',
    `${'['.repeat(50_000)}`,
    '{"channel":"web","text":"\\ud800"}',
  ),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  '',
  'application/vnd.x+json',
);
const token = fc
  .oneof(fc.string(), nasty, fc.constant('01AAAAAAAAAAAAAAAAAAAAAAAA.secret'))
  .map((t) => encodeURIComponent(t.toWellFormed()));

type Answer = Awaited<ReturnType<typeof api<{ error?: { code?: unknown; message?: unknown } }>>>;

function assertSafe(answer: Answer) {
  expect(answer.status).toBeLessThan(500);
  if (answer.status >= 400) {
    expect(typeof answer.body.error?.code).toBe('string');
    expect(typeof answer.body.error?.message).toBe('string');
  }
}

describe('fuzzing the channel and public routes', () => {
  it('POST /v1/feedback: never 5xx, always the error body, nothing stored when refused', async () => {
    await fc.assert(
      fc.asyncProperty(
        rawBody,
        contentType,
        fc.option(fc.string({ maxLength: 200 })),
        async (body, type, key) => {
          const before = await countStoredItems();
          const headers: Record<string, string> = {};
          if (type) headers['content-type'] = type;
          if (key !== null) headers['Idempotency-Key'] = key.replace(/[^\x20-\x7e]/g, '');
          const answer = await api('/v1/feedback', { as: 'channel', rawBody: body, headers });
          assertSafe(answer);
          if (answer.status >= 400) expect(await countStoredItems()).toBe(before);
        },
      ),
      { numRuns: RUNS },
    );
  }, 300_000);

  it('GET /v1/track/{token}: never 5xx, never personal data', async () => {
    await submit({ channel: 'web', text: 'fuzz target', customer: { email: 'fuzz-target@example.com' } });
    await fc.assert(
      fc.asyncProperty(token, async (t) => {
        const answer = await api(`/v1/track/${t}`);
        assertSafe(answer);
        expect(JSON.stringify(answer.body)).not.toContain('fuzz-target@example.com');
      }),
      { numRuns: RUNS },
    );
  });

  it('GET and POST /v1/survey/{token}: never 5xx, refusals with the error body', async () => {
    await fc.assert(
      fc.asyncProperty(token, rawBody, contentType, async (t, body, type) => {
        assertSafe((await api(`/v1/survey/${t}`)) as Answer);
        const answer = await api(`/v1/survey/${t}`, {
          method: 'POST',
          rawBody: body,
          headers: type ? { 'content-type': type } : {},
        });
        assertSafe(answer);
      }),
      { numRuns: RUNS },
    );
  });

  it('unknown routes and methods: never 5xx, every refusal with the error body', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.webPath(),
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
        async (path, method) => {
          const answer = await api<{ error?: { code?: unknown; message?: unknown } }>(
            path.startsWith('/') ? path : `/${path}`,
            { method },
          );
          expect(answer.status).toBeLessThan(500);
          if (answer.status >= 400) {
            expect(typeof answer.body.error?.code).toBe('string');
            expect(typeof answer.body.error?.message).toBe('string');
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});
