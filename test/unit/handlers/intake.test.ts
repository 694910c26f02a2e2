import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../../../functions/intake/handler.ts';
import { toFeedbackItem } from '../../../shared/adapters/feedback-item.ts';
import { newFeedbackRecord } from '../../../shared/domain/feedback.ts';
import { requestFingerprint } from '../../../shared/domain/ids.ts';
import { feedbackInputSchema } from '../../../shared/schemas/feedback-input.ts';
import { loadEvent } from '../../helpers/events.ts';
import { lambdaContext } from '../../helpers/lambda-context.ts';

const dynamo = mockClient(DynamoDBDocumentClient);

async function invoke(event: APIGatewayProxyEvent) {
  const result = (await handler(event as never, lambdaContext())) as APIGatewayProxyResult;
  return { ...result, json: JSON.parse(result.body) as Record<string, any> };
}

function withBody(body: unknown): APIGatewayProxyEvent {
  return loadEvent<APIGatewayProxyEvent>('api/post-feedback.json', { body: JSON.stringify(body) });
}

/** A feedback already stored under the same id, and the failure a conditional put meets on it. */
function storedFeedback(fingerprint: string) {
  const record = newFeedbackRecord(
    { channel: 'web', text: 't' },
    'ABCDEFGHJKMNPQRSTVWXYZ0123',
    new Date('2026-11-24T01:00:00.000Z'),
    {
      integrationId: 'k1a2b3c4d5',
    },
  );
  const item = toFeedbackItem(record, { requestFingerprint: fingerprint });
  return {
    ...record,
    conflict: new ConditionalCheckFailedException({
      message: 'exists',
      $metadata: {},
      Item: marshall(item, { removeUndefinedValues: true }),
    }),
  };
}

describe('intake handler', () => {
  beforeEach(() => {
    dynamo.reset();
  });

  it('stores a valid feedback with one conditional PutItem and answers 201', async () => {
    // Prepare
    dynamo.on(PutCommand).resolves({});
    const event = loadEvent<APIGatewayProxyEvent>('api/post-feedback.json');

    // Act
    const result = await invoke(event);

    // Assess
    expect(result.statusCode).toBe(201);
    expect(result.json).toMatchObject({
      status: 'received',
      id: expect.any(String),
      trackingToken: expect.any(String),
    });
    expect(result.json.trackingUrl).toBe(
      `https://feedback.example.com/v1/track/${result.json.trackingToken}`,
    );
    const calls = dynamo.commandCalls(PutCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]?.args[0].input;
    expect(input?.ConditionExpression).toBe('attribute_not_exists(#pk)');
    expect(input?.TableName).toBe('UnitTestTable');
    expect(input?.Item).toMatchObject({
      pk: `FEEDBACK#${result.json.id}`,
      sk: 'FEEDBACK',
      status: 'received',
      channel: 'web',
      receivedMonth: expect.stringMatching(/^\d{4}-\d{2}$/),
      customer: { email: 'wang.fang@example.com', segment: 'vip' },
    });
    expect(input?.Item).not.toHaveProperty('priority');
    expect(input?.Item).not.toHaveProperty('sentiment');
  });

  it('answers a retry with the stored feedback and an idempotent-replayed header', async () => {
    const event = loadEvent<APIGatewayProxyEvent>('api/post-feedback.json');
    const stored = storedFeedback(
      requestFingerprint(feedbackInputSchema.parse(JSON.parse(event.body ?? ''))),
    );
    dynamo.on(PutCommand).rejects(stored.conflict);

    const result = await invoke(event);

    expect(result.statusCode).toBe(201);
    expect(result.json).toMatchObject({
      id: stored.id,
      receivedAt: stored.receivedAt,
      trackingToken: stored.trackingToken,
    });
    expect(result.headers?.['idempotent-replayed']).toBe('true');
  });

  it('refuses a reused idempotency key with a different body (422)', async () => {
    const stored = storedFeedback('something-else');
    dynamo.on(PutCommand).rejects(stored.conflict);

    const result = await invoke(loadEvent<APIGatewayProxyEvent>('api/post-feedback.json'));

    expect(result.statusCode).toBe(422);
    expect(result.json.error.code).toBe('idempotency_key_reused');
  });

  it('answers 500 without internal detail when DynamoDB fails', async () => {
    dynamo
      .on(PutCommand)
      .rejects(new Error('ProvisionedThroughputExceeded on arn:aws:dynamodb:secret-table'));

    const result = await invoke(loadEvent<APIGatewayProxyEvent>('api/post-feedback.json'));

    expect(result.statusCode).toBe(500);
    expect(result.json).toEqual({
      error: { code: 'internal_error', message: 'Something went wrong on our side. Please retry later.' },
    });
    expect(result.body).not.toMatch(/arn:|Provisioned/);
  });

  it.each([
    ['a non-JSON content type', { headers: { 'content-type': 'text/plain' } }, 415],
    ['a body over 64 KiB', { body: JSON.stringify({ channel: 'web', text: 'a'.repeat(66_000) }) }, 413],
    ['malformed JSON', { body: '{"channel"' }, 400],
    ['a schema violation', { body: JSON.stringify({ channel: 'web' }) }, 400],
    [
      'a base64 body that is not UTF-8',
      { body: Buffer.from([0xff, 0xfe]).toString('base64'), isBase64Encoded: true },
      400,
    ],
  ])('refuses %s with %i and writes nothing', async (_, overrides, status) => {
    const event = {
      ...loadEvent<APIGatewayProxyEvent>('api/post-feedback.json'),
      ...overrides,
    } as APIGatewayProxyEvent;

    const result = await invoke(event);

    expect(result.statusCode).toBe(status);
    expect(result.json.error.code).toEqual(expect.any(String));
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('accepts application/json with a charset and vendor +json types', async () => {
    dynamo.on(PutCommand).resolves({});
    for (const contentType of ['application/json; charset=utf-8', 'application/vnd.feedback+json']) {
      const event = withBody({ channel: 'app', text: 'ok' });
      event.headers = { 'Content-Type': contentType };
      expect((await invoke(event)).statusCode).toBe(201);
    }
  });
});

describe('intake handler prototype-pollution guard', () => {
  it('refuses "__proto__" at any depth with a validation error', async () => {
    dynamo.reset();
    const event = loadEvent<APIGatewayProxyEvent>('api/post-feedback.json', {
      body: '{"channel":"web","text":"x","metadata":{"__proto__":{"polluted":true}}}',
    });

    const result = await invoke(event);

    expect(result.statusCode).toBe(400);
    expect(result.json.error).toMatchObject({ code: 'validation_error', issues: [{ path: '__proto__' }] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
  });
});
