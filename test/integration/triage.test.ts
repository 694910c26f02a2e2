import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local.ts';
import { FEEDBACK_TABLE } from '../../shared/definitions/table-definition.ts';
import { api, capturedEmails, readFeedback, settleStream, submit } from '../helpers/local-api.ts';

type Feedback = Record<string, any>;

async function submitAndTriage(body: Record<string, unknown>): Promise<Feedback> {
  const { body: created } = await submit(body);
  const deadline = Date.now() + 5000;
  for (;;) {
    const record = await readFeedback(created.id);
    if (record.status !== 'received' || Date.now() > deadline) return record;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function touch(
  id: string,
  attributes: Record<string, { S: string } | { BOOL: boolean }>,
): Promise<void> {
  const client = localDynamoDbClient(inject('localStack').dynamoDbEndpoint);
  const names = Object.keys(attributes);
  await client.send(
    new UpdateItemCommand({
      TableName: FEEDBACK_TABLE.logicalName,
      Key: { pk: { S: `FEEDBACK#${id}` }, sk: { S: 'FEEDBACK' } },
      UpdateExpression: `SET ${names.map((_, i) => `#n${i} = :v${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#n${i}`, name])),
      ExpressionAttributeValues: Object.fromEntries(
        names.map((name, i) => [`:v${i}`, attributes[name] as never]),
      ),
    }),
  );
  client.destroy();
}

describe('triage on the table stream (local stack)', () => {
  it.each([
    {
      name: 'zh safety complaint',
      body: { channel: 'web', text: '电梯有严重安全隐患，门夹伤了我的孩子，太危险了！非常愤怒！' },
      expected: {
        language: 'zh',
        type: 'complaint',
        category: 'safety',
        priority: 'P1',
        sentiment: 'NEGATIVE',
      },
    },
    {
      name: 'zh-TW complaint from a VIP',
      body: {
        channel: 'email',
        text: '櫃檯人員態度很差，等了很久，非常失望。',
        customer: { id: 'vip-tw-1', segment: 'vip' },
      },
      expected: { language: 'zh-TW', type: 'complaint', priority: 'P2', sentiment: 'NEGATIVE' },
    },
    {
      name: 'zh praise',
      body: { channel: 'app', text: '非常感谢你们的耐心帮助，服务很好，很满意！' },
      expected: { language: 'zh', type: 'praise', priority: 'P4', sentiment: 'POSITIVE' },
    },
    {
      name: 'zh suggestion',
      body: { channel: 'in_person', text: '建议增加周末营业时间' },
      expected: { language: 'zh', type: 'suggestion', priority: 'P4' },
    },
    {
      name: 'en inquiry with a high severity hint',
      body: { channel: 'phone', text: 'What are your opening hours on Saturday?', severity: 'high' },
      expected: { language: 'en', type: 'inquiry', priority: 'P2', sentiment: 'NEUTRAL' },
    },
    {
      name: 'en money complaint',
      body: {
        channel: 'web',
        text: 'I was overcharged twice and the refund never came. Unacceptable, this is theft!',
      },
      expected: {
        language: 'en',
        type: 'complaint',
        category: 'billing_payment',
        priority: 'P1',
        sentiment: 'NEGATIVE',
      },
    },
    {
      name: 'critical severity from the channel',
      body: { channel: 'phone', text: 'Caller reports smoke in the branch lobby.', severity: 'critical' },
      expected: { language: 'en', priority: 'P1' },
    },
  ])('$name → $expected.priority', async ({ body, expected }) => {
    const record = await submitAndTriage(body);

    expect(record.status).toBe('open');
    expect(record).toMatchObject({
      language: expected.language,
      ...(expected.type ? { type: expected.type } : {}),
      ...(expected.category ? { category: expected.category } : {}),
      priority: expected.priority,
      sentimentPending: false,
    });
    if (expected.sentiment)
      expect(record.sentiment).toMatchObject({ label: expected.sentiment, source: 'local' });
    expect(new Date(record.deadlines.firstResponseDue).getTime()).toBeGreaterThan(
      new Date(record.receivedAt).getTime(),
    );
    expect(record.history.at(-1)).toMatchObject({
      action: 'triaged',
      actor: 'system:triage',
      from: 'received',
      to: 'open',
    });
    expect(record.version).toBe(2);
  });

  it('counts P1 deadlines in clock hours from receipt (24 h / 72 h)', async () => {
    const record = await submitAndTriage({ channel: 'web', text: 'Smoke alarm', severity: 'critical' });
    const received = new Date(record.receivedAt).getTime();

    expect(new Date(record.deadlines.firstResponseDue).getTime() - received).toBe(24 * 3_600_000);
    expect(new Date(record.deadlines.resolutionDue).getTime() - received).toBe(72 * 3_600_000);
  });

  it('alerts the team leads and the first escalation address once for a P1, however often the record comes again', async () => {
    const record = await submitAndTriage({
      channel: 'web',
      text: 'Your app is down and I was charged twice! Outrageous, unacceptable!',
      severity: 'critical',
    });
    await settleStream();

    // Deliver more changes of the same P1 feedback through the stream
    await touch(record.id, { testMarker: { S: 'one' } });
    await touch(record.id, { testMarker: { S: 'two' } });
    await settleStream();

    const alerts = await capturedEmails(record.id);
    expect(alerts).toHaveLength(1);
    // Contract §7: the default team's lead is the first escalation address, so one recipient.
    expect(alerts[0]?.destination.to).toEqual(inject('localStack').escalationEmails.slice(0, 1));
    expect(alerts[0]?.body.text).toContain('First response due');
    const stored = await readFeedback(record.id);
    expect(stored.notifications['p1-alert']).toMatchObject({
      claimedAt: expect.any(String),
      sentAt: expect.any(String),
    });
  });

  it('raises the same customer’s third complaint within 30 days by one level', async () => {
    const customer = { id: `repeat-${Date.now()}` };
    const complaint = { channel: 'web', text: 'Order 5512 is missing an item. Please check.', customer };
    const first = await submitAndTriage({ ...complaint, text: 'I complain: order 5511 arrived late.' });
    const second = await submitAndTriage({
      ...complaint,
      text: 'I complain again: order 5512 arrived late.',
    });
    const third = await submitAndTriage({ ...complaint, text: 'Third complaint: order 5513 arrived late.' });

    expect([first.type, second.type, third.type]).toEqual(['complaint', 'complaint', 'complaint']);
    expect(first.repeat).toBeNull();
    expect(second.repeat).toMatchObject({ count: 2, previousIds: [first.id] });
    expect(third.repeat).toMatchObject({
      count: 3,
      windowDays: 30,
      previousIds: expect.arrayContaining([first.id, second.id]),
    });
    expect(second.priority).toBe(first.priority);
    expect(Number(third.priority.slice(1))).toBe(Number(first.priority.slice(1)) - 1);
    expect(third.history.at(-1).reasons.at(-1)).toMatch(/^repeat complaint \(3 in 30 days\)/);
  });

  it('leaves anonymous feedback out of repeat detection', async () => {
    const body = {
      channel: 'web',
      text: 'I complain about the queue.',
      anonymous: true,
      customer: { id: 'anon-repeat' },
    };
    for (let i = 0; i < 2; i += 1) await submitAndTriage(body);

    const third = await submitAndTriage(body);

    expect(third.repeat).toBeNull();
  });

  it('scores sentiment left pending on the sentiment-rescore schedule', async () => {
    // Prepare: a triaged feedback whose scoring failed, as when Comprehend was unavailable
    const record = await submitAndTriage({ channel: 'web', text: '太差了，态度粗鲁，我要投诉！' });
    await touch(record.id, { pending: { S: 'sentiment' }, sentimentPending: { BOOL: true } });

    // Act
    const run = await api<{ result: { scored: number } }>('/_local/schedules/sentiment-rescore', {
      body: { now: new Date().toISOString() },
    });

    // Assess
    expect(run.status).toBe(200);
    expect(run.body.result.scored).toBeGreaterThanOrEqual(1);
    const rescored = await readFeedback(record.id);
    expect(rescored.sentimentPending).toBe(false);
    expect(rescored.sentiment).toMatchObject({ label: 'NEGATIVE' });
    expect(rescored.history.at(-1)).toMatchObject({ action: 'sentiment_scored', sentiment: 'NEGATIVE' });
  });
});
