import { describe, expect, it } from 'vitest';
import {
  feedbackEvents,
  hotTopicEvents,
  problemEvents,
  snapshotEvents,
} from '../../../shared/domain/domain-events.ts';

const feedback = (overrides: Record<string, unknown>) => ({
  entity: 'feedback',
  id: 'F1',
  version: 3,
  channel: 'web',
  status: 'open',
  priority: 'P2',
  type: 'complaint',
  category: 'staff_attitude',
  escalationLevel: 0,
  reopenCount: 0,
  updatedAt: '2026-11-24T02:00:00.000Z',
  customer: { email: 'someone@example.com' },
  text: 'private words',
  ...overrides,
});

describe('domain events of a change', () => {
  it('names each status change by the contract and keys it by feedback, version and type', () => {
    expect(
      feedbackEvents(
        feedback({ status: 'acknowledged' }),
        feedback({ status: 'waiting_for_customer', version: 4 }),
      ),
    ).toEqual([
      {
        detailType: 'FeedbackWaiting',
        time: '2026-11-24T02:00:00.000Z',
        detail: {
          idempotencyId: 'feedback/F1/v4/FeedbackWaiting',
          feedbackId: 'F1',
          version: 4,
          channel: 'web',
          status: 'waiting_for_customer',
          priority: 'P2',
          type: 'complaint',
          category: 'staff_attitude',
          escalationLevel: 0,
          previousStatus: 'acknowledged',
        },
      },
    ]);
  });

  it('tells a reopen, a resume and an escalation apart', () => {
    const types = (before: Record<string, unknown>, after: Record<string, unknown>) =>
      feedbackEvents(feedback(before), feedback(after)).map((e) => [e.detailType, e.detail.idempotencyId]);
    expect(types({ status: 'resolved' }, { status: 'open', reopenCount: 1, version: 5 })).toEqual([
      ['FeedbackReopened', 'feedback/F1/v5/FeedbackReopened'],
    ]);
    expect(types({ status: 'waiting_for_customer' }, { status: 'acknowledged' })).toEqual([
      ['FeedbackResumed', 'feedback/F1/v3/FeedbackResumed'],
    ]);
    expect(types({ escalationLevel: 1 }, { escalationLevel: 2, reopenCount: 1 })).toEqual([
      ['FeedbackEscalated', 'feedback/F1/round1-level2/FeedbackEscalated'],
    ]);
    expect(types({}, { survey: { round: 1, answer: { csat: 2 } } })).toEqual([
      ['SurveyAnswered', 'feedback/F1/round1/SurveyAnswered'],
    ]);
  });

  it('publishes nothing for items that are not feedback or snapshots, and a snapshot only when recomputed', () => {
    expect(feedbackEvents(undefined, { entity: 'event-claim' })).toEqual([]);
    const snapshot = (computedAt: string) => ({
      entity: 'snapshot',
      snapshot: {
        period: '2026-Q3',
        computedAt,
        totals: { feedback: 10, complaints: 4 },
        csat: { average: 4.2 },
      },
    });
    expect(
      snapshotEvents(snapshot('2026-10-01T01:00:00.000Z'), snapshot('2026-10-01T01:00:00.000Z')),
    ).toEqual([]);
    expect(snapshotEvents(undefined, snapshot('2026-10-01T01:00:00.000Z'))[0]?.detail).toMatchObject({
      idempotencyId: 'snapshot/2026-Q3/2026-10-01T01:00:00.000Z/SnapshotComputed',
      feedback: 10,
      complaints: 4,
      csatAverage: 4.2,
    });
  });
});

describe('hot-topic and problem events (contract §10)', () => {
  const report = {
    id: 'HT-20310312T010000Z-Y2F0ZWdvcnk6cHJvZHVjdF9xdWFsaXR5',
    kind: 'category',
    key: 'product_quality',
    keys: ['category:product_quality', 'term:刷卡'],
    count: 6,
    expected: 0.3158,
    pValue: 0.0000012,
    windowStart: '2031-03-12T01:00:00Z',
    windowEnd: '2031-03-12T06:20:00.000Z',
    detectedAt: '2031-03-12T06:20:00.000Z',
    feedbackIds: ['01J0000000000000000000000A', '01J0000000000000000000000B'],
  };
  const hotItem = (status: string) => ({
    pk: 'HOTTOPIC',
    sk: report.id,
    entity: 'hot-topic',
    report,
    status,
  });

  it('publishes HotTopicDetected once the report is marked sent, with its figures and ids only', () => {
    expect(hotTopicEvents(hotItem('claimed'), { ...hotItem('sent'), messageId: 'm-1' })).toEqual([
      {
        detailType: 'HotTopicDetected',
        time: '2031-03-12T06:20:00.000Z',
        detail: {
          idempotencyId: 'hot-topic/HT-20310312T010000Z-Y2F0ZWdvcnk6cHJvZHVjdF9xdWFsaXR5/HotTopicDetected',
          hotTopicId: 'HT-20310312T010000Z-Y2F0ZWdvcnk6cHJvZHVjdF9xdWFsaXR5',
          kind: 'category',
          key: 'product_quality',
          keys: ['category:product_quality', 'term:刷卡'],
          count: 6,
          expected: 0.3158,
          windowStart: '2031-03-12T01:00:00Z',
          windowEnd: '2031-03-12T06:20:00.000Z',
          detectedAt: '2031-03-12T06:20:00.000Z',
          feedbackIds: ['01J0000000000000000000000A', '01J0000000000000000000000B'],
        },
      },
    ]);
  });

  it('publishes no HotTopicDetected for a claimed report, a report already sent, or another item', () => {
    expect(hotTopicEvents(undefined, hotItem('claimed'))).toEqual([]);
    expect(hotTopicEvents(hotItem('sent'), hotItem('sent'))).toEqual([]);
    expect(hotTopicEvents(undefined, { ...hotItem('sent'), entity: 'hot-topic-claim' })).toEqual([]);
  });

  const problem = (status: string, extra: Record<string, unknown> = {}) => ({
    pk: 'PROBLEM',
    sk: '01KB0000000000000000PROBLM',
    entity: 'problem',
    problem: {
      id: '01KB0000000000000000PROBLM',
      title: 'Card reader broken at the hall of Mr Wang',
      description: 'Mr Wang complained',
      status,
      feedbackIds: ['01J0000000000000000000000A'],
      linked: 1,
      fromHotTopic: null,
      rootCause: { whys: ['worn out'], cause: 'old reader', correctiveAction: 'replace it' },
      resolution: 'Replaced the reader, called Mr Wang',
      resolvedFeedback: 1,
      createdAt: '2031-03-12T07:00:00.000Z',
      updatedAt: '2031-03-13T08:00:00.000Z',
      resolvedAt: null,
      closedAt: null,
      history: [],
      version: 3,
      ...extra,
    },
  });

  it('publishes ProblemResolved when a problem becomes resolved, without its free text', () => {
    const events = problemEvents(
      problem('resolving'),
      problem('resolved', { resolvedAt: '2031-03-13T08:00:00.000Z', version: 4 }),
    );
    expect(events).toEqual([
      {
        detailType: 'ProblemResolved',
        time: '2031-03-13T08:00:00.000Z',
        detail: {
          idempotencyId: 'problem/01KB0000000000000000PROBLM/ProblemResolved',
          problemId: '01KB0000000000000000PROBLM',
          status: 'resolved',
          linked: 1,
          resolvedFeedback: 1,
          fromHotTopic: null,
          hasRootCause: true,
          createdAt: '2031-03-12T07:00:00.000Z',
          resolvedAt: '2031-03-13T08:00:00.000Z',
        },
      },
    ]);
    expect(JSON.stringify(events)).not.toMatch(/Wang|reader|worn/);
  });

  it('publishes no ProblemResolved for other steps or a resolved problem changing again', () => {
    expect(problemEvents(problem('open'), problem('analysed'))).toEqual([]);
    expect(problemEvents(problem('resolved'), problem('resolved'))).toEqual([]);
    expect(problemEvents(problem('resolved'), problem('closed'))).toEqual([]);
  });
});
