import { FEEDBACK_TABLE } from '../definitions/table-definition.ts';
import { type FeedbackRecord, feedbackRecordSchema } from '../schemas/feedback-record.ts';

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

/**
 * Who "the same customer" is for repeat detection: their id, else their email, else their
 * phone number; none for anonymous feedback.
 */
export function customerKeyOf(record: Pick<FeedbackRecord, 'anonymous' | 'customer'>): string | undefined {
  if (record.anonymous || !record.customer) return undefined;
  const { id, email, phone } = record.customer;
  if (id) return `id:${id}`;
  if (email) return `email:${email.toLowerCase()}`;
  if (phone) return `phone:${phone.replace(/[^0-9+]/g, '')}`;
  return undefined;
}

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

/** The attribute of the sparse `byDigest` index: a complaint's team until a digest carried it. */
export const DIGEST_INDEX_ATTRIBUTE = 'digestTeam';
/** The notification kind recording which complaint digest carried a complaint. */
export const DIGEST_NOTIFICATION = 'complaint-digest';

/** A "complaint" in every figure and digest (contract §2): type `complaint` or `emotional`. */
export function isComplaintType(type: string | null | undefined): boolean {
  return type === 'complaint' || type === 'emotional';
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
  return feedbackRecordSchema.parse(candidate);
}
