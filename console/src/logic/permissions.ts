/**
 * What the signed-in role may do, as `GET /v1/me` reports it from the API's own access policy
 * (shared/auth/access-policy.ts): the console shows a page or an action only when the route
 * behind it is listed, so nothing is offered that the API would refuse with 403.
 */
export interface StaffProfile {
  id: string;
  role: 'agent' | 'lead' | 'analyst' | 'admin';
  teams: string[];
  /** Route keys (`METHOD /resource`) the role may use, with `ownTeams` or `all` access. */
  routes: Record<string, 'ownTeams' | 'all'>;
}

/** The routes behind the console's pages and actions (keys of the API's access policy). */
export const ROUTES = {
  listFeedback: 'GET /v1/feedback',
  readFeedback: 'GET /v1/feedback/{id}',
  actOnFeedback: 'POST /v1/feedback/{id}/actions',
  listSnapshots: 'GET /v1/snapshots',
  recomputeSnapshot: 'POST /v1/snapshots/{period}',
  hotTopics: 'GET /v1/hot-topics',
  createProblem: 'POST /v1/problems',
  listProblems: 'GET /v1/problems',
  readProblem: 'GET /v1/problems/{id}',
  linkProblem: 'POST /v1/problems/{id}/links',
  actOnProblem: 'POST /v1/problems/{id}/actions',
} as const;
export type ConsoleRoute = keyof typeof ROUTES;

/** Whether the signed-in role may use the route behind a page or an action. */
export function may(profile: StaffProfile, route: ConsoleRoute): boolean {
  return ROUTES[route] in profile.routes;
}

/**
 * Whether the role may assign feedback to someone else or move it to another team: an agent
 * only takes work (assigns it to themselves), contract §7; the API refuses the rest with 403.
 */
export function mayAssignOthers(profile: StaffProfile): boolean {
  return profile.role !== 'agent' && may(profile, 'actOnFeedback');
}

/** The page a role lands on: the inbox when it may list feedback, else the dashboard. */
export function homePage(profile: StaffProfile): 'inbox' | 'dashboard' | 'problems' {
  if (may(profile, 'listFeedback')) return 'inbox';
  if (may(profile, 'listSnapshots') || may(profile, 'hotTopics')) return 'dashboard';
  return 'problems';
}
