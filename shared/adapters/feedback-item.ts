import { monotonicFactory } from 'ulid';
import { FEEDBACK_TABLE } from '../definitions/table-definition.ts';
import { isComplaint } from '../domain/complaint.ts';
import { customerKeyOf } from '../domain/customer-key.ts';
import {
  type FeedbackRecord,
  feedbackRecordSchema,
  type HistoryEntry,
  historyEntrySchema,
} from '../schemas/feedback-record.ts';

/** Record fields that are `null` until set; stored as absent so sparse indexes stay sparse. */
const NULLABLE_FIELDS = [
  'language',
  'customer',
  'severity',
  'serviceType',
  'reference',
  'occurredAt',
  'metadata',
  'sentiment',
  'type',
  'category',
  'priority',
  'team',
  'assignee',
  'deadlines',
  'repeat',
  'nextEscalation',
  'clockStartedAt',
  'firstRespondedAt',
  'waitingSince',
  'resolvedAt',
  'closedAt',
  'resolution',
  'survey',
] as const satisfies readonly (keyof FeedbackRecord)[];

const ENTITY = 'feedback';

export type FeedbackItem = Record<string, unknown>;

/** The table key of a feedback. */
export function feedbackKey(id: string): Record<string, string> {
  return { [FEEDBACK_TABLE.partitionKey]: `FEEDBACK#${id}`, [FEEDBACK_TABLE.sortKey]: 'FEEDBACK' };
}

/** `<receivedAt>#<id>`: the sort key of every index, so lists come in time order. */
export function listSortKey(record: Pick<FeedbackRecord, 'receivedAt' | 'id'>): string {
  return `${record.receivedAt}#${record.id}`;
}

/** `YYYY-MM` (UTC) of an instant: the partition of the `byMonth` index. */
export function monthPartition(instant: string): string {
  return instant.slice(0, 7);
}

export { customerKeyOf };

/** The one partition of the sparse `byEscalation` index: feedback with a ladder step ahead. */
export const ESCALATION_DUE = 'DUE';

/** Index attributes of the `byEscalation` index for a next escalation step (none: not indexed). */
export function escalationIndexAttributes(
  record: Pick<FeedbackRecord, 'nextEscalation'>,
): Record<string, string> {
  return record.nextEscalation
    ? { escalationDue: ESCALATION_DUE, nextEscalationAt: record.nextEscalation.at }
    : {};
}

/** The one partition of the sparse `byDeadline` index: open work, soonest deadline first. */
export const OPEN_WORK = 'OPEN';
const OPEN_STATUSES = new Set(['open', 'acknowledged', 'waiting_for_customer']);
/** Sorts after every instant: open work without a resolution deadline (P4) comes last. */
const NO_DEADLINE = '9999-12-31T23:59:59.999Z';

/**
 * Index attributes of the `byDeadline` index: open work keyed by its next deadline (the first
 * response until one is given, then the resolution); nothing for other statuses.
 */
export function openWorkIndexAttributes(
  record: Pick<FeedbackRecord, 'id' | 'status' | 'deadlines' | 'firstRespondedAt'>,
): Record<string, string> {
  if (!OPEN_STATUSES.has(record.status) || !record.deadlines) return {};
  const due =
    record.status === 'open' && !record.firstRespondedAt
      ? record.deadlines.firstResponseDue
      : (record.deadlines.resolutionDue ?? NO_DEADLINE);
  return { workQueue: OPEN_WORK, nextDeadlineAt: `${due}#${record.id}` };
}

/** The attribute of the sparse `byDigest` index: a complaint's team until a digest carried it. */
export const DIGEST_INDEX_ATTRIBUTE = 'digestTeam';
/** The notification kind recording which complaint digest carried a complaint. */
export const DIGEST_NOTIFICATION = 'complaint-digest';

/** A "complaint" in every figure and digest (contract §2): type `complaint` or `emotional`. */
export function isComplaintType(type: string | null | undefined): boolean {
  return isComplaint(type);
}

/** The `byDigest` partition of a record: its team while it is a complaint no digest carried yet. */
export function digestPartitionOf(
  record: Pick<FeedbackRecord, 'type' | 'team' | 'notifications'>,
): string | undefined {
  return isComplaintType(record.type) && record.team && !record.notifications[DIGEST_NOTIFICATION]
    ? record.team
    : undefined;
}

/** Partition values of the `byPending` index. */
export const PENDING_SENTIMENT = 'sentiment';

/** Maps a record to its DynamoDB item: keys, index attributes, and no `null` values. */
export function toFeedbackItem(record: FeedbackRecord, extra: Record<string, unknown> = {}): FeedbackItem {
  const customerKey = customerKeyOf(record);
  const item: FeedbackItem = {
    ...feedbackKey(record.id),
    entity: ENTITY,
    listSk: listSortKey(record),
    receivedMonth: monthPartition(record.receivedAt),
    ...(customerKey ? { customerKey } : {}),
    ...(record.sentimentPending ? { pending: PENDING_SENTIMENT } : {}),
    ...escalationIndexAttributes(record),
    ...openWorkIndexAttributes(record),
    ...(digestPartitionOf(record) ? { [DIGEST_INDEX_ATTRIBUTE]: digestPartitionOf(record) } : {}),
    ...extra,
  };
  for (const [key, value] of Object.entries(record)) {
    if (value !== null && value !== undefined) item[key] = value;
  }
  return item;
}

/** Maps a stored item back to a validated record; throws if the item is not a feedback. */
export function fromFeedbackItem(item: FeedbackItem): FeedbackRecord {
  const candidate: Record<string, unknown> = { ...item };
  for (const field of NULLABLE_FIELDS) candidate[field] ??= null;
  candidate.sentimentPending ??= false;
  candidate.notifications ??= {};
  candidate.reopenCount ??= 0;
  candidate.history ??= [];
  return feedbackRecordSchema.parse(candidate);
}

/**
 * History lives in the feedback's item collection: one item per entry under the feedback's
 * partition key, sorted by `HISTORY#<at>#<ulid>` (time order; the ULID keeps entries of the
 * same millisecond apart and in the order this process wrote them). The feedback item itself
 * keeps only the `received` entry written with it, so its size no longer grows with its life.
 */
export const HISTORY_SK_PREFIX = 'HISTORY#';
export const HISTORY_ENTITY = 'history';

const nextHistoryUlid = monotonicFactory();

/**
 * Entries the quarterly snapshot replays (status changes, triage, survey answers, assignments
 * that name the owning team): their items
 * also carry the `byMonth` index attributes, with a sort key that sorts right after their
 * feedback's (`<receivedAt>#<id>#HISTORY#…`), so one pass over the index reads both.
 */
export function isMilestone(entry: HistoryEntry): boolean {
  return entry.to !== undefined || MILESTONE_ACTIONS.has(entry.action);
}

/** Actions the snapshot replays besides status changes: deadlines, survey answers, team moves, calls that told the outcome. */
const MILESTONE_ACTIONS = new Set(['triaged', 'survey_answered', 'assign', 'record_call']);

/** The item of one history entry of a feedback. */
export function toHistoryItem(
  record: Pick<FeedbackRecord, 'id' | 'receivedAt'>,
  entry: HistoryEntry,
  extra: { expiresAt?: number } = {},
): FeedbackItem {
  const sk = `${HISTORY_SK_PREFIX}${entry.at}#${nextHistoryUlid()}`;
  return {
    [FEEDBACK_TABLE.partitionKey]: feedbackKey(record.id)[FEEDBACK_TABLE.partitionKey],
    [FEEDBACK_TABLE.sortKey]: sk,
    entity: HISTORY_ENTITY,
    feedbackId: record.id,
    entry,
    ...(isMilestone(entry)
      ? { receivedMonth: monthPartition(record.receivedAt), listSk: `${listSortKey(record)}#${sk}` }
      : {}),
    ...(extra.expiresAt ? { expiresAt: extra.expiresAt } : {}),
  };
}

/** The entry a history item holds. */
export function historyEntryOf(item: FeedbackItem): HistoryEntry {
  return historyEntrySchema.parse(item.entry);
}

/**
 * A feedback's full history: the entries still embedded in its item (the `received` entry, and
 * all of them on records written before history became items) followed by its history items,
 * in time order (a stable sort keeps same-instant entries in the order they were stored).
 */
export function mergeHistory(
  embedded: readonly HistoryEntry[],
  items: readonly HistoryEntry[],
): HistoryEntry[] {
  const merged = [...embedded, ...items];
  return merged.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
