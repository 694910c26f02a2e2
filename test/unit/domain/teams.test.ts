import { describe, expect, it } from 'vitest';
import { parseStackConfig } from '../../../shared/config/stack-config.ts';
import { teamsOf } from '../../../shared/config/team-defaults.ts';
import type { TeamDefinition } from '../../../shared/config/teams-config.ts';
import { escalationRecipients, p1AlertRecipients } from '../../../shared/domain/escalation.ts';
import { SnapshotAccumulator } from '../../../shared/domain/snapshot-math.ts';
import { applyAssignment, routeToTeam, teamAsOf, teamLeads } from '../../../shared/domain/teams.ts';
import { calendar, openFeedback } from '../../helpers/records.ts';

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

describe('teams configuration (validated at synth time)', () => {
  it('defaults to one team service-desk, led by the first escalation address', () => {
    const config = parseStackConfig({ escalationEmails: ['boss@example.org', 'ceo@example.org'] });
    expect(teamsOf(config)).toEqual([
      {
        id: 'service-desk',
        name: { en: 'Service desk', zh: '服务台' },
        leadEmails: ['boss@example.org'],
        categories: [],
        channels: [],
      },
    ]);
  });

  it('refuses duplicate ids, unknown categories and channels, bad ids and lead addresses', () => {
    expect(() =>
      parseStackConfig({
        teams: [
          { id: 'a', name: { en: 'A', zh: 'A' }, leadEmails: ['a@example.org'], categories: ['no_such'] },
          { id: 'a', name: { en: 'A', zh: 'A' }, leadEmails: ['nope'], channels: ['fax'] },
          { id: 'Bad Id', name: { en: 'B', zh: 'B' }, leadEmails: [] },
        ],
      }),
    ).toThrow(
      /teams\.1\.leadEmails\.0[\s\S]*teams\.1\.channels\.0[\s\S]*teams\.2\.id[\s\S]*teams\.2\.leadEmails/,
    );
    expect(() =>
      parseStackConfig({
        teams: [
          { id: 'a', name: { en: 'A', zh: 'A' }, leadEmails: ['a@example.org'], categories: ['no_such'] },
          { id: 'a', name: { en: 'A', zh: 'A' }, leadEmails: ['a@example.org'] },
        ],
      }),
    ).toThrow(/teams\.0\.categories\.0: no_such is not a category[\s\S]*teams\.1\.id: duplicate team id a/);
  });
});

describe('routing (contract §7)', () => {
  it.each([
    [
      { category: 'billing_payment', channel: 'web' },
      { team: 'billing', reason: 'category:billing_payment' },
    ],
    [
      { category: 'delivery', channel: 'web' },
      { team: 'field', reason: 'category:delivery' },
    ],
    [
      { category: null, channel: 'phone' },
      { team: 'field', reason: 'channel:phone' },
    ],
    [
      { category: 'billing_payment', channel: 'phone' },
      { team: 'billing', reason: 'category:billing_payment' },
    ],
    [
      { category: 'safety', channel: 'web' },
      { team: 'billing', reason: 'default' },
    ],
  ])('%o → %o', (feedback, expected) => {
    expect(routeToTeam(TEAMS, feedback)).toEqual(expected);
  });

  it('routes to service-desk when no teams are given', () => {
    expect(routeToTeam(undefined, { category: null, channel: 'web' })).toEqual({
      team: 'service-desk',
      reason: 'default',
    });
  });
});

describe('recipients (contract §7)', () => {
  const addresses = ['first@example.org', 'second@example.org'];
  it('sends levels 1–2 to the team leads, level 3 to every escalation address', () => {
    const leads = teamLeads(TEAMS, 'field');
    expect(escalationRecipients(1, addresses, leads)).toEqual(['f1@example.org', 'f2@example.org']);
    expect(escalationRecipients(2, addresses, leads)).toEqual(['f1@example.org', 'f2@example.org']);
    expect(escalationRecipients(3, addresses, leads)).toEqual(addresses);
  });

  it('sends the P1 alert to the leads and the first escalation address, once each', () => {
    expect(p1AlertRecipients(addresses, ['b@example.org'])).toEqual(['b@example.org', 'first@example.org']);
    expect(p1AlertRecipients(addresses, ['first@example.org'])).toEqual(['first@example.org']);
  });

  it('falls back to the first team’s leads for a team no longer configured', () => {
    expect(teamLeads(TEAMS, 'gone')).toEqual(['b@example.org']);
  });
});

describe('assignment (contract §7)', () => {
  const members: Record<string, string[]> = { ana: ['billing'], bo: ['field'], cy: ['billing', 'field'] };
  const context = {
    teams: TEAMS,
    teamsOfStaff: (id: string) => members[id],
    actor: 'staff:li',
    now: new Date('2026-11-24T03:00:00.000Z'),
  };
  const record = openFeedback('P3', '2026-11-23T02:00:00.000Z', { team: 'billing', assignee: 'ana' });

  it('moves the team, keeps an assignee who belongs to the new team, and records both', () => {
    const held = { ...record, assignee: 'cy' };
    const next = applyAssignment(held, { team: 'field' }, context);
    expect(next).toMatchObject({ team: 'field', assignee: 'cy', updatedAt: '2026-11-24T03:00:00.000Z' });
    expect(next.history.at(-1)).toEqual({
      at: '2026-11-24T03:00:00.000Z',
      action: 'assign',
      actor: 'staff:li',
      team: 'field',
      assignee: 'cy',
      previousTeam: 'billing',
    });
  });

  it('drops an assignee who does not belong to the new team', () => {
    expect(applyAssignment(record, { team: 'field' }, context)).toMatchObject({
      team: 'field',
      assignee: null,
    });
  });

  it('refuses an assignee outside the team after the move, an unknown person and an unknown team (400)', () => {
    expect(() => applyAssignment(record, { assignee: 'bo' }, context)).toThrow(/does not belong/);
    expect(() => applyAssignment(record, { team: 'field', assignee: 'ana' }, context)).toThrow(
      /does not belong/,
    );
    expect(() => applyAssignment(record, { assignee: 'ghost' }, context)).toThrow(/does not belong/);
    expect(() => applyAssignment(record, { team: 'nowhere' }, context)).toThrow(/not known/);
  });

  it('changes nothing (no history entry) when nothing changes; refuses untriaged feedback', () => {
    expect(applyAssignment(record, { assignee: 'ana' }, context)).toBe(record);
    expect(() => applyAssignment({ ...record, status: 'received' }, { assignee: 'ana' }, context)).toThrow(
      /before triage/,
    );
  });
});

describe('byTeam in a snapshot', () => {
  const asOf = '2027-01-01T00:00:00.000Z';
  const received = '2026-11-23T02:00:00.000Z';
  const deadlines = {
    firstResponseDue: '2026-11-24T02:00:00.000Z',
    resolutionDue: '2026-11-30T02:00:00.000Z',
  };
  const triaged = (team: string) => ({
    at: received,
    action: 'triaged',
    actor: 'x',
    to: 'open' as const,
    team,
    deadlines,
  });

  it('counts each feedback for the team that owned it at asOf, every configured team listed', () => {
    const accumulator = new SnapshotAccumulator(asOf, calendar, {
      ids: ['billing', 'field', 'idle'],
      fallback: 'billing',
    });
    // Billing: a complaint acknowledged in 2 working hours and resolved late, CSAT 4
    accumulator.add(
      openFeedback('P2', received, {
        id: 'A',
        ratings: { csat: 4 },
        history: [
          triaged('billing'),
          { at: '2026-11-23T04:00:00.000Z', action: 'acknowledge', actor: 'x', to: 'acknowledged' },
          { at: '2026-12-01T02:00:00.000Z', action: 'resolve', actor: 'x', to: 'resolved' },
        ],
      }),
    );
    // Routed to billing, moved to field before asOf; moved back after asOf (ignored)
    accumulator.add(
      openFeedback('P2', received, {
        id: 'B',
        team: 'billing',
        history: [
          triaged('billing'),
          { at: '2026-11-25T00:00:00.000Z', action: 'assign', actor: 'x', team: 'field' },
          { at: '2027-02-01T00:00:00.000Z', action: 'assign', actor: 'x', team: 'billing' },
        ],
      }),
    );
    // Received before teams existed: no team in its history or record → the fallback
    accumulator.add(openFeedback('P4', received, { id: 'C', type: 'praise', history: [] }));

    const { byTeam, totals } = accumulator.figures();

    expect(totals).toMatchObject({ feedback: 3, complaints: 2 });
    expect(byTeam).toEqual({
      billing: {
        feedback: 2,
        complaints: 1,
        complaintRate: 0.5,
        // first response met, resolution missed: 1 of 2
        slaCompliance: 0.5,
        closureRate: 1,
        notifiedRate: 0,
        firstResponseMedianHours: 2,
        csat: { average: 4, responses: 1 },
        nps: { score: null, responses: 0 },
        csatAverage: 4,
      },
      field: {
        feedback: 1,
        complaints: 1,
        complaintRate: 1,
        // both deadlines passed unmet by asOf
        slaCompliance: 0,
        closureRate: 0,
        notifiedRate: null,
        firstResponseMedianHours: null,
        csat: { average: null, responses: 0 },
        nps: { score: null, responses: 0 },
        csatAverage: null,
      },
      idle: {
        feedback: 0,
        complaints: 0,
        complaintRate: null,
        slaCompliance: null,
        closureRate: null,
        notifiedRate: null,
        firstResponseMedianHours: null,
        csat: { average: null, responses: 0 },
        nps: { score: null, responses: 0 },
        csatAverage: null,
      },
    });
  });

  it('replays the team from history up to asOf only', () => {
    const record = openFeedback('P3', received, {
      team: 'field',
      history: [
        triaged('billing'),
        { at: '2027-02-01T00:00:00.000Z', action: 'assign', actor: 'x', team: 'field' },
      ],
    });
    expect(teamAsOf(record, asOf, 'billing')).toBe('billing');
    expect(teamAsOf(record, '2027-03-01T00:00:00.000Z', 'billing')).toBe('field');
  });
});
