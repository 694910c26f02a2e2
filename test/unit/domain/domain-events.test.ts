import { describe, expect, it } from 'vitest';
import { feedbackEvents, snapshotEvents } from '../../../shared/domain/domain-events.ts';

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
