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
