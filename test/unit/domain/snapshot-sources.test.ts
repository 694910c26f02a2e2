import { describe, expect, it } from 'vitest';
import { SnapshotAccumulator } from '../../../shared/domain/snapshot-math.ts';
import type { FeedbackRecord, HistoryEntry } from '../../../shared/schemas/feedback-record.ts';
import { calendar, openFeedback } from '../../helpers/records.ts';

const received = '2026-11-23T02:00:00.000Z';
const asOf = '2026-12-31T16:00:00.000Z';
const resolvedAt = '2026-11-24T02:00:00.000Z';
const received_: HistoryEntry = { at: received, action: 'received', actor: 'system', to: 'received' };
const triaged: HistoryEntry = {
  at: received,
  action: 'triaged',
  actor: 'system',
  from: 'received',
  to: 'open',
};
const resolve = (at: string): HistoryEntry => ({ at, action: 'resolve', actor: 'staff:a', to: 'resolved' });
const sent = (sentAt: string) => ({ claimedAt: sentAt, sentAt, messageId: 'm' });

function feedback(id: string, overrides: Partial<FeedbackRecord>): FeedbackRecord {
  return openFeedback('P3', received, { id, ...overrides });
}

describe('csat.bySource and notifiedRate, against a hand count', () => {
  // Prepare: six feedback, their ratings, resolutions and what the customer was told
  const records = [
    // A: rated 4 at intake, resolved, closure email sent, then answered the survey with 2
    feedback('A', {
      ratings: { csat: 4 },
      notifications: { 'closure-notice:1': sent('2026-11-24T02:01:00.000Z') },
      history: [
        received_,
        triaged,
        resolve(resolvedAt),
        { at: '2026-11-25T02:00:00.000Z', action: 'survey_answered', actor: 'customer:survey', csat: 2 },
      ],
    }),
    // B: resolved, no email or SMS, then staff recorded the call that told the outcome
    feedback('B', {
      history: [
        received_,
        triaged,
        resolve(resolvedAt),
        { at: '2026-11-24T03:00:00.000Z', action: 'record_call', actor: 'staff:a' },
      ],
    }),
    // C: resolved, its SMS went out only after asOf
    feedback('C', {
      notifications: { 'closure-sms:1': sent('2027-01-02T00:00:00.000Z') },
      history: [received_, triaged, resolve(resolvedAt)],
    }),
    // D: told about the first resolution, reopened and resolved again without telling
    feedback('D', {
      notifications: { 'closure-notice:1': sent('2026-11-24T02:01:00.000Z') },
      history: [
        received_,
        triaged,
        resolve(resolvedAt),
        { at: '2026-11-26T02:00:00.000Z', action: 'reopen', actor: 'staff:a', to: 'open' },
        resolve('2026-11-27T02:00:00.000Z'),
      ],
    }),
    // E: praise rated 5 at intake (not a complaint)
    feedback('E', { type: 'praise', ratings: { csat: 5 }, history: [received_, triaged] }),
    // F: an open complaint, a P1 alert sent (not a closure notice)
    feedback('F', { notifications: { 'p1-alert': sent(received) }, history: [received_, triaged] }),
  ];

  it('separates intake, follow-up and campaign CSAT; csat.average mixes intake and follow-up only', () => {
    // Act
    const accumulator = new SnapshotAccumulator(asOf, calendar);
    for (const record of records) accumulator.add(record);
    const figures = accumulator.figures({ sum: 9, responses: 3 });

    // Assess: intake 4 and 5; follow-up 2; campaign 9 over 3 answers; average (4 + 5 + 2) / 3
    expect(figures.csat.bySource).toEqual({
      intake: { average: 4.5, responses: 2 },
      followUp: { average: 2, responses: 1 },
      campaign: { average: 3, responses: 3 },
    });
    expect(figures.csat).toMatchObject({ average: 3.67, responses: 3 });
  });

  it('counts a resolved complaint as notified only when told after its latest resolution, by asOf', () => {
    // Act
    const accumulator = new SnapshotAccumulator(asOf, calendar);
    for (const record of records) accumulator.add(record);
    const figures = accumulator.figures();

    // Assess: complaints A B C D F; resolved A B C D; told A (email) and B (call)
    expect(figures.closureRate).toBe(0.8);
    expect(figures.notifiedRate).toBe(0.5);
    expect(figures.byChannel.web).toMatchObject({ closureRate: 0.8, notifiedRate: 0.5 });
    expect(figures.csat.bySource.campaign).toEqual({ average: null, responses: 0 });
  });

  it('counts the SMS once asOf has passed it', () => {
    const accumulator = new SnapshotAccumulator('2027-01-03T00:00:00.000Z', calendar);
    for (const record of records) accumulator.add(record);
    expect(accumulator.figures().notifiedRate).toBe(0.75);
  });

  it('reports null, not zero, when no complaint was resolved', () => {
    const accumulator = new SnapshotAccumulator(asOf, calendar);
    accumulator.add(records[5] as FeedbackRecord);
    expect(accumulator.figures().notifiedRate).toBeNull();
  });
});
