import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../../../functions/feedback-query/handler.ts';
import { loadEvent } from '../../helpers/events.ts';
import { lambdaContext } from '../../helpers/lambda-context.ts';

const dynamo = mockClient(DynamoDBDocumentClient);

async function list(query: Record<string, string>, groups: string, username = 'ana') {
  const base = loadEvent<APIGatewayProxyEvent>('api/list-feedback.json', { queryStringParameters: query });
  const event = {
    ...base,
    requestContext: {
      ...base.requestContext,
      authorizer: { claims: { 'cognito:username': username, 'cognito:groups': groups } },
    },
  };
  const result = (await handler(event as never, lambdaContext())) as APIGatewayProxyResult;
  const inputs = dynamo.commandCalls(QueryCommand).map((c) => c.args[0].input);
  return { status: result.statusCode, body: JSON.parse(result.body) as Record<string, unknown>, inputs };
}

describe('team and assignee lists go through their sparse indexes, never a scan', () => {
  beforeEach(() => {
    dynamo.reset();
    dynamo.on(QueryCommand).resolves({ Items: [] });
  });

  it('an agent of one team lists through byTeam, that team only', async () => {
    const { status, inputs } = await list({ limit: '10' }, 'agent,team:billing');
    expect(status).toBe(200);
    expect(inputs).toHaveLength(1);
    expect(inputs[0]).toMatchObject({
      IndexName: 'byTeam',
      ExpressionAttributeNames: { '#pk': 'team' },
      ExpressionAttributeValues: { ':pk': 'billing' },
      ScanIndexForward: false,
    });
    expect(inputs[0]?.FilterExpression).toBeUndefined();
  });

  it('assignee=me reads byAssignee with the caller’s id, limited to their teams', async () => {
    const { inputs } = await list({ assignee: 'me', status: 'open' }, 'agent,team:billing,team:field');
    expect(inputs[0]).toMatchObject({
      IndexName: 'byAssignee',
      ExpressionAttributeValues: {
        ':pk': 'ana',
        ':status': 'open',
        ':scope0': 'billing',
        ':scope1': 'field',
      },
      FilterExpression: '#status = :status AND #scopeTeam IN (:scope0, :scope1)',
    });
  });

  it('another team’s filter lists nothing and reads nothing', async () => {
    const { status, body, inputs } = await list({ team: 'field' }, 'lead,team:billing');
    expect(status).toBe(200);
    expect(body).toEqual({ items: [] });
    expect(inputs).toHaveLength(0);
  });

  it('an admin lists any team through byTeam with the other filters on it', async () => {
    const { inputs } = await list({ team: 'field', priority: 'P1' }, 'admin', 'root');
    expect(inputs[0]).toMatchObject({
      IndexName: 'byTeam',
      ExpressionAttributeValues: { ':pk': 'field', ':priority': 'P1' },
      FilterExpression: '#priority = :priority',
    });
  });

  it('a cursor is bound to the filter and the caller’s scope', async () => {
    dynamo
      .on(QueryCommand)
      .resolves({ Items: [], LastEvaluatedKey: { pk: 'a', sk: 'b', team: 'billing', listSk: 'x' } });
    const first = await list({ limit: '1' }, 'agent,team:billing');
    dynamo.resetHistory();
    const reused = await list({ limit: '1', cursor: String(first.body.nextCursor) }, 'admin', 'root');
    expect(typeof first.body.nextCursor).toBe('string');
    expect(reused.status).toBe(400);
  });
});
