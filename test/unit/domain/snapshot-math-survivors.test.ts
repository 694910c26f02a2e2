import { describe, expect, it } from 'vitest';
import { SnapshotAccumulator } from '../../../shared/domain/snapshot-math.ts';
import type { FeedbackRecord } from '../../../shared/schemas/feedback-record.ts';
import { calendar, openFeedback } from '../../helpers/records.ts';

/*
 * The snapshot figures at the edges the mutation run found unguarded (issue 20): which history
 * entries count as follow-up CSAT, where unrouted feedback counts, repeated NPS and CSAT answers,
 * the order of the type totals, and SLA deadlines met before the snapshot's instant or due exactly at it.
 */

// Monday 2026-11-23 10:00 Shanghai
const received = '2026-11-23T02:00:00.000Z';
const deadlines = {
  firstResponseDue: '2026-11-24T02:00:00.000Z',
  resolutionDue: '2026-11-30T02:00:00.000Z',
};
const triaged = { at: received, action: 'triaged', actor: 'x', to: 'open' as const, deadlines };
const asOf = '2027-01-01T00:00:00.000Z';

const record = (id: string, overrides: Partial<FeedbackRecord> = {}) =>
  openFeedback('P2', received, { id, history: [triaged], ...overrides });

describe('follow-up CSAT comes from survey answers only', () => {
  it('ignores a csat on another entry and a survey answer without a numeric csat', () => {
    // Prepare
    const accumulator = new SnapshotAccumulator(asOf, calendar);
    accumulator.add(
      record('A', {
        history: [
          triaged,
          { at: '2026-11-23T03:00:00.000Z', action: 'note', actor: 'staff:ana', csat: 1 },
          { at: '2026-11-23T04:00:00.000Z', action: 'survey_answered', actor: 'customer:survey' },
        ],
      }),
    );
    // Act
    const figures = accumulator.figures();
    // Assess
    expect(figures.csat.bySource.followUp).toEqual({ average: null, responses: 0 });
    expect(figures.csat).toMatchObject({ average: null, responses: 0 });
    expect(figures.csat.distribution).toEqual({ '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 });
  });

  it('counts a survey answer with its csat', () => {
    const accumulator = new SnapshotAccumulator(asOf, calendar);
    accumulator.add(
      record('A', {
        history: [
          triaged,
          { at: '2026-11-26T02:00:00.000Z', action: 'survey_answered', actor: 'customer:survey', csat: 4 },
        ],
      }),
    );
    expect(accumulator.figures().csat.bySource.followUp).toEqual({ average: 4, responses: 1 });
  });
});

describe('unrouted feedback counts for the configured fallback team', () => {
  it('counts for the fallback, not the first team listed', () => {
    // Prepare: two teams, the second is the fallback; the feedback records no team
    const accumulator = new SnapshotAccumulator(asOf, calendar, {
      ids: ['billing', 'support'],
      fallback: 'support',
    });
    // Act
    accumulator.add(record('A'));
    const byTeam = accumulator.figures().byTeam;
    // Assess
    expect(byTeam.support?.feedback).toBe(1);
    expect(byTeam.billing?.feedback).toBe(0);
  });
});

describe('repeated answers add up', () => {
  it('counts two NPS answers of 10 as two promoters, in the quarter and in the slice', () => {
    const accumulator = new SnapshotAccumulator(asOf, calendar);
    accumulator.add(record('A', { ratings: { nps: 10 } }));
    accumulator.add(record('B', { ratings: { nps: 10 } }));
    accumulator.add(record('C', { ratings: { nps: 0 } }));
    accumulator.add(record('D', { ratings: { nps: 0 } }));
    accumulator.add(record('E', { ratings: { nps: 10 } }));
    const figures = accumulator.figures();
    // 3 promoters, 2 detractors of 5: (3 − 2) / 5 = 20
    expect(figures.nps).toEqual({ score: 20, responses: 5, promoters: 3, passives: 0, detractors: 2 });
    expect(figures.byChannel.web?.nps).toEqual({ score: 20, responses: 5 });
  });

  it('counts a CSAT of 4 as satisfied', () => {
    const accumulator = new SnapshotAccumulator(asOf, calendar);
    accumulator.add(record('A', { ratings: { csat: 4 } }));
    accumulator.add(record('B', { ratings: { csat: 4 } }));
    accumulator.add(record('C', { ratings: { csat: 2 } }));
    accumulator.add(record('D', { ratings: { csat: 5 } }));
    const figures = accumulator.figures();
    expect(figures.csat).toMatchObject({ responses: 4, average: 3.75, satisfiedShare: 0.75 });
    expect(figures.csat.distribution).toEqual({ '1': 0, '2': 1, '3': 0, '4': 2, '5': 1 });
  });
});

describe('type totals', () => {
  it('lists the types in alphabetical order, whatever order they came in', () => {
    const accumulator = new SnapshotAccumulator(asOf, calendar);
    accumulator.add(record('A', { type: 'suggestion' }));
    accumulator.add(record('B', { type: 'praise' }));
    accumulator.add(record('C', { type: 'complaint' }));
    accumulator.add(record('D', { type: 'suggestion' }));
    const byType = accumulator.figures().totals.byType;
    expect(Object.keys(byType)).toEqual(['complaint', 'praise', 'suggestion']);
    expect(byType).toEqual({ complaint: 1, praise: 1, suggestion: 2 });
  });
});

describe('SLA deadlines the snapshot counts', () => {
  it('counts a first response made in time although its deadline is still ahead', () => {
    // Prepare: acknowledged 2 h after receipt; the snapshot is taken 3 h after receipt, the
    // deadline (24 h) has not passed yet
    const accumulator = new SnapshotAccumulator('2026-11-23T05:00:00.000Z', calendar);
    accumulator.add(
      record('A', {
        history: [
          triaged,
          { at: '2026-11-23T04:00:00.000Z', action: 'acknowledge', actor: 'x', to: 'acknowledged' },
        ],
      }),
    );
    // Act
    const figures = accumulator.figures();
    // Assess: 1 met of 1 due; the resolution deadline (30 Nov) is neither met nor due
    expect(figures.firstResponseTime.withinSla).toBe(1);
    expect(figures.resolutionTime.withinSla).toBeNull();
    expect(figures.slaCompliance).toBe(1);
    expect(figures.byChannel.web?.slaCompliance).toBe(1);
  });

  it('counts a resolution made in time although its deadline is still ahead', () => {
    const accumulator = new SnapshotAccumulator('2026-11-23T07:00:00.000Z', calendar);
    accumulator.add(
      record('A', {
        history: [triaged, { at: '2026-11-23T06:00:00.000Z', action: 'resolve', actor: 'x', to: 'resolved' }],
      }),
    );
    const figures = accumulator.figures();
    expect(figures.resolutionTime.withinSla).toBe(1);
    expect(figures.firstResponseTime.withinSla).toBe(1);
    expect(figures.slaCompliance).toBe(1);
  });

  it('counts an unresolved feedback as missed at the very instant its resolution deadline falls', () => {
    // Prepare: acknowledged in time, never resolved; the snapshot is taken exactly at the deadline
    const accumulator = new SnapshotAccumulator('2026-11-30T02:00:00.000Z', calendar);
    accumulator.add(
      record('A', {
        history: [
          triaged,
          { at: '2026-11-23T04:00:00.000Z', action: 'acknowledge', actor: 'x', to: 'acknowledged' },
        ],
      }),
    );
    // Act
    const figures = accumulator.figures();
    // Assess: resolution 0 met of 1 due; with the first response, 1 of 2
    expect(figures.resolutionTime.withinSla).toBe(0);
    expect(figures.slaCompliance).toBe(0.5);
    expect(figures.byChannel.web?.slaCompliance).toBe(0.5);
  });
});
