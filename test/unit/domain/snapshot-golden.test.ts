import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import {
  customerToldAsOf,
  feedbackAsOf,
  pareto,
  round,
  SnapshotAccumulator,
} from '../../../shared/domain/snapshot-math.ts';
import type { FeedbackRecord, HistoryEntry } from '../../../shared/schemas/feedback-record.ts';
import { calendar, openFeedback } from '../../helpers/records.ts';

/*
 * One quarter of seven feedback items, counted by hand (not by the code under test). Every
 * figure of the snapshot, the whole quarter and every slice, is written down below.
 *
 * The calendar is the default one: Asia/Shanghai, 09:00–18:00, Monday–Friday. All items arrive
 * on Monday 2026-11-23 at 10:00 Shanghai (02:00Z). D is the triage deadlines: first response
 * Tuesday 02:00Z, resolution Monday 2026-11-30 02:00Z.
 *
 * | item | type      | channel | service | segment | category        | team (routed)  | what happened by asOf |
 * | R1   | complaint | web     | counter | vip     | waiting_time    | service-desk   | ack +2 h (met), resolved +48 h / 18 working h (met), closure email after the resolve, csat 2 at intake, survey 5 |
 * | R2   | emotional | phone   | –       | –       | staff_attitude  | service-desk   | waits for the customer at Tue 03:00Z (+25 h / 10 working h: first response missed), resumes with the resolution moved to 12-02, resolved 12-01 (+192 h / 54 working h: met against the moved deadline), outcome told by a recorded call |
 * | R3   | praise    | web     | counter | vip     | –               | service-desk   | no deadlines; resolved +1 h, closed; csat 5 at intake |
 * | R4   | complaint | email   | online  | standard| waiting_time    | service-desk   | resolved +4 h (first response and resolution met), survey 1, SMS before the reopen, reopened, resolved again: closed but not told |
 * | R5   | (none)    | web     | –       | –       | –               | service-desk   | anonymous, received, never triaged |
 * | R6   | complaint | web     | counter | vip     | billing_payment | billing        | never answered: both deadlines passed and missed; its acknowledgement comes after asOf |
 * | R7   | complaint | web     | counter | vip     | waiting_time    | service-desk   | waits for the customer +1 h (first response met) and still waits: the resolution deadline is paused, not counted |
 */
const received = '2026-11-23T02:00:00.000Z';
const asOf = '2027-01-01T00:00:00.000Z';
const D = { firstResponseDue: '2026-11-24T02:00:00.000Z', resolutionDue: '2026-11-30T02:00:00.000Z' };
const sentiment = (label: 'POSITIVE' | 'NEGATIVE' | 'NEUTRAL') => ({
  label,
  scores: { positive: 0, negative: 0, neutral: 0, mixed: 0 },
  source: 'local' as const,
});
const at = (instant: string, action: string, extra: Partial<HistoryEntry> = {}): HistoryEntry =>
  ({ at: instant, action, actor: 'staff:ana', ...extra }) as HistoryEntry;
const receivedEntry = at(received, 'received', { to: 'received' });
const triaged = (extra: Partial<HistoryEntry> = {}) =>
  at(received, 'triaged', { from: 'received', to: 'open', deadlines: D, ...extra });

function item(id: string, overrides: Partial<FeedbackRecord>): FeedbackRecord {
  return openFeedback('P2', received, {
    id,
    team: null,
    deadlines: D,
    customer: { email: `${id}@example.com` },
    ...overrides,
  });
}

const R1 = item('R1', {
  type: 'complaint',
  channel: 'web',
  serviceType: 'counter',
  customer: { email: 'alice@example.com', segment: 'vip' },
  category: 'waiting_time',
  sentiment: sentiment('NEGATIVE'),
  ratings: { csat: 2, nps: 9, ces: 3 },
  status: 'resolved',
  history: [
    receivedEntry,
    triaged(),
    at('2026-11-23T04:00:00.000Z', 'acknowledge', { to: 'acknowledged' }),
    at('2026-11-25T02:00:00.000Z', 'resolve', { to: 'resolved' }),
    at('2026-11-26T02:00:00.000Z', 'survey_answered', { actor: 'customer:survey', csat: 5 }),
  ],
  notifications: {
    'closure-notice:1': { claimedAt: '2026-11-25T02:59:00.000Z', sentAt: '2026-11-25T03:00:00.000Z' },
  },
});
const R2 = item('R2', {
  type: 'emotional',
  channel: 'phone',
  serviceType: null,
  customer: { email: 'alice@example.com' },
  category: 'staff_attitude',
  sentiment: null,
  sentimentPending: true,
  ratings: { nps: 3 },
  status: 'resolved',
  history: [
    receivedEntry,
    triaged(),
    at('2026-11-24T03:00:00.000Z', 'wait_for_customer', { to: 'waiting_for_customer' }),
    at('2026-11-26T02:00:00.000Z', 'resume', {
      to: 'open',
      deadlines: { firstResponseDue: D.firstResponseDue, resolutionDue: '2026-12-02T02:00:00.000Z' },
    }),
    at('2026-12-01T02:00:00.000Z', 'resolve', { to: 'resolved' }),
    at('2026-12-01T03:00:00.000Z', 'record_call'),
  ],
});
const R3 = item('R3', {
  type: 'praise',
  channel: 'web',
  serviceType: 'counter',
  customer: { email: 'bob@example.com', segment: 'vip' },
  category: null,
  sentiment: sentiment('POSITIVE'),
  ratings: { csat: 5, nps: 10 },
  deadlines: null,
  status: 'closed',
  history: [
    receivedEntry,
    at(received, 'triaged', { from: 'received', to: 'open' }),
    at('2026-11-23T03:00:00.000Z', 'resolve', { to: 'resolved' }),
    at('2026-11-24T02:00:00.000Z', 'close', { to: 'closed' }),
  ],
});
const R4 = item('R4', {
  type: 'complaint',
  channel: 'email',
  serviceType: 'online',
  customer: { email: 'carol@example.com', segment: 'standard' },
  category: 'waiting_time',
  sentiment: sentiment('NEUTRAL'),
  ratings: { ces: 6 },
  status: 'resolved',
  history: [
    receivedEntry,
    triaged(),
    at('2026-11-23T06:00:00.000Z', 'resolve', { to: 'resolved' }),
    at('2026-11-23T08:00:00.000Z', 'survey_answered', { actor: 'customer:survey', csat: 1 }),
    at('2026-11-24T02:00:00.000Z', 'reopen', {
      to: 'open',
      deadlines: { firstResponseDue: '2026-11-25T02:00:00.000Z', resolutionDue: '2026-12-05T02:00:00.000Z' },
    }),
    at('2026-11-25T02:00:00.000Z', 'resolve', { to: 'resolved' }),
  ],
  notifications: {
    'closure-sms:1': { claimedAt: '2026-11-23T06:59:00.000Z', sentAt: '2026-11-23T07:00:00.000Z' },
  },
});
const R5 = item('R5', {
  type: null,
  priority: null,
  anonymous: true,
  customer: null,
  consent: { contact: false },
  channel: 'web',
  serviceType: null,
  category: null,
  sentiment: null,
  sentimentPending: false,
  ratings: {},
  deadlines: null,
  status: 'received',
  history: [receivedEntry],
});
const R6 = item('R6', {
  type: 'complaint',
  channel: 'web',
  serviceType: 'counter',
  customer: { email: 'dave@example.com', segment: 'vip' },
  category: 'billing_payment',
  sentiment: sentiment('NEGATIVE'),
  ratings: { nps: 7 },
  status: 'acknowledged',
  history: [
    receivedEntry,
    triaged({ team: 'billing' }),
    at('2027-01-05T02:00:00.000Z', 'acknowledge', { to: 'acknowledged' }),
  ],
});
const R7 = item('R7', {
  type: 'complaint',
  channel: 'web',
  serviceType: 'counter',
  customer: { email: 'erin@example.com', segment: 'vip' },
  category: 'waiting_time',
  sentiment: sentiment('NEGATIVE'),
  ratings: {},
  status: 'waiting_for_customer',
  history: [
    receivedEntry,
    triaged(),
    at('2026-11-23T03:00:00.000Z', 'wait_for_customer', { to: 'waiting_for_customer' }),
  ],
});

const CUSTOMER_KEYS: Record<string, string | undefined> = {
  R1: 'alice',
  R2: 'alice',
  R3: 'bob',
  R4: 'carol',
  R5: undefined,
  R6: 'dave',
  R7: 'erin',
};

/** One slice's figures, in the order the snapshot reports them. */
function slice(
  feedback: number,
  complaints: number,
  complaintRate: number | null,
  slaCompliance: number | null,
  closureRate: number | null,
  notifiedRate: number | null,
  firstResponseMedianHours: number | null,
  csat: [average: number | null, responses: number],
  nps: [score: number | null, responses: number],
) {
  return {
    feedback,
    complaints,
    complaintRate,
    slaCompliance,
    closureRate,
    notifiedRate,
    firstResponseMedianHours,
    csat: { average: csat[0], responses: csat[1] },
    nps: { score: nps[0], responses: nps[1] },
    csatAverage: csat[0],
  };
}

// Slices that hold the same items have the same figures.
const ONLY_R4 = slice(1, 1, 1, 1, 1, 0, 4, [1, 1], [null, 0]);
const ONLY_R2 = slice(1, 1, 1, 0.5, 1, 1, 10, [null, 0], [-100, 1]);
const R2_AND_R5 = slice(2, 1, 0.5, 0.5, 1, 1, 10, [null, 0], [-100, 1]);
const R1_R3_R6_R7 = slice(4, 3, 0.75, 0.6, 0.3333, 1, 1, [4, 3], [66.7, 3]);
const ONLY_R6 = slice(1, 1, 1, 0, 0, null, null, [null, 0], [0, 1]);

function quarter(): SnapshotAccumulator {
  const accumulator = new SnapshotAccumulator(asOf, calendar, {
    ids: ['service-desk', 'billing'],
    fallback: 'service-desk',
  });
  for (const record of [R1, R2, R3, R4, R5, R6, R7]) accumulator.add(record, CUSTOMER_KEYS[record.id]);
  return accumulator;
}

describe('SnapshotAccumulator against a hand-counted quarter of seven items', () => {
  it('gives the whole quarter’s figures as counted by hand', () => {
    // Act
    const figures = quarter().figures();

    // Assess
    expect(figures).toMatchObject({
      totals: { feedback: 7, complaints: 5, byType: { complaint: 4, emotional: 1, praise: 1, untriaged: 1 } },
      csat: {
        average: 3.25,
        responses: 4,
        distribution: { '1': 1, '2': 1, '3': 0, '4': 0, '5': 2 },
        satisfiedShare: 0.5,
        bySource: {
          intake: { average: 3.5, responses: 2 },
          followUp: { average: 3, responses: 2 },
          campaign: { average: null, responses: 0 },
        },
      },
      nps: { score: 25, responses: 4, promoters: 2, passives: 1, detractors: 1 },
      ces: { average: 4.5, responses: 2 },
      complaintRate: 0.7143,
      firstResponseTime: {
        clockHours: { median: 2, p90: 25, count: 5 },
        workingHours: { median: 2, p90: 10, count: 5 },
        withinSla: 0.6,
      },
      resolutionTime: {
        clockHours: { median: 4, p90: 192, count: 4 },
        workingHours: { median: 4, p90: 54, count: 4 },
        withinSla: 0.75,
      },
      slaCompliance: 0.6667,
      closureRate: 0.6,
      notifiedRate: 0.6667,
      reopenRate: 0.25,
      sentiment: { NEGATIVE: 3, NEUTRAL: 1, NONE: 1, PENDING: 1, POSITIVE: 1 },
      pareto: [
        { category: 'waiting_time', count: 3, share: 0.6, cumulativeShare: 0.6, vital: true },
        { category: 'billing_payment', count: 1, share: 0.2, cumulativeShare: 0.8, vital: true },
        { category: 'staff_attitude', count: 1, share: 0.2, cumulativeShare: 1, vital: false },
      ],
      topCategories: [
        { category: 'waiting_time', count: 3, share: 0.6, cumulativeShare: 0.6, vital: true },
        { category: 'billing_payment', count: 1, share: 0.2, cumulativeShare: 0.8, vital: true },
      ],
      repeatComplaintCustomers: 1,
    });
  });

  it('reports keys in a stable (sorted) order, whatever order they were first seen in', () => {
    const figures = quarter().figures();

    expect(Object.keys(figures.totals.byType)).toEqual(['complaint', 'emotional', 'praise', 'untriaged']);
    expect(Object.keys(figures.sentiment)).toEqual(['NEGATIVE', 'NEUTRAL', 'NONE', 'PENDING', 'POSITIVE']);
    expect(Object.keys(figures.byTeam)).toEqual(['billing', 'service-desk']);
    expect(Object.keys(figures.byChannel)).toEqual(['email', 'phone', 'web']);
    expect(Object.keys(figures.csat.distribution)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('gives every slice its hand-counted figures', () => {
    const figures = quarter().figures();

    expect(figures.byChannel).toEqual({
      email: ONLY_R4,
      phone: ONLY_R2,
      web: slice(5, 3, 0.6, 0.6, 0.3333, 1, 1, [4, 3], [66.7, 3]),
    });
    expect(figures.byServiceType).toEqual({ counter: R1_R3_R6_R7, online: ONLY_R4, unspecified: R2_AND_R5 });
    expect(figures.bySegment).toEqual({ standard: ONLY_R4, unspecified: R2_AND_R5, vip: R1_R3_R6_R7 });
    expect(figures.byCategory).toEqual({
      billing_payment: ONLY_R6,
      staff_attitude: ONLY_R2,
      uncategorized: slice(2, 0, 0, null, null, null, 1, [5, 1], [100, 1]),
      waiting_time: slice(3, 3, 1, 1, 0.6667, 0.5, 2, [2.67, 3], [100, 1]),
    });
    expect(figures.byTeam).toEqual({
      billing: ONLY_R6,
      'service-desk': slice(6, 4, 0.6667, 0.8571, 0.75, 0.6667, 2, [3.25, 4], [33.3, 3]),
    });
  });

  it('reports campaign CSAT in bySource only, never in the quarter’s average', () => {
    const figures = quarter().figures({ sum: 9, responses: 2 });

    expect(figures.csat.bySource.campaign).toEqual({ average: 4.5, responses: 2 });
    expect(figures.csat.average).toBe(3.25);
    expect(figures.csat.responses).toBe(4);
  });

  it('counts an item whose only customer key is absent without making anyone a repeat complainant', () => {
    const accumulator = new SnapshotAccumulator(asOf, calendar);
    accumulator.add(R6);
    accumulator.add(R7);

    const figures = accumulator.figures();

    expect(figures.repeatComplaintCustomers).toBe(0);
    expect(Object.keys(figures.byTeam)).toEqual(['service-desk', 'billing'].sort());
  });
});

describe('SnapshotAccumulator checkpointed between runs', () => {
  const ITEMS = [R1, R2, R3, R4, R5, R6, R7];

  it.each([
    0, 1, 2, 3, 4, 5, 6, 7,
  ])('gives the hand-counted quarter when the run stops after %i items and the next resumes', (split) => {
    // Prepare: the first run counts the items before the split and checkpoints, as S3 stores it (bytes)
    const first = new SnapshotAccumulator(asOf, calendar, {
      ids: ['service-desk', 'billing'],
      fallback: 'service-desk',
    });
    for (const record of ITEMS.slice(0, split)) first.add(record, CUSTOMER_KEYS[record.id]);
    const bytes = serialize(first.state());

    // Act: the next run resumes from the bytes and counts the rest
    const next = SnapshotAccumulator.resume(deserialize(bytes), calendar);
    for (const record of ITEMS.slice(split)) next.add(record, CUSTOMER_KEYS[record.id]);
    const figures = next.figures();

    // Assess: the figures counted by hand above, every slice included
    expect(figures).toEqual(quarter().figures());
    expect(figures).toMatchObject({
      totals: { feedback: 7, complaints: 5 },
      csat: { average: 3.25, responses: 4, bySource: { followUp: { average: 3, responses: 2 } } },
      nps: { score: 25, responses: 4 },
      ces: { average: 4.5, responses: 2 },
      firstResponseTime: { clockHours: { median: 2, p90: 25, count: 5 }, withinSla: 0.6 },
      repeatComplaintCustomers: 1,
    });
    expect(Object.keys(figures.byTeam)).toEqual(['billing', 'service-desk']);
    expect(figures.byTeam.billing).toEqual(ONLY_R6);
  });

  it('refuses a checkpoint written by an unknown version', () => {
    // Prepare
    const state = { ...quarter().state(), version: 2 } as unknown as ReturnType<SnapshotAccumulator['state']>;

    // Act / Assess
    expect(() => SnapshotAccumulator.resume(state, calendar)).toThrow(
      'unknown snapshot checkpoint version 2',
    );
  });

  it('keeps growing a resumed series past its checkpointed size', () => {
    // Prepare: 1,500 first responses, more than a fresh series holds before it grows
    const first = new SnapshotAccumulator(asOf, calendar);
    for (let i = 0; i < 1500; i += 1) first.add({ ...R1, id: `A${i}` });
    const next = SnapshotAccumulator.resume(deserialize(serialize(first.state())), calendar);

    // Act
    for (let i = 0; i < 1500; i += 1) next.add({ ...R4, id: `B${i}` });

    // Assess: R1 answered after 2 h, R4 after 4 h; 1,500 of each, so the median is R1's and p90 R4's
    expect(next.figures().firstResponseTime.clockHours).toEqual({ median: 2, p90: 4, count: 3000 });
  });
});

describe('feedbackAsOf: the replay at the edges', () => {
  it('is a received item with nothing done before its first event', () => {
    expect(feedbackAsOf(R1, '2026-11-22T00:00:00.000Z')).toEqual({
      status: 'received',
      firstResponseAt: null,
      firstResolvedAt: null,
      reopened: false,
      everResolved: false,
      deadlines: null,
      waitingSince: null,
      surveyCsats: [],
      lastResolvedAt: null,
      lastCalledAt: null,
    });
  });

  it('includes an event at exactly asOf', () => {
    expect(feedbackAsOf(R1, '2026-11-25T02:00:00.000Z')).toMatchObject({
      status: 'resolved',
      firstResolvedAt: '2026-11-25T02:00:00.000Z',
      lastResolvedAt: '2026-11-25T02:00:00.000Z',
      everResolved: true,
    });
  });

  it('takes the record’s deadlines when the triage entry carries none (items triaged before entries did)', () => {
    const record = item('OLD', {
      history: [receivedEntry, at(received, 'triaged', { to: 'open' })],
    });
    expect(feedbackAsOf(record, asOf).deadlines).toEqual(D);
  });

  it('judges the first response against the deadline in force when it was made, not a later change', () => {
    // Prepare: acknowledged at Tue 01:00Z, an hour before its P2 deadline; a later rescore to P1
    // moves the deadlines earlier, but the response was already made
    const record = item('RESCORED', {
      history: [
        receivedEntry,
        triaged(),
        at('2026-11-24T01:00:00.000Z', 'acknowledge', { to: 'acknowledged' }),
        at('2026-11-24T05:00:00.000Z', 'rescored', {
          deadlines: {
            firstResponseDue: '2026-11-23T06:00:00.000Z',
            resolutionDue: '2026-11-25T02:00:00.000Z',
          },
        }),
      ],
    });

    // Act
    const state = feedbackAsOf(record, asOf);

    // Assess: first response against D; the open resolution against the deadline now in force
    expect(state.deadlines).toEqual({
      firstResponseDue: D.firstResponseDue,
      resolutionDue: '2026-11-25T02:00:00.000Z',
    });
  });

  it('ends a wait on resume and on resolution, and keeps the second resolution out of the first one’s place', () => {
    const record = item('TWICE', {
      history: [
        receivedEntry,
        triaged(),
        at('2026-11-23T03:00:00.000Z', 'wait_for_customer', { to: 'waiting_for_customer' }),
        at('2026-11-23T04:00:00.000Z', 'resolve', { to: 'resolved' }),
        at('2026-11-24T02:00:00.000Z', 'reopen', { to: 'open' }),
        at('2026-11-24T03:00:00.000Z', 'wait_for_customer', { to: 'waiting_for_customer' }),
        at('2026-11-24T04:00:00.000Z', 'resume', { to: 'open' }),
        at('2026-11-24T05:00:00.000Z', 'resolve', { to: 'resolved' }),
      ],
    });
    expect(feedbackAsOf(record, '2026-11-23T04:30:00.000Z').waitingSince).toBeNull();
    expect(feedbackAsOf(record, '2026-11-24T03:30:00.000Z').waitingSince).toBe('2026-11-24T03:00:00.000Z');
    expect(feedbackAsOf(record, '2026-11-24T04:30:00.000Z').waitingSince).toBeNull();
    expect(feedbackAsOf(record, asOf)).toMatchObject({
      firstResponseAt: '2026-11-23T03:00:00.000Z',
      firstResolvedAt: '2026-11-23T04:00:00.000Z',
      lastResolvedAt: '2026-11-24T05:00:00.000Z',
      reopened: true,
      deadlines: D,
    });
  });
});

describe('customerToldAsOf: told after the latest resolution, by asOf', () => {
  const resolvedAt = '2026-11-25T02:00:00.000Z';
  const told = (history: HistoryEntry[], notifications: FeedbackRecord['notifications'], until = asOf) => {
    const record = item('TOLD', {
      history: [receivedEntry, triaged(), at(resolvedAt, 'resolve', { to: 'resolved' }), ...history],
      notifications,
    });
    return customerToldAsOf(record, feedbackAsOf(record, until), until);
  };
  const sent = (sentAt: string) => ({ claimedAt: sentAt, sentAt });

  it.each([
    [
      'a closure email after the resolution',
      true,
      [],
      { 'closure-notice:1': sent('2026-11-25T03:00:00.000Z') },
    ],
    ['a closure SMS at the resolution’s instant', true, [], { 'closure-sms:1': sent(resolvedAt) }],
    [
      'a closure email before the resolution',
      false,
      [],
      { 'closure-notice:1': sent('2026-11-25T01:00:00.000Z') },
    ],
    ['a claimed closure email never sent', false, [], { 'closure-notice:1': { claimedAt: resolvedAt } }],
    [
      'another kind of email after the resolution',
      false,
      [],
      { 'alert:P1': sent('2026-11-25T03:00:00.000Z') },
    ],
    ['a call recorded at the resolution’s instant', true, [at(resolvedAt, 'record_call')], {}],
    ['nothing', false, [], {}],
  ])('%s → %s', (_, expected, history, notifications) => {
    expect(told(history as HistoryEntry[], notifications, asOf)).toBe(expected);
  });

  it('does not count a call made before the latest resolution', () => {
    const record = item('CALLED', {
      history: [
        receivedEntry,
        triaged(),
        at('2026-11-24T02:00:00.000Z', 'record_call'),
        at(resolvedAt, 'resolve', { to: 'resolved' }),
      ],
    });
    expect(customerToldAsOf(record, feedbackAsOf(record, asOf), asOf)).toBe(false);
  });

  it('counts an email sent at exactly asOf, not one sent after it', () => {
    const notice = { 'closure-notice:1': sent('2026-11-26T00:00:00.000Z') };
    expect(told([], notice, '2026-11-26T00:00:00.000Z')).toBe(true);
    expect(told([], notice, '2026-11-25T23:59:59.999Z')).toBe(false);
  });

  it('is false without any resolution, whatever was sent', () => {
    const record = item('OPEN', {
      history: [receivedEntry, triaged(), at('2026-11-25T03:00:00.000Z', 'record_call')],
      notifications: { 'closure-notice:1': sent('2026-11-25T03:00:00.000Z') },
    });
    expect(customerToldAsOf(record, feedbackAsOf(record, asOf), asOf)).toBe(false);
  });
});

describe('SLA at the deadlines’ exact instants', () => {
  const due = D.firstResponseDue;
  const sla = (history: HistoryEntry[], until = asOf) => {
    const accumulator = new SnapshotAccumulator(until, calendar);
    accumulator.add(item('EDGE', { history: [receivedEntry, triaged(), ...history] }));
    const figures = accumulator.figures();
    return [figures.firstResponseTime.withinSla, figures.resolutionTime.withinSla];
  };

  it.each([
    [
      'answered at exactly the first-response deadline: met (the resolution deadline passed since)',
      [at(due, 'acknowledge')],
      asOf,
      [1, 0],
    ],
    ['no answer, asOf exactly at the deadline: counted as missed', [], due, [0, null]],
    [
      'no answer, asOf just before the deadline: not counted yet',
      [],
      '2026-11-24T01:59:59.999Z',
      [null, null],
    ],
    ['resolved at exactly the resolution deadline: both met', [at(D.resolutionDue, 'resolve')], asOf, [0, 1]],
    [
      'waiting since exactly the resolution deadline: that deadline had already passed, missed',
      [at(D.resolutionDue, 'wait_for_customer')],
      asOf,
      [0, 0],
    ],
    [
      'waited, resumed and never resolved: the resumed clock ran past the deadline, missed',
      [at('2026-11-23T03:00:00.000Z', 'wait_for_customer'), at('2026-11-24T02:00:00.000Z', 'resume')],
      asOf,
      [1, 0],
    ],
  ] as const)('%s', (_, history, until, expected) => {
    expect(sla([...history] as HistoryEntry[], until)).toEqual(expected);
  });
});

describe('figures that are never NaN', () => {
  it.each([
    [Number.NaN, null],
    [Number.POSITIVE_INFINITY, null],
    [null, null],
    [2.345, 2.35],
  ])('round(%s) → %s', (value, expected) => {
    expect(round(value)).toBe(expected);
  });

  it('leaves categories with no complaints out of the Pareto chart', () => {
    expect(
      pareto(
        new Map([
          ['billing_payment', 2],
          ['delivery', 0],
        ]),
      ),
    ).toEqual([{ category: 'billing_payment', count: 2, share: 1, cumulativeShare: 1, vital: true }]);
    expect(pareto(new Map([['delivery', 0]]))).toEqual([]);
  });
});
