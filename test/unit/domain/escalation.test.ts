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

describe('running deadlines and ladder edges', () => {
  it.each([
    ['open, unanswered', { status: 'open' }, ['firstResponse', 'resolution']],
    ['open, answered', { status: 'open', firstRespondedAt: received }, ['resolution']],
    ['acknowledged', { status: 'acknowledged', firstRespondedAt: received }, ['resolution']],
    ['waiting for the customer', { status: 'waiting_for_customer', firstRespondedAt: received }, []],
    ['resolved', { status: 'resolved', firstRespondedAt: received }, []],
    ['closed', { status: 'closed', firstRespondedAt: received }, []],
    [
      'acknowledged, no first response recorded',
      { status: 'acknowledged', firstRespondedAt: null },
      ['resolution'],
    ],
    ['open without deadlines', { status: 'open', deadlines: null }, []],
    [
      'open with no resolution deadline',
      { status: 'open', deadlines: { firstResponseDue: received, resolutionDue: null } },
      ['firstResponse'],
    ],
  ] as const)('%s → %j', (_, overrides, expected) => {
    expect(runningDeadlines(openFeedback('P2', received, overrides))).toEqual(expected);
  });

  it('has no ladder without a deadline or a priority', () => {
    expect(
      ladderInstants(openFeedback('P2', received, { deadlines: null }), 'firstResponse', context),
    ).toBeUndefined();
    expect(
      ladderInstants(openFeedback('P2', received, { priority: null }), 'resolution', context),
    ).toBeUndefined();
    expect(nextEscalationStep(openFeedback('P2', received, { priority: null }), context)).toBeNull();
    expect(
      dueEscalations(
        openFeedback('P2', received, { priority: null }),
        new Date('2026-12-30T00:00:00Z'),
        context,
      ),
    ).toEqual([]);
  });

  it('counts an imported feedback’s ladder from its clock start, not its receipt', () => {
    // received on paper a week earlier, imported Mon 10:00: P1 first response due 24 h after the import
    const imported = openFeedback('P1', received, {
      receivedAt: '2026-11-16T02:00:00.000Z',
      clockStartedAt: received,
    });

    const [warn] = ladderInstants(imported, 'firstResponse', context) ?? [];

    expect(warn?.toISOString()).toBe('2026-11-23T21:12:00.000Z');
  });

  it('runs a resolution ladder the policy has no spec for in clock time', () => {
    // P4 has no resolution deadline in the policy; a due date it carries: 80 % of 10 h is 8 h
    const p4 = openFeedback('P4', received, {
      deadlines: { firstResponseDue: '2026-11-30T02:00:00.000Z', resolutionDue: '2026-11-23T12:00:00.000Z' },
    });

    const [warn] = ladderInstants(p4, 'resolution', context) ?? [];

    expect(warn?.toISOString()).toBe('2026-11-23T10:00:00.000Z');
  });

  it.each([
    // P1 (clock hours): resolution due 10 h after receipt warns at 8 h, before the first response's 80 h
    [
      'the earlier step wins',
      '2026-11-27T06:00:00.000Z',
      '2026-11-23T12:00:00.000Z',
      'resolution',
      '2026-11-23T10:00:00.000Z',
    ],
    // both due at once: the first response, listed first, keeps the step
    [
      'a tie keeps the first response',
      '2026-11-23T12:00:00.000Z',
      '2026-11-23T12:00:00.000Z',
      'firstResponse',
      '2026-11-23T10:00:00.000Z',
    ],
  ] as const)('next step: %s', (_, firstResponseDue, resolutionDue, deadline, at) => {
    const record = openFeedback('P1', received, { deadlines: { firstResponseDue, resolutionDue } });

    expect(nextEscalationStep(record, context)).toEqual({ at, deadline, level: 1 });
  });

  it('passes over only the lower levels that were not sent', () => {
    // P1 first response: warn Mon 21:12Z, due Tue 02:00Z, +24 h Wed 02:00Z; level 1 was sent
    const record = openFeedback('P1', received, {
      notifications: {
        [escalationKind(0, 'firstResponse', 1)]: {
          claimedAt: '2026-11-23T21:12:00.000Z',
          sentAt: '2026-11-23T21:12:00.000Z',
        },
      },
    });

    const [first] = dueEscalations(record, new Date('2026-11-25T03:00:00.000Z'), context);

    expect(first).toMatchObject({ level: 3, skippedKinds: ['escalation:0:firstResponse:2'] });
  });

  it('counts only sent escalations of the current cycle', () => {
    const record = openFeedback('P2', received, {
      reopenCount: 1,
      notifications: {
        'escalation:0:resolution:3': {
          claimedAt: '2026-11-20T00:00:00.000Z',
          sentAt: '2026-11-20T00:00:00.000Z',
        },
        'escalation:1:firstResponse:1': {
          claimedAt: '2026-11-23T09:12:00.000Z',
          sentAt: '2026-11-23T09:12:00.000Z',
        },
        // claimed, never sent
        'escalation:1:firstResponse:2': { claimedAt: '2026-11-24T02:00:00.000Z' },
      },
    });

    expect(escalationLevelOf(record)).toBe(1);
  });
});
