import { describe, expect, it } from 'vitest';
import { api, countStoredItems } from '../helpers/local-api.ts';

const valid = { channel: 'web', text: 'hello' };

interface Refusal {
  name: string;
  call: Parameters<typeof api>[1];
  status: number;
  code: string;
  issuePath?: string;
}

const refusals: Refusal[] = [
  {
    name: 'malformed JSON',
    call: { as: 'channel', rawBody: '{"channel":', headers: { 'content-type': 'application/json' } },
    status: 400,
    code: 'malformed_json',
  },
  { name: 'a JSON array', call: { as: 'channel', body: [valid] }, status: 400, code: 'validation_error' },
  {
    name: 'wrong type',
    call: { as: 'channel', body: { channel: 'web', text: 42 } },
    status: 400,
    code: 'validation_error',
    issuePath: 'text',
  },
  {
    name: 'unknown channel',
    call: { as: 'channel', body: { channel: 'fax', text: 'x' } },
    status: 400,
    code: 'validation_error',
    issuePath: 'channel',
  },
  {
    name: 'blank text',
    call: { as: 'channel', body: { channel: 'web', text: ' \n\t ' } },
    status: 400,
    code: 'validation_error',
    issuePath: 'text',
  },
  {
    name: 'text over 5000 characters',
    call: { as: 'channel', body: { channel: 'web', text: '好'.repeat(5001) } },
    status: 400,
    code: 'validation_error',
    issuePath: 'text',
  },
  {
    name: 'csat out of range',
    call: { as: 'channel', body: { ...valid, ratings: { csat: 6 } } },
    status: 400,
    code: 'validation_error',
    issuePath: 'ratings.csat',
  },
  {
    name: 'nps not an integer',
    call: { as: 'channel', body: { ...valid, ratings: { nps: 7.5 } } },
    status: 400,
    code: 'validation_error',
    issuePath: 'ratings.nps',
  },
  {
    name: 'ces out of range',
    call: { as: 'channel', body: { ...valid, ratings: { ces: 0 } } },
    status: 400,
    code: 'validation_error',
    issuePath: 'ratings.ces',
  },
  {
    name: 'bad email',
    call: { as: 'channel', body: { ...valid, customer: { email: 'not-an-email' } } },
    status: 400,
    code: 'validation_error',
    issuePath: 'customer.email',
  },
  {
    name: 'bad language tag',
    call: { as: 'channel', body: { ...valid, language: 'not a tag' } },
    status: 400,
    code: 'validation_error',
    issuePath: 'language',
  },
  {
    name: 'nested metadata',
    call: { as: 'channel', body: { ...valid, metadata: { a: { b: 1 } } } },
    status: 400,
    code: 'validation_error',
    issuePath: 'metadata.a',
  },
  {
    name: 'prototype-pollution key',
    call: {
      as: 'channel',
      rawBody: '{"channel":"web","text":"x","__proto__":{"polluted":true}}',
      headers: { 'content-type': 'application/json' },
    },
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'nested prototype-pollution key',
    call: {
      as: 'channel',
      rawBody: '{"channel":"web","text":"x","metadata":{"__proto__":"x"}}',
      headers: { 'content-type': 'application/json' },
    },
    status: 400,
    code: 'validation_error',
    issuePath: '__proto__',
  },
  {
    name: 'deeply nested JSON',
    call: {
      as: 'channel',
      rawBody: `{"channel":"web","text":"x","metadata":{"a":${'['.repeat(20_000)}${']'.repeat(20_000)}}}`,
      headers: { 'content-type': 'application/json' },
    },
    status: 400,
    code: 'validation_error',
    issuePath: '(body)',
  },
  {
    name: 'body over 64 KiB',
    call: { as: 'channel', body: { channel: 'web', text: 'a'.repeat(70_000) } },
    status: 413,
    code: 'payload_too_large',
  },
  {
    name: 'wrong content type',
    call: { as: 'channel', rawBody: JSON.stringify(valid), headers: { 'content-type': 'text/plain' } },
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'invalid UTF-8',
    call: {
      as: 'channel',
      rawBody: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      headers: { 'content-type': 'application/json' },
    },
    status: 400,
    code: 'malformed_json',
  },
  {
    name: 'bad Idempotency-Key',
    call: { as: 'channel', body: valid, headers: { 'Idempotency-Key': 'x'.repeat(129) } },
    status: 400,
    code: 'validation_error',
    issuePath: 'Idempotency-Key',
  },
  { name: 'missing API key', call: { body: valid }, status: 403, code: 'forbidden' },
  {
    name: 'wrong API key',
    call: { body: valid, headers: { 'x-api-key': 'stolen' } },
    status: 403,
    code: 'forbidden',
  },
];

describe('POST /v1/feedback refuses bad input with the contract error body and stores nothing', () => {
  it.each(refusals)('$name → $status $code', async ({ call, status, code, issuePath }) => {
    const before = await countStoredItems();

    const answer = await api<{ error: { code: string; message: string; issues?: { path: string }[] } }>(
      '/v1/feedback',
      {
        method: 'POST',
        ...call,
      },
    );

    expect(answer.status).toBe(status);
    expect(answer.body.error.code).toBe(code);
    expect(answer.body.error.message).toEqual(expect.any(String));
    expect(JSON.stringify(answer.body)).not.toMatch(/at \w+ \(|node_modules|Exception/);
    if (issuePath) expect(answer.body.error.issues?.map((i) => i.path)).toContain(issuePath);
    expect(await countStoredItems()).toBe(before);
  });
});

describe('staff and public routes refuse what they should', () => {
  it.each<{ name: string; headers: Record<string, string>; status: number }>([
    { name: 'no token', headers: {}, status: 401 },
    { name: 'wrong token', headers: { authorization: 'Bearer nope' }, status: 401 },
    { name: 'channel key instead of staff token', headers: { 'x-api-key': 'integration-key' }, status: 401 },
  ])('staff list with $name → $status', async ({ headers, status }) => {
    const answer = await api('/v1/feedback', { headers });
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it.each([
    '/v1/feedback?limit=0',
    '/v1/feedback?limit=101',
    '/v1/feedback?status=pending',
    '/v1/feedback?priority=P9',
    '/v1/feedback?cursor=not-a-cursor',
    '/v1/feedback?surprise=1',
  ])('GET %s → 400', async (path) => {
    const answer = await api(path, { as: 'staff' });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { code: 'validation_error' } });
  });

  it('answers unknown routes with 404 and the error body', async () => {
    const answer = await api('/v1/nothing-here');
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ error: { code: 'not_found' } });
  });
});
