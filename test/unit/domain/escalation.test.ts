import { describe, expect, it } from 'vitest';
import {
  dueEscalations,
  escalationKind,
  escalationLevelOf,
  escalationRecipients,
  ladderInstants,
  nextEscalationStep,
  runningDeadlines,
} from '../../../shared/domain/escalation.ts';
import { calendar, openFeedback, policy } from '../../helpers/records.ts';

const context = { policy, calendar };
// Monday 2026-11-23 10:00 Shanghai
const received = '2026-11-23T02:00:00.000Z';

describe('ladder instants', () => {
  it('P1 (clock hours): 80 % of 24 h, the deadline, 24 h after', () => {
    const [warn, due, late] = ladderInstants(openFeedback('P1', received), 'firstResponse', context) ?? [];
    expect(warn?.toISOString()).toBe('2026-11-23T21:12:00.000Z'); // 19.2 h after receipt
    expect(due?.toISOString()).toBe('2026-11-24T02:00:00.000Z');
    expect(late?.toISOString()).toBe('2026-11-25T02:00:00.000Z');
  });

  it('P2 (working days): 80 % of the working time to the deadline', () => {
    // 1 working day = 9 working hours; 80 % = 7.2 h from Mon 10:00 → Mon 17:12 Shanghai
    const [warn, due] = ladderInstants(openFeedback('P2', received), 'firstResponse', context) ?? [];
    expect(warn?.toISOString()).toBe('2026-11-23T09:12:00.000Z');
    expect(due?.toISOString()).toBe('2026-11-24T02:00:00.000Z');
  });
});

describe('running deadlines', () => {
  it.each([
    ['open', null, ['firstResponse', 'resolution']],
    ['open', '2026-11-23T03:00:00.000Z', ['resolution']],
    ['acknowledged', '2026-11-23T03:00:00.000Z', ['resolution']],
    ['waiting_for_customer', '2026-11-23T03:00:00.000Z', []],
    ['resolved', '2026-11-23T03:00:00.000Z', []],
    ['closed', '2026-11-23T03:00:00.000Z', []],
  ] as const)('%s (first response %s) → %j', (status, firstRespondedAt, expected) => {
    expect(runningDeadlines(openFeedback('P2', received, { status, firstRespondedAt }))).toEqual(expected);
  });

  it('has no resolution ladder for P4 (no resolution deadline)', () => {
    expect(runningDeadlines(openFeedback('P4', received))).toEqual(['firstResponse']);
  });
});

describe('due escalations', () => {
  const record = openFeedback('P2', received);

  it.each([
    ['before the warning', '2026-11-23T09:00:00.000Z', []],
    ['at the warning', '2026-11-23T09:12:00.000Z', [[1, []]]],
    ['after the deadline', '2026-11-24T03:00:00.000Z', [[2, [1]]]],
    ['a day after the deadline', '2026-11-25T03:00:00.000Z', [[3, [1, 2]]]],
  ] as const)('%s → %j', (_, now, expected) => {
    const due = dueEscalations(record, new Date(now), context).filter((d) => d.deadline === 'firstResponse');
    expect(due.map((d) => [d.level, d.skippedKinds.map((k) => Number(k.at(-1)))])).toEqual(expected);
  });

  it('sends nothing already sent, and moves the next step on', () => {
    const sent = {
      ...record,
      notifications: { [escalationKind(0, 'firstResponse', 1)]: { claimedAt: received, sentAt: received } },
    };
    expect(dueEscalations(sent, new Date('2026-11-23T10:00:00.000Z'), context)).toEqual([]);
    expect(nextEscalationStep(sent, context)).toEqual({
      at: '2026-11-24T02:00:00.000Z',
      deadline: 'firstResponse',
      level: 2,
    });
    expect(escalationLevelOf(sent)).toBe(1);
  });

  it('reports how late it is at level 2', () => {
    const [due] = dueEscalations(record, new Date('2026-11-24T04:30:00.000Z'), context);
    expect(due?.lateByMs).toBe(2.5 * 3_600_000);
  });

  it('starts a new ladder after a reopen (cycle 1)', () => {
    const reopened = {
      ...record,
      reopenCount: 1,
      notifications: { [escalationKind(0, 'firstResponse', 3)]: { claimedAt: received } },
    };
    expect(dueEscalations(reopened, new Date('2026-11-25T03:00:00.000Z'), context)[0]?.kind).toBe(
      'escalation:1:firstResponse:3',
    );
  });
});

describe('recipients', () => {
  const addresses = ['lead@example.com', 'manager@example.com'];
  it.each([
    [1, ['lead@example.com']],
    [2, ['lead@example.com']],
    [3, addresses],
  ] as const)('level %i → %j', (level, expected) => {
    expect(escalationRecipients(level, addresses)).toEqual(expected);
  });
});
