import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeComprehend } from '../../bench/fake-comprehend.ts';
import { type RunningLocalStack, startLocalStack } from '../../infra/local/local-stack.ts';
import { freePort } from '../../infra/local/local-tools.ts';

// The deployed default: sentiment from Amazon Comprehend (here a stand-in speaking its API, so
// the real SDK client and adapter run). Its recorded AWS calls feed the IAM proof's Comprehend
// configurations (test/infra/iam-proof.test.ts).
let stack: RunningLocalStack;
let comprehend: Awaited<ReturnType<typeof startFakeComprehend>>;
const API_KEY = 'comprehend-key';
const STAFF_TOKEN = 'comprehend-staff';

async function call(path: string, init: { method?: string; body?: unknown; staff?: boolean } = {}) {
  const response = await fetch(`${stack.apiUrl}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.staff ? { authorization: `Bearer ${STAFF_TOKEN}` } : { 'x-api-key': API_KEY }),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

async function triaged(id: string): Promise<Record<string, any>> {
  await stack.poller.settle();
  return (await call(`/v1/feedback/${id}`, { staff: true })).body;
}

beforeAll(async () => {
  comprehend = await startFakeComprehend();
  stack = await startLocalStack({
    port: await freePort(),
    dynamoDbPort: await freePort(),
    sesPort: await freePort(),
    apiKey: API_KEY,
    staffToken: STAFF_TOKEN,
    sentimentProvider: 'comprehend',
    comprehendEndpoint: comprehend.url,
  });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await comprehend?.stop();
});

describe('with Amazon Comprehend as the sentiment provider', () => {
  it('settles a clear English text’s language locally and scores its sentiment through Comprehend', async () => {
    const { body: created } = await call('/v1/feedback', {
      body: { channel: 'web', text: 'The staff were rude and I waited an hour. Terrible service.' },
    });

    const record = await triaged(created.id);

    expect(record.language).toBe('en');
    expect(record.sentiment.source).toBe('comprehend');
    // Issue 16: one Comprehend document per item; the language of a clear text is not asked for
    expect(comprehend.calls.get('BatchDetectDominantLanguage') ?? 0).toBe(0);
    expect(comprehend.calls.get('BatchDetectSentiment')).toBeGreaterThanOrEqual(1);
  });

  it('asks Comprehend for the language only when neither the script nor the local detector is sure', async () => {
    // Prepare: seven letters, too few for the local detector to be sure of anything
    const before = comprehend.calls.get('BatchDetectDominantLanguage') ?? 0;
    const { body: created } = await call('/v1/feedback', { body: { channel: 'web', text: 'Too slow' } });

    // Act
    const record = await triaged(created.id);

    // Assess
    expect(comprehend.calls.get('BatchDetectDominantLanguage')).toBe(before + 1);
    expect(record.language).toBe('en');
    expect(record.sentiment.source).toBe('comprehend');
  });

  it('leaves sentiment pending while Comprehend fails, then the rescore schedule scores it', async () => {
    comprehend.failing.add('BatchDetectSentiment');
    const { body: created } = await call('/v1/feedback', {
      body: { channel: 'app', language: 'en', text: 'Nobody answered my complaint about the broken lift.' },
    });
    const pending = await triaged(created.id);
    comprehend.failing.clear();

    const rescore = await fetch(`${stack.apiUrl}/_local/schedules/sentiment-rescore`, {
      method: 'POST',
      body: JSON.stringify({ now: '2026-11-02T03:00:00Z' }),
    });
    const rescored = await triaged(created.id);

    expect(pending.sentimentPending).toBe(true);
    expect(rescore.status).toBe(200);
    expect(rescored.sentimentPending).toBeFalsy();
    expect(rescored.sentiment.source).toBe('comprehend');
  });

  it('lists feedback by priority through its index', async () => {
    const { status, body } = await call('/v1/feedback?priority=P3', { staff: true });

    expect(status).toBe(200);
    expect(Array.isArray(body.items)).toBe(true);
  });
});
