/**
 * Who may call each route, written out by hand (not derived from `ROUTES`): the expectation
 * the route definitions, the local stack and the synthesized template are all checked against.
 * Adding a route (or a role) means adding a row here; the tests fail until it is listed.
 *
 * Each row: the route, the auth the contract gives it, a concrete path to call, and the answer
 * for each credential: `401`/`403` (refused by the authorizer, nothing reaches the function)
 * or `'through'` (past the authorizer: the function answers, with whatever status).
 */
export type AuthOutcome = 401 | 403 | 'through';
export type Credential = 'none' | 'wrongToken' | 'channelKey' | 'staff';

export interface RouteAuthRow {
  route: string;
  auth: 'channel' | 'staff' | 'public';
  path: string;
  expect: Record<Credential, AuthOutcome>;
}

const ID = '01JD0000000000000000000000';
const TOKEN = `${ID}.5IBNz_4KPbzN-mwXtWpAvFNvCRp7EaXo`;

const CHANNEL = { none: 403, wrongToken: 403, channelKey: 'through', staff: 403 } as const;
const STAFF = { none: 401, wrongToken: 401, channelKey: 401, staff: 'through' } as const;
const PUBLIC = { none: 'through', wrongToken: 'through', channelKey: 'through', staff: 'through' } as const;

export const ROUTE_AUTH_TABLE: readonly RouteAuthRow[] = [
  { route: 'POST /v1/feedback', auth: 'channel', path: '/v1/feedback', expect: CHANNEL },
  { route: 'GET /v1/feedback', auth: 'staff', path: '/v1/feedback', expect: STAFF },
  { route: 'GET /v1/feedback/{id}', auth: 'staff', path: `/v1/feedback/${ID}`, expect: STAFF },
  {
    route: 'POST /v1/feedback/{id}/actions',
    auth: 'staff',
    path: `/v1/feedback/${ID}/actions`,
    expect: STAFF,
  },
  { route: 'POST /v1/customers/erasure', auth: 'staff', path: '/v1/customers/erasure', expect: STAFF },
  { route: 'GET /v1/snapshots', auth: 'staff', path: '/v1/snapshots', expect: STAFF },
  { route: 'GET /v1/snapshots/{period}', auth: 'staff', path: '/v1/snapshots/2026-Q4', expect: STAFF },
  // Not a quarter: whoever gets through is refused by the function, so nothing is recomputed
  { route: 'POST /v1/snapshots/{period}', auth: 'staff', path: '/v1/snapshots/not-a-quarter', expect: STAFF },
  { route: 'GET /v1/survey/{surveyToken}', auth: 'public', path: `/v1/survey/${TOKEN}`, expect: PUBLIC },
  { route: 'POST /v1/survey/{surveyToken}', auth: 'public', path: `/v1/survey/${TOKEN}`, expect: PUBLIC },
  { route: 'GET /v1/track/{trackingToken}', auth: 'public', path: `/v1/track/${TOKEN}`, expect: PUBLIC },
  { route: 'POST /v1/imports', auth: 'channel', path: '/v1/imports', expect: CHANNEL },
  { route: 'POST /v1/imports/uploads', auth: 'channel', path: '/v1/imports/uploads', expect: CHANNEL },
  { route: 'GET /v1/me', auth: 'staff', path: '/v1/me', expect: STAFF },
  { route: 'GET /v1/hot-topics', auth: 'staff', path: '/v1/hot-topics', expect: STAFF },
  { route: 'POST /v1/problems', auth: 'staff', path: '/v1/problems', expect: STAFF },
  { route: 'GET /v1/problems', auth: 'staff', path: '/v1/problems', expect: STAFF },
  { route: 'GET /v1/problems/{id}', auth: 'staff', path: `/v1/problems/${ID}`, expect: STAFF },
  { route: 'POST /v1/problems/{id}/links', auth: 'staff', path: `/v1/problems/${ID}/links`, expect: STAFF },
  {
    route: 'POST /v1/problems/{id}/actions',
    auth: 'staff',
    path: `/v1/problems/${ID}/actions`,
    expect: STAFF,
  },
  { route: 'GET /v1/forms/{formId}', auth: 'public', path: '/v1/forms/feedback', expect: PUBLIC },
  // No body: the form answers 400 and stores nothing
  { route: 'POST /v1/forms/{formId}', auth: 'public', path: '/v1/forms/feedback', expect: PUBLIC },
];
