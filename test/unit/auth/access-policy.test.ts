import { describe, expect, it } from 'vitest';
import {
  ACCESS_POLICY,
  authorize,
  authorizeAssignment,
  claimValues,
  listScope,
  principalFromClaims,
  ROLES,
  type Role,
  type StaffPrincipal,
} from '../../../shared/auth/access-policy.ts';
import { ROUTES } from '../../../shared/definitions/route-definitions.ts';

/**
 * The role matrix of contract §7, written down literally: `own` = allowed on the caller's
 * teams' feedback and 404 on another team's, `all` = allowed whatever the team, `403` = the
 * role may not use the route.
 */
const MATRIX = `
GET  /v1/feedback                                 | own | own | 403 | all
GET  /v1/feedback/{id}                            | own | own | 403 | all
POST /v1/feedback/{id}/actions                    | own | own | 403 | all
POST /v1/customers/erasure                        | 403 | 403 | 403 | all
GET  /v1/me                                       | all | all | all | all
GET  /v1/snapshots                                | 403 | 403 | all | all
GET  /v1/snapshots/{period}                       | 403 | 403 | all | all
POST /v1/snapshots/{period}                       | 403 | 403 | all | all
GET  /v1/hot-topics                               | 403 | all | all | all
POST /v1/plans                                    | 403 | own | all | all
GET  /v1/plans                                    | 403 | own | all | all
GET  /v1/plans/{id}                               | 403 | own | all | all
POST /v1/plans/{id}/actions                       | 403 | own | all | all
POST /v1/problems                                 | 403 | own | 403 | all
GET  /v1/problems                                 | 403 | own | 403 | all
GET  /v1/problems/{id}                            | 403 | own | 403 | all
POST /v1/problems/{id}/links                      | 403 | own | 403 | all
POST /v1/problems/{id}/actions                    | 403 | own | 403 | all
POST /v1/questionnaires                           | 403 | 403 | all | all
GET  /v1/questionnaires/{id}                      | 403 | 403 | all | all
POST /v1/campaigns                                | 403 | 403 | all | all
GET  /v1/campaigns/{id}                           | 403 | 403 | all | all
GET  /v1/campaigns/{id}/responses.csv             | 403 | 403 | all | all
GET  /v1/campaigns/{id}/calls                     | 403 | all | all | all
POST /v1/campaigns/{id}/calls/{recipientId}       | 403 | all | all | all
`;

type Cell = 'own' | 'all' | '403';
const rows = MATRIX.trim()
  .split('\n')
  .map((line) => {
    const [route, ...cells] = line.split('|').map((part) => part.trim());
    const key = (route as string).replace(/\s+/, ' ');
    return { key, cells: Object.fromEntries(ROLES.map((role, i) => [role, cells[i] as Cell])) };
  });

const OWN = 'billing';
const OTHER = 'delivery';
const person = (role: Role): StaffPrincipal => ({ id: `${role}-1`, role, teams: [OWN] });

/** What a cell means for a record of the caller's team and of another team. */
function expected(cell: Cell): { own: string; other: string } {
  if (cell === '403') return { own: 'forbidden', other: 'forbidden' };
  if (cell === 'own') return { own: 'allow', other: 'not_found' };
  return { own: 'allow', other: 'allow' };
}

describe('access policy: every role × every route × own/other team', () => {
  const cases = rows.flatMap(({ key, cells }) =>
    ROLES.map((role) => ({ key, role, cell: cells[role] as Cell })),
  );

  it.each(cases)('$role on $key → $cell', ({ key, role, cell }) => {
    // Prepare
    const principal = person(role);
    const want = expected(cell);

    // Act
    const routeOnly = authorize(principal, key);
    const ownRecord = authorize(principal, key, { team: OWN });
    const otherRecord = authorize(principal, key, { team: OTHER });
    const unrouted = authorize(principal, key, { team: null });

    // Assess
    expect(routeOnly.outcome).toBe(cell === '403' ? 'forbidden' : 'allow');
    expect(ownRecord.outcome).toBe(want.own);
    expect(otherRecord.outcome).toBe(want.other);
    expect(unrouted.outcome).toBe(want.other);
  });

  it('covers every staff route the API serves, and nothing the table above does not list', () => {
    const staffRoutes = ROUTES.filter((r) => r.auth === 'staff').map((r) => `${r.method} ${r.path}`);
    const listed = rows.map((r) => r.key);
    for (const route of staffRoutes) expect(listed).toContain(route);
    expect(Object.keys(ACCESS_POLICY).sort()).toEqual([...listed].sort());
  });

  it('refuses an unlisted staff route to every role but admin', () => {
    for (const role of ROLES)
      expect(authorize(person(role), 'GET /v1/not-yet-a-route').outcome).toBe(
        role === 'admin' ? 'allow' : 'forbidden',
      );
  });

  it('limits lists to the caller’s teams for `own` access only', () => {
    expect(listScope({ id: 'a', role: 'agent', teams: ['x', 'y'] }, 'ownTeams')).toEqual(['x', 'y']);
    expect(listScope({ id: 'b', role: 'admin', teams: [] }, 'all')).toBeUndefined();
  });
});

describe('access policy: assignments (contract §7)', () => {
  const record = { team: OWN, assignee: null as string | null };
  const cases: {
    who: Role;
    change: { team?: string; assignee?: string | null };
    held?: string;
    want: string;
  }[] = [
    { who: 'agent', change: { assignee: 'agent-1' }, want: 'allow' },
    { who: 'agent', change: { assignee: 'someone-else' }, want: 'forbidden' },
    { who: 'agent', change: { team: OTHER }, want: 'forbidden' },
    { who: 'agent', change: { team: OWN, assignee: 'agent-1' }, want: 'allow' },
    { who: 'agent', change: { assignee: null }, held: 'agent-1', want: 'allow' },
    { who: 'agent', change: { assignee: null }, held: 'someone-else', want: 'forbidden' },
    { who: 'lead', change: { assignee: 'someone-else' }, want: 'allow' },
    { who: 'lead', change: { team: OTHER }, want: 'forbidden' },
    { who: 'lead', change: { assignee: null }, held: 'someone-else', want: 'allow' },
    { who: 'analyst', change: { assignee: 'analyst-1' }, want: 'forbidden' },
    { who: 'admin', change: { team: OTHER, assignee: 'anyone' }, want: 'allow' },
  ];

  it.each(cases)('$who: $change (held by $held) → $want', ({ who, change, held, want }) => {
    const decision = authorizeAssignment(person(who), { ...record, assignee: held ?? null }, change);
    expect(decision.outcome).toBe(want);
  });
});

describe('principal from the authorizer’s claims', () => {
  it('reads the strongest role group and the team groups, in every shape API Gateway passes lists', () => {
    for (const groups of [
      'agent,team:billing,lead',
      '[agent team:billing lead]',
      'lead, agent, team:billing',
    ]) {
      expect(principalFromClaims({ 'cognito:username': 'mei', 'cognito:groups': groups })).toEqual({
        id: 'mei',
        role: 'lead',
        teams: ['billing'],
      });
    }
  });

  it('adds teams from the custom:teams attribute', () => {
    expect(
      principalFromClaims({ 'cognito:username': 'li', 'cognito:groups': 'agent', 'custom:teams': 'a,b' }),
    ).toEqual({ id: 'li', role: 'agent', teams: ['a', 'b'] });
  });

  it('is nobody without a role group or without an id', () => {
    expect(
      principalFromClaims({ 'cognito:username': 'x', 'cognito:groups': 'team:billing' }),
    ).toBeUndefined();
    expect(principalFromClaims({ 'cognito:groups': 'admin' })).toBeUndefined();
    expect(principalFromClaims(null)).toBeUndefined();
  });

  it('splits list claims', () => {
    expect(claimValues(['a', 'b'])).toEqual(['a', 'b']);
    expect(claimValues('[a b]')).toEqual(['a', 'b']);
    expect(claimValues(undefined)).toEqual([]);
  });
});
