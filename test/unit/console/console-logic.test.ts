import { describe, expect, it } from 'vitest';
import { en } from '../../../console/src/locales/en.ts';
import { zhCN } from '../../../console/src/locales/zh-cn.ts';
import { allowedActions, ALLOWED_FROM as CONSOLE_ALLOWED_FROM } from '../../../console/src/logic/actions.ts';
import { formatSpan, nextDeadline, timeLeft } from '../../../console/src/logic/time-left.ts';
import { ALLOWED_FROM } from '../../../shared/domain/workflow.ts';

const UNITS = { d: 'd', h: 'h', min: 'min' };

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keysOf(inner, prefix ? `${prefix}.${key}` : key));
}

describe('console: time left', () => {
  it('splits the time to a deadline into days, hours and minutes', () => {
    const now = Date.parse('2026-03-02T08:00:00Z');
    expect(timeLeft('2026-03-04T11:30:00Z', now)).toEqual({ overdue: false, days: 2, hours: 3, minutes: 30 });
    expect(formatSpan(timeLeft('2026-03-04T11:30:00Z', now), UNITS)).toBe('2 d 3 h');
    expect(formatSpan(timeLeft('2026-03-02T13:20:00Z', now), UNITS)).toBe('5 h 20 min');
    expect(formatSpan(timeLeft('2026-03-02T08:12:59Z', now), UNITS)).toBe('12 min');
  });

  it('marks a passed deadline overdue and measures how late', () => {
    const now = Date.parse('2026-03-02T08:00:00Z');
    const late = timeLeft('2026-03-01T06:00:00Z', now);
    expect(late).toEqual({ overdue: true, days: 1, hours: 2, minutes: 0 });
    expect(formatSpan(late, UNITS)).toBe('1 d 2 h');
  });

  it('takes the first response until given, then the resolution, and nothing once resolved', () => {
    const deadlines = { firstResponseDue: '2026-03-03T09:00:00Z', resolutionDue: '2026-03-09T09:00:00Z' };
    expect(nextDeadline({ status: 'open', deadlines, firstRespondedAt: null })).toEqual({
      kind: 'firstResponse',
      at: '2026-03-03T09:00:00Z',
    });
    expect(
      nextDeadline({ status: 'acknowledged', deadlines, firstRespondedAt: '2026-03-02T10:00:00Z' }),
    ).toEqual({
      kind: 'resolution',
      at: '2026-03-09T09:00:00Z',
    });
    expect(nextDeadline({ status: 'resolved', deadlines, firstRespondedAt: null })).toBeNull();
    expect(
      nextDeadline({
        status: 'acknowledged',
        deadlines: { ...deadlines, resolutionDue: null },
        firstRespondedAt: '2026-03-02T10:00:00Z',
      }),
    ).toBeNull();
  });
});

describe('console: actions', () => {
  it('offers exactly the actions the API allows from each status', () => {
    expect(CONSOLE_ALLOWED_FROM).toEqual(ALLOWED_FROM);
    expect(allowedActions('open')).toEqual(['acknowledge', 'wait_for_customer', 'resolve', 'note']);
    expect(allowedActions('resolved')).toEqual(['close', 'reopen', 'note', 'record_call']);
    expect(allowedActions('received')).toEqual([]);
  });
});

describe('console: i18n', () => {
  it('has every key in both languages, none empty', () => {
    expect(keysOf(zhCN).sort()).toEqual(keysOf(en).sort());
    for (const messages of [en, zhCN]) {
      for (const key of keysOf(messages)) {
        const value = key
          .split('.')
          .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages);
        expect(typeof value === 'string' && value.trim().length > 0, key).toBe(true);
      }
    }
  });

  it('keeps the exact English accessible names of contract §6', () => {
    expect(en.nav).toMatchObject({ inbox: 'Inbox', dashboard: 'Dashboard', plans: 'Plans' });
    expect(en.action).toEqual({
      acknowledge: 'Acknowledge',
      wait_for_customer: 'Wait for customer',
      resume: 'Resume',
      resolve: 'Resolve',
      close: 'Close',
      reopen: 'Reopen',
      note: 'Add note',
      assign: 'Assign',
      record_call: 'Record call (outcome told)',
    });
    expect(en.signIn.token).toBe('Staff token');
    expect(en.signIn.submit).toBe('Sign in');
    expect(en.feedback.resolutionLabel).toBe('Resolution');
    expect(en.feedback.noteLabel).toBe('Note');
    expect(en.status).toMatchObject({
      open: 'Open',
      acknowledged: 'Acknowledged',
      waiting_for_customer: 'Waiting for customer',
      resolved: 'Resolved',
      closed: 'Closed',
    });
    expect(en.figure).toMatchObject({
      csat: 'CSAT',
      nps: 'NPS',
      complaintRate: 'Complaint rate',
      slaCompliance: 'SLA compliance',
      closureRate: 'Closure rate',
    });
    expect(en.dashboard.paretoName).toContain('Pareto');
  });
});
