import { describe, expect, it } from 'vitest';
import {
  feedbackEvents,
  hotTopicEvents,
  type Item,
  problemEvents,
  snapshotEvents,
} from '../../../shared/domain/domain-events.ts';

// Contract §9/§10: one event per change, ids and figures only, an idempotency id in `detail`
// made of the feedback id, the version (or ladder round and level) and the type.

const feedback = (overrides: Item = {}): Item => ({
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
  receivedAt: '2026-11-23T01:00:00.000Z',
  updatedAt: '2026-11-24T02:00:00.000Z',
  ...overrides,
});

/** The fields every feedback event carries, for the fixture above at `version`. */
const base = (overrides: Item = {}) => ({
  feedbackId: 'F1',
  version: 3,
  channel: 'web',
  status: 'open',
  priority: 'P2',
  type: 'complaint',
  category: 'staff_attitude',
  escalationLevel: 0,
  ...overrides,
});

const kinds = (before: Item | undefined, after: Item | undefined) =>
  feedbackEvents(before, after).map((event) => event.detail.idempotencyId);

describe('feedbackEvents: the first write of a feedback', () => {
  it('publishes FeedbackReceived with its receipt instant, team included when the item has one', () => {
    // Prepare
    const received = feedback({
      status: 'received',
      version: 1,
      priority: null,
      type: null,
      category: null,
      team: null,
      updatedAt: '2026-11-23T01:00:00.000Z',
    });

    // Act
    const events = feedbackEvents(undefined, received);

    // Assess
    expect(events).toEqual([
      {
        detailType: 'FeedbackReceived',
        time: '2026-11-23T01:00:00.000Z',
        detail: {
          idempotencyId: 'feedback/F1/v1/FeedbackReceived',
          feedbackId: 'F1',
          version: 1,
          channel: 'web',
          status: 'received',
          priority: null,
          type: null,
          category: null,
          escalationLevel: 0,
          team: null,
          receivedAt: '2026-11-23T01:00:00.000Z',
        },
      },
    ]);
  });

  it('publishes nothing for a first write that is not a received feedback', () => {
    expect(feedbackEvents(undefined, feedback({ status: 'open' }))).toEqual([]);
    expect(feedbackEvents(undefined, { entity: 'event-claim', id: 'F1', status: 'received' })).toEqual([]);
  });

  it('publishes nothing for a deleted feedback or a change from an item that was not feedback', () => {
    expect(feedbackEvents(feedback(), undefined)).toEqual([]);
    expect(feedbackEvents({ entity: 'event-claim', status: 'received' }, feedback())).toEqual([]);
  });

  it('writes null for a field of the wrong type and 0 for a missing version, level or instant', () => {
    // Prepare: a malformed item (numbers where strings belong and the reverse)
    const after = {
      entity: 'feedback',
      id: 'F1',
      version: '3',
      status: 'received',
      channel: 7,
      escalationLevel: '2',
    };

    // Act
    const events = feedbackEvents(undefined, after);

    // Assess
    expect(events).toEqual([
      {
        detailType: 'FeedbackReceived',
        time: '1970-01-01T00:00:00.000Z',
        detail: {
          idempotencyId: 'feedback/F1/v0/FeedbackReceived',
          feedbackId: 'F1',
          version: 0,
          channel: null,
          status: 'received',
          priority: null,
          type: null,
          category: null,
          escalationLevel: 0,
          receivedAt: null,
        },
      },
    ]);
  });

  it('takes the time from receivedAt when the item has no updatedAt', () => {
    const [event] = feedbackEvents(undefined, feedback({ status: 'received', updatedAt: undefined }));
    expect(event?.time).toBe('2026-11-23T01:00:00.000Z');
  });
});

describe('feedbackEvents: status changes', () => {
  it('publishes FeedbackTriaged with the deadlines set at triage', () => {
    // Prepare
    const deadlines = {
      firstResponseDue: '2026-11-24T10:00:00.000Z',
      resolutionDue: '2026-11-30T10:00:00.000Z',
    };

    // Act
    const events = feedbackEvents(
      feedback({ status: 'received', version: 1, escalationLevel: 2 }),
      feedback({ status: 'open', version: 2, escalationLevel: 2, deadlines, team: 'counter' }),
    );

    // Assess
    expect(events).toEqual([
      {
        detailType: 'FeedbackTriaged',
        time: '2026-11-24T02:00:00.000Z',
        detail: {
          idempotencyId: 'feedback/F1/v2/FeedbackTriaged',
          ...base({ version: 2, escalationLevel: 2, team: 'counter' }),
          previousStatus: 'received',
          deadlines: {
            firstResponseDue: '2026-11-24T10:00:00.000Z',
            resolutionDue: '2026-11-30T10:00:00.000Z',
          },
        },
      },
      {
        detailType: 'FeedbackAssigned',
        time: '2026-11-24T02:00:00.000Z',
        detail: {
          idempotencyId: 'feedback/F1/v2/FeedbackAssigned',
          ...base({ version: 2, escalationLevel: 2, team: 'counter' }),
          previousTeam: null,
        },
      },
    ]);
  });

  it('writes null deadlines on a triage that set none', () => {
    const [event] = feedbackEvents(feedback({ status: 'received' }), feedback({ status: 'open' }));
    expect(event?.detail).toEqual({
      idempotencyId: 'feedback/F1/v3/FeedbackTriaged',
      ...base(),
      previousStatus: 'received',
      deadlines: null,
    });
  });

  it('publishes FeedbackReopened with the reopen count, from resolved and from closed', () => {
    expect(
      feedbackEvents(
        feedback({ status: 'closed' }),
        feedback({ status: 'open', version: 6, reopenCount: 2 }),
      ),
    ).toEqual([
      {
        detailType: 'FeedbackReopened',
        time: '2026-11-24T02:00:00.000Z',
        detail: {
          idempotencyId: 'feedback/F1/v6/FeedbackReopened',
          ...base({ version: 6 }),
          previousStatus: 'closed',
          reopenCount: 2,
        },
      },
    ]);
    expect(kinds(feedback({ status: 'resolved' }), feedback({ status: 'open', reopenCount: 1 }))).toEqual([
      'feedback/F1/v3/FeedbackReopened',
    ]);
  });

  it('writes null for a reopen count the item does not carry', () => {
    const [event] = feedbackEvents(
      feedback({ status: 'resolved' }),
      feedback({ status: 'open', reopenCount: undefined }),
    );
    expect(event?.detail.reopenCount).toBeNull();
  });

  it.each([
    ['received → open', 'FeedbackTriaged', 'received', 'open'],
    ['open → acknowledged', 'FeedbackAcknowledged', 'open', 'acknowledged'],
    ['acknowledged → waiting', 'FeedbackWaiting', 'acknowledged', 'waiting_for_customer'],
    ['waiting → open', 'FeedbackResumed', 'waiting_for_customer', 'open'],
    ['waiting → acknowledged', 'FeedbackResumed', 'waiting_for_customer', 'acknowledged'],
    ['waiting → resolved', 'FeedbackResolved', 'waiting_for_customer', 'resolved'],
    ['open → resolved', 'FeedbackResolved', 'open', 'resolved'],
    ['resolved → closed', 'FeedbackClosed', 'resolved', 'closed'],
    ['resolved → open', 'FeedbackReopened', 'resolved', 'open'],
    ['closed → open', 'FeedbackReopened', 'closed', 'open'],
  ])('%s publishes %s', (_, detailType, from, to) => {
    // Act
    const events = feedbackEvents(feedback({ status: from }), feedback({ status: to }));

    // Assess
    expect(
      events.map((event) => [event.detailType, event.detail.previousStatus, event.detail.status]),
    ).toEqual([[detailType, from, to]]);
  });

  it('publishes the resume with the status it left, and no other field than the common ones', () => {
    expect(
      feedbackEvents(feedback({ status: 'waiting_for_customer' }), feedback({ status: 'open' }))[0]?.detail,
    ).toEqual({
      idempotencyId: 'feedback/F1/v3/FeedbackResumed',
      ...base(),
      previousStatus: 'waiting_for_customer',
    });
  });

  it('publishes nothing for a change to a status with no event, or for a write that keeps the status', () => {
    expect(feedbackEvents(feedback({ status: 'open' }), feedback({ status: 'received' }))).toEqual([]);
    expect(feedbackEvents(feedback({ status: 'open' }), feedback({ status: 'open', version: 4 }))).toEqual(
      [],
    );
    expect(feedbackEvents(feedback({ status: 'open' }), feedback({ status: undefined }))).toEqual([]);
  });
});

describe('feedbackEvents: escalation, assignment and survey', () => {
  it('publishes FeedbackEscalated with the level it left, keyed by reopen round and level', () => {
    expect(
      feedbackEvents(feedback({ escalationLevel: 1 }), feedback({ escalationLevel: 3, reopenCount: 2 })),
    ).toEqual([
      {
        detailType: 'FeedbackEscalated',
        time: '2026-11-24T02:00:00.000Z',
        detail: {
          idempotencyId: 'feedback/F1/round2-level3/FeedbackEscalated',
          ...base({ escalationLevel: 3 }),
          previousLevel: 1,
        },
      },
    ]);
  });

  it('counts a missing level as 0 and a missing reopen count as round 0', () => {
    expect(
      feedbackEvents(
        feedback({ escalationLevel: undefined }),
        feedback({ escalationLevel: 1, reopenCount: undefined }),
      ).map((event) => [event.detail.idempotencyId, event.detail.previousLevel]),
    ).toEqual([['feedback/F1/round0-level1/FeedbackEscalated', 0]]);
  });

  it('publishes no escalation while the level stays or falls (a reopen restarts the ladder)', () => {
    expect(
      feedbackEvents(feedback({ escalationLevel: 2 }), feedback({ escalationLevel: 2, version: 4 })),
    ).toEqual([]);
    expect(
      kinds(
        feedback({ status: 'resolved', escalationLevel: 2 }),
        feedback({ status: 'open', escalationLevel: 0, reopenCount: 1 }),
      ),
    ).toEqual(['feedback/F1/v3/FeedbackReopened']);
  });

  it.each([
    ['a team set', { team: null }, { team: 'counter' }, null],
    ['a team changed', { team: 'counter' }, { team: 'billing' }, 'counter'],
    [
      'an assignee set',
      { team: 'counter', assignee: null },
      { team: 'counter', assignee: 'staff-1' },
      'counter',
    ],
    [
      'an assignee changed',
      { team: 'counter', assignee: 'staff-1' },
      { team: 'counter', assignee: 'staff-2' },
      'counter',
    ],
  ])('publishes FeedbackAssigned for %s, naming the previous team only', (_, before, after, previousTeam) => {
    // Act
    const events = feedbackEvents(feedback(before), feedback(after));

    // Assess
    expect(
      events.map((event) => [event.detailType, event.detail.idempotencyId, event.detail.previousTeam]),
    ).toEqual([['FeedbackAssigned', 'feedback/F1/v3/FeedbackAssigned', previousTeam]]);
    expect(JSON.stringify(events)).not.toMatch(/staff-/);
  });

  it.each([
    [
      'team and assignee unchanged',
      { team: 'counter', assignee: 'staff-1' },
      { team: 'counter', assignee: 'staff-1' },
    ],
    ['fields absent after the change', { team: 'counter', assignee: 'staff-1' }, {}],
    ['fields absent on both sides', {}, {}],
  ])('publishes no FeedbackAssigned with %s', (_, before, after) => {
    expect(feedbackEvents(feedback(before), feedback({ ...after, version: 4 }))).toEqual([]);
  });

  it('publishes SurveyAnswered once, keyed and tagged by its round', () => {
    // Prepare
    const asked = { token: 't', round: 2, answer: null };
    const answered = { token: 't', round: 2, answer: { csat: 4, comment: 'private words', at: 'x' } };

    // Act
    const first = feedbackEvents(feedback({ survey: asked }), feedback({ survey: answered }));
    const again = feedbackEvents(feedback({ survey: answered }), feedback({ survey: answered, version: 4 }));

    // Assess
    expect(first).toEqual([
      {
        detailType: 'SurveyAnswered',
        time: '2026-11-24T02:00:00.000Z',
        detail: { idempotencyId: 'feedback/F1/round2/SurveyAnswered', ...base(), csat: 4, round: 2 },
      },
    ]);
    expect(again).toEqual([]);
  });

  it('keys an answered survey without a round as round 1, and publishes nothing without an answer', () => {
    expect(kinds(feedback({ survey: null }), feedback({ survey: { answer: { csat: 5 } } }))).toEqual([
      'feedback/F1/round1/SurveyAnswered',
    ]);
    expect(feedbackEvents(feedback({ survey: null }), feedback({ survey: null, version: 4 }))).toEqual([]);
  });
});

describe('snapshotEvents', () => {
  const snapshotItem = (snapshot: Item | undefined): Item => ({ entity: 'snapshot', snapshot });
  const full = {
    period: '2026-Q3',
    from: '2026-07-01',
    to: '2026-09-30',
    timezone: 'Asia/Shanghai',
    asOf: '2026-09-30T16:00:00.000Z',
    computedAt: '2026-10-01T01:00:00.000Z',
    totals: { feedback: 10, complaints: 4 },
    csat: { average: 4.2, responses: 5 },
    nps: { score: 20 },
    complaintRate: 0.4,
    slaCompliance: 0.75,
    closureRate: 0.5,
  };

  it('publishes SnapshotComputed with every anonymous figure', () => {
    expect(snapshotEvents(undefined, snapshotItem(full))).toEqual([
      {
        detailType: 'SnapshotComputed',
        time: '2026-10-01T01:00:00.000Z',
        detail: {
          idempotencyId: 'snapshot/2026-Q3/2026-10-01T01:00:00.000Z/SnapshotComputed',
          period: '2026-Q3',
          from: '2026-07-01',
          to: '2026-09-30',
          timezone: 'Asia/Shanghai',
          asOf: '2026-09-30T16:00:00.000Z',
          computedAt: '2026-10-01T01:00:00.000Z',
          feedback: 10,
          complaints: 4,
          csatAverage: 4.2,
          csatResponses: 5,
          npsScore: 20,
          complaintRate: 0.4,
          slaCompliance: 0.75,
          closureRate: 0.5,
        },
      },
    ]);
  });

  it('writes null for the figures a snapshot lacks', () => {
    expect(
      snapshotEvents(
        undefined,
        snapshotItem({ period: '2026-Q3', computedAt: '2026-10-01T01:00:00.000Z' }),
      )[0]?.detail,
    ).toEqual({
      idempotencyId: 'snapshot/2026-Q3/2026-10-01T01:00:00.000Z/SnapshotComputed',
      period: '2026-Q3',
      from: null,
      to: null,
      timezone: null,
      asOf: null,
      computedAt: '2026-10-01T01:00:00.000Z',
      feedback: null,
      complaints: null,
      csatAverage: null,
      csatResponses: null,
      npsScore: null,
      complaintRate: null,
      slaCompliance: null,
      closureRate: null,
    });
  });

  it('publishes nothing when a computed snapshot is replaced by one not computed yet', () => {
    expect(snapshotEvents(snapshotItem(full), snapshotItem({ ...full, computedAt: undefined }))).toEqual([]);
  });

  it('publishes again when the same period is computed anew', () => {
    expect(
      snapshotEvents(
        snapshotItem({ ...full, computedAt: '2026-10-01T00:00:00.000Z' }),
        snapshotItem(full),
      ).map((event) => event.detail.idempotencyId),
    ).toEqual(['snapshot/2026-Q3/2026-10-01T01:00:00.000Z/SnapshotComputed']);
  });

  it.each([
    ['a deleted item', undefined],
    ['another entity carrying a snapshot', { entity: 'snapshot-claim', snapshot: full }],
    ['a snapshot item without its snapshot', { entity: 'snapshot' }],
    ['a snapshot not computed yet', snapshotItem({ ...full, computedAt: undefined })],
  ])('publishes nothing for %s', (_, after) => {
    expect(snapshotEvents(undefined, after)).toEqual([]);
  });
});

describe('hotTopicEvents', () => {
  const sent = (report: Item | undefined): Item => ({ entity: 'hot-topic', status: 'sent', report });

  it('publishes a report first written as sent, keeping only string ids and leaving out absent keys', () => {
    // Prepare
    const report = { id: 'HT-1', kind: 'term', key: '刷卡', count: 5, feedbackIds: ['A', 7, null, 'B'] };

    // Act
    const events = hotTopicEvents(undefined, sent(report));

    // Assess
    expect(events).toEqual([
      {
        detailType: 'HotTopicDetected',
        time: '1970-01-01T00:00:00.000Z',
        detail: {
          idempotencyId: 'hot-topic/HT-1/HotTopicDetected',
          hotTopicId: 'HT-1',
          kind: 'term',
          key: '刷卡',
          count: 5,
          expected: null,
          windowStart: null,
          windowEnd: null,
          detectedAt: '1970-01-01T00:00:00.000Z',
          feedbackIds: ['A', 'B'],
        },
      },
    ]);
  });

  it('lists no ids when the report has none, and filters the merged keys', () => {
    const [event] = hotTopicEvents(undefined, sent({ id: 'HT-2', keys: ['term:a', 3] }));
    expect([event?.detail.keys, event?.detail.feedbackIds]).toEqual([['term:a'], []]);
  });

  it.each([
    ['a deleted item', undefined],
    ['a sent item without its report', { entity: 'hot-topic', status: 'sent' }],
    ['a report without an id', sent({ kind: 'term', key: 'x' })],
  ])('publishes nothing for %s', (_, after) => {
    expect(hotTopicEvents(undefined, after)).toEqual([]);
  });
});

describe('problemEvents', () => {
  const problemItem = (problem: Item | undefined, entity = 'problem'): Item => ({ entity, problem });
  const resolved = {
    id: 'P1',
    status: 'resolved',
    linked: 2,
    resolvedFeedback: 1,
    fromHotTopic: 'HT-1',
    rootCause: null,
    createdAt: '2031-03-12T07:00:00.000Z',
    updatedAt: '2031-03-13T08:00:00.000Z',
    resolvedAt: null,
  };

  it('publishes a problem first written as resolved, timed by its update when it has no resolvedAt', () => {
    expect(problemEvents(undefined, problemItem(resolved))).toEqual([
      {
        detailType: 'ProblemResolved',
        time: '2031-03-13T08:00:00.000Z',
        detail: {
          idempotencyId: 'problem/P1/ProblemResolved',
          problemId: 'P1',
          status: 'resolved',
          linked: 2,
          resolvedFeedback: 1,
          fromHotTopic: 'HT-1',
          hasRootCause: false,
          createdAt: '2031-03-12T07:00:00.000Z',
          resolvedAt: '2031-03-13T08:00:00.000Z',
        },
      },
    ]);
  });

  it('says there is no root cause when it is absent, and falls back to the epoch without instants', () => {
    const [event] = problemEvents(
      problemItem({ id: 'P2', status: 'open' }),
      problemItem({ id: 'P2', status: 'resolved' }),
    );
    expect([event?.time, event?.detail.hasRootCause, event?.detail.resolvedAt]).toEqual([
      '1970-01-01T00:00:00.000Z',
      false,
      '1970-01-01T00:00:00.000Z',
    ]);
  });

  it.each([
    ['a deleted item', undefined],
    ['another entity carrying a resolved problem', problemItem(resolved, 'problem-link')],
    ['a problem item without its problem', problemItem(undefined)],
  ])('publishes nothing for %s', (_, after) => {
    expect(problemEvents(problemItem({ ...resolved, status: 'resolving' }), after)).toEqual([]);
  });
});
