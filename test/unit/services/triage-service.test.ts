import { describe, expect, it } from 'vitest';
import { calendarConfigSchema } from '../../../shared/config/stack-config.ts';
import type { PriorComplaint, RescoreOutcome, TriageOutcome } from '../../../shared/domain/triage.ts';
import type { FeedbackRepository } from '../../../shared/ports/feedback-repository.ts';
import type { SentimentRequest, SentimentResult } from '../../../shared/ports/sentiment-detector.ts';
import type { FeedbackRecord, Sentiment } from '../../../shared/schemas/feedback-record.ts';
import { TriageService } from '../../../shared/services/triage-service.ts';
import { openFeedback, policy } from '../../helpers/records.ts';

// Monday 2026-11-23 10:00 Shanghai
const received = '2026-11-23T02:00:00.000Z';
const now = new Date('2026-11-23T02:00:05.000Z');
const calendarConfig = calendarConfigSchema.parse({});

const negative: Sentiment = {
  label: 'NEGATIVE',
  scores: { positive: 0.01, negative: 0.7, neutral: 0.29, mixed: 0 },
  source: 'comprehend',
};
const positive: Sentiment = {
  label: 'POSITIVE',
  scores: { positive: 0.9, negative: 0.02, neutral: 0.08, mixed: 0 },
  source: 'comprehend',
};

function receivedFeedback(id: string, overrides: Partial<FeedbackRecord> = {}): FeedbackRecord {
  return openFeedback('P4', received, {
    id,
    status: 'received',
    text: 'The counter was closed again.',
    language: 'en',
    type: null,
    priority: null,
    deadlines: null,
    clockStartedAt: null,
    ...overrides,
  });
}

function pendingFeedback(id: string): FeedbackRecord {
  return openFeedback('P3', received, {
    id,
    text: 'The counter was closed again.',
    language: 'en',
    sentiment: null,
    sentimentPending: true,
  });
}

/** A repository fake that records what triage asked and wrote. */
class TriageRepository {
  readonly calls: unknown[][] = [];
  prior: PriorComplaint[] = [];
  pending: FeedbackRecord[] = [];
  triageApplies = true;
  rescoreRefusedFor = new Set<string>();

  async priorComplaints(customerKey: string, since: string, before: Pick<FeedbackRecord, 'id'>) {
    this.calls.push(['priorComplaints', customerKey, since, before.id]);
    return this.prior;
  }

  async applyTriage(id: string, outcome: TriageOutcome, at: Date, receivedAt?: string) {
    this.calls.push(['applyTriage', id, outcome, at.toISOString(), receivedAt]);
    return this.triageApplies;
  }

  async pendingSentiment(limit: number) {
    this.calls.push(['pendingSentiment', limit]);
    return this.pending;
  }

  async applyRescore(id: string, rescore: RescoreOutcome, at: Date, receivedAt?: string) {
    this.calls.push(['applyRescore', id, rescore, at.toISOString(), receivedAt]);
    return !this.rescoreRefusedFor.has(id);
  }

  asRepository(): FeedbackRepository {
    return this as unknown as FeedbackRepository;
  }
}

/** A detector that scores from a table and records every batch it was given. */
function tableDetector(table: Record<string, Sentiment | null>) {
  const batches: SentimentRequest[][] = [];
  return {
    batches,
    source: 'comprehend' as const,
    detect: async (requests: readonly SentimentRequest[]): Promise<SentimentResult[]> => {
      batches.push([...requests]);
      return requests.map((r) => {
        const sentiment = table[r.id] ?? null;
        return sentiment
          ? { id: r.id, language: 'en', sentiment }
          : { id: r.id, language: 'en', sentiment: null, reason: 'unavailable' as const };
      });
    },
  };
}

function setup(
  table: Record<string, Sentiment | null> = {},
  options: { teams?: boolean; clock?: boolean } = {},
) {
  const repository = new TriageRepository();
  const detector = tableDetector(table);
  const service = new TriageService({
    repository: repository.asRepository(),
    detector,
    policy,
    calendar: calendarConfig,
    ...(options.teams
      ? {
          teams: [
            {
              id: 'desk',
              name: { en: 'Desk', zh: '服务台' },
              leadEmails: ['d@example.com'],
              categories: [],
              channels: ['phone'],
            },
            {
              id: 'online',
              name: { en: 'Online', zh: '线上' },
              leadEmails: ['o@example.com'],
              categories: [],
              channels: ['web'],
            },
          ],
        }
      : {}),
    ...(options.clock === false ? {} : { now: () => now }),
  });
  return { repository, detector, service };
}

describe('triage service: scoring a batch', () => {
  it('scores only the received feedback of a batch, in one detector call, keyed by id', async () => {
    // Prepare
    const { detector, service } = setup({ A: negative });
    const batch = [
      receivedFeedback('A'),
      openFeedback('P2', received, { id: 'B' }),
      receivedFeedback('C', { language: null }),
    ];

    // Act
    const scored = await service.scoreBatch(batch);

    // Assess
    expect(detector.batches).toEqual([
      [
        { id: 'A', text: 'The counter was closed again.', language: 'en' },
        { id: 'C', text: 'The counter was closed again.', language: null },
      ],
    ]);
    expect([...scored.keys()]).toEqual(['A', 'C']);
    expect(scored.get('A')).toEqual({ id: 'A', language: 'en', sentiment: negative });
  });

  it('calls no detector when nothing in the batch is received', async () => {
    const { detector, service } = setup();

    const scored = await service.scoreBatch([openFeedback('P2', received, { id: 'B' })]);

    expect(detector.batches).toEqual([]);
    expect(scored.size).toBe(0);
  });
});

describe('triage service: triaging one feedback', () => {
  it('counts the customer’s complaints of the last 30 days and opens the feedback with one write', async () => {
    const { repository, service } = setup({ A: negative });
    repository.prior = [
      { id: 'P1X', receivedAt: '2026-11-01T00:00:00.000Z' },
      { id: 'P2X', receivedAt: '2026-11-10T00:00:00.000Z' },
    ];
    const record = receivedFeedback('A', { customer: { email: 'Mei@Example.com' } });
    const scored = await service.scoreBatch([record]);

    const outcome = await service.triage(record, scored);

    expect(repository.calls[0]).toEqual([
      'priorComplaints',
      'email:mei@example.com',
      '2026-10-24T02:00:00.000Z',
      'A',
    ]);
    expect(outcome).toMatchObject({
      type: 'complaint',
      sentiment: negative,
      sentimentPending: false,
      repeat: { count: 3, windowDays: 30, previousIds: ['P1X', 'P2X'] },
      team: 'service-desk',
    });
    expect(repository.calls[1]).toEqual(['applyTriage', 'A', outcome, '2026-11-23T02:00:05.000Z', received]);
    expect(repository.calls).toHaveLength(2);
  });

  it('looks up no earlier complaints for anonymous feedback, and counts none', async () => {
    const { repository, service } = setup({ A: negative });
    repository.prior = [{ id: 'P1X', receivedAt: '2026-11-01T00:00:00.000Z' }];
    const record = receivedFeedback('A', { anonymous: true, customer: null });

    const outcome = await service.triage(record, await service.scoreBatch([record]));

    expect(outcome).toMatchObject({ type: 'complaint', repeat: null });
    expect(repository.calls.map((c) => c[0])).toEqual(['applyTriage']);
  });

  it('marks the sentiment pending when the batch has no score for the feedback', async () => {
    const { service } = setup();
    const record = receivedFeedback('A');

    const outcome = await service.triage(record, new Map());

    expect(outcome).toMatchObject({ sentiment: null, sentimentPending: true, language: 'en' });
    expect(outcome?.historyEntry).toMatchObject({ action: 'triaged', sentiment: 'pending' });
  });

  it('routes to the configured teams when there are some', async () => {
    const { service } = setup({}, { teams: true });
    const record = receivedFeedback('A');

    const outcome = await service.triage(record, new Map());

    expect(outcome).toMatchObject({ team: 'online' });
    expect(outcome?.historyEntry).toMatchObject({ team: 'online', teamReason: 'channel:web' });
  });

  it('does nothing for feedback that is no longer received', async () => {
    const { repository, service } = setup({ B: negative });

    const outcome = await service.triage(openFeedback('P2', received, { id: 'B' }), new Map());

    expect(outcome).toBeUndefined();
    expect(repository.calls).toEqual([]);
  });

  it('answers undefined when an earlier delivery triaged it first', async () => {
    const { repository, service } = setup();
    repository.triageApplies = false;

    const outcome = await service.triage(receivedFeedback('A'), new Map());

    expect(outcome).toBeUndefined();
  });

  it('stamps the triage with the current time when no clock is given', async () => {
    const { repository, service } = setup({}, { clock: false });

    await service.triage(receivedFeedback('A'), new Map());

    expect(repository.calls.at(-1)?.[3]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});

describe('triage service: rescoring pending sentiment', () => {
  it('scores the pending feedback in one batch, raises what the score calls for, counts what was stored', async () => {
    // Prepare: A raised to P2, B scored without a raise, C still unscorable, D changed meanwhile
    const { repository, detector, service } = setup({ A: negative, B: positive, C: null, D: negative });
    repository.pending = ['A', 'B', 'C', 'D'].map(pendingFeedback);
    repository.rescoreRefusedFor.add('D');

    // Act
    const result = await service.rescorePending(5);

    // Assess
    expect(result).toEqual({ scored: 2, raised: 1, stillPending: 2 });
    expect(repository.calls[0]).toEqual(['pendingSentiment', 5]);
    expect(detector.batches[0]?.map((r) => r.id)).toEqual(['A', 'B', 'C', 'D']);
    const writes = repository.calls.filter((c) => c[0] === 'applyRescore');
    expect(writes.map((c) => [c[1], c[3], c[4]])).toEqual([
      ['A', '2026-11-23T02:00:05.000Z', received],
      ['B', '2026-11-23T02:00:05.000Z', received],
      ['D', '2026-11-23T02:00:05.000Z', received],
    ]);
    expect(writes[0]?.[2]).toMatchObject({
      sentiment: negative,
      raised: { priority: 'P2' },
      historyEntry: { action: 'sentiment_scored', sentiment: 'NEGATIVE', priority: 'P2' },
    });
    expect(writes[1]?.[2]).toMatchObject({ sentiment: positive, historyEntry: { sentiment: 'POSITIVE' } });
    expect(writes[1]?.[2]).not.toHaveProperty('raised');
  });

  it('asks for 100 at a time by default and answers zeros when nothing is pending', async () => {
    const { repository, detector, service } = setup();

    const result = await service.rescorePending();

    expect(result).toEqual({ scored: 0, raised: 0, stillPending: 0 });
    expect(repository.calls).toEqual([['pendingSentiment', 100]]);
    expect(detector.batches).toEqual([]);
  });

  it('stamps the rescore with the current time when no clock is given', async () => {
    const { repository, service } = setup({ A: positive }, { clock: false });
    repository.pending = [pendingFeedback('A')];

    const result = await service.rescorePending();

    expect(result).toEqual({ scored: 1, raised: 0, stillPending: 0 });
    expect(repository.calls.at(-1)?.[3]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});

describe('triage service: a detector that answers for only part of the batch', () => {
  it('leaves the feedback it had no answer for pending', async () => {
    const { repository, detector, service } = setup();
    repository.pending = [pendingFeedback('A'), pendingFeedback('B')];
    detector.detect = async () => [{ id: 'B', language: 'en', sentiment: positive }];

    const result = await service.rescorePending();

    expect(result).toEqual({ scored: 1, raised: 0, stillPending: 1 });
    expect(repository.calls.filter((c) => c[0] === 'applyRescore').map((c) => c[1])).toEqual(['B']);
  });
});
