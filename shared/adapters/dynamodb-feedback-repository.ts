import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { FEEDBACK_TABLE, type FeedbackIndexName } from '../definitions/table-definition.ts';
import { COMPLAINT_TYPES } from '../domain/complaint.ts';
import { DomainError } from '../domain/errors.ts';
import type { PriorComplaint, RescoreOutcome, TriageOutcome } from '../domain/triage.ts';
import type {
  CreateFeedbackResult,
  FeedbackFilter,
  FeedbackPageRequest,
  FeedbackPageResult,
  FeedbackRepository,
  HistoryReadOptions,
} from '../ports/feedback-repository.ts';
import type { FeedbackRecord, HistoryEntry } from '../schemas/feedback-record.ts';
import * as z from '../schemas/zod.ts';
import {
  customerKeyOf,
  DIGEST_INDEX_ATTRIBUTE,
  DIGEST_NOTIFICATION,
  digestPartitionOf,
  escalationIndexAttributes,
  feedbackKey,
  fromFeedbackItem,
  HISTORY_ENTITY,
  HISTORY_SK_PREFIX,
  historyEntryOf,
  isComplaintType,
  listSortKey,
  mergeHistory,
  monthPartition,
  OPEN_WORK,
  openWorkIndexAttributes,
  PENDING_SENTIMENT,
  toFeedbackItem,
  toHistoryItem,
} from './feedback-item.ts';
import { queryAll } from './query-all.ts';
import { UpdateBuilder } from './update-builder.ts';

/** Most index pages one list request reads before it answers with what it has and a cursor. */
const MAX_QUERIES_PER_PAGE = 12;

const cursorSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.object({
    v: z.literal(1),
    /** Fingerprint of the filter the cursor was made for. */
    f: z.string(),
    /** Month partition being read (unfiltered lists walk back month by month). */
    m: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}$/))),
    /** DynamoDB's LastEvaluatedKey. */
    k: z.optional(z.record(z.string(), z.string())),
  }),
);
type Cursor = z.infer<typeof cursorSchema>;

export interface DynamoDbFeedbackRepositoryOptions {
  tableName: string;
  /** How many months back an unfiltered list pages. */
  listHorizonMonths: number;
  /** Days after receipt when DynamoDB TTL deletes a feedback; none when absent. */
  retentionDays?: number;
  now?: () => Date;
}

/** {@link FeedbackRepository} on the single feedback table described by `FEEDBACK_TABLE`. */
export class DynamoDbFeedbackRepository implements FeedbackRepository {
  readonly #client: DynamoDBDocumentClient;
  readonly #options: DynamoDbFeedbackRepositoryOptions;

  constructor(client: DynamoDBDocumentClient, options: DynamoDbFeedbackRepositoryOptions) {
    this.#client = client;
    this.#options = options;
  }

  async create(record: FeedbackRecord, requestFingerprint: string): Promise<CreateFeedbackResult> {
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#options.tableName,
          Item: toFeedbackItem(record, {
            requestFingerprint,
            ...(this.#options.retentionDays
              ? {
                  expiresAt:
                    Math.floor(Date.parse(record.receivedAt) / 1000) + this.#options.retentionDays * 86_400,
                }
              : {}),
          }),
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': FEEDBACK_TABLE.partitionKey },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { outcome: 'created', record };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException) || !error.Item) throw error;
      const existing = unmarshall(error.Item);
      return {
        outcome: 'exists',
        record: fromFeedbackItem(existing),
        sameRequest: existing.requestFingerprint === requestFingerprint,
      };
    }
  }

  async get(id: string): Promise<FeedbackRecord | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#options.tableName, Key: feedbackKey(id) }),
    );
    return Item ? fromFeedbackItem(Item) : undefined;
  }

  async getWithHistory(id: string, options: HistoryReadOptions = {}): Promise<FeedbackRecord | undefined> {
    const pk = feedbackKey(id)[FEEDBACK_TABLE.partitionKey];
    const items = await this.#queryAll({
      TableName: this.#options.tableName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: {
        '#pk': FEEDBACK_TABLE.partitionKey,
        ...(options.statusChangesOnly ? { '#entity': 'entity', '#entry': 'entry', '#to': 'to' } : {}),
      },
      ExpressionAttributeValues: {
        ':pk': pk,
        ...(options.statusChangesOnly ? { ':history': HISTORY_ENTITY } : {}),
      },
      // Only the public view asks for status changes: notes are filtered out before they travel.
      ...(options.statusChangesOnly
        ? { FilterExpression: '#entity <> :history OR attribute_exists(#entry.#to)' }
        : {}),
      ConsistentRead: true,
    });
    const feedback = items.find((item) => item[FEEDBACK_TABLE.sortKey] === 'FEEDBACK');
    if (!feedback) return undefined;
    const record = fromFeedbackItem(feedback);
    const entries = items.filter((item) => item.entity === HISTORY_ENTITY).map(historyEntryOf);
    return { ...record, history: mergeHistory(record.history, entries) };
  }

  async list(request: FeedbackPageRequest): Promise<FeedbackPageResult> {
    if (outsideScope(request)) return { items: [] };
    const plan = queryPlan(request);
    const fingerprint = filterFingerprint(request);
    let cursor: Cursor = request.cursor
      ? decodeCursor(request.cursor, fingerprint)
      : {
          v: 1,
          f: fingerprint,
          ...(plan.index === 'byMonth' ? { m: this.#firstMonth(request.receivedBefore) } : {}),
        };
    const lastMonth = request.receivedFrom ? monthPartition(request.receivedFrom) : this.#horizonMonth();
    const range = plan.index === 'byDeadline' ? { condition: '', values: {} } : receivedRange(request);
    const items: FeedbackRecord[] = [];

    for (let queries = 0; queries < MAX_QUERIES_PER_PAGE && items.length < request.limit; queries += 1) {
      const partition = plan.index === 'byMonth' ? (cursor.m as string) : plan.partitionValue;
      // The month index also holds the snapshot's history milestones: list feedback only.
      const onlyFeedback = plan.index === 'byMonth';
      const filters = [
        ...(onlyFeedback ? ['#entity = :feedbackEntity'] : []),
        ...(plan.filterExpression
          ? [onlyFeedback ? `(${plan.filterExpression})` : plan.filterExpression]
          : []),
      ];
      const input: QueryCommandInput = {
        TableName: this.#options.tableName,
        IndexName: plan.index,
        KeyConditionExpression: `#pk = :pk${range.condition}`,
        ExpressionAttributeNames: {
          '#pk': plan.partitionAttribute,
          ...plan.filterNames,
          ...(onlyFeedback ? { '#entity': 'entity' } : {}),
        },
        ExpressionAttributeValues: {
          ':pk': partition,
          ...plan.filterValues,
          ...range.values,
          ...(onlyFeedback ? { ':feedbackEntity': 'feedback' } : {}),
        },
        ScanIndexForward: plan.index === 'byDeadline',
        Limit: request.limit - items.length,
        ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
        ...(cursor.k ? { ExclusiveStartKey: cursor.k } : {}),
      };
      const page = await this.#client.send(new QueryCommand(input));
      for (const item of page.Items ?? []) items.push(fromFeedbackItem(item));

      if (page.LastEvaluatedKey) {
        cursor = { ...cursor, k: page.LastEvaluatedKey as Record<string, string> };
        continue;
      }
      if (plan.index !== 'byMonth') return { items };
      const previous = previousMonth(cursor.m as string);
      if (previous < lastMonth) return { items };
      cursor = { v: 1, f: fingerprint, m: previous };
    }
    return { items, nextCursor: encodeCursor(cursor) };
  }

  async priorComplaints(
    customerKey: string,
    since: string,
    before: Pick<FeedbackRecord, 'id' | 'receivedAt'>,
  ): Promise<PriorComplaint[]> {
    const items = await this.#queryAll({
      TableName: this.#options.tableName,
      IndexName: 'byCustomer',
      KeyConditionExpression: 'customerKey = :customer AND listSk BETWEEN :since AND :before',
      FilterExpression: `#type IN (${COMPLAINT_TYPES.map((_, i) => `:type${i}`).join(', ')}) AND id <> :self`,
      ProjectionExpression: 'id, receivedAt',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: {
        ':customer': customerKey,
        ':since': since,
        ':before': listSortKey(before),
        ...Object.fromEntries(COMPLAINT_TYPES.map((type, i) => [`:type${i}`, type])),
        ':self': before.id,
      },
    });
    return items.map((item) => ({ id: String(item.id), receivedAt: String(item.receivedAt) }));
  }

  async applyTriage(id: string, outcome: TriageOutcome, now: Date, receivedAt?: string): Promise<boolean> {
    const update = new UpdateBuilder()
      .set('status', 'open')
      .setIfPresent('language', outcome.language)
      .setIfPresent('sentiment', outcome.sentiment)
      .set('sentimentPending', outcome.sentimentPending)
      .set('type', outcome.type)
      .setIfPresent('category', outcome.category)
      .set('priority', outcome.priority)
      .set('team', outcome.team)
      .set('deadlines', outcome.deadlines)
      .setIfPresent('repeat', outcome.repeat)
      .set('clockStartedAt', outcome.clockStartedAt)
      .setIfPresent('nextEscalation', outcome.nextEscalation)
      .set('updatedAt', now.toISOString())
      .increment('version');
    if (outcome.sentimentPending) update.set('pending', PENDING_SENTIMENT);
    if (isComplaintType(outcome.type)) update.set(DIGEST_INDEX_ATTRIBUTE, outcome.team);
    indexNextEscalation(update, outcome);
    const work = openWorkIndexAttributes({
      id,
      status: 'open',
      deadlines: outcome.deadlines,
      firstRespondedAt: null,
    });
    if (work.nextDeadlineAt)
      update.set('workQueue', work.workQueue).set('nextDeadlineAt', work.nextDeadlineAt);
    return this.#writeWithHistory(
      id,
      update.condition(
        '#status = :expectedStatus',
        { ':expectedStatus': 'received' },
        { '#status': 'status' },
      ),
      [outcome.historyEntry],
      receivedAt ? { receivedAt } : undefined,
    );
  }

  async pendingSentiment(limit: number): Promise<FeedbackRecord[]> {
    const page = await this.#client.send(
      new QueryCommand({
        TableName: this.#options.tableName,
        IndexName: 'byPending',
        KeyConditionExpression: 'pending = :pending',
        ExpressionAttributeValues: { ':pending': PENDING_SENTIMENT },
        Limit: limit,
      }),
    );
    return (page.Items ?? []).map(fromFeedbackItem);
  }

  async applyRescore(id: string, rescore: RescoreOutcome, now: Date, receivedAt?: string): Promise<boolean> {
    const update = new UpdateBuilder()
      .set('sentiment', rescore.sentiment)
      .setIfPresent('language', rescore.language)
      .set('sentimentPending', false)
      .remove('pending')
      .set('updatedAt', now.toISOString())
      .increment('version');
    if (rescore.raised) {
      update
        .set('priority', rescore.raised.priority)
        .set('deadlines', rescore.raised.deadlines)
        .setIfPresent('nextEscalation', rescore.raised.nextEscalation);
      indexNextEscalation(update, rescore.raised);
    }
    return this.#writeWithHistory(
      id,
      update.condition(
        '#pending = :pendingSentiment',
        { ':pendingSentiment': PENDING_SENTIMENT },
        { '#pending': 'pending' },
      ),
      [rescore.historyEntry],
      receivedAt ? { receivedAt } : undefined,
    );
  }

  async claimNotification(id: string, kind: string, now: Date): Promise<boolean> {
    const update = new UpdateBuilder()
      .setPath(['notifications', kind], { claimedAt: now.toISOString() })
      .condition(
        'attribute_exists(#pk) AND attribute_not_exists(#n.#kind)',
        {},
        {
          '#pk': FEEDBACK_TABLE.partitionKey,
          '#n': 'notifications',
          '#kind': kind,
        },
      );
    return this.#conditionalUpdate(id, update);
  }

  async completeNotification(
    id: string,
    kind: string,
    now: Date,
    messageId: string,
    extras: { skippedKinds?: readonly string[]; historyEntry?: HistoryEntry; receivedAt?: string } = {},
  ): Promise<void> {
    const update = new UpdateBuilder()
      .setPath(['notifications', kind, 'sentAt'], now.toISOString())
      .setPath(['notifications', kind, 'messageId'], messageId);
    for (const skipped of extras.skippedKinds ?? []) {
      update.setPath(['notifications', skipped], { claimedAt: now.toISOString(), skipped: true });
    }
    await this.#writeWithHistory(
      id,
      update,
      extras.historyEntry ? [extras.historyEntry] : [],
      extras.receivedAt ? { receivedAt: extras.receivedAt } : undefined,
    );
  }

  async saveChanges(previous: FeedbackRecord, next: FeedbackRecord): Promise<boolean> {
    const update = new UpdateBuilder();
    const before = previous as unknown as Record<string, unknown>;
    const changed: string[] = [];
    for (const [key, value] of Object.entries(next)) {
      // History is never rewritten here: entries past the ones read become their own items.
      if (key === 'version' || key === 'id' || key === 'history') continue;
      if (JSON.stringify(before[key]) === JSON.stringify(value)) continue;
      changed.push(key);
      update.setIfPresent(key, value);
    }
    const appended = next.history.slice(previous.history.length);
    const customerBefore = customerKeyOf(previous);
    const customerAfter = customerKeyOf(next);
    if (customerBefore !== customerAfter) {
      if (customerAfter) update.set('customerKey', customerAfter);
      else update.remove('customerKey');
    }
    const digestBefore = digestPartitionOf(previous);
    const digestAfter = digestPartitionOf(next);
    if (digestBefore !== digestAfter) {
      if (digestAfter) update.set(DIGEST_INDEX_ATTRIBUTE, digestAfter);
      else update.remove(DIGEST_INDEX_ATTRIBUTE);
    }
    if (JSON.stringify(previous.nextEscalation) !== JSON.stringify(next.nextEscalation)) {
      const index = escalationIndexAttributes(next);
      if (index.nextEscalationAt)
        update.set('escalationDue', index.escalationDue).set('nextEscalationAt', index.nextEscalationAt);
      else update.remove('escalationDue').remove('nextEscalationAt');
    }
    const workBefore = openWorkIndexAttributes(previous);
    const workAfter = openWorkIndexAttributes(next);
    if (workBefore.nextDeadlineAt !== workAfter.nextDeadlineAt) {
      if (workAfter.nextDeadlineAt)
        update.set('workQueue', workAfter.workQueue).set('nextDeadlineAt', workAfter.nextDeadlineAt);
      else update.remove('workQueue').remove('nextDeadlineAt');
    }
    update.increment('version');
    // A note changes nothing but the history: concurrent notes must all be kept, so it is
    // conditioned on a status that takes notes rather than on the version read.
    const noteOnly =
      appended.length > 0 &&
      changed.every((key) => key === 'updatedAt') &&
      appended.every((entry) => entry.to === undefined && entry.action === 'note');
    if (noteOnly) {
      update.condition(
        'attribute_exists(#pk) AND #status <> :received',
        { ':received': 'received' },
        { '#pk': FEEDBACK_TABLE.partitionKey, '#status': 'status' },
      );
    } else {
      update.condition(
        '#version = :expectedVersion',
        { ':expectedVersion': previous.version },
        { '#version': 'version' },
      );
    }
    return this.#writeWithHistory(previous.id, update, appended, previous);
  }

  async eraseHistoryNotes(id: string, replacement: string): Promise<number> {
    const pk = feedbackKey(id)[FEEDBACK_TABLE.partitionKey];
    const items = await this.#queryAll({
      TableName: this.#options.tableName,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :history)',
      FilterExpression: 'attribute_exists(#entry.#note) AND #entry.#note <> :replacement',
      ExpressionAttributeNames: {
        '#pk': FEEDBACK_TABLE.partitionKey,
        '#sk': FEEDBACK_TABLE.sortKey,
        '#entry': 'entry',
        '#note': 'note',
      },
      ExpressionAttributeValues: { ':pk': pk, ':history': HISTORY_SK_PREFIX, ':replacement': replacement },
      ProjectionExpression: '#pk, #sk',
    });
    for (const item of items) {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#options.tableName,
          Key: { [FEEDBACK_TABLE.partitionKey]: pk, [FEEDBACK_TABLE.sortKey]: item[FEEDBACK_TABLE.sortKey] },
          UpdateExpression: 'SET #entry.#note = :replacement',
          ConditionExpression: 'attribute_exists(#pk)',
          ExpressionAttributeNames: {
            '#pk': FEEDBACK_TABLE.partitionKey,
            '#entry': 'entry',
            '#note': 'note',
          },
          ExpressionAttributeValues: { ':replacement': replacement },
        }),
      );
    }
    // Records from before history became items keep theirs embedded: rewrite its notes too.
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#options.tableName, Key: feedbackKey(id), ConsistentRead: true }),
    );
    const embedded = Array.isArray(Item?.history) ? (Item.history as HistoryEntry[]) : [];
    if (Item && embedded.some((entry) => entry.note !== undefined && entry.note !== replacement)) {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#options.tableName,
          Key: feedbackKey(id),
          UpdateExpression: 'SET #history = :history',
          ConditionExpression: '#version = :version',
          ExpressionAttributeNames: { '#history': 'history', '#version': 'version' },
          ExpressionAttributeValues: {
            ':history': embedded.map((entry) =>
              entry.note === undefined ? entry : { ...entry, note: replacement },
            ),
            ':version': Item.version,
          },
        }),
      );
    }
    return items.length;
  }

  async byCustomerKey(customerKey: string): Promise<FeedbackRecord[]> {
    const items = await this.#queryAll({
      TableName: this.#options.tableName,
      IndexName: 'byCustomer',
      KeyConditionExpression: 'customerKey = :customer',
      ExpressionAttributeValues: { ':customer': customerKey },
    });
    return items.map(fromFeedbackItem);
  }

  /** Every item a query matches (for queries whose result is small by design). */
  #queryAll(input: QueryCommandInput): Promise<Record<string, unknown>[]> {
    return queryAll(this.#client, input);
  }

  async dueForEscalation(
    now: string,
    limit: number,
    cursor?: Record<string, unknown>,
  ): Promise<{ items: FeedbackRecord[]; cursor?: Record<string, unknown> }> {
    const page = await this.#client.send(
      new QueryCommand({
        TableName: this.#options.tableName,
        IndexName: 'byEscalation',
        KeyConditionExpression: 'escalationDue = :due AND nextEscalationAt <= :now',
        ExpressionAttributeValues: { ':due': 'DUE', ':now': now },
        Limit: limit,
        ...(cursor ? { ExclusiveStartKey: cursor } : {}),
      }),
    );
    return {
      items: (page.Items ?? []).map(fromFeedbackItem),
      ...(page.LastEvaluatedKey ? { cursor: page.LastEvaluatedKey } : {}),
    };
  }

  async undigestedComplaints(team: string, through: string): Promise<FeedbackRecord[]> {
    const items = await this.#queryAll({
      TableName: this.#options.tableName,
      IndexName: 'byDigest',
      KeyConditionExpression: '#digest = :team AND listSk <= :through',
      ExpressionAttributeNames: { '#digest': DIGEST_INDEX_ATTRIBUTE },
      // `~` sorts after every id character: everything received at or before `through`.
      ExpressionAttributeValues: { ':team': team, ':through': `${through}~` },
    });
    return items.map(fromFeedbackItem);
  }

  async completeDigest(id: string, now: Date, messageId: string): Promise<void> {
    await this.#conditionalUpdate(
      id,
      new UpdateBuilder()
        .setPath(['notifications', DIGEST_NOTIFICATION, 'sentAt'], now.toISOString())
        .setPath(['notifications', DIGEST_NOTIFICATION, 'messageId'], messageId)
        .remove(DIGEST_INDEX_ATTRIBUTE),
    );
  }

  async releaseNotification(id: string, kind: string): Promise<void> {
    await this.#conditionalUpdate(id, new UpdateBuilder().removePath(['notifications', kind]));
  }

  /**
   * Runs an update of the feedback item and puts one item per new history entry, in one
   * transaction: the change and its record of it are stored together or not at all. The item
   * keeps a bounded summary (entry count, last change) instead of the entries. False when the
   * update's condition did not hold.
   */
  async #writeWithHistory(
    id: string,
    update: UpdateBuilder,
    entries: readonly HistoryEntry[],
    known?: Pick<FeedbackRecord, 'receivedAt'>,
  ): Promise<boolean> {
    if (entries.length === 0) return this.#conditionalUpdate(id, update);
    const last = entries[entries.length - 1] as HistoryEntry;
    update
      .increment('historyCount', entries.length)
      .set('lastChange', { at: last.at, action: last.action, actor: last.actor });
    const receivedAt = known?.receivedAt ?? (await this.#receivedAtOf(id));
    if (!receivedAt) return false;
    const expiresAt = this.#options.retentionDays
      ? Math.floor(Date.parse(receivedAt) / 1000) + this.#options.retentionDays * 86_400
      : undefined;
    try {
      await this.#client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Update: { TableName: this.#options.tableName, Key: feedbackKey(id), ...update.build() } },
            ...entries.map((entry) => ({
              Put: {
                TableName: this.#options.tableName,
                Item: toHistoryItem({ id, receivedAt }, entry, expiresAt ? { expiresAt } : {}),
                ConditionExpression: 'attribute_not_exists(#pk)',
                ExpressionAttributeNames: { '#pk': FEEDBACK_TABLE.partitionKey },
              },
            })),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
      )
        return false;
      throw error;
    }
  }

  /** When a feedback was received (its history items are indexed and expire by it). */
  async #receivedAtOf(id: string): Promise<string | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({
        TableName: this.#options.tableName,
        Key: feedbackKey(id),
        ProjectionExpression: 'receivedAt',
      }),
    );
    return typeof Item?.receivedAt === 'string' ? Item.receivedAt : undefined;
  }

  /** Runs an update; false when its condition did not hold. */
  async #conditionalUpdate(id: string, update: UpdateBuilder): Promise<boolean> {
    try {
      await this.#client.send(
        new UpdateCommand({ TableName: this.#options.tableName, Key: feedbackKey(id), ...update.build() }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  #currentMonth(): string {
    return monthPartition((this.#options.now?.() ?? new Date()).toISOString());
  }

  /** The newest month an unfiltered list reads: the current one, or the month before `before`. */
  #firstMonth(receivedBefore: string | undefined): string {
    const current = this.#currentMonth();
    if (!receivedBefore) return current;
    const last = monthPartition(new Date(Date.parse(receivedBefore) - 1).toISOString());
    return last < current ? last : current;
  }

  #horizonMonth(): string {
    let month = this.#currentMonth();
    for (let i = 1; i < this.#options.listHorizonMonths; i += 1) month = previousMonth(month);
    return month;
  }
}

/** Puts a feedback with a next escalation step into the sparse `byEscalation` index. */
function indexNextEscalation(update: UpdateBuilder, record: Pick<FeedbackRecord, 'nextEscalation'>): void {
  const index = escalationIndexAttributes(record);
  if (index.nextEscalationAt)
    update.set('escalationDue', index.escalationDue).set('nextEscalationAt', index.nextEscalationAt);
}

interface QueryPlan {
  index: FeedbackIndexName;
  partitionAttribute: string;
  partitionValue: string;
  filterExpression?: string;
  filterNames: Record<string, string>;
  filterValues: Record<string, string>;
}

/**
 * Picks the index for a filter: the first of status, priority, channel that is given
 * partitions the query and the others become a filter on it; no filter walks `byMonth`.
 */
function queryPlan(filter: FeedbackFilter): QueryPlan {
  const fields = ['assignee', 'team', 'status', 'priority', 'channel'] as const;
  const given = fields.filter((field) => filter[field] !== undefined);
  const indexFor = {
    assignee: 'byAssignee',
    team: 'byTeam',
    status: 'byStatus',
    priority: 'byPriority',
    channel: 'byChannel',
  } as const;
  // A caller limited to one team lists it through the team index rather than filtering a wider one.
  const scope = filter.scopeTeams;
  const implicitTeam = scope?.length === 1 && filter.team === undefined && filter.assignee === undefined;
  const effective: FeedbackFilter = implicitTeam ? { ...filter, team: scope[0] } : filter;
  const ordered = implicitTeam ? (['team', ...given] as const) : given;
  const [lead, ...rest] = ordered;
  const filterNames: Record<string, string> = {};
  const filterValues: Record<string, string> = {};
  const conditions = rest.map((field) => {
    filterNames[`#${field}`] = field;
    filterValues[`:${field}`] = effective[field] as string;
    return `#${field} = :${field}`;
  });
  const teamFixed = lead === 'team' || rest.includes('team');
  if (scope && !teamFixed) {
    filterNames['#scopeTeam'] = 'team';
    const placeholders = scope.map((team, i) => {
      filterValues[`:scope${i}`] = team;
      return `:scope${i}`;
    });
    conditions.push(`#scopeTeam IN (${placeholders.join(', ')})`);
  }
  // Category and type narrow the index query's page; they never widen what is read.
  if (filter.category !== undefined) {
    filterNames['#category'] = 'category';
    filterValues[':category'] = filter.category;
    conditions.push('#category = :category');
  }
  if (filter.type !== undefined) {
    filterNames['#type'] = 'type';
    filterValues[':type'] = filter.type;
    if (filter.type === 'complaint') {
      filterValues[':emotional'] = 'emotional';
      conditions.push('#type IN (:type, :emotional)');
    } else conditions.push('#type = :type');
  }
  if (filter.sort === 'deadline') {
    // Every other filter narrows the open-work queue; the received range is a filter here too.
    if (lead) {
      filterNames[`#${lead}`] = lead;
      filterValues[`:${lead}`] = effective[lead] as string;
      conditions.push(`#${lead} = :${lead}`);
    }
    if (filter.receivedFrom) {
      filterNames['#receivedAt'] = 'receivedAt';
      filterValues[':from'] = filter.receivedFrom;
      conditions.push('#receivedAt >= :from');
    }
    if (filter.receivedBefore) {
      filterNames['#receivedAt'] = 'receivedAt';
      filterValues[':before'] = filter.receivedBefore;
      conditions.push('#receivedAt < :before');
    }
    return {
      index: 'byDeadline',
      partitionAttribute: 'workQueue',
      partitionValue: OPEN_WORK,
      filterNames,
      filterValues,
      ...(conditions.length ? { filterExpression: conditions.join(' AND ') } : {}),
    };
  }
  const filterExpression = conditions.length ? { filterExpression: conditions.join(' AND ') } : {};
  if (!lead) {
    return {
      index: 'byMonth',
      partitionAttribute: 'receivedMonth',
      partitionValue: '',
      filterNames,
      filterValues,
      ...filterExpression,
    };
  }
  return {
    index: indexFor[lead],
    partitionAttribute: lead,
    partitionValue: effective[lead] as string,
    filterNames,
    filterValues,
    ...filterExpression,
  };
}

/** A received-at range as a key condition on `listSk` (`<receivedAt>#<id>`). */
function receivedRange(filter: FeedbackFilter): { condition: string; values: Record<string, string> } {
  const { receivedFrom: from, receivedBefore: before } = filter;
  // `before` itself is never a listSk (those carry `#<id>`), so BETWEEN excludes it.
  if (from && before)
    return {
      condition: ' AND listSk BETWEEN :from AND :before',
      values: { ':from': from, ':before': before },
    };
  if (from) return { condition: ' AND listSk >= :from', values: { ':from': from } };
  if (before) return { condition: ' AND listSk < :before', values: { ':before': before } };
  return { condition: '', values: {} };
}

/** True when the filter can match nothing the caller may see (another team, or no team at all). */
function outsideScope(filter: FeedbackFilter): boolean {
  const scope = filter.scopeTeams;
  if (!scope) return false;
  return scope.length === 0 || (filter.team !== undefined && !scope.includes(filter.team));
}

function filterFingerprint(filter: FeedbackFilter): string {
  return [
    filter.status ?? '',
    filter.priority ?? '',
    filter.channel ?? '',
    filter.category ?? '',
    filter.type ?? '',
    filter.receivedFrom ?? '',
    filter.receivedBefore ?? '',
    filter.sort ?? '',
    filter.team ?? '',
    filter.assignee ?? '',
    filter.scopeTeams ? filter.scopeTeams.join(',') : '*',
  ].join('|');
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(raw: string, fingerprint: string): Cursor {
  let cursor: Cursor | undefined;
  try {
    cursor = cursorSchema.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
  } catch {
    cursor = undefined;
  }
  if (!cursor || cursor.f !== fingerprint) {
    throw new DomainError('validation_error', 'The cursor is not valid for this list.', [
      { path: 'cursor', message: 'use the nextCursor of a page with the same filters' },
    ]);
  }
  return cursor;
}

function previousMonth(month: string): string {
  const [year, mm] = month.split('-').map(Number) as [number, number];
  return mm === 1 ? `${year - 1}-12` : `${year}-${String(mm - 1).padStart(2, '0')}`;
}
