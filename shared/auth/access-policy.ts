/**
 * Who may do what (contract §7), in one place. Every staff route — and the routes still to
 * come (plans, problems, hot topics, questionnaires, campaigns) — has one line in
 * {@link ACCESS_POLICY}; the staff middleware asks {@link authorize} before a handler runs, and
 * handlers ask it again with the feedback they read, so another team's feedback answers `404`
 * and a route the role may not use answers `403`.
 */

/** The staff roles (Cognito groups of the same names when deployed). */
export const ROLES = ['agent', 'lead', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a role may do on a route: nothing (`deny` → 403), only on records of its own teams
 * (`ownTeams`: another team's record → 404, lists only show its teams), or everything (`all`).
 */
export type Access = 'deny' | 'ownTeams' | 'all';

/** The authenticated staff member behind a request. */
export interface StaffPrincipal {
  /** Staff id: the Cognito user name (locally the `id` in `LOCAL_STAFF_TOKENS`). */
  id: string;
  role: Role;
  /** Team ids this person belongs to. */
  teams: readonly string[];
}

type RoleAccess = Readonly<Record<Role, Access>>;

const AGENT_AND_UP: RoleAccess = { agent: 'ownTeams', lead: 'ownTeams', analyst: 'deny', admin: 'all' };
const FIGURES: RoleAccess = { agent: 'deny', lead: 'deny', analyst: 'all', admin: 'all' };
const PLANS: RoleAccess = { agent: 'deny', lead: 'ownTeams', analyst: 'all', admin: 'all' };
const PROBLEMS: RoleAccess = { agent: 'deny', lead: 'ownTeams', analyst: 'deny', admin: 'all' };
const HOT_TOPICS: RoleAccess = { agent: 'deny', lead: 'all', analyst: 'all', admin: 'all' };
const ADMIN_ONLY: RoleAccess = { agent: 'deny', lead: 'deny', analyst: 'deny', admin: 'all' };
const EVERY_ROLE: RoleAccess = { agent: 'all', lead: 'all', analyst: 'all', admin: 'all' };

/**
 * The policy, one line per staff route (`METHOD /resource/{param}`, as API Gateway names the
 * resource). A staff route missing here is refused to every role but admin.
 */
export const ACCESS_POLICY: Readonly<Record<string, RoleAccess>> = {
  'GET /v1/feedback': AGENT_AND_UP,
  'GET /v1/feedback/{id}': AGENT_AND_UP,
  'POST /v1/feedback/{id}/actions': AGENT_AND_UP,
  'POST /v1/customers/erasure': ADMIN_ONLY,
  // Who the caller is and what their role may use: the console shows only that.
  'GET /v1/me': EVERY_ROLE,
  'GET /v1/snapshots': FIGURES,
  'GET /v1/snapshots/{period}': FIGURES,
  'POST /v1/snapshots/{period}': FIGURES,
  // v2/v3 routes: the rule is here before the route lands.
  'GET /v1/hot-topics': HOT_TOPICS,
  'POST /v1/plans': PLANS,
  'GET /v1/plans': PLANS,
  'GET /v1/plans/{id}': PLANS,
  'POST /v1/plans/{id}/actions': PLANS,
  'POST /v1/problems': PROBLEMS,
  'GET /v1/problems': PROBLEMS,
  'GET /v1/problems/{id}': PROBLEMS,
  'POST /v1/problems/{id}/links': PROBLEMS,
  'POST /v1/problems/{id}/actions': PROBLEMS,
  'POST /v1/questionnaires': FIGURES,
  'GET /v1/questionnaires/{id}': FIGURES,
  'POST /v1/campaigns': FIGURES,
  'GET /v1/campaigns/{id}': FIGURES,
  'GET /v1/campaigns/{id}/responses.csv': FIGURES,
  'GET /v1/campaigns/{id}/calls': { agent: 'deny', lead: 'all', analyst: 'all', admin: 'all' },
  'POST /v1/campaigns/{id}/calls/{recipientId}': {
    agent: 'deny',
    lead: 'all',
    analyst: 'all',
    admin: 'all',
  },
};

/** Every route a role may use, with its access (what `GET /v1/me` tells the console). */
export function routesFor(role: Role): Record<string, Exclude<Access, 'deny'>> {
  const routes: Record<string, Exclude<Access, 'deny'>> = {};
  for (const [key, line] of Object.entries(ACCESS_POLICY)) {
    const access = line[role];
    if (access !== 'deny') routes[key] = access;
  }
  return routes;
}

/** The policy key of a route. */
export function routeKey(method: string, resource: string): string {
  return `${method.toUpperCase()} ${resource}`;
}

/** A role's access to a route; admin may use any staff route, others only what the table says. */
export function accessFor(role: Role, key: string): Access {
  const line = ACCESS_POLICY[key];
  if (!line) return role === 'admin' ? 'all' : 'deny';
  return line[role];
}

/** The outcome of one authorization question. */
export type Decision =
  | { outcome: 'allow'; access: Exclude<Access, 'deny'> }
  | { outcome: 'forbidden'; reason: string }
  | { outcome: 'not_found'; reason: string };

/**
 * The one question every staff request is asked: may this person use this route, and — when a
 * record is given — this record? Another team's record is `not_found`, never `forbidden`, so
 * its existence is not revealed.
 */
export function authorize(
  principal: StaffPrincipal,
  key: string,
  record?: { team: string | null },
): Decision {
  const access = accessFor(principal.role, key);
  if (access === 'deny') return { outcome: 'forbidden', reason: 'role_not_allowed' };
  if (record && access === 'ownTeams' && !(record.team !== null && principal.teams.includes(record.team)))
    return { outcome: 'not_found', reason: 'other_team' };
  return { outcome: 'allow', access };
}

/** The teams a list is limited to: the caller's own with `ownTeams` access, none (all) otherwise. */
export function listScope(
  principal: StaffPrincipal,
  access: Exclude<Access, 'deny'>,
): readonly string[] | undefined {
  return access === 'ownTeams' ? principal.teams : undefined;
}

/** The change an `assign` action asks for, after `me` was resolved to the caller's id. */
export interface AssignmentRequest {
  team?: string;
  assignee?: string | null;
}

/**
 * Whether the caller's role lets them make this assignment (contract §7): an agent only to
 * themselves (taking it, or giving back what they hold) within the same team; a lead within
 * their teams; an admin anything. Membership of the assignee is checked by the domain (400).
 */
export function authorizeAssignment(
  principal: StaffPrincipal,
  record: { team: string | null; assignee: string | null },
  request: AssignmentRequest,
): Decision {
  if (principal.role === 'admin') return { outcome: 'allow', access: 'all' };
  if (principal.role === 'agent') {
    if (request.team !== undefined && request.team !== record.team)
      return { outcome: 'forbidden', reason: 'agent_cannot_move_team' };
    const selfOrRelease =
      request.assignee === principal.id || (request.assignee === null && record.assignee === principal.id);
    if (request.assignee === undefined || !selfOrRelease)
      return { outcome: 'forbidden', reason: 'agent_assigns_only_self' };
    return { outcome: 'allow', access: 'ownTeams' };
  }
  if (principal.role === 'lead') {
    const target = request.team ?? record.team;
    if (target === null || !principal.teams.includes(target))
      return { outcome: 'forbidden', reason: 'lead_outside_own_teams' };
    return { outcome: 'allow', access: 'ownTeams' };
  }
  return { outcome: 'forbidden', reason: 'role_not_allowed' };
}

const ROLE_PRECEDENCE: readonly Role[] = ['admin', 'lead', 'analyst', 'agent'];
/** Prefix of the Cognito groups that carry a person's teams (`team:billing`). */
export const TEAM_GROUP_PREFIX = 'team:';

/**
 * Reads a claim that may hold several values: API Gateway passes a list claim as a string,
 * comma-separated or bracketed and space-separated (`[a b]`); tests may pass an array.
 */
export function claimValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value !== 'string') return [];
  const trimmed = value.trim().replace(/^\[(.*)\]$/s, '$1');
  return trimmed
    .split(/[\s,]+/)
    .map((v) => v.trim())
    .filter(Boolean);
}

/**
 * The staff member an authorizer's claims describe: the role is the strongest role group
 * (admin, lead, analyst, agent), the teams are the `team:<id>` groups plus any in the
 * `custom:teams` attribute. No id or no role group: undefined (the caller is refused).
 */
export function principalFromClaims(
  claims: Record<string, unknown> | null | undefined,
): StaffPrincipal | undefined {
  if (!claims) return undefined;
  const id = claims['cognito:username'] ?? claims.username ?? claims.sub;
  if (typeof id !== 'string' || id.length === 0) return undefined;
  const groups = claimValues(claims['cognito:groups']);
  const role = ROLE_PRECEDENCE.find((candidate) => groups.includes(candidate));
  if (!role) return undefined;
  const teams = new Set([
    ...groups.filter((g) => g.startsWith(TEAM_GROUP_PREFIX)).map((g) => g.slice(TEAM_GROUP_PREFIX.length)),
    ...claimValues(claims['custom:teams']),
  ]);
  return { id, role, teams: [...teams].filter(Boolean).sort() };
}

/** Claims in the shape the Cognito authorizer passes, for a person (the local stack's tokens). */
export function claimsFor(
  principal: StaffPrincipal,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    sub: principal.id,
    'cognito:username': principal.id,
    'cognito:groups': [principal.role, ...principal.teams.map((t) => `${TEAM_GROUP_PREFIX}${t}`)].join(','),
    ...extra,
  };
}
