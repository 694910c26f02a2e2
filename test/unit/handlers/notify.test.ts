import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../../../functions/notify/handler.ts';
import { loadEvent } from '../../helpers/events.ts';
import { lambdaContext } from '../../helpers/lambda-context.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESv2Client);
const triagedP1 = () => loadEvent<DynamoDBStreamEvent>('stream/feedback-triaged-p1.json');

function updateKinds() {
  return dynamo.commandCalls(UpdateCommand).map((c) => {
    const expression = c.args[0].input.UpdateExpression ?? '';
    return expression.startsWith('REMOVE')
      ? 'release'
      : c.args[0].input.ConditionExpression
        ? 'claim'
        : 'complete';
  });
}

describe('notify handler: P1 alert', () => {
  beforeEach(() => {
    dynamo.reset();
    ses.reset();
    dynamo.on(UpdateCommand).resolves({});
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-message-1' });
  });

  it('claims, sends one alert to the team leads and the first escalation address (contract §7), and records the message id', async () => {
    const response = await handler(triagedP1(), lambdaContext('notify'));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(updateKinds()).toEqual(['claim', 'complete']);
    const sent = ses.commandCalls(SendEmailCommand)[0]?.args[0].input;
    // The default team's lead is the first escalation address: one recipient, not two.
    expect(sent?.Destination?.ToAddresses).toEqual(['lead@example.com']);
    expect(sent?.Content?.Simple?.Subject?.Data).toBe(
      '[P1] Critical feedback 01JDQ3ZK6V7M0000000000000A: first response due 2026-11-25 09:00 (Asia/Shanghai)',
    );
    expect(sent?.Content?.Simple?.Body?.Text?.Data).toContain(
      'strongly negative complaint about safety → P1',
    );
    expect(sent?.Content?.Simple?.Body?.Html?.Data).toContain(
      '<a href="https://feedback.example.com/console/feedback/01JDQ3ZK6V7M0000000000000A">',
    );
    expect(sent?.EmailTags).toEqual([
      { Name: 'kind', Value: 'p1-alert' },
      { Name: 'feedbackId', Value: '01JDQ3ZK6V7M0000000000000A' },
    ]);
  });

  it('sends nothing when another delivery already claimed the alert', async () => {
    // The stored feedback already holds the p1-alert claim: DynamoDB refuses a write conditioned
    // on its absence and would apply any other, so an unconditional claim would send again.
    dynamo.on(UpdateCommand).callsFake((input) => {
      const names = Object.values(input.ExpressionAttributeNames ?? {});
      const guarded =
        /attribute_not_exists\(/.test(input.ConditionExpression ?? '') &&
        names.includes('notifications') &&
        names.includes('p1-alert');
      if (guarded) throw new ConditionalCheckFailedException({ message: 'claimed', $metadata: {} });
      return {};
    });

    const response = await handler(triagedP1(), lambdaContext('notify'));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(updateKinds()).toEqual(['claim']);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  it('gives the claim back when SES fails, so the retried record sends it exactly once', async () => {
    ses
      .on(SendEmailCommand)
      .rejectsOnce(new Error('SES unavailable'))
      .resolves({ MessageId: 'ses-message-2' });

    const first = await handler(triagedP1(), lambdaContext('notify'));
    const retry = await handler(triagedP1(), lambdaContext('notify'));

    expect(first).toEqual({ batchItemFailures: [{ itemIdentifier: '100000000000000000003' }] });
    expect(retry).toEqual({ batchItemFailures: [] });
    expect(updateKinds()).toEqual(['claim', 'release', 'claim', 'complete']);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(2);
  });

  it('escapes feedback text in the HTML part', async () => {
    const event = triagedP1();
    event.Records[0]!.dynamodb!.NewImage!.text = { S: '<script>alert(1)</script> 太危险了' };

    await handler(event, lambdaContext('notify'));

    const html = ses.commandCalls(SendEmailCommand)[0]?.args[0].input.Content?.Simple?.Body?.Html?.Data ?? '';
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });
});
