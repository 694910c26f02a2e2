import { describe, expect, it } from 'vitest';
import {
  actionRequestSchema,
  answerSurvey,
  applyAction,
  WORKFLOW_ACTIONS,
  type WorkflowAction,
} from '../../../shared/domain/workflow.ts';
import { STATUSES } from '../../../shared/schemas/common.ts';
import type { FeedbackRecord } from '../../../shared/schemas/feedback-record.ts';
import { calendar, openFeedback, policy } from '../../helpers/records.ts';

const at = (iso: string) => ({ policy, calendar, now: new Date(iso) });
const staff = 'staff:lead@example.com';
// Monday 2026-11-23 10:00 Shanghai
const received = '2026-11-23T02:00:00.000Z';

function act(
  record: FeedbackRecord,
  action: WorkflowAction,
  when: string,
  extra: Record<string, string> = {},
) {
  return applyAction(record, { action, actor: staff, ...extra }, at(when));
}

/**
 * The contract's transition table, written out: for each action, the statuses it may start
 * from. Every other (action, status) pair must be refused. A new action or status fails the
 * completeness test below until it is added here.
 */
const TRANSITIONS: Record<string, readonly string[]> = {
  acknowledge: ['open'],
  wait_for_customer: ['open', 'acknowledged'],
  resume: ['waiting_for_customer'],
  resolve: ['open', 'acknowledged', 'waiting_for_customer'],
  close: ['resolved'],
  reopen: ['resolved', 'closed'],
  note: ['open', 'acknowledged', 'waiting_for_customer', 'resolved', 'closed'],
  record_call: ['resolved', 'closed'],
};
const ALL_STATUSES = ['received', 'open', 'acknowledged', 'waiting_for_customer', 'resolved', 'closed'];

describe('state machine: every action from every status', () => {
  it('the table names every action and every status the code knows', () => {
    expect([...WORKFLOW_ACTIONS].sort()).toEqual(Object.keys(TRANSITIONS).sort());
    expect([...STATUSES].sort()).toEqual([...ALL_STATUSES].sort());
  });

  const cases = Object.entries(TRANSITIONS).flatMap(([action, allowed]) =>
    ALL_STATUSES.map((status) => ({ action, status, allowed: allowed.includes(status) })),
  );
  it.each(cases)('$action from $status: allowed $allowed', ({ action, status, allowed }) => {
    const record = openFeedback('P2', received, {
      status: status as FeedbackRecord['status'],
      resolution: status === 'resolved' ? 'x' : null,
    });
    const run = () =>
      act(record, action as WorkflowAction, '2026-11-23T03:00:00.000Z', { note: 'n', resolution: 'r' });
    if (allowed) {
      expect(run).not.toThrow();
    } else {
      expect(run).toThrow(expect.objectContaining({ code: 'invalid_transition' }));
    }
  });

  it.each([
    ['acknowledge', 'open', 'acknowledged'],
    ['wait_for_customer', 'acknowledged', 'waiting_for_customer'],
    ['resolve', 'acknowledged', 'resolved'],
    ['close', 'resolved', 'closed'],
    ['reopen', 'closed', 'open'],
    ['note', 'acknowledged', 'acknowledged'],
  ] as const)('%s: %s → %s, recorded in history', (action, from, to) => {
    const record = openFeedback('P2', received, { status: from });
    const next = act(record, action, '2026-11-23T03:00:00.000Z', { note: 'seen', resolution: 'fixed' });
    expect(next.status).toBe(to);
    expect(next.history.at(-1)).toMatchObject({
      at: '2026-11-23T03:00:00.000Z',
      action,
      actor: staff,
      ...(from !== to ? { from, to } : {}),
    });
  });
});

describe('clocks', () => {
  it('acknowledging stops the first-response clock and leaves the resolution ladder', () => {
    const next = act(openFeedback('P2', received), 'acknowledge', '2026-11-23T03:00:00.000Z');
    expect(next.firstRespondedAt).toBe('2026-11-23T03:00:00.000Z');
    expect(next.nextEscalation?.deadline).toBe('resolution');
  });

  it('waiting pauses the resolution clock; resuming gives it back the working time it had left', () => {
    // P2: resolution due 5 working days after Mon 10:00 → next Mon 10:00 (2026-11-30T02:00Z)
    const record = act(openFeedback('P2', received), 'acknowledge', '2026-11-23T03:00:00.000Z');
    expect(record.deadlines?.resolutionDue).toBe('2026-11-30T02:00:00.000Z');
    const waiting = act(record, 'wait_for_customer', '2026-11-24T02:00:00.000Z'); // Tue 10:00: 4 working days left
    expect(waiting.nextEscalation).toBeNull();
    const resumed = act(waiting, 'resume', '2026-11-26T02:00:00.000Z'); // Thu 10:00
    expect(resumed.status).toBe('acknowledged');
    expect(resumed.waitingSince).toBeNull();
    expect(resumed.deadlines?.resolutionDue).toBe('2026-12-02T02:00:00.000Z'); // Thu + 4 working days = Wed 10:00
  });

  it('pauses clock-hour deadlines (P1) in clock time', () => {
    const record = act(openFeedback('P1', received), 'acknowledge', '2026-11-23T03:00:00.000Z');
    const waiting = act(record, 'wait_for_customer', '2026-11-23T04:00:00.000Z'); // 70 h left of 72
    const resumed = act(waiting, 'resume', '2026-11-24T04:00:00.000Z');
    expect(resumed.deadlines?.resolutionDue).toBe('2026-11-27T02:00:00.000Z');
  });

  it('reopening starts fresh deadlines from now and a fresh ladder cycle', () => {
    const resolved = act(openFeedback('P2', received), 'resolve', '2026-11-23T03:00:00.000Z', {
      resolution: 'done',
    });
    const reopened = act(resolved, 'reopen', '2026-11-25T02:00:00.000Z');
    expect(reopened).toMatchObject({
      status: 'open',
      reopenCount: 1,
      clockStartedAt: '2026-11-25T02:00:00.000Z',
      firstRespondedAt: null,
      resolvedAt: null,
      deadlines: { firstResponseDue: '2026-11-26T02:00:00.000Z', resolutionDue: '2026-12-02T02:00:00.000Z' },
      escalationLevel: 0,
    });
  });

  it('resolving opens a new survey round with a fresh token', () => {
    const first = act(openFeedback('P3', received), 'resolve', '2026-11-23T03:00:00.000Z', {
      resolution: 'a',
    });
    const second = act(
      act(first, 'reopen', '2026-11-23T04:00:00.000Z'),
      'resolve',
      '2026-11-23T05:00:00.000Z',
      { resolution: 'b' },
    );
    expect(first.survey).toMatchObject({ round: 1, answer: null });
    expect(second.survey).toMatchObject({ round: 2, answer: null });
    expect(second.survey?.token).not.toBe(first.survey?.token);
    expect(second.resolution).toBe('b');
  });
});

describe('survey answers', () => {
  const resolved = act(openFeedback('P3', received), 'resolve', '2026-11-23T03:00:00.000Z', {
    resolution: 'fixed',
  });

  it.each([
    [1, 'open'],
    [2, 'open'],
    [3, 'resolved'],
    [5, 'resolved'],
  ] as const)('CSAT %i leaves the feedback %s', (csat, status) => {
    const next = answerSurvey(resolved, { csat }, at('2026-11-24T00:00:00.000Z'));
    expect(next.status).toBe(status);
    expect(next.survey?.answer).toMatchObject({ csat });
    expect(next.history.some((h) => h.action === 'survey_answered' && h.csat === csat)).toBe(true);
    if (status === 'open')
      expect(next.history.at(-1)).toMatchObject({ action: 'reopen', actor: 'customer:survey' });
  });

  it('refuses a second answer with a conflict', () => {
    const answered = answerSurvey(resolved, { csat: 4 }, at('2026-11-24T00:00:00.000Z'));
    expect(() => answerSurvey(answered, { csat: 5 }, at('2026-11-24T01:00:00.000Z'))).toThrow(
      /already answered/,
    );
  });
});

describe('actionRequestSchema', () => {
  it.each([
    [{ action: 'resolve' }, 'resolution'],
    [{ action: 'note' }, 'note'],
    [{ action: 'escalate' }, 'action'],
    [{ action: 'close', extra: 1 }, ''],
  ])('refuses %j', (body, path) => {
    const result = actionRequestSchema.safeParse(body);
    expect(result.success).toBe(false);
    if (path) expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});

describe('actionRequestSchema: what each action needs, as issues (path: message)', () => {
  it.each([
    ['acknowledge with nothing else', { action: 'acknowledge' }, []],
    ['resolve with a resolution', { action: 'resolve', resolution: 'fixed' }, []],
    ['note with a note', { action: 'note', note: 'called back' }, []],
    ['assign with a team', { action: 'assign', team: 'billing' }, []],
    ['assign with an assignee', { action: 'assign', assignee: 'staff-1' }, []],
    ['assign to nobody (unassign)', { action: 'assign', assignee: null }, []],
    ['resolve without a resolution', { action: 'resolve' }, ['resolution: is required to resolve']],
    ['note without a note', { action: 'note' }, ['note: is required for a note']],
    ['assign with neither', { action: 'assign' }, ['team: assign needs a team, an assignee or both']],
    ['close with a team', { action: 'close', team: 'billing' }, ['team: is only for the assign action']],
    [
      'acknowledge with an assignee',
      { action: 'acknowledge', assignee: 'staff-1' },
      ['assignee: is only for the assign action'],
    ],
  ] as const)('%s', (_, body, issues) => {
    // Act
    const result = actionRequestSchema.safeParse(body);

    // Assess
    expect(result.error?.issues.map((i) => `${i.code} ${i.path.join('.')}: ${i.message}`) ?? []).toEqual(
      issues.map((issue) => `custom ${issue}`),
    );
  });
});

describe('applyAction: refusals and clocks in detail', () => {
  it('refuses a transition naming the action, the status and where the action is allowed from', () => {
    const waiting = openFeedback('P2', received, { status: 'waiting_for_customer' });

    expect(() => act(waiting, 'wait_for_customer', '2026-11-23T03:00:00.000Z')).toThrow(
      expect.objectContaining({
        code: 'invalid_transition',
        message: 'Cannot wait for customer a feedback that is waiting for customer.',
        issues: [{ path: 'action', message: 'allowed from: open, acknowledged' }],
      }),
    );
  });

  it.each([
    ['wait_for_customer', 'waiting_for_customer'],
    ['resolve', 'resolved'],
  ] as const)('%s on an unanswered feedback counts as its first response', (action, status) => {
    const next = act(openFeedback('P2', received), action, '2026-11-23T03:00:00.000Z', { resolution: 'r' });

    expect(next).toMatchObject({ status, firstRespondedAt: '2026-11-23T03:00:00.000Z' });
  });

  it('resuming a feedback nobody has answered yet makes it open again', () => {
    const waiting = openFeedback('P2', received, {
      status: 'waiting_for_customer',
      waitingSince: '2026-11-23T03:00:00.000Z',
      firstRespondedAt: null,
    });

    expect(act(waiting, 'resume', '2026-11-23T04:00:00.000Z').status).toBe('open');
  });

  it.each([
    // P2 due Mon 30 Nov 10:00; paused Fri 17:00 with 2 working hours left; resumed Mon 09:00 → Mon 11:00
    [
      'working time for a working-day deadline',
      'P2',
      '2026-11-30T02:00:00.000Z',
      '2026-11-27T09:00:00.000Z',
      '2026-11-30T03:00:00.000Z',
    ],
    // paused exactly at the deadline: nothing was left, it stays
    [
      'a pause that began at the deadline',
      'P2',
      '2026-11-30T02:00:00.000Z',
      '2026-11-30T02:00:00.000Z',
      '2026-11-30T02:00:00.000Z',
    ],
    // paused after the deadline: missed already, it stays
    [
      'a pause that began after the deadline',
      'P2',
      '2026-11-30T02:00:00.000Z',
      '2026-11-30T05:00:00.000Z',
      '2026-11-30T02:00:00.000Z',
    ],
    // P4 has no resolution deadline in the policy: a due date it carries runs in clock time (65 h left)
    [
      'clock time when the policy has no resolution deadline',
      'P4',
      '2026-11-30T02:00:00.000Z',
      '2026-11-27T09:00:00.000Z',
      '2026-12-02T18:00:00.000Z',
    ],
  ] as const)('resuming gives back %s', (_, priority, resolutionDue, waitingSince, expected) => {
    // Prepare
    const waiting = openFeedback(priority, received, {
      status: 'waiting_for_customer',
      firstRespondedAt: '2026-11-23T03:00:00.000Z',
      deadlines: { firstResponseDue: '2026-11-24T02:00:00.000Z', resolutionDue },
      waitingSince,
    });

    // Act
    const resumed = act(waiting, 'resume', '2026-11-30T01:00:00.000Z');

    // Assess
    expect(resumed.deadlines?.resolutionDue).toBe(expected);
  });

  it('resumes a feedback that has no deadlines without inventing any', () => {
    const waiting = openFeedback('P2', received, {
      status: 'waiting_for_customer',
      deadlines: null,
      waitingSince: '2026-11-23T03:00:00.000Z',
    });

    expect(act(waiting, 'resume', '2026-11-23T04:00:00.000Z').deadlines).toBeNull();
  });

  it('records a resolution only on resolve', () => {
    const noted = act(openFeedback('P2', received), 'note', '2026-11-23T03:00:00.000Z', {
      note: 'n',
      resolution: 'not a resolve',
    });

    expect(noted.history.at(-1)).not.toHaveProperty('resolution');
  });
});

describe('answerSurvey in detail', () => {
  const resolved = act(openFeedback('P3', received), 'resolve', '2026-11-23T03:00:00.000Z', {
    resolution: 'fixed',
  });

  it('records the answer and its comment, and reopens with the score as the note', () => {
    const next = answerSurvey(resolved, { csat: 1, comment: 'still broken' }, at('2026-11-24T00:00:00.000Z'));

    expect(next.survey?.answer).toEqual({ csat: 1, comment: 'still broken', at: '2026-11-24T00:00:00.000Z' });
    expect(next.history.slice(-2)).toMatchObject([
      {
        at: '2026-11-24T00:00:00.000Z',
        action: 'survey_answered',
        actor: 'customer:survey',
        csat: 1,
        round: 1,
        note: 'still broken',
      },
      { action: 'reopen', actor: 'customer:survey', note: 'CSAT 1', from: 'resolved', to: 'open' },
    ]);
  });

  it('refuses an answer when there is no survey, and a second answer, with their messages', () => {
    const unresolved = openFeedback('P3', received, { survey: null });
    const answered = answerSurvey(resolved, { csat: 4 }, at('2026-11-24T00:00:00.000Z'));

    expect(() => answerSurvey(unresolved, { csat: 4 }, at('2026-11-24T00:00:00.000Z'))).toThrow(
      expect.objectContaining({ code: 'not_found', message: 'No survey was found.' }),
    );
    expect(() => answerSurvey(answered, { csat: 4 }, at('2026-11-24T01:00:00.000Z'))).toThrow(
      expect.objectContaining({ code: 'conflict', message: 'This survey was already answered. Thank you!' }),
    );
  });
});
