import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local.ts';
import { DynamoDbFeedbackRepository } from '../../shared/adapters/dynamodb-feedback-repository.ts';
import { FEEDBACK_TABLE } from '../../shared/definitions/table-definition.ts';
import { newFeedbackRecord } from '../../shared/domain/feedback.ts';
import { newFeedbackId } from '../../shared/domain/ids.ts';
import { api, readFeedback, settleStream, submit } from '../helpers/local-api.ts';

type Captured = { source: string; detailType: string; detail: Record<string, any> };

async function eventsOf(feedbackId: string): Promise<Captured[]> {
  const { body } = await api<{ items: Captured[] }>('/_local/events');
  return body.items.filter((event) => event.detail.feedbackId === feedbackId);
}

describe('domain events on the local stack', () => {
  it('lists the life of a feedback from received to closed, once each, with no personal data', async () => {
    // Prepare
    const { body } = await submit({
      channel: 'web',
      language: 'en',
      text: 'Events check: the counter staff were rude to me',
      customer: { email: 'events.person@example.com', name: 'Events Person', phone: '+8613800138099' },
      consent: { contact: true },
    });
    await settleStream();
    for (const step of [
      { action: 'acknowledge' },
      { action: 'wait_for_customer' },
      { action: 'resume' },
      { action: 'resolve', resolution: 'We apologised to Events Person in person.' },
      { action: 'close' },
    ]) {
      expect((await api(`/v1/feedback/${body.id}/actions`, { as: 'staff', body: step })).status).toBe(200);
    }
    await settleStream();

    // Act: every stream record of this feedback is delivered again
    const replay = await api<{ replayed: number }>('/_local/stream/replay', {
      method: 'POST',
      body: { ids: [body.id] },
    });

    // Assess
    expect(replay.status).toBe(200);
    const events = await eventsOf(body.id);
    expect(events.map((event) => event.detailType)).toEqual([
      'FeedbackReceived',
      'FeedbackTriaged',
      // Triage routes it to a team (contract §7).
      'FeedbackAssigned',
      'FeedbackAcknowledged',
      'FeedbackWaiting',
      'FeedbackResumed',
      'FeedbackResolved',
      'FeedbackClosed',
    ]);
    expect(new Set(events.map((event) => event.source))).toEqual(new Set(['service-feedback']));
    const ids = events.map((event) => event.detail.idempotencyId);
    expect(new Set(ids).size).toBe(ids.length);
    const serialized = JSON.stringify(events);
    for (const personal of ['events.person', 'Events Person', '8613800138099', 'rude', 'apologised']) {
      expect(serialized).not.toContain(personal);
    }
  });

  it('publishes a computed snapshot with its figures', async () => {
    // Act
    const answer = await api('/v1/snapshots/2025-Q2', { method: 'POST', as: 'staff' });
    await settleStream();

    // Assess
    expect(answer.status).toBe(200);
    const { body } = await api<{ items: Captured[] }>('/_local/events');
    const snapshot = body.items.filter(
      (event) => event.detailType === 'SnapshotComputed' && event.detail.period === '2025-Q2',
    );
    expect(snapshot.length).toBeGreaterThanOrEqual(1);
    expect(snapshot.at(-1)?.detail).toMatchObject({
      period: '2025-Q2',
      idempotencyId: expect.stringMatching(/^snapshot\/2025-Q2\//),
      feedback: expect.any(Number),
    });
  });
});

const client = DynamoDBDocumentClient.from(localDynamoDbClient(inject('localStack').dynamoDbEndpoint), {
  marshallOptions: { removeUndefinedValues: true },
});
afterAll(() => client.destroy());

/** A complaint received at an explicit instant, stored through the repository so the real stream triages and counts it. */
async function seedComplaint(text: string, receivedAt: string): Promise<string> {
  const repository = new DynamoDbFeedbackRepository(client, {
    tableName: FEEDBACK_TABLE.logicalName,
    listHorizonMonths: 36,
  });
  const at = new Date(receivedAt);
  const id = newFeedbackId(at);
  const record = newFeedbackRecord({ channel: 'web', text, language: 'zh' }, id, at, {
    integrationId: 'domain-events-test',
  });
  await repository.create(record, `seed-${id}`);
  return id;
}

describe('hot-topic and problem events on the local stack (contract §10)', () => {
  it('publishes HotTopicDetected and ProblemResolved once each, however often their records are replayed', {
    timeout: 180_000,
  }, async () => {
    // Prepare: a quiet 28-day baseline (a delivery complaint every 3 days), then six card-reader
    // complaints within hours of 2034-06-07 (no other test stores feedback in 2034), and a
    // problem from the hot topic they make.
    await Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        seedComplaint(
          `投诉：快递送货太慢了，包裹第${i + 1}次延误`,
          new Date(Date.parse('2034-05-10T03:00:00.000Z') + i * 3 * 86_400_000).toISOString(),
        ),
      ),
    );
    const wave = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        seedComplaint(
          `投诉：营业厅读卡器坏了，刷卡失败，第${i + 1}位顾客`,
          new Date(Date.parse('2034-06-07T01:05:00.000Z') + i * 31 * 60_000).toISOString(),
        ),
      ),
    );
    await settleStream();
    const scan = await api<{ result: Record<string, any> }>('/_local/schedules/hot-topic-scan', {
      body: { now: '2034-06-07T05:00:00.000Z' },
    });
    expect(scan.body.result.reported).toHaveLength(1);
    const reportId = scan.body.result.reported[0] as string;
    const created = await api<{ id: string }>('/v1/problems', {
      as: 'staff',
      body: { title: 'Card readers fail at the hall', fromHotTopic: reportId },
    });
    expect(created.status).toBe(201);
    const problemId = created.body.id;
    const resolved = await api(`/v1/problems/${problemId}/actions`, {
      as: 'staff',
      body: { action: 'resolve', resolution: 'Replaced the card readers; told Mr Zhang at the hall.' },
    });
    expect(resolved.status).toBe(200);
    await settleStream();

    // Act: the report's and the problem's stream records are delivered again
    const replay = await api<{ replayed: number }>('/_local/stream/replay', {
      method: 'POST',
      body: { ids: [reportId, problemId] },
    });

    // Assess
    expect(replay.status).toBe(200);
    expect(replay.body.replayed).toBeGreaterThan(0);
    const { body } = await api<{ items: Captured[] }>('/_local/events');
    const hot = body.items.filter(
      (event) => event.detailType === 'HotTopicDetected' && event.detail.hotTopicId === reportId,
    );
    expect(hot).toHaveLength(1);
    expect(hot[0]).toMatchObject({ source: 'service-feedback' });
    expect(hot[0]?.detail).toMatchObject({
      idempotencyId: `hot-topic/${reportId}/HotTopicDetected`,
      count: 6,
      windowEnd: '2034-06-07T05:00:00.000Z',
      detectedAt: '2034-06-07T05:00:00.000Z',
    });
    expect([...(hot[0]?.detail.feedbackIds as string[])].sort()).toEqual([...wave].sort());
    const problem = body.items.filter(
      (event) => event.detailType === 'ProblemResolved' && event.detail.problemId === problemId,
    );
    expect(problem).toHaveLength(1);
    expect(problem[0]?.detail).toMatchObject({
      idempotencyId: `problem/${problemId}/ProblemResolved`,
      status: 'resolved',
      linked: 6,
      resolvedFeedback: 6,
      fromHotTopic: reportId,
    });
    expect(JSON.stringify(problem)).not.toMatch(/Zhang|card readers|Card readers/);
    // Each linked complaint was resolved by the problem, and published as such once.
    expect((await readFeedback(wave[0] as string)).status).toBe('resolved');
    expect(
      (await eventsOf(wave[0] as string)).filter((e) => e.detailType === 'FeedbackResolved'),
    ).toHaveLength(1);
  });
});
