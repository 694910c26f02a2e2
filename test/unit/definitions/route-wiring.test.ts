import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../../shared/definitions/route-definitions.ts';

/**
 * Which function answers each route, written out by hand: a route wired to the wrong function (or
 * to none) deploys without complaint and answers every call with that function's 404 or 500.
 * Grouped by the function, so a route that moves shows up as a one-line change here.
 */
const FUNCTION_OF_ROUTE: Readonly<Record<string, string>> = {
  'POST /v1/feedback': 'intake',
  'POST /v1/imports': 'imports',
  'POST /v1/imports/uploads': 'importUploads',
  'GET /v1/feedback': 'feedbackQuery',
  'GET /v1/feedback/{id}': 'feedbackQuery',
  'POST /v1/feedback/{id}/actions': 'feedbackActions',
  'POST /v1/customers/erasure': 'customerErasure',
  'GET /v1/snapshots': 'snapshots',
  'GET /v1/snapshots/{period}': 'snapshots',
  'POST /v1/snapshots/{period}': 'snapshots',
  'GET /v1/survey/{surveyToken}': 'survey',
  'POST /v1/survey/{surveyToken}': 'survey',
  'GET /v1/track/{trackingToken}': 'tracking',
  'GET /v1/me': 'staffProfile',
  'GET /v1/hot-topics': 'hotTopics',
  'POST /v1/problems': 'problems',
  'GET /v1/problems': 'problems',
  'GET /v1/problems/{id}': 'problems',
  'POST /v1/problems/{id}/links': 'problems',
  'POST /v1/problems/{id}/actions': 'problems',
  'POST /v1/plans': 'plans',
  'GET /v1/plans': 'plans',
  'GET /v1/plans/{id}': 'plans',
  'POST /v1/plans/{id}/actions': 'plans',
  'GET /v1/public/board': 'publicBoard',
  'GET /v1/forms/{formId}': 'publicForm',
  'POST /v1/forms/{formId}': 'publicForm',
  'POST /v1/questionnaires': 'campaigns',
  'GET /v1/questionnaires/{id}': 'campaigns',
  'POST /v1/campaigns': 'campaigns',
  'GET /v1/campaigns': 'campaigns',
  'GET /v1/campaigns/{id}': 'campaigns',
  'GET /v1/campaigns/{id}/responses.csv': 'campaigns',
  'GET /v1/campaigns/{id}/calls': 'campaigns',
  'POST /v1/campaigns/{id}/calls/{recipientId}': 'campaigns',
  'GET /v1/s/{inviteToken}': 'campaignAnswer',
  'POST /v1/s/{inviteToken}': 'campaignAnswer',
};

const routeOf = (key: string) => ROUTES.find((r) => `${r.method} ${r.path}` === key);

describe('route definitions against the written-down wiring', () => {
  it('wires every defined route, and only those', () => {
    expect(ROUTES.map((r) => `${r.method} ${r.path}`).sort()).toEqual(Object.keys(FUNCTION_OF_ROUTE).sort());
  });

  it.each(Object.entries(FUNCTION_OF_ROUTE))('%s is answered by %s', (key, fn) => {
    expect(routeOf(key)?.function).toBe(fn);
  });

  it('throttles only the public form’s submission, by the public-form limit', () => {
    const throttled = ROUTES.filter((r) => r.throttle).map((r) => [`${r.method} ${r.path}`, r.throttle]);

    expect(throttled).toEqual([['POST /v1/forms/{formId}', 'publicForm']]);
  });

  it('lets the gateway cache only the public board, keyed by what changes its answer', () => {
    const cached = ROUTES.filter((r) => r.cache).map((r) => [`${r.method} ${r.path}`, r.cache]);

    // The board answers HTML or JSON (Accept) in the reader's language (Accept-Language or ?lang).
    expect(cached).toEqual([
      ['GET /v1/public/board', { headers: ['Accept', 'Accept-Language'], query: ['lang'] }],
    ]);
  });
});
