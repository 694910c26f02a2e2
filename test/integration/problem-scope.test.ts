import { describe, expect, inject, it } from 'vitest';
import { api, readFeedback, settleStream, submit } from '../helpers/local-api.ts';

type Json = Record<string, any>;
const stack = () => inject('localStack');
const as = (token: string) => ({ authorization: `Bearer ${token}` });

describe('problems are scoped to the lead’s teams (contract §7, §10)', () => {
  it('a lead lists, reads and acts on the problems of their teams only; another team’s answer 404', {
    timeout: 60_000,
  }, async () => {
    // Prepare: a complaint triaged to the default team `service-desk`, linked to a new problem
    const created = await submit({
      channel: 'web',
      text: 'Complaint: the queue ticket printer at the service hall is broken again',
      language: 'en',
    });
    await settleStream();
    expect((await readFeedback(created.body.id)).team).toBe('service-desk');
    const problem = await api<Json>('/v1/problems', {
      headers: as(stack().leadToken),
      body: { title: 'Ticket printer', feedbackIds: [created.body.id] },
    });
    expect(problem.status).toBe(201);
    const id = problem.body.id as string;

    // Act
    const ownList = await api<Json>('/v1/problems', { headers: as(stack().leadToken) });
    const otherList = await api<Json>('/v1/problems', { headers: as(stack().otherLeadToken) });
    const adminList = await api<Json>('/v1/problems', { as: 'staff' });
    const ownRead = await api<Json>(`/v1/problems/${id}`, { headers: as(stack().leadToken) });
    const otherRead = await api<Json>(`/v1/problems/${id}`, { headers: as(stack().otherLeadToken) });
    const otherAct = await api<Json>(`/v1/problems/${id}/actions`, {
      headers: as(stack().otherLeadToken),
      body: { action: 'close' },
    });
    const otherLink = await api<Json>(`/v1/problems/${id}/links`, {
      headers: as(stack().otherLeadToken),
      body: { feedbackIds: [created.body.id] },
    });
    const analystList = await api<Json>('/v1/problems', { headers: as(stack().analystToken) });
    const emptyByOther = await api<Json>('/v1/problems', {
      headers: as(stack().otherLeadToken),
      body: { title: 'Nothing linked yet' },
    });
    const otherListAfter = await api<Json>('/v1/problems', { headers: as(stack().otherLeadToken) });
    const ownListAfter = await api<Json>('/v1/problems', { headers: as(stack().leadToken) });

    // Assess
    const ids = (answer: { body: Json }) => (answer.body.items as Json[]).map((item) => item.id);
    expect(ids(ownList)).toContain(id);
    expect(ownList.body.items.find((item: Json) => item.id === id).teams).toEqual(['service-desk']);
    expect(ids(otherList)).not.toContain(id);
    expect(ids(adminList)).toContain(id);
    expect(ownRead.status).toBe(200);
    expect(ownRead.body.teams).toEqual(['service-desk']);
    expect([otherRead.status, otherAct.status, otherLink.status]).toEqual([404, 404, 404]);
    expect(otherAct.body.error.code).toBe('not_found');
    expect(analystList.status).toBe(403);
    expect(emptyByOther.status).toBe(201);
    expect(ids(otherListAfter)).toContain(emptyByOther.body.id);
    expect(ids(otherListAfter)).not.toContain(id);
    expect(ids(ownListAfter)).not.toContain(emptyByOther.body.id);
    // Nothing changed by the refused calls
    const after = await api<Json>(`/v1/problems/${id}`, { as: 'staff' });
    expect(after.body.status).toBe('open');
    expect(after.body.version).toBe(ownRead.body.version);
  });

  it('GET /v1/me tells each role the routes it may use, from the access policy', async () => {
    // Act
    const analyst = await api<Json>('/v1/me', { headers: as(stack().analystToken) });
    const lead = await api<Json>('/v1/me', { headers: as(stack().leadToken) });
    const agent = await api<Json>('/v1/me', { headers: as(stack().agentToken) });
    const nobody = await api<Json>('/v1/me', { headers: as('not-a-token') });

    // Assess
    expect(analyst.body).toMatchObject({ id: 'analyst@example.com', role: 'analyst', teams: [] });
    expect(analyst.body.routes['GET /v1/hot-topics']).toBe('all');
    expect(analyst.body.routes['GET /v1/feedback']).toBeUndefined();
    expect(analyst.body.routes['POST /v1/problems']).toBeUndefined();
    expect(lead.body).toMatchObject({ role: 'lead', teams: ['service-desk'] });
    expect(lead.body.routes['POST /v1/problems/{id}/actions']).toBe('ownTeams');
    expect(lead.body.routes['GET /v1/snapshots']).toBeUndefined();
    expect(agent.body.routes).toEqual({
      'GET /v1/me': 'all',
      'GET /v1/feedback': 'ownTeams',
      'GET /v1/feedback/{id}': 'ownTeams',
      'POST /v1/feedback/{id}/actions': 'ownTeams',
    });
    expect(nobody.status).toBe(401);
  });
});
