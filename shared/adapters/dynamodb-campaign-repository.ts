import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { type Campaign, type CampaignResponse, campaignSchema, type Recipient } from '../domain/campaigns.ts';
import { type Questionnaire, questionnaireSchema } from '../domain/questionnaire.ts';
import type { CampaignRepository } from '../ports/campaign-repository.ts';
import type { FeedbackRecord } from '../schemas/feedback-record.ts';
import { fromFeedbackItem, HISTORY_ENTITY } from './feedback-item.ts';
import { readMonthIndex } from './month-index-reader.ts';
import { queryAll } from './query-all.ts';

const QUESTIONNAIRES = 'QUESTIONNAIRE';
const CAMPAIGNS = 'CAMPAIGN';
const campaignPartition = (id: string) => `CAMPAIGN#${id}`;
const surveyedPartition = (customerKey: string) => `SURVEYED#${customerKey}`;
const surveyedKey = (customerKey: string) => ({ pk: surveyedPartition(customerKey), sk: 'SURVEYED' });
/** A "surveyed" mark outlives any sensible cooldown (the configured maximum is 365 days)… */
const SURVEYED_TTL_DAYS = 400;
const RECIPIENT_POINTER = 'RECIPIENT#';

export const RECIPIENT_ENTITY = 'campaign-recipient';
export const RESPONSE_ENTITY = 'campaign-response';
/** Where a customer's recipient entries are found again (erasure): one per campaign they were selected for. */
export const RECIPIENT_POINTER_ENTITY = 'surveyed-recipient';

/**
 * `YYYY-MM` (UTC) of a response's `answeredAt`: the partition of the sparse `byResponseMonth`
 * index, so a quarter's campaign answers are three index queries (like `byMonth` for feedback).
 */
export function responseMonth(answeredAt: string): string {
  return answeredAt.slice(0, 7);
}

function recipientOf(item: Record<string, unknown>): Recipient {
  const { pk: _pk, sk: _sk, entity: _e, ...rest } = item;
  // An erased recipient has no customerKey (the attribute is byCustomer's key: never empty).
  return { customerKey: '', ...rest } as unknown as Recipient;
}

/** {@link CampaignRepository} on the feedback table (layout in docs/CAMPAIGNS.md). */
export class DynamoDbCampaignRepository implements CampaignRepository {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #personalDataRetentionDays: number;

  /**
   * `personalDataRetentionDays` (default 1095) bounds how long the items keyed by a customer key
   * (the "surveyed" mark and the recipient pointers) live: never longer than personal data may.
   */
  constructor(
    client: DynamoDBDocumentClient,
    tableName: string,
    options: { personalDataRetentionDays?: number } = {},
  ) {
    this.#client = client;
    this.#tableName = tableName;
    this.#personalDataRetentionDays = options.personalDataRetentionDays ?? 1095;
  }

  async createQuestionnaire(questionnaire: Questionnaire): Promise<void> {
    await this.#client.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: { pk: QUESTIONNAIRES, sk: questionnaire.id, entity: 'questionnaire', questionnaire },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async getQuestionnaire(id: string): Promise<Questionnaire | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: { pk: QUESTIONNAIRES, sk: id } }),
    );
    return Item ? questionnaireSchema.parse(Item.questionnaire) : undefined;
  }

  async createCampaign(campaign: Campaign, recipients: readonly Recipient[]): Promise<void> {
    const created = Math.floor(Date.parse(campaign.createdAt) / 1000);
    // …but no item keyed by a customer outlives personalDataRetentionDays.
    const pointerExpiresAt = created + this.#personalDataRetentionDays * 86_400;
    const expiresAt = Math.min(created + SURVEYED_TTL_DAYS * 86_400, pointerExpiresAt);
    await this.#putAll(
      recipients.map((r) => ({
        pk: campaignPartition(campaign.id),
        sk: `RECIPIENT#${r.id}`,
        entity: RECIPIENT_ENTITY,
        ...r,
      })),
    );
    // After its recipients, so a campaign is only listed (and dispatched) once all are stored.
    await this.#client.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: { pk: CAMPAIGNS, sk: campaign.id, entity: 'campaign', campaign },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    // Last: a creation cut short never leaves customers in the cooldown without a campaign.
    await this.#putAll(
      recipients.map((r) => ({
        ...surveyedKey(r.customerKey),
        entity: 'surveyed',
        lastSurveyedAt: campaign.createdAt,
        campaignId: campaign.id,
        expiresAt,
      })),
    );
    // The way back from a customer to their recipient entries, for POST /v1/customers/erasure.
    await this.#putAll(
      recipients.map((r) => ({
        pk: surveyedPartition(r.customerKey),
        sk: `${RECIPIENT_POINTER}${campaign.id}#${r.id}`,
        entity: RECIPIENT_POINTER_ENTITY,
        campaignId: campaign.id,
        recipientId: r.id,
        expiresAt: pointerExpiresAt,
      })),
    );
  }

  /** Single puts, 50 at a time: the stack grants BatchWriteItem to no function. */
  async #putAll(items: readonly Record<string, unknown>[]): Promise<void> {
    for (let i = 0; i < items.length; i += 50) {
      await Promise.all(
        items
          .slice(i, i + 50)
          .map((Item) => this.#client.send(new PutCommand({ TableName: this.#tableName, Item }))),
      );
    }
  }

  async getCampaign(id: string): Promise<Campaign | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: { pk: CAMPAIGNS, sk: id } }),
    );
    return Item ? campaignSchema.parse(Item.campaign) : undefined;
  }

  async listCampaigns(limit: number): Promise<Campaign[]> {
    const { Items } = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': CAMPAIGNS },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (Items ?? []).map((item) => campaignSchema.parse(item.campaign));
  }

  async campaignItems(
    campaignId: string,
  ): Promise<{ recipients: Recipient[]; responses: CampaignResponse[] }> {
    const recipients: Recipient[] = [];
    const responses: CampaignResponse[] = [];
    const items = await queryAll(this.#client, {
      TableName: this.#tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': campaignPartition(campaignId) },
      ConsistentRead: true,
    });
    for (const item of items) {
      if (item.entity === RECIPIENT_ENTITY) recipients.push(recipientOf(item));
      else if (item.entity === RESPONSE_ENTITY) responses.push(item.response as CampaignResponse);
    }
    return { recipients, responses };
  }

  async getRecipient(campaignId: string, recipientId: string): Promise<Recipient | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({
        TableName: this.#tableName,
        Key: { pk: campaignPartition(campaignId), sk: `RECIPIENT#${recipientId}` },
        ConsistentRead: true,
      }),
    );
    return Item?.entity === RECIPIENT_ENTITY ? recipientOf(Item) : undefined;
  }

  async recordResponse(response: CampaignResponse, csatRating: number | undefined): Promise<boolean> {
    try {
      await this.#client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.#tableName,
                Key: { pk: campaignPartition(response.campaignId), sk: `RECIPIENT#${response.recipientId}` },
                // responseId: how an erasure finds the recipient's answer.
                UpdateExpression: 'SET answeredAt = :at, responseId = :response',
                ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(answeredAt)',
                ExpressionAttributeValues: { ':at': response.answeredAt, ':response': response.id },
              },
            },
            {
              Put: {
                TableName: this.#tableName,
                Item: {
                  pk: campaignPartition(response.campaignId),
                  sk: `RESPONSE#${response.id}`,
                  entity: RESPONSE_ENTITY,
                  response,
                  // The sparse index a snapshot reads a period's campaign answers from.
                  responseMonth: responseMonth(response.answeredAt),
                  listSk: `${response.answeredAt}#${response.id}`,
                  // The one attribute byResponseMonth projects: what the snapshot counts.
                  ...(csatRating === undefined ? {} : { csatRating }),
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException || error instanceof ConditionalCheckFailedException)
        return false;
      throw error;
    }
  }

  async markSent(
    campaignId: string,
    recipientId: string,
    kind: 'invite' | 'reminder',
    at: string,
  ): Promise<void> {
    const field = kind === 'invite' ? 'invitedAt' : 'remindedAt';
    await this.#client.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: { pk: campaignPartition(campaignId), sk: `RECIPIENT#${recipientId}` },
        UpdateExpression: `SET ${field} = if_not_exists(${field}, :at)`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  }

  async recipientsOfCustomer(customerKey: string): Promise<{ campaignId: string; recipientId: string }[]> {
    const items = await queryAll(this.#client, {
      TableName: this.#tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :pointer)',
      ExpressionAttributeValues: { ':pk': surveyedPartition(customerKey), ':pointer': RECIPIENT_POINTER },
    });
    return items.map((item) => ({
      campaignId: String(item.campaignId),
      recipientId: String(item.recipientId),
    }));
  }

  async forgetCustomer(customerKey: string): Promise<void> {
    const pointers = await this.recipientsOfCustomer(customerKey);
    const keys = [
      surveyedKey(customerKey),
      ...pointers.map((p) => ({
        pk: surveyedPartition(customerKey),
        sk: `${RECIPIENT_POINTER}${p.campaignId}#${p.recipientId}`,
      })),
    ];
    for (const Key of keys) await this.#client.send(new DeleteCommand({ TableName: this.#tableName, Key }));
  }

  async eraseRecipient(campaignId: string, recipientId: string, at: string): Promise<string | undefined> {
    try {
      const { Attributes } = await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: { pk: campaignPartition(campaignId), sk: `RECIPIENT#${recipientId}` },
          // The link stops working (an empty secret matches no token); counts keep their dates.
          UpdateExpression:
            'REMOVE email, phone, customerKey SET secret = :none, erasedAt = if_not_exists(erasedAt, :at)',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':none': '', ':at': at },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return typeof Attributes?.responseId === 'string' ? Attributes.responseId : undefined;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async eraseResponseText(
    campaignId: string,
    responseId: string,
    questionIds: readonly string[],
    erasedText: string,
  ): Promise<void> {
    const { Item } = await this.#client.send(
      new GetCommand({
        TableName: this.#tableName,
        Key: { pk: campaignPartition(campaignId), sk: `RESPONSE#${responseId}` },
        ConsistentRead: true,
      }),
    );
    const answers = (Item?.response as CampaignResponse | undefined)?.answers ?? {};
    const present = questionIds.filter((id) => typeof answers[id] === 'string' && answers[id] !== erasedText);
    if (!present.length) return;
    await this.#client.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: { pk: campaignPartition(campaignId), sk: `RESPONSE#${responseId}` },
        UpdateExpression: `SET ${present.map((_, i) => `#response.#answers.#q${i} = :erased`).join(', ')}`,
        ExpressionAttributeNames: {
          '#response': 'response',
          '#answers': 'answers',
          ...Object.fromEntries(present.map((id, i) => [`#q${i}`, id])),
        },
        ExpressionAttributeValues: { ':erased': erasedText },
      }),
    );
  }

  async campaignsWithPersonalData(createdBefore: string): Promise<Campaign[]> {
    const items = await queryAll(this.#client, {
      TableName: this.#tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': CAMPAIGNS },
    });
    return items
      .filter((item) => !item.personalDataErasedAt)
      .map((item) => campaignSchema.parse(item.campaign))
      .filter((campaign) => campaign.createdAt < createdBefore);
  }

  async markCampaignErased(campaignId: string, at: string): Promise<void> {
    await this.#client.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: { pk: CAMPAIGNS, sk: campaignId },
        UpdateExpression: 'SET personalDataErasedAt = :at',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  }

  async feedbackReceived(from: string, to: string): Promise<FeedbackRecord[]> {
    const records: FeedbackRecord[] = [];
    await readMonthIndex(
      this.#client,
      { tableName: this.#tableName, indexName: 'byMonth', monthAttribute: 'receivedMonth', from, to },
      () => ({
        item: (item) => {
          if (item.entity === HISTORY_ENTITY) return;
          const record = fromFeedbackItem(item);
          if (record.receivedAt >= from && record.receivedAt < to) records.push(record);
        },
      }),
    );
    // Months arrive side by side: one stable order, as the month-by-month read gave.
    return records.sort((a, b) =>
      a.receivedAt === b.receivedAt ? (a.id < b.id ? -1 : 1) : a.receivedAt < b.receivedAt ? -1 : 1,
    );
  }

  async lastSurveyed(customerKeys: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const keys = [...new Set(customerKeys)];
    for (let i = 0; i < keys.length; i += 100) {
      let request: Record<string, unknown>[] = keys.slice(i, i + 100).map(surveyedKey);
      for (let attempt = 0; request.length; attempt += 1) {
        if (attempt > 8) throw new Error('DynamoDB kept keys unprocessed');
        const answer = await this.#client.send(
          new BatchGetCommand({ RequestItems: { [this.#tableName]: { Keys: request } } }),
        );
        for (const item of answer.Responses?.[this.#tableName] ?? [])
          found.set(String(item.pk).slice('SURVEYED#'.length), String(item.lastSurveyedAt));
        request = (answer.UnprocessedKeys?.[this.#tableName]?.Keys ?? []) as Record<string, unknown>[];
        if (request.length) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      }
    }
    return found;
  }
}
