import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { StreamPoller } from '../../../infra/local/stream-poller.ts';

/** A stream of one shard holding `records`, as DynamoDB Local would serve it. */
function fakeStream(records: { seq: string; id: string; empty?: boolean }[]): DynamoDBStreamsClient {
  let served = false;
  return {
    send: async (command: { constructor: { name: string } }) => {
      switch (command.constructor.name) {
        case 'DescribeStreamCommand':
          return { StreamDescription: { Shards: [{ ShardId: 'shard-1', SequenceNumberRange: {} }] } };
        case 'GetShardIteratorCommand':
          return { ShardIterator: 'it-1' };
        case 'GetRecordsCommand': {
          const page = served
            ? []
            : records.map((r) => ({
                eventID: r.seq,
                eventName: 'INSERT',
                dynamodb: {
                  ApproximateCreationDateTime: new Date('2026-11-24T00:00:00Z'),
                  SequenceNumber: r.seq,
                  NewImage: { id: { S: r.id }, ratings: {} },
                },
              }));
          served = true;
          return { Records: page, NextShardIterator: 'it-1' };
        }
        default:
          throw new Error(`unexpected ${command.constructor.name}`);
      }
    },
  } as unknown as DynamoDBStreamsClient;
}

describe('local stream poller (Lambda event source mapping semantics)', () => {
  it('delivers Lambda-shaped records, retries from the failed one, and dead-letters a poison record', async () => {
    // Prepare
    const batches: DynamoDBRecord[][] = [];
    const poller = new StreamPoller({
      client: fakeStream([
        { seq: '1', id: 'a' },
        { seq: '2', id: 'poison' },
        { seq: '3', id: 'c' },
      ]),
      streamArn: 'arn:aws:dynamodb:local:000000000000:table/T/stream/1',
      startAt: 'TRIM_HORIZON',
      pollIntervalMs: 5,
      consumers: [
        {
          name: 'triage',
          batchSize: 10,
          retryAttempts: 2,
          invoke: async (event: DynamoDBStreamEvent) => {
            batches.push(event.Records);
            const poison = event.Records.find((r) => r.dynamodb?.NewImage?.id?.S === 'poison');
            return {
              batchItemFailures: poison ? [{ itemIdentifier: poison.dynamodb?.SequenceNumber ?? '' }] : [],
            };
          },
        },
      ],
    });

    // Act
    poller.start();
    await poller.settle(5000);
    await poller.stop();

    // Assess: first the whole batch, then retries from the failed record on
    expect(batches.map((b) => b.map((r) => r.dynamodb?.SequenceNumber))).toEqual([
      ['1', '2', '3'],
      ['2', '3'],
      ['2', '3'],
    ]);
    const first = batches[0]?.[0];
    expect(first?.eventSourceARN).toBe('arn:aws:dynamodb:local:000000000000:table/T/stream/1');
    expect(first?.dynamodb?.ApproximateCreationDateTime).toBe(1795478400);
    expect(first?.dynamodb?.NewImage?.ratings).toEqual({ M: {} });
    expect(poller.deadLetters.map((d) => d.record.dynamodb?.SequenceNumber)).toEqual(['2', '3']);
  });
});
