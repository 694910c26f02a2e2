import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local.ts';
import { DynamoDbFeedbackRepository } from '../../shared/adapters/dynamodb-feedback-repository.ts';
import { DynamoDbHotTopicRepository } from '../../shared/adapters/dynamodb-hot-topic-repository.ts';
import { FEEDBACK_TABLE } from '../../shared/definitions/table-definition.ts';
import { newFeedbackRecord } from '../../shared/domain/feedback.ts';
import { newFeedbackId } from '../../shared/domain/ids.ts';
import { api, capturedEmails, readFeedback, settleStream, submit } from '../helpers/local-api.ts';

type Json = Record<string, any>;

const client = DynamoDBDocumentClient.from(localDynamoDbClient(inject('localStack').dynamoDbEndpoint), {
  marshallOptions: { removeUndefinedValues: true },
});
const repository = new DynamoDbFeedbackRepository(client, {
  tableName: FEEDBACK_TABLE.logicalName,
  listHorizonMonths: 36,
});
afterAll(() => client.destroy());

/**
 * Stores a complaint received at an explicit instant (the intake would stamp its own clock),
 * through the repository, so triage and the counters run off the real stream as for any intake.
 */
async function seedComplaint(text: string, receivedAt: string): Promise<string> {
  const at = new Date(receivedAt);
  const id = newFeedbackId(at);
  const record = newFeedbackRecord({ channel: 'web', text, language: 'zh' }, id, at, {
    integrationId: 'hot-topics-test',
  });
  await repository.create(record, `seed-${id}`);
  return id;
}

function scan(now: string) {
  return api<{ result: Json }>('/_local/schedules/hot-topic-scan', { body: { now } });
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('hot-topic scan on the local stack', () => {
  it('raises exactly one hot topic holding a whole wave against a quiet baseline, and emails it once', {
    timeout: 120_000,
  }, async () => {
    // Prepare: a quiet 28-day baseline (one delivery complaint every 3 days) before the window
    // of a scan at 2031-03-12T06:20Z (14:20 in Shanghai), then six card-reader complaints in it.
    const now = '2031-03-12T06:20:00.000Z';
    const baselineStart = Date.parse('2031-02-12T03:00:00.000Z');
    await Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        seedComplaint(
          `投诉：快递送货太慢了，包裹第${i + 1}次延误`,
          new Date(baselineStart + i * 3 * DAY).toISOString(),
        ),
      ),
    );
    const wave = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        seedComplaint(
          `投诉：营业厅读卡器坏了，刷卡失败，第${i + 1}位顾客`,
          new Date(Date.parse('2031-03-12T02:05:00.000Z') + i * 37 * 60_000).toISOString(),
        ),
      ),
    );
    await settleStream();

    // Act
    const first = await scan(now);
    const second = await scan(now);
    const later = await scan('2031-03-12T06:35:00.000Z');
    await settleStream();

    // Assess
    expect(first.status).toBe(200);
    expect(first.body.result.reported).toHaveLength(1);
    expect(second.body.result.reported).toEqual([]);
    expect(second.body.result.alreadyReported).toBe(1);
    expect(later.body.result.reported).toEqual([]);
    const reportId = first.body.result.reported[0] as string;
    const { body: list } = await api<{ items: Json[] }>('/v1/hot-topics', { as: 'staff' });
    const report = list.items.find((item) => item.id === reportId) as Json;
    expect(report.count).toBe(6);
    expect(report.windowStart).toBe('2031-03-12T01:00:00Z');
    expect(report.windowEnd).toBe(now);
    expect(report.detectedAt).toBe(now);
    expect([...report.feedbackIds].sort()).toEqual([...wave].sort());
    expect(report.kind).toBe('category');
    expect(report.key).toBe('product_quality');
    expect(report.keys).toEqual(
      expect.arrayContaining(['category:product_quality', 'term:刷卡', 'term:失败']),
    );
    // "投诉" is in every baseline complaint: too common to be a topic.
    expect(report.keys).not.toContain('term:投诉');
    // By volume: (0 + 0.5) / (9 + 0.5) · 6 complaints in the window (by time only 0.0045).
    expect(report.expected).toBe(0.3158);
    const emails = await capturedEmails(reportId);
    expect(emails).toHaveLength(1);
    expect(emails[0]?.destination.to.sort()).toEqual(['lead@example.com', 'manager@example.com']);

    // A problem from the hot topic links its whole wave, and each feedback shows it.
    const created = await api<Json>('/v1/problems', {
      as: 'staff',
      body: { title: 'Card reader at the service hall', fromHotTopic: reportId },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), status: 'open', linked: 6 });
    expect((await readFeedback(wave[0] as string)).problemId).toBe(created.body.id);
  });

  it('counts a complaint once however often its stream record is delivered', async () => {
    // Prepare
    const counters = new DynamoDbHotTopicRepository(client, FEEDBACK_TABLE.logicalName);
    const keys = ['total', 'category:outage', 'term:redelivered'];

    // Act
    const first = await counters.count(
      '01J00000000000000000REDLV1',
      '2033-01-01T00:00:00Z',
      '2033-01-01',
      keys,
    );
    const again = await counters.count(
      '01J00000000000000000REDLV1',
      '2033-01-01T00:00:00Z',
      '2033-01-01',
      keys,
    );
    const other = await counters.count(
      '01J00000000000000000REDLV2',
      '2033-01-01T00:00:00Z',
      '2033-01-01',
      keys,
    );

    // Assess
    expect([first, again, other]).toEqual([true, false, true]);
    const hour = await counters.hourCounters('2033-01-01T00:00:00Z');
    expect(hour.find((row) => row.counterKey === 'term:redelivered')).toEqual({
      counterKey: 'term:redelivered',
      count: 2,
      ids: ['01J00000000000000000REDLV1', '01J00000000000000000REDLV2'],
    });
    const day = await counters.dayCounters('2033-01-01');
    expect(day.find((row) => row.counterKey === 'total')?.count).toBe(2);
  });

  it('raises none below minCount, whatever the baseline', { timeout: 120_000 }, async () => {
    // Prepare: four complaints about one new thing, nothing before them (2032: no other test's data).
    await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        seedComplaint(
          `投诉：自助打印机卡纸，第${i + 1}次`,
          new Date(Date.parse('2032-05-20T03:00:00.000Z') + i * HOUR).toISOString(),
        ),
      ),
    );
    await settleStream();

    // Act
    const answer = await scan('2032-05-20T07:00:00.000Z');

    // Assess
    expect(answer.status).toBe(200);
    expect(answer.body.result.topics).toBeGreaterThan(0);
    expect(answer.body.result.hot).toBe(0);
    expect(answer.body.result.reported).toEqual([]);
  });
});

async function submitAndTriage(body: Json): Promise<string> {
  const { body: created } = await submit(body);
  const deadline = Date.now() + 10_000;
  while ((await readFeedback(created.id)).status === 'received' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return created.id;
}

describe('problems on the local stack', () => {
  it('resolving a problem resolves its three complaints and sends three closure notices once, even when retried', async () => {
    // Prepare
    const tag = `P${Date.now().toString(36)}`;
    const ids: string[] = [];
    for (let i = 1; i <= 3; i += 1) {
      ids.push(
        await submitAndTriage({
          channel: 'web',
          text: `Terrible: the ticket machine ate my card again (${tag}-${i})`,
          language: 'en',
          customer: { email: `${tag.toLowerCase()}-${i}@example.com`, name: `Customer ${i}` },
          consent: { contact: true },
        }),
      );
    }
    const created = await api<Json>('/v1/problems', {
      as: 'staff',
      body: { title: `Ticket machine ${tag}`, feedbackIds: ids },
    });
    const problemId = created.body.id as string;
    const other = await api<Json>('/v1/problems', { as: 'staff', body: { title: `Other ${tag}` } });

    // Act: refused requests first, then a resolution whose first attempt was cut halfway (the
    // problem marked resolving, one complaint already resolved), its retry, and a second resolve.
    const secondLink = await api<Json>(`/v1/problems/${other.body.id}/links`, {
      as: 'staff',
      body: { feedbackIds: [ids[0]] },
    });
    const unknown = await api<Json>(`/v1/problems/${other.body.id}/links`, {
      as: 'staff',
      body: { feedbackIds: ['01J0000000000000000000NONE'] },
    });
    const empty = await api<Json>(`/v1/problems/${problemId}/actions`, {
      as: 'staff',
      body: { action: 'resolve', resolution: '   ' },
    });
    await client.send(
      new UpdateCommand({
        TableName: FEEDBACK_TABLE.logicalName,
        Key: { pk: 'PROBLEM', sk: problemId },
        UpdateExpression: 'SET problem.#s = :resolving, problem.resolution = :resolution',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: {
          ':resolving': 'resolving',
          ':resolution': 'We replaced the card reader.',
        },
      }),
    );
    await api(`/v1/feedback/${ids[0]}/actions`, {
      as: 'staff',
      body: { action: 'resolve', resolution: 'We replaced the card reader.' },
    });
    const retried = await api<Json>(`/v1/problems/${problemId}/actions`, {
      as: 'staff',
      body: { action: 'resolve', resolution: 'We replaced the card reader.' },
    });
    const twice = await api<Json>(`/v1/problems/${problemId}/actions`, {
      as: 'staff',
      body: { action: 'resolve', resolution: 'Again.' },
    });
    await settleStream();

    // Assess
    expect(created.status).toBe(201);
    expect(created.body.linked).toBe(3);
    expect(secondLink.status).toBe(409);
    expect(secondLink.body.error.code).toBe('conflict');
    expect(unknown.status).toBe(404);
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('validation_error');
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('resolved');
    expect(retried.body.resolvedFeedback).toBe(2);
    expect(twice.status).toBe(409);
    const otherProblem = await api<Json>(`/v1/problems/${other.body.id}`, { as: 'staff' });
    expect(otherProblem.body.feedbackIds).toEqual([]);
    for (const id of ids) {
      const record = await readFeedback(id);
      expect(record.status).toBe('resolved');
      expect(record.problemId).toBe(problemId);
      expect(record.resolution).toBe('We replaced the card reader.');
    }
    const byProblem = (await readFeedback(ids[1] as string)).history.filter(
      (entry: Json) => entry.action === 'resolve',
    );
    expect(byProblem).toEqual([
      expect.objectContaining({ problemId, resolution: 'We replaced the card reader.' }),
    ]);
    const notices = (await capturedEmails()).filter((email) =>
      email.destination.to.some((to) => to.startsWith(tag.toLowerCase())),
    );
    expect(notices.map((email) => email.destination.to[0]).sort()).toEqual([
      `${tag.toLowerCase()}-1@example.com`,
      `${tag.toLowerCase()}-2@example.com`,
      `${tag.toLowerCase()}-3@example.com`,
    ]);
  });
});
