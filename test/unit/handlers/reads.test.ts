import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as queryHandler } from '../../../functions/feedback-query/handler.ts';
import { handler as trackingHandler } from '../../../functions/tracking/handler.ts';
import { toFeedbackItem, toHistoryItem } from '../../../shared/adapters/feedback-item.ts';
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

  it('reads one feedback with its history items by one Query of its item collection', async () => {
    const note = { at: '2026-11-24T02:00:00.000Z', action: 'note', actor: 'staff:a', note: 'called back' };
    dynamo.on(QueryCommand).resolves({
      Items: [toFeedbackItem(record), toHistoryItem(record, note)],
    });

    const result = await call(queryHandler, loadEvent('api/get-feedback.json'));

    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({
      id: record.id,
      sentiment: null,
      priority: null,
      history: [...record.history, note],
    });
    expect(result.json).not.toHaveProperty('pk');
    expect(dynamo.commandCalls(QueryCommand)).toHaveLength(1);
    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeValues: { ':pk': `FEEDBACK#${record.id}` },
      ConsistentRead: true,
    });
  });

  it('answers 404 for an unknown id', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [] });
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
    // Prepare: the clock just past a year boundary (UTC months partition the list)
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-01-01T00:30:00Z'));
    dynamo.on(QueryCommand).resolves({ Items: [] });
    const event = loadEvent<APIGatewayProxyEvent>('api/list-feedback.json', {
      queryStringParameters: { limit: '5' },
    });

    // Act
    const result = await call(queryHandler, event).finally(() => vi.useRealTimers());

    // Assess
    expect(result.status).toBe(200);
    const calls = dynamo.commandCalls(QueryCommand);
    expect(calls.every((c) => c.args[0].input.IndexName === 'byMonth')).toBe(true);
    const months = calls.map((c) => c.args[0].input.ExpressionAttributeValues?.[':pk'] as string);
    expect(months.slice(0, 3)).toEqual(['2027-01', '2026-12', '2026-11']);
    expect([...months].sort().reverse()).toEqual(months);
    // One request reads a bounded number of partitions and hands back a cursor for the rest.
    expect(calls.length).toBeLessThanOrEqual(12);
    expect(result.json.nextCursor).toEqual(expect.any(String));
  });
});

describe('tracking handler', () => {
  beforeEach(() => dynamo.reset());

  it('shows the public view for the right token, reading only status changes from the history', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [toFeedbackItem(record)] });
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
    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input.FilterExpression).toBe(
      '#entity <> :history OR attribute_exists(#entry.#to)',
    );
  });

  it('answers 404 for a wrong secret and does not read for a malformed token', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [toFeedbackItem(record)] });
    const wrong = loadEvent<APIGatewayProxyEvent>('api/track-feedback.json', {
      pathParameters: { trackingToken: `${record.id}.${'w'.repeat(32)}` },
    });
    const malformed = loadEvent<APIGatewayProxyEvent>('api/track-feedback.json', {
      pathParameters: { trackingToken: 'garbage' },
    });

    expect((await call(trackingHandler, wrong)).status).toBe(404);
    const callsBefore = dynamo.calls().length;
    expect((await call(trackingHandler, malformed)).status).toBe(404);
    expect(dynamo.calls()).toHaveLength(callsBefore);
  });
});
