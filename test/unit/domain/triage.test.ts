import { describe, expect, it } from 'vitest';
import { rescoreFeedback, triageFeedback } from '../../../shared/domain/triage.ts';
import type { FeedbackRecord, Sentiment } from '../../../shared/schemas/feedback-record.ts';
import { calendar, openFeedback, policy } from '../../helpers/records.ts';

const score = (label: Sentiment['label'], negative: number, positive = 0): Sentiment => ({
  label,
  scores: { positive, negative, neutral: Math.max(0, 1 - negative - positive), mixed: 0 },
  source: 'comprehend',
});
// Monday 2026-11-23 10:00 Shanghai
const received = '2026-11-23T02:00:00.000Z';
const context = { policy, calendar, now: new Date('2026-11-23T03:00:00.000Z') };

function pending(priority: FeedbackRecord['priority'], overrides: Partial<FeedbackRecord> = {}) {
  return openFeedback(priority ?? 'P3', received, {
    text: 'The counter was closed again.',
    language: 'en',
    sentiment: null,
    sentimentPending: true,
    ...overrides,
  });
}

describe('rescoreFeedback: a late sentiment only ever raises the priority', () => {
  it('raises a neutral P3 complaint to P2 when the late score is negative, with deadlines from receipt', () => {
    const record = pending('P3');

    const outcome = rescoreFeedback(
      record,
      { id: record.id, language: 'en', sentiment: score('NEGATIVE', 0.7) },
      context,
    );

    expect(outcome.raised).toMatchObject({
      priority: 'P2',
      // P2: 1 and 5 working days from Monday 10:00
      deadlines: { firstResponseDue: '2026-11-24T02:00:00.000Z', resolutionDue: '2026-11-30T02:00:00.000Z' },
    });
    expect(outcome.historyEntry).toMatchObject({
      at: '2026-11-23T03:00:00.000Z',
      action: 'sentiment_scored',
      actor: 'system:triage',
      sentiment: 'NEGATIVE',
      priority: 'P2',
      deadlines: { resolutionDue: '2026-11-30T02:00:00.000Z' },
    });
    expect(outcome.sentiment.label).toBe('NEGATIVE');
  });

  it('never lowers: a P2 that the late score would make P3 stays P2', () => {
    const record = pending('P2');

    const outcome = rescoreFeedback(
      record,
      { id: record.id, language: 'en', sentiment: score('NEUTRAL', 0.1) },
      context,
    );

    expect(outcome.raised).toBeUndefined();
    expect(outcome.historyEntry).not.toHaveProperty('priority');
    expect(outcome.historyEntry).not.toHaveProperty('deadlines');
  });

  it('does not "raise" to the same priority', () => {
    const record = pending('P2');

    const outcome = rescoreFeedback(
      record,
      { id: record.id, language: 'en', sentiment: score('NEGATIVE', 0.7) },
      context,
    );

    expect(outcome.raised).toBeUndefined();
  });

  it('keeps the language already known, else takes the detected one', () => {
    const known = pending('P3');
    const unknown = pending('P3', { language: null });
    const detected = { id: known.id, language: 'zh', sentiment: score('NEUTRAL', 0.1) };

    expect(rescoreFeedback(known, detected, context).language).toBe('en');
    expect(rescoreFeedback(unknown, detected, context).language).toBe('zh');
  });
});

describe('triageFeedback', () => {
  it('marks an emotional outburst a complaint for repeat counting', () => {
    const record = {
      ...pending('P3'),
      status: 'received' as const,
      text: '心情很差，很难过',
      language: 'zh',
    };

    const outcome = triageFeedback(
      {
        record,
        sentiment: { id: record.id, language: 'zh', sentiment: score('NEGATIVE', 0.7) },
        priorComplaints: [
          { id: 'A', receivedAt: '2026-11-10T00:00:00.000Z' },
          { id: 'B', receivedAt: '2026-11-12T00:00:00.000Z' },
        ],
      },
      context,
    );

    expect(outcome.type).toBe('emotional');
    expect(outcome.repeat).toEqual({ count: 3, windowDays: 30, previousIds: ['A', 'B'] });
    // negative complaint → P2, third in 30 days → P1
    expect(outcome.priority).toBe('P1');
  });

  it('marks sentiment pending only when the detector was unavailable', () => {
    const record = { ...pending('P3'), status: 'received' as const };
    const run = (reason: 'unavailable' | 'unsupported_language') =>
      triageFeedback(
        {
          record,
          sentiment: { id: record.id, language: 'en', sentiment: null, reason },
          priorComplaints: [],
        },
        context,
      );

    expect(run('unavailable')).toMatchObject({
      sentimentPending: true,
      historyEntry: { sentiment: 'pending' },
    });
    expect(run('unsupported_language')).toMatchObject({
      sentimentPending: false,
      historyEntry: { sentiment: 'unsupported' },
    });
  });
});

describe('rescoreFeedback: what the late score is judged with', () => {
  it('counts the repeat complaints triage found: a third complaint scored negative late is P1', () => {
    // Prepare: an open P3 complaint that was the customer's third in 30 days
    const record = pending('P3', { repeat: { count: 3, windowDays: 30, previousIds: ['A', 'B'] } });

    // Act
    const outcome = rescoreFeedback(
      record,
      { id: record.id, language: 'en', sentiment: score('NEGATIVE', 0.7) },
      context,
    );

    // Assess: negative complaint → P2, third in the window → P1; P1 deadlines are 24 and 72 clock hours
    expect(outcome.raised).toEqual({
      priority: 'P1',
      deadlines: { firstResponseDue: '2026-11-24T02:00:00.000Z', resolutionDue: '2026-11-26T02:00:00.000Z' },
      // 80 % of the 24 hours to the first-response deadline
      nextEscalation: { at: '2026-11-23T21:12:00.000Z', deadline: 'firstResponse', level: 1 },
    });
  });

  it('invents no earlier complaints: a first complaint is not raised as a repeat', () => {
    // Prepare: a policy that raises the second complaint, and a feedback with no repeat
    const raiseSecond = { ...policy, repeat: { windowDays: 30, raiseAtCount: 2 } };
    const record = pending('P3', { repeat: null });

    // Act
    const outcome = rescoreFeedback(
      record,
      { id: record.id, language: 'en', sentiment: score('NEGATIVE', 0.7) },
      { ...context, policy: raiseSecond },
    );

    // Assess
    expect(outcome.raised?.priority).toBe('P2');
  });

  it('gives a feedback that has no priority yet the one its late score decides', () => {
    const record = pending('P3', { priority: null });

    const outcome = rescoreFeedback(
      record,
      { id: record.id, language: 'en', sentiment: score('NEUTRAL', 0.1) },
      context,
    );

    expect(outcome.raised?.priority).toBe('P3');
  });

  it('schedules the raised feedback’s next escalation from its new deadlines', () => {
    const record = pending('P3');

    const outcome = rescoreFeedback(
      record,
      { id: record.id, language: 'en', sentiment: score('NEGATIVE', 0.7) },
      context,
    );

    // P2's first response is due Tue 10:00 (9 working hours after Mon 10:00); 80 % of that is Mon 17:12
    expect(outcome.raised?.nextEscalation).toEqual({
      at: '2026-11-23T09:12:00.000Z',
      deadline: 'firstResponse',
      level: 1,
    });
  });
});

describe('triageFeedback: priority facts and the repeat record', () => {
  const received = (overrides: Partial<FeedbackRecord>) => ({
    ...pending('P3'),
    status: 'received' as const,
    ...overrides,
  });

  it.each([
    ['a VIP customer’s neutral complaint', 'P2', { email: 'c@example.com', segment: 'vip' }],
    ['a standard customer’s neutral complaint', 'P3', { email: 'c@example.com', segment: 'standard' }],
    ['a complaint with no customer', 'P3', null],
  ] as const)('%s → %s', (_, expected, customer) => {
    const record = received({ text: 'The staff were rude.', customer });

    const outcome = triageFeedback(
      {
        record,
        sentiment: { id: record.id, language: 'en', sentiment: score('NEUTRAL', 0.1) },
        priorComplaints: [],
      },
      context,
    );

    expect(outcome.priority).toBe(expected);
  });

  it.each([
    ['a first complaint', 'The staff were rude.', [], null],
    [
      'praise, even from a customer with earlier complaints',
      'Thank you, great job',
      [{ id: 'A', receivedAt: '2026-11-10T00:00:00.000Z' }],
      null,
    ],
    [
      'a second complaint',
      'The staff were rude.',
      [{ id: 'A', receivedAt: '2026-11-10T00:00:00.000Z' }],
      { count: 2, windowDays: 30, previousIds: ['A'] },
    ],
  ] as const)('repeat for %s', (_, text, priorComplaints, expected) => {
    const record = received({ text });

    const outcome = triageFeedback(
      {
        record,
        sentiment: { id: record.id, language: 'en', sentiment: score('NEUTRAL', 0.1) },
        priorComplaints,
      },
      context,
    );

    expect(outcome.repeat).toEqual(expected);
  });
});

describe('triageFeedback: what it records', () => {
  const teams = [
    {
      id: 'service-desk',
      name: { en: 'Service desk', zh: '服务台' },
      leadEmails: ['desk@example.com'],
      categories: [],
      channels: [],
    },
    {
      id: 'people',
      name: { en: 'People', zh: '人事' },
      leadEmails: ['people@example.com'],
      categories: ['staff_attitude'],
      channels: [],
    },
  ];

  it('opens the feedback: history entry, team by category, ladder, language', () => {
    // Prepare: a VIP's complaint about staff, received Mon 10:00 Shanghai, language not yet known
    const record = {
      ...pending('P3'),
      status: 'received' as const,
      text: 'The staff were rude.',
      language: null,
      customer: { email: 'c@example.com', segment: 'vip' },
    };

    // Act
    const outcome = triageFeedback(
      {
        record,
        sentiment: { id: record.id, language: 'zh', sentiment: score('NEUTRAL', 0.1) },
        priorComplaints: [],
      },
      { ...context, teams },
    );

    // Assess
    expect(outcome).toMatchObject({
      language: 'zh',
      priority: 'P2',
      team: 'people',
      // P2: first response due Tue 10:00; 80 % of its 9 working hours is Mon 17:12 Shanghai
      nextEscalation: { at: '2026-11-23T09:12:00.000Z', deadline: 'firstResponse', level: 1 },
      historyEntry: {
        at: '2026-11-23T03:00:00.000Z',
        action: 'triaged',
        actor: 'system:triage',
        from: 'received',
        to: 'open',
        priority: 'P2',
        team: 'people',
        teamReason: 'category:staff_attitude',
        sentiment: 'NEUTRAL',
      },
    });
  });

  it('keeps a language the channel gave', () => {
    const record = { ...pending('P3'), status: 'received' as const, language: 'en' };

    const outcome = triageFeedback(
      {
        record,
        sentiment: { id: record.id, language: 'zh', sentiment: score('NEUTRAL', 0.1) },
        priorComplaints: [],
      },
      context,
    );

    expect(outcome.language).toBe('en');
  });
});
