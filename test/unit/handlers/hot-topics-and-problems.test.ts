import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createHotTopicsHandler } from '../../../functions/hot-topics/handler.ts';
import { createProblemsHandler } from '../../../functions/problems/handler.ts';
import type { ProblemService } from '../../../shared/services/problem-service.ts';
import { lambdaContext } from '../../helpers/lambda-context.ts';

function staffEvent(method: string, resource: string, groups: string, body?: unknown): APIGatewayProxyEvent {
  return {
    httpMethod: method,
    resource,
    path: resource,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
    isBase64Encoded: false,
    pathParameters: null,
    queryStringParameters: null,
    requestContext: { authorizer: { claims: { 'cognito:username': 'someone', 'cognito:groups': groups } } },
  } as unknown as APIGatewayProxyEvent;
}

const report = {
  id: 'HT-1',
  kind: 'term' as const,
  key: 'reader',
  count: 6,
  expected: 0.3,
  windowStart: '2031-03-12T01:00:00Z',
  windowEnd: '2031-03-12T06:20:00.000Z',
  detectedAt: '2031-03-12T06:20:00.000Z',
  feedbackIds: ['f1'],
};

describe('role policy on the hot-topic and problem routes (contract §7)', () => {
  it.each([
    ['agent', 403],
    ['lead', 200],
    ['analyst', 200],
    ['admin', 200],
  ])('GET /v1/hot-topics as %s → %d', async (role, status) => {
    const handler = createHotTopicsHandler({ listReports: async () => [report] });
    const answer = await handler(staffEvent('GET', '/v1/hot-topics', role) as never, lambdaContext());
    expect(answer.statusCode).toBe(status);
  });

  it.each([
    ['agent', 403],
    ['analyst', 403],
    ['lead', 201],
    ['admin', 201],
  ])('POST /v1/problems as %s → %d', async (role, status) => {
    const service = {
      create: async () => ({ id: 'P1', status: 'open', linked: 0 }),
    } as unknown as ProblemService;
    const answer = await createProblemsHandler(service)(
      staffEvent('POST', '/v1/problems', role, { title: 'Reader' }),
      lambdaContext(),
    );
    expect(answer.statusCode).toBe(status);
  });
});
