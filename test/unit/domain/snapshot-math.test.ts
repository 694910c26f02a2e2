import { describe, expect, it } from 'vitest';
import {
  monthsBetween,
  parsePeriod,
  periodEndedBefore,
  periodRange,
  previousPeriod,
} from '../../../shared/domain/period.ts';
import {
  feedbackAsOf,
  NumberSeries,
  npsFrom,
  pareto,
  quantile,
  SnapshotAccumulator,
} from '../../../shared/domain/snapshot-math.ts';
import { applyAction, type WorkflowAction } from '../../../shared/domain/workflow.ts';
import { calendar, openFeedback, policy } from '../../helpers/records.ts';

describe('quantile (nearest rank)', () => {
  it.each([
    [[], 0.5, null],
    [[7], 0.5, 7],
    [[7], 0.9, 7],
    [[1, 2, 3, 4], 0.5, 2],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5, 5],
  ])('%j at %f → %s', (values, q, expected) => {
    expect(quantile(values, q)).toBe(expected);
  });

  it('summarises a series without keeping JavaScript arrays', () => {
    const series = new NumberSeries();
    for (let i = 2000; i >= 1; i -= 1) series.push(i);
    expect(series.summary()).toEqual({ median: 1000, p90: 1800, count: 2000 });
  });
});

describe('NPS', () => {
  const counts = (answers: number[]) => {
    const c = new Array<number>(11).fill(0);
    for (const a of answers) c[a] = (c[a] ?? 0) + 1;
    return c;
  };
  it.each([
    ['no answers', [], null],
    ['all promoters', [9, 10, 10], 100],
    ['all detractors', [0, 3, 6], -100],
    ['all passives', [7, 8], 0],
    ['6 is a detractor, 7 is passive, 9 a promoter', [6, 7, 9], 0],
    ['one third each', [10, 8, 0], 0],
    ['2 promoters, 1 detractor', [9, 10, 2], 33.3],
  ])('%s → %s', (_, answers, score) => {
    expect(npsFrom(counts(answers)).score).toBe(score);
  });

  it('reports its counts', () => {
    expect(npsFrom(counts([9, 10, 7, 0]))).toEqual({
      score: 25,
      responses: 4,
      promoters: 2,
      passives: 1,
      detractors: 1,
    });
  });
});

describe('Pareto of complaint categories', () => {
  it('is empty for no complaints', () => {
    expect(pareto(new Map())).toEqual([]);
  });

  it('orders by count, breaks ties by name, and marks the vital few up to 80 %', () => {
    const result = pareto(
      new Map([
        ['waiting_time', 3],
        ['staff_attitude', 5],
        ['billing_payment', 3],
        ['delivery', 1],
      ]),
    );
    expect(result.map((e) => [e.category, e.count, e.cumulativeShare, e.vital])).toEqual([
      ['staff_attitude', 5, 0.4167, true],
      ['billing_payment', 3, 0.6667, true],
      ['waiting_time', 3, 0.9167, true],
      ['delivery', 1, 1, false],
    ]);
  });

  it('stops at the category that reaches exactly 80 %', () => {
    const result = pareto(
      new Map([
        ['a', 8],
        ['b', 1],
        ['c', 1],
      ]),
    );
    expect(result.filter((e) => e.vital).map((e) => e.category)).toEqual(['a']);
  });
});

describe('periods', () => {
  it.each([
    ['2026-Q4', 'Asia/Shanghai', '2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
    ['2026-Q1', 'Europe/Berlin', '2025-12-31T23:00:00.000Z', '2026-03-31T22:00:00.000Z'],
  ])('%s in %s', (text, zone, from, to) => {
    expect(periodRange(parsePeriod(text), zone)).toEqual({ from, to });
  });

  it('computes the quarter that just ended at the scheduled instant, across the year boundary', () => {
    expect(periodEndedBefore(new Date('2027-01-01T01:00:00+08:00'), 'Asia/Shanghai')).toEqual({
      year: 2026,
      quarter: 4,
    });
    expect(periodEndedBefore(new Date('2026-04-01T01:00:00+08:00'), 'Asia/Shanghai')).toEqual({
      year: 2026,
      quarter: 1,
    });
    expect(previousPeriod({ year: 2026, quarter: 1 })).toEqual({ year: 2025, quarter: 4 });
  });

  it('lists the UTC month partitions a quarter touches', () => {
    expect(monthsBetween('2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z')).toEqual([
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
  });

  it.each(['2026Q4', '2026-Q5', 'Q4-2026', ''])('refuses %j', (text) => {
    expect(() => parsePeriod(text)).toThrow(/2026-Q4/);
  });
});

describe('SnapshotAccumulator', () => {
  const received = '2026-11-23T02:00:00.000Z';
  const asOf = '2027-01-01T00:00:00.000Z';

  it('gives nulls, not zeros or NaN, for an empty quarter', () => {
    const figures = new SnapshotAccumulator(asOf, calendar).figures();
    expect(figures).toMatchObject({
      totals: { feedback: 0, complaints: 0 },
      csat: { average: null, responses: 0, satisfiedShare: null },
      nps: { score: null, responses: 0 },
      complaintRate: null,
      slaCompliance: null,
      closureRate: null,
      reopenRate: null,
      pareto: [],
      repeatComplaintCustomers: 0,
    });
  });

  it('replays history only up to asOf', () => {
    const record = openFeedback('P2', received, {
      history: [
        { at: received, action: 'received', actor: 'x', to: 'received' },
        { at: '2026-11-23T02:00:01.000Z', action: 'triaged', actor: 'x', from: 'received', to: 'open' },
        { at: '2026-11-23T05:00:00.000Z', action: 'resolve', actor: 'x', to: 'resolved' },
        { at: '2027-02-01T00:00:00.000Z', action: 'reopen', actor: 'x', to: 'open' },
      ],
    });
    expect(feedbackAsOf(record, asOf)).toMatchObject({
      status: 'resolved',
      reopened: false,
      firstResolvedAt: '2026-11-23T05:00:00.000Z',
    });
    expect(feedbackAsOf(record, '2027-03-01T00:00:00.000Z')).toMatchObject({
      status: 'open',
      reopened: true,
    });
  });

  it('counts intake and survey CSAT, response times in working and clock hours, and SLA', () => {
    const accumulator = new SnapshotAccumulator(asOf, calendar);
    const met = openFeedback('P2', received, {
      ratings: { csat: 2, nps: 9, ces: 3 },
      history: [
        { at: received, action: 'received', actor: 'x', to: 'received' },
        {
          at: received,
          action: 'triaged',
          actor: 'x',
          to: 'open',
          deadlines: {
            firstResponseDue: '2026-11-24T02:00:00.000Z',
            resolutionDue: '2026-11-30T02:00:00.000Z',
          },
        },
        { at: '2026-11-23T04:00:00.000Z', action: 'acknowledge', actor: 'x', to: 'acknowledged' },
        { at: '2026-11-25T02:00:00.000Z', action: 'resolve', actor: 'x', to: 'resolved' },
        { at: '2026-11-26T02:00:00.000Z', action: 'survey_answered', actor: 'customer:survey', csat: 5 },
      ],
    });
    const missed = openFeedback('P2', received, {
      id: 'SECOND',
      history: [
        { at: received, action: 'received', actor: 'x', to: 'received' },
        {
          at: received,
          action: 'triaged',
          actor: 'x',
          to: 'open',
          deadlines: {
            firstResponseDue: '2026-11-24T02:00:00.000Z',
            resolutionDue: '2026-11-30T02:00:00.000Z',
          },
        },
      ],
    });
    accumulator.add(met, 'customer-a');
    accumulator.add(missed, 'customer-a');

    const figures = accumulator.figures();
    expect(figures.csat).toMatchObject({ average: 3.5, responses: 2, satisfiedShare: 0.5 });
    expect(figures.firstResponseTime).toEqual({
      clockHours: { median: 2, p90: 2, count: 1 },
      workingHours: { median: 2, p90: 2, count: 1 },
      withinSla: 0.5,
    });
    expect(figures.resolutionTime.clockHours.median).toBe(48);
    expect(figures.resolutionTime.workingHours.median).toBe(18);
    expect(figures.slaCompliance).toBe(0.5);
    expect(figures.closureRate).toBe(0.5);
    expect(figures.repeatComplaintCustomers).toBe(1);
  });
});

describe('SnapshotAccumulator slices (team, channel, service type, segment, category)', () => {
  const received = '2026-11-23T02:00:00.000Z';
  const asOf = '2027-01-01T00:00:00.000Z';
  const deadlines = {
    firstResponseDue: '2026-11-24T02:00:00.000Z',
    resolutionDue: '2026-11-30T02:00:00.000Z',
  };
  const triaged = { at: received, action: 'triaged', actor: 'x', to: 'open' as const, deadlines };

  it('gives every slice the same figures as the quarter, counted from the same records', () => {
    // Prepare: two VIP web complaints about queues (one answered in 2 working hours and resolved
    // in time, with CSAT 4 and NPS 10; one left alone), and a standard app praise with NPS 3
    const accumulator = new SnapshotAccumulator(asOf, calendar);
    accumulator.add(
      openFeedback('P2', received, {
        id: 'A',
        category: 'queues',
        serviceType: 'counter',
        customer: { email: 'a@example.com', segment: 'vip' },
        ratings: { csat: 4, nps: 10 },
        history: [
          triaged,
          { at: '2026-11-23T04:00:00.000Z', action: 'acknowledge', actor: 'x', to: 'acknowledged' },
          { at: '2026-11-25T02:00:00.000Z', action: 'resolve', actor: 'x', to: 'resolved' },
        ],
      }),
    );
    accumulator.add(
      openFeedback('P2', received, {
        id: 'B',
        category: 'queues',
        serviceType: 'counter',
        customer: { email: 'b@example.com', segment: 'vip' },
        history: [triaged],
      }),
    );
    accumulator.add(
      openFeedback('P4', received, {
        id: 'C',
        type: 'praise',
        channel: 'app',
        ratings: { nps: 3 },
        history: [],
        deadlines: null,
      }),
    );

    // Act
    const figures = accumulator.figures();

    // Assess: hand counts. VIP: 2 feedback, 2 complaints, 1 closed; deadlines 2 met of 4 passed
    const vip = {
      feedback: 2,
      complaints: 2,
      complaintRate: 1,
      slaCompliance: 0.5,
      closureRate: 0.5,
      firstResponseMedianHours: 2,
      csat: { average: 4, responses: 1 },
      nps: { score: 100, responses: 1 },
      csatAverage: 4,
    };
    const other = {
      feedback: 1,
      complaints: 0,
      complaintRate: 0,
      slaCompliance: null,
      closureRate: null,
      firstResponseMedianHours: null,
      csat: { average: null, responses: 0 },
      nps: { score: -100, responses: 1 },
      csatAverage: null,
    };
    expect(figures.bySegment).toEqual({ unspecified: other, vip });
    expect(figures.byCategory).toEqual({ queues: vip, uncategorized: other });
    expect(figures.byServiceType).toEqual({ counter: vip, unspecified: other });
    expect(figures.byChannel).toEqual({ app: other, web: vip });
    expect(figures.byTeam).toEqual({
      'service-desk': { ...vip, feedback: 3, complaintRate: 0.6667, nps: { score: 0, responses: 2 } },
    });
  });
});

describe('SLA against the deadlines in force when the work was done', () => {
  // Monday 2026-11-23 10:00 Shanghai; a P2's resolution is due 5 working days later, Mon 11-30 10:00
  const received = '2026-11-23T02:00:00.000Z';
  const context = (now: string) => ({ policy, calendar, now: new Date(now) });
  const staff = 'staff:lead@example.com';
  const triaged = () =>
    openFeedback('P2', received, {
      history: [
        { at: received, action: 'received', actor: 'system', to: 'received' },
        {
          at: received,
          action: 'triaged',
          actor: 'system:triage',
          from: 'received',
          to: 'open',
          deadlines: {
            firstResponseDue: '2026-11-24T02:00:00.000Z',
            resolutionDue: '2026-11-30T02:00:00.000Z',
          },
        },
      ],
    });
  const run = (steps: [WorkflowAction, string][]) =>
    steps.reduce(
      (record, [action, at]) =>
        applyAction(record, { action, actor: staff, resolution: 'done' }, context(at)),
      triaged(),
    );
  const figuresOf = (record: ReturnType<typeof triaged>, asOf: string) => {
    const accumulator = new SnapshotAccumulator(asOf, calendar);
    accumulator.add(record);
    return accumulator.figures();
  };
  // Acknowledged Mon 11:00, waiting Tue 10:00 (4 working days left), resumed Thu 10:00: due Wed 12-02 10:00
  const paused: [WorkflowAction, string][] = [
    ['acknowledge', '2026-11-23T03:00:00.000Z'],
    ['wait_for_customer', '2026-11-24T02:00:00.000Z'],
    ['resume', '2026-11-26T02:00:00.000Z'],
  ];

  it('counts a paused P2 resolved before its resumed deadline (but after the original one) as met', () => {
    const record = run([...paused, ['resolve', '2026-12-01T02:00:00.000Z']]);

    const figures = figuresOf(record, '2027-01-01T00:00:00.000Z');

    expect(feedbackAsOf(record, '2027-01-01T00:00:00.000Z').deadlines).toEqual({
      firstResponseDue: '2026-11-24T02:00:00.000Z',
      resolutionDue: '2026-12-02T02:00:00.000Z',
    });
    expect(figures.resolutionTime.withinSla).toBe(1);
    expect(figures.firstResponseTime.withinSla).toBe(1);
    expect(figures.slaCompliance).toBe(1);
  });

  it('counts a paused P2 resolved after its resumed deadline as missed', () => {
    const record = run([...paused, ['resolve', '2026-12-02T03:00:00.000Z']]);

    expect(figuresOf(record, '2027-01-01T00:00:00.000Z').resolutionTime.withinSla).toBe(0);
  });

  it('does not count a deadline as passed while the clock is paused for the customer', () => {
    const record = run(paused.slice(0, 2));

    const figures = figuresOf(record, '2026-12-01T00:00:00.000Z');

    expect(feedbackAsOf(record, '2026-12-01T00:00:00.000Z').waitingSince).toBe('2026-11-24T02:00:00.000Z');
    expect(figures.resolutionTime.withinSla).toBeNull();
    expect(figures.slaCompliance).toBe(1);
  });

  it('counts a still-open deadline that passed while the clock ran as missed', () => {
    const record = run(paused);

    const figures = figuresOf(record, '2026-12-03T00:00:00.000Z');

    expect(figures.resolutionTime.withinSla).toBe(0);
    expect(figures.slaCompliance).toBe(0.5);
  });

  it('counts a P2 resolved straight from waiting, after the original deadline, as met', () => {
    const record = run([...paused.slice(0, 2), ['resolve', '2026-12-01T02:00:00.000Z']]);

    expect(figuresOf(record, '2027-01-01T00:00:00.000Z').resolutionTime.withinSla).toBe(1);
  });

  it('judges the first cycle only: a reopen’s fresh deadlines do not rescue a missed resolution', () => {
    const record = run([
      ['resolve', '2026-12-01T02:00:00.000Z'],
      ['reopen', '2026-12-01T03:00:00.000Z'],
      ['resolve', '2026-12-01T04:00:00.000Z'],
    ]);

    expect(figuresOf(record, '2027-01-01T00:00:00.000Z').resolutionTime.withinSla).toBe(0);
  });
});

describe('SnapshotAccumulator: complaints and first responses', () => {
  const received = '2026-11-23T02:00:00.000Z';
  const asOf = '2027-01-01T00:00:00.000Z';
  const triagedEntry = {
    at: received,
    action: 'triaged',
    actor: 'system:triage',
    from: 'received' as const,
    to: 'open' as const,
    deadlines: { firstResponseDue: '2026-11-24T02:00:00.000Z', resolutionDue: '2026-11-30T02:00:00.000Z' },
  };
  const withHistory = (
    id: string,
    type: 'complaint' | 'emotional' | 'praise',
    steps: {
      action: string;
      at: string;
      to?: 'acknowledged' | 'waiting_for_customer' | 'resolved' | 'closed';
    }[],
  ) =>
    openFeedback('P2', received, {
      id,
      type,
      history: [
        { at: received, action: 'received', actor: 'x', to: 'received' },
        triagedEntry,
        ...steps.map((step) => ({ actor: 'staff:x', ...step })),
      ],
    });

  it('counts emotional feedback as a complaint and praise as none, in every figure', () => {
    const resolve = { action: 'resolve', at: '2026-11-24T02:00:00.000Z', to: 'resolved' as const };
    const close = { action: 'close', at: '2026-11-25T02:00:00.000Z', to: 'closed' as const };
    const accumulator = new SnapshotAccumulator(asOf, calendar);
    accumulator.add(withHistory('A', 'emotional', [resolve]), 'c1');
    accumulator.add(withHistory('B', 'complaint', []), 'c1');
    accumulator.add(withHistory('E', 'complaint', [resolve, close]), 'c3');
    accumulator.add(withHistory('F', 'complaint', []), 'c4');
    accumulator.add(withHistory('C', 'praise', [resolve]), 'c2');
    accumulator.add(withHistory('D', 'praise', [resolve, close]), 'c2');

    const figures = accumulator.figures();

    expect(figures.totals).toMatchObject({ feedback: 6, complaints: 4 });
    expect(figures.complaintRate).toBe(0.6667);
    // two of the four complaints are resolved or closed; the resolved and closed praise do not count
    expect(figures.closureRate).toBe(0.5);
    expect(figures.byChannel.web).toMatchObject({ feedback: 6, complaints: 4 });
    expect(figures.pareto).toEqual([
      { category: 'uncategorized', count: 4, share: 1, cumulativeShare: 1, vital: true },
    ]);
    expect(figures.repeatComplaintCustomers).toBe(1);
  });

  it('counts resolving straight away as the first response', () => {
    const accumulator = new SnapshotAccumulator(asOf, calendar);
    accumulator.add(
      withHistory('A', 'complaint', [{ action: 'resolve', at: '2026-11-23T05:00:00.000Z', to: 'resolved' }]),
    );

    expect(accumulator.figures().firstResponseTime.clockHours).toEqual({ median: 3, p90: 3, count: 1 });
  });

  it('counts waiting for the customer as the first response, as the workflow does', () => {
    const accumulator = new SnapshotAccumulator(asOf, calendar);
    accumulator.add(
      withHistory('A', 'complaint', [
        { action: 'note', at: '2026-11-23T03:00:00.000Z' },
        { action: 'wait_for_customer', at: '2026-11-23T04:00:00.000Z', to: 'waiting_for_customer' },
        { action: 'acknowledge', at: '2026-11-25T04:00:00.000Z', to: 'acknowledged' },
      ]),
    );

    const figures = accumulator.figures();

    expect(figures.firstResponseTime).toEqual({
      clockHours: { median: 2, p90: 2, count: 1 },
      workingHours: { median: 2, p90: 2, count: 1 },
      withinSla: 1,
    });
  });
});
