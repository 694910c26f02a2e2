import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as queryHandler } from '../../../functions/feedback-query/handler.ts';
import { handler as trackingHandler } from '../../../functions/tracking/handler.ts';
import { toFeedbackItem } from '../../../shared/adapters/feedback-item.ts';
import { newFeedbackRecord } from '../../../shared/domain/feedback.ts';
import { loadEvent } from '../../helpers/events.ts';
import { lambdaContext } from '../../helpers/lambda-context.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const record = newFeedbackRecord(
  { channel: 'web', text: 'Slow service', customer: { email: 'a@example.com' } },
  '01JD0000000000000000000000',
  new Date('2026-11-24T01:00:00Z'),
  { integrationId: 'k1' },
);

async function call(
  fn: (event: never, context: ReturnType<typeof lambdaContext>) => Promise<unknown>,
  event: APIGatewayProxyEvent,
) {
  const result = (await fn(event as never, lambdaContext())) as APIGatewayProxyResult;
  return { status: result.statusCode, json: JSON.parse(result.body) as Record<string, any> };
}

describe('feedback query handler', () => {
  beforeEach(() => dynamo.reset());

  it('reads one feedback by id with a GetItem', async () => {
    dynamo.on(GetCommand).resolves({ Item: toFeedbackItem(record) });

    const result = await call(queryHandler, loadEvent('api/get-feedback.json'));

    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({
      id: record.id,
      sentiment: null,
      priority: null,
      history: record.history,
    });
    expect(result.json).not.toHaveProperty('pk');
    expect(dynamo.commandCalls(GetCommand)[0]?.args[0].input.Key).toEqual({
      pk: `FEEDBACK#${record.id}`,
      sk: 'FEEDBACK',
    });
  });

  it('answers 404 for an unknown id', async () => {
    dynamo.on(GetCommand).resolves({});
    const result = await call(queryHandler, loadEvent('api/get-feedback.json'));
    expect(result.status).toBe(404);
    expect(result.json.error.code).toBe('not_found');
  });

  it('lists through the status index with the other filters as a filter expression, never a scan', async () => {
    dynamo.on(QueryCommand).resolves({
      Items: [toFeedbackItem(record)],
      LastEvaluatedKey: { pk: 'a', sk: 'b', status: 'open', listSk: 'x' },
    });

    const event = loadEvent<APIGatewayProxyEvent>('api/list-feedback.json', {
      queryStringParameters: { status: 'open', priority: 'P1', limit: '1' },
    });

    const result = await call(queryHandler, event);

    expect(result.status).toBe(200);
    expect(result.json.items).toHaveLength(1);
    expect(dynamo.commandCalls(QueryCommand)).toHaveLength(1);
    const input = dynamo.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      IndexName: 'byStatus',
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeValues: { ':pk': 'open', ':priority': 'P1' },
      FilterExpression: '#priority = :priority',
      ScanIndexForward: false,
    });
    expect(typeof result.json.nextCursor).toBe('string');
  });

  it('walks month partitions back for an unfiltered list and stops at the horizon', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [] });
    const event = loadEvent<APIGatewayProxyEvent>('api/list-feedback.json', {
      queryStringParameters: { limit: '5' },
    });

    const result = await call(queryHandler, event);

    expect(result.status).toBe(200);
    const calls = dynamo.commandCalls(QueryCommand);
    expect(calls.every((c) => c.args[0].input.IndexName === 'byMonth')).toBe(true);
    const months = calls.map((c) => c.args[0].input.ExpressionAttributeValues?.[':pk'] as string);
    expect(months[0]).toBe(new Date().toISOString().slice(0, 7));
    expect([...months].sort().reverse()).toEqual(months);
    // One request reads a bounded number of partitions and hands back a cursor for the rest.
    expect(calls.length).toBeLessThanOrEqual(12);
    expect(result.json.nextCursor).toEqual(expect.any(String));
  });
});

describe('tracking handler', () => {
  beforeEach(() => dynamo.reset());

  it('shows the public view for the right token', async () => {
    dynamo.on(GetCommand).resolves({ Item: toFeedbackItem(record) });
    const event = loadEvent<APIGatewayProxyEvent>('api/track-feedback.json', {
      pathParameters: { trackingToken: record.trackingToken },
    });

    const result = await call(trackingHandler, event);

    expect(result.status).toBe(200);
    expect(result.json).toEqual({
      status: 'received',
      receivedAt: record.receivedAt,
      firstResponseDue: null,
      updates: [{ at: record.receivedAt, status: 'received' }],
    });
  });

  it('answers 404 for a wrong secret and does not read for a malformed token', async () => {
    dynamo.on(GetCommand).resolves({ Item: toFeedbackItem(record) });
    const wrong = loadEvent<APIGatewayProxyEvent>('api/track-feedback.json', {
      pathParameters: { trackingToken: `${record.id}.wrong` },
    });
    const malformed = loadEvent<APIGatewayProxyEvent>('api/track-feedback.json', {
      pathParameters: { trackingToken: 'garbage' },
    });

    expect((await call(trackingHandler, wrong)).status).toBe(404);
    const callsBefore = dynamo.commandCalls(GetCommand).length;
    expect((await call(trackingHandler, malformed)).status).toBe(404);
    expect(dynamo.commandCalls(GetCommand)).toHaveLength(callsBefore);
  });
});
