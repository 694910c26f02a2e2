import { describe, expect, it } from 'vitest';
import {
  homePage,
  may,
  mayAssignOthers,
  ROUTES,
  type StaffProfile,
} from '../../../console/src/logic/permissions.ts';
import { isActiveHotTopic, PROBLEM_ALLOWED_FROM } from '../../../console/src/logic/problem-status.ts';
import {
  ACCESS_POLICY,
  authorize,
  authorizeAssignment,
  ROLES,
  type Role,
  routesFor,
} from '../../../shared/auth/access-policy.ts';
import { PROBLEM_ALLOWED_FROM as API_PROBLEM_ALLOWED_FROM } from '../../../shared/domain/problems.ts';

/** The profile `GET /v1/me` answers for a role (its routes come from the API's access policy). */
const profileOf = (role: Role): StaffProfile => ({
  id: `${role}-1`,
  role,
  teams: ['billing'],
  routes: routesFor(role),
});

describe('console: what the signed-in role is shown (issue 12: hide what the role may not do)', () => {
  it('names only routes the API’s access policy has', () => {
    for (const key of Object.values(ROUTES)) expect(Object.keys(ACCESS_POLICY)).toContain(key);
  });

  it.each(ROLES)('shows %s a page or action exactly when the API would let it through', (role) => {
    const profile = profileOf(role);
    for (const [name, key] of Object.entries(ROUTES))
      expect(may(profile, name as keyof typeof ROUTES), `${role} ${key}`).toBe(
        authorize(profile, key).outcome === 'allow',
      );
  });

  it('writes the matrix down: the analyst reads figures and hot topics, the lead problems, the agent feedback', () => {
    const shown = (role: Role) =>
      (Object.keys(ROUTES) as (keyof typeof ROUTES)[]).filter((name) => may(profileOf(role), name));
    expect(shown('agent')).toEqual(['listFeedback', 'readFeedback', 'actOnFeedback']);
    expect(shown('lead')).toEqual([
      'listFeedback',
      'readFeedback',
      'actOnFeedback',
      'hotTopics',
      'createProblem',
      'listProblems',
      'readProblem',
      'linkProblem',
      'actOnProblem',
      'listPlans',
      'createPlan',
      'actOnPlan',
    ]);
    expect(shown('analyst')).toEqual([
      'listSnapshots',
      'recomputeSnapshot',
      'hotTopics',
      'listPlans',
      'createPlan',
      'actOnPlan',
      'listCampaigns',
    ]);
    expect(shown('admin')).toEqual(Object.keys(ROUTES));
    expect(ROLES.map((role) => homePage(profileOf(role)))).toEqual(['inbox', 'inbox', 'dashboard', 'inbox']);
  });

  it.each(ROLES)('offers %s the assignee and team fields only when it may assign someone else', (role) => {
    const profile = profileOf(role);
    const record = { team: 'billing', assignee: null };
    const decision = authorizeAssignment(profile, record, { assignee: 'someone-else' });
    const mayAct = authorize(profile, ROUTES.actOnFeedback).outcome === 'allow';
    expect(mayAssignOthers(profile)).toBe(mayAct && decision.outcome === 'allow');
  });
});

describe('console: problem actions and hot topics', () => {
  it('offers a problem action from the same statuses as the API', () => {
    expect(PROBLEM_ALLOWED_FROM).toEqual(API_PROBLEM_ALLOWED_FROM);
  });

  it('shows a hot topic as active until one window length after its scan', () => {
    const topic = { windowStart: '2032-05-20T01:00:00Z', windowEnd: '2032-05-20T06:20:00Z' };
    expect(isActiveHotTopic(topic, Date.parse('2032-05-20T06:20:00Z'))).toBe(true);
    expect(isActiveHotTopic(topic, Date.parse('2032-05-20T11:39:59Z'))).toBe(true);
    expect(isActiveHotTopic(topic, Date.parse('2032-05-20T11:40:00Z'))).toBe(false);
  });
});
