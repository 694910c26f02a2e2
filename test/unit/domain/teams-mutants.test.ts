import { describe, expect, it } from 'vitest';
import type { TeamDefinition } from '../../../shared/config/teams-config.ts';
import { DomainError } from '../../../shared/domain/errors.ts';
import { applyAssignment, routeToTeam, teamAsOf, teamLeads } from '../../../shared/domain/teams.ts';
import type { FeedbackRecord } from '../../../shared/schemas/feedback-record.ts';
import { openFeedback } from '../../helpers/records.ts';

const TEAMS: TeamDefinition[] = [
  {
    id: 'billing',
    name: { en: 'Billing', zh: '账务' },
    leadEmails: ['b@example.org'],
    categories: ['billing_payment'],
    channels: [],
  },
  {
    id: 'field',
    name: { en: 'Field', zh: '现场' },
    leadEmails: ['f1@example.org', 'f2@example.org'],
    categories: ['delivery'],
    channels: ['phone'],
  },
];

/** What `fn` threw, so its code, message and issues can be compared as data. */
function thrown(fn: () => unknown): { code: string; message: string; issues: unknown } {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, message: error.message, issues: error.issues };
  }
  throw new Error('nothing was thrown');
}

describe('routing and leads with no teams configured', () => {
  it('routes to service-desk when the team list is empty', () => {
    // Act
    const routing = routeToTeam([], { category: 'delivery', channel: 'phone' });

    // Assess
    expect(routing).toEqual({ team: 'service-desk', reason: 'default' });
  });

  it('routes an uncategorised feedback by its channel, past a team with no matching channel', () => {
    // Act
    const routing = routeToTeam(TEAMS, { category: null, channel: 'phone' });

    // Assess
    expect(routing).toEqual({ team: 'field', reason: 'channel:phone' });
  });

  it('answers no lead addresses when no team is configured', () => {
    // Act
    const leads = teamLeads([], 'billing');

    // Assess
    expect(leads).toEqual([]);
  });

  it('answers a copy of the leads, not the configuration itself', () => {
    // Act
    const leads = teamLeads(TEAMS, 'field');
    leads.push('intruder@example.org');

    // Assess
    expect(TEAMS[1]?.leadEmails).toEqual(['f1@example.org', 'f2@example.org']);
  });
});

describe('assignment: errors and history entries', () => {
  const members: Record<string, string[]> = { ana: ['billing'], bo: ['field'], cy: ['billing', 'field'] };
  const context = {
    teams: TEAMS,
    teamsOfStaff: (id: string) => members[id],
    actor: 'staff:li',
    now: new Date('2026-11-24T03:00:00.000Z'),
  };
  const AT = '2026-11-24T03:00:00.000Z';
  const record = openFeedback('P3', '2026-11-23T02:00:00.000Z', { team: 'billing', assignee: 'ana' });

  it('refuses untriaged feedback with a 409 body naming the action', () => {
    // Act
    const error = thrown(() =>
      applyAssignment({ ...record, status: 'received' }, { assignee: 'ana' }, context),
    );

    // Assess
    expect(error).toEqual({
      code: 'invalid_transition',
      message: 'Cannot assign a feedback before triage has routed it.',
      issues: [{ path: 'action', message: 'allowed once the feedback is open' }],
    });
  });

  it('refuses an unknown team listing the known ones', () => {
    // Act
    const error = thrown(() => applyAssignment(record, { team: 'nowhere' }, context));

    // Assess
    expect(error).toEqual({
      code: 'validation_error',
      message: 'The team is not known.',
      issues: [{ path: 'team', message: 'must be one of: billing, field' }],
    });
  });

  it('refuses an assignee outside the team, naming the team', () => {
    // Act
    const error = thrown(() => applyAssignment(record, { assignee: 'bo' }, context));

    // Assess
    expect(error).toEqual({
      code: 'validation_error',
      message: 'The assignee does not belong to the feedback’s team.',
      issues: [{ path: 'assignee', message: 'must be a member of team billing' }],
    });
  });

  it('refuses any assignee for a feedback of no team (routed before teams existed)', () => {
    // Prepare
    const teamless = { ...record, team: null, assignee: null };

    // Act
    const error = thrown(() => applyAssignment(teamless, { assignee: 'ana' }, context));

    // Assess
    expect(error).toEqual({
      code: 'validation_error',
      message: 'The assignee does not belong to the feedback’s team.',
      issues: [{ path: 'assignee', message: 'must be a member of team (none)' }],
    });
  });

  it('unassigns (assignee null) and records only the previous assignee', () => {
    // Act
    const next = applyAssignment(record, { assignee: null }, context);

    // Assess
    expect(next).toMatchObject({ team: 'billing', assignee: null, updatedAt: AT });
    expect(next.history).toHaveLength(record.history.length + 1);
    expect(next.history.at(-1)).toEqual({
      at: AT,
      action: 'assign',
      actor: 'staff:li',
      team: 'billing',
      assignee: null,
      previousAssignee: 'ana',
    });
  });

  it('assigns within the team and records only the previous assignee', () => {
    // Act
    const next = applyAssignment(record, { assignee: 'cy' }, context);

    // Assess
    expect(next).toMatchObject({ team: 'billing', assignee: 'cy' });
    expect(next.history.at(-1)).toEqual({
      at: AT,
      action: 'assign',
      actor: 'staff:li',
      team: 'billing',
      assignee: 'cy',
      previousAssignee: 'ana',
    });
  });

  it('moves the team keeping a member of both: only the previous team is recorded', () => {
    // Act
    const next = applyAssignment({ ...record, assignee: 'cy' }, { team: 'field', assignee: 'cy' }, context);

    // Assess
    expect(next).toMatchObject({ team: 'field', assignee: 'cy' });
    expect(next.history.at(-1)).toEqual({
      at: AT,
      action: 'assign',
      actor: 'staff:li',
      team: 'field',
      assignee: 'cy',
      previousTeam: 'billing',
    });
  });

  it('moves an unassigned feedback to another team and leaves it unassigned', () => {
    // Act
    const next = applyAssignment({ ...record, assignee: null }, { team: 'field' }, context);

    // Assess
    expect(next).toMatchObject({ team: 'field', assignee: null });
    expect(next.history.at(-1)).toEqual({
      at: AT,
      action: 'assign',
      actor: 'staff:li',
      team: 'field',
      assignee: null,
      previousTeam: 'billing',
    });
  });

  it('moves a feedback of no team into a team, recording no previous team (null)', () => {
    // Act
    const next = applyAssignment({ ...record, team: null, assignee: null }, { team: 'billing' }, context);

    // Assess
    expect(next).toMatchObject({ team: 'billing', assignee: null });
    expect(next.history.at(-1)).toEqual({
      at: AT,
      action: 'assign',
      actor: 'staff:li',
      team: 'billing',
      assignee: null,
      previousTeam: null,
    });
  });
});

describe('the team at an instant, replayed from history', () => {
  const received = '2026-11-23T02:00:00.000Z';
  const entry = (at: string, action: string, extra: Record<string, unknown> = {}) => ({
    at,
    action,
    actor: 'x',
    ...extra,
  });
  const withHistory = (team: string | null, history: FeedbackRecord['history']) =>
    openFeedback('P3', received, { team, history });

  it('counts an entry made exactly at asOf', () => {
    // Prepare
    const record = withHistory('field', [
      entry(received, 'triaged', { team: 'billing' }),
      entry('2026-12-01T00:00:00.000Z', 'assign', { team: 'field' }),
    ]);

    // Act
    const atMove = teamAsOf(record, '2026-12-01T00:00:00.000Z', 'service-desk');
    const justBefore = teamAsOf(record, '2026-11-30T23:59:59.999Z', 'service-desk');

    // Assess
    expect(atMove).toBe('field');
    expect(justBefore).toBe('billing');
  });

  it('is moved only by triaged and assign entries that name a team', () => {
    // Prepare: the record says field today; until asOf only billing routed it
    const record = withHistory('field', [
      entry(received, 'triaged', { team: 'billing' }),
      entry('2026-11-24T00:00:00.000Z', 'acknowledge', { to: 'acknowledged' }),
      entry('2026-11-25T00:00:00.000Z', 'escalated', { team: 'field' }),
      entry('2026-11-26T00:00:00.000Z', 'assign', { team: null, assignee: null }),
      entry('2026-11-27T00:00:00.000Z', 'assign', { assignee: 'ana' }),
    ]);

    // Act
    const team = teamAsOf(record, '2026-12-01T00:00:00.000Z', 'service-desk');

    // Assess
    expect(team).toBe('billing');
  });

  it('falls back to the record’s team, then to the fallback, when history names none', () => {
    // Prepare
    const unrouted = [entry(received, 'received', { to: 'received' })];

    // Act
    const recordTeam = teamAsOf(withHistory('field', unrouted), '2026-12-01T00:00:00.000Z', 'service-desk');
    const fallback = teamAsOf(withHistory(null, unrouted), '2026-12-01T00:00:00.000Z', 'service-desk');

    // Assess
    expect(recordTeam).toBe('field');
    expect(fallback).toBe('service-desk');
  });
});
