import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbCampaignCsatSource } from '../../../shared/adapters/dynamodb-campaign-csat-source.ts';
import { campaignCsatRating } from '../../../shared/domain/campaigns.ts';
import { type Questionnaire, toQuestionnaire } from '../../../shared/domain/questionnaire.ts';

const label = (en: string) => ({ en, zh: en });
const META = {
  id: '01JD0000000000000000000009',
  createdAt: '2026-11-01T00:00:00.000Z',
  createdBy: 'staff:a',
};
const questionnaire = (questions: Parameters<typeof toQuestionnaire>[0]['questions']): Questionnaire =>
  toQuestionnaire({ title: label('T'), questions }, META);

const FIVE_STAGES = questionnaire([
  { id: 'attitude', kind: 'likert5', label: label('a'), dimension: 'attitude' },
  { id: 'speed', kind: 'likert5', label: label('s'), dimension: 'speed' },
  { id: 'untagged', kind: 'likert5', label: label('u') },
  { id: 'recommend', kind: 'nps', label: label('r') },
  { id: 'comment', kind: 'text', label: label('c') },
]);
const WITH_OVERALL = questionnaire([
  { id: 'attitude', kind: 'likert5', label: label('a'), dimension: 'attitude' },
  { id: 'overall', kind: 'likert5', label: label('o'), dimension: 'overall' },
]);

describe('a campaign response’s CSAT rating', () => {
  it('is the mean of its likert5 answers, nps and text left out', () => {
    expect(campaignCsatRating(FIVE_STAGES, { attitude: 5, speed: 2, recommend: 10, comment: 'ok' })).toBe(
      3.5,
    );
    expect(campaignCsatRating(FIVE_STAGES, { attitude: 4, speed: 4, untagged: 1 })).toBe(3);
  });

  it('is only the overall question when the questionnaire has one', () => {
    expect(campaignCsatRating(WITH_OVERALL, { attitude: 1, overall: 5 })).toBe(5);
  });

  it('is undefined when no question it counts was answered (the response does not count)', () => {
    expect(campaignCsatRating(FIVE_STAGES, { recommend: 9, comment: 'fine' })).toBeUndefined();
    expect(campaignCsatRating(WITH_OVERALL, { attitude: 4 })).toBeUndefined();
  });
});

describe('campaign CSAT from byResponseMonth', () => {
  const dynamo = mockClient(DynamoDBDocumentClient);
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
  beforeEach(() => dynamo.reset());

  it('counts each response of [from, to) answered by asOf once, across months and pages', async () => {
    // Prepare: a period from 2026-10-31T16:00Z (November in Shanghai) to 2026-11-30T16:00Z
    const item = (answeredAt: string, id: string, csatRating?: number) => ({
      pk: 'CAMPAIGN#C',
      sk: `RESPONSE#${id}`,
      responseMonth: answeredAt.slice(0, 7),
      listSk: `${answeredAt}#${id}`,
      ...(csatRating === undefined ? {} : { csatRating }),
    });
    dynamo
      .on(QueryCommand, {
        ExpressionAttributeValues: {
          ':month': '2026-10',
          ':from': '2026-10-31T16:00:00.000Z',
          ':to': '2026-11-30T16:00:00.000Z',
        },
      })
      .resolves({
        Items: [item('2026-10-31T17:00:00.000Z', 'R1', 4)],
        ConsumedCapacity: { CapacityUnits: 0.5 },
      });
    dynamo
      .on(QueryCommand, { ExpressionAttributeValues: { ':month': '2026-11' } })
      .resolvesOnce({
        Items: [item('2026-11-02T00:00:00.000Z', 'R2', 3.5), item('2026-11-03T00:00:00.000Z', 'R3')],
        LastEvaluatedKey: { pk: 'p' },
        ConsumedCapacity: { CapacityUnits: 0.5 },
      })
      .resolvesOnce({
        Items: [item('2026-11-20T00:00:00.000Z', 'R4', 2), item('2026-11-25T00:00:00.001Z', 'R5', 5)],
        ConsumedCapacity: { CapacityUnits: 0.5 },
      });

    // Act: asOf leaves out R5, answered a millisecond later
    const counts = await new DynamoDbCampaignCsatSource(client, 'T').csatBetween(
      '2026-10-31T16:00:00.000Z',
      '2026-11-30T16:00:00.000Z',
      '2026-11-25T00:00:00.000Z',
    );

    // Assess: R1 4 + R2 3.5 + R4 2; R3 has no rating
    expect(counts).toEqual({ sum: 9.5, responses: 3, readUnits: 1.5 });
    const queries = dynamo.commandCalls(QueryCommand).map((c) => c.args[0].input);
    expect(queries).toHaveLength(3);
    expect(queries[0]).toMatchObject({
      IndexName: 'byResponseMonth',
      KeyConditionExpression: '#month = :month AND listSk BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#month': 'responseMonth' },
    });
  });
});
