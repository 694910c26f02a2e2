import type { PriorComplaint, RescoreOutcome, TriageOutcome } from '../domain/triage.ts';
import type { Channel, FeedbackStatus, Priority } from '../schemas/common.ts';
import type { FeedbackRecord, HistoryEntry } from '../schemas/feedback-record.ts';

/** Outcome of storing a new feedback. */
export type CreateFeedbackResult =
  | { outcome: 'created'; record: FeedbackRecord }
  /** An item with this id exists; `sameRequest` tells a retry from a reused idempotency key. */
  | { outcome: 'exists'; record: FeedbackRecord; sameRequest: boolean };

export interface FeedbackFilter {
  status?: FeedbackStatus;
  priority?: Priority;
  channel?: Channel;
  team?: string;
  assignee?: string;
  /** Only feedback of these teams (the caller's own, for a role limited to them). */
  scopeTeams?: readonly string[];
}

export interface FeedbackPageRequest extends FeedbackFilter {
  limit: number;
  /** Opaque cursor from a previous page. */
  cursor?: string;
}

export interface FeedbackPageResult {
  items: FeedbackRecord[];
  nextCursor?: string;
}

/** Storage of feedback records. The DynamoDB adapter is the production implementation. */
export interface FeedbackRepository {
  /** Stores a new record with one conditional write; never overwrites an existing one. */
  create(record: FeedbackRecord, requestFingerprint: string): Promise<CreateFeedbackResult>;
  get(id: string): Promise<FeedbackRecord | undefined>;
  /** A page of feedback, newest first, read through an index (never a scan). */
  list(request: FeedbackPageRequest): Promise<FeedbackPageResult>;
  /** The customer's complaints received from `since` up to (not including) `before`. */
  priorComplaints(
    customerKey: string,
    since: string,
    before: Pick<FeedbackRecord, 'id' | 'receivedAt'>,
  ): Promise<PriorComplaint[]>;
  /**
   * Opens a `received` feedback with its triage, in one conditional write. False when it was
   * no longer `received` (a redelivered stream record): nothing is changed then.
   */
  applyTriage(id: string, outcome: TriageOutcome, now: Date): Promise<boolean>;
  /** Feedback whose sentiment is waiting to be scored again, oldest first. */
  pendingSentiment(limit: number): Promise<FeedbackRecord[]>;
  /**
   * Stores a late sentiment score (and a raised priority with new deadlines, when it calls for
   * one); false when the feedback was no longer pending.
   */
  applyRescore(id: string, rescore: RescoreOutcome, now: Date): Promise<boolean>;
  /** Claims an email for sending; false when it was claimed (or sent) before. */
  claimNotification(id: string, kind: string, now: Date): Promise<boolean>;
  /** Records that a claimed email went out (and which lower ladder levels it passed over). */
  completeNotification(
    id: string,
    kind: string,
    now: Date,
    messageId: string,
    extras?: { skippedKinds?: readonly string[]; historyEntry?: HistoryEntry },
  ): Promise<void>;
  /**
   * Writes what changed between `previous` and `next` if the stored feedback is still at
   * `previous.version` (optimistic concurrency); false when someone else changed it first.
   */
  saveChanges(previous: FeedbackRecord, next: FeedbackRecord): Promise<boolean>;
  /** Every feedback stored under one `byCustomer` key. */
  byCustomerKey(customerKey: string): Promise<FeedbackRecord[]>;
  /** Feedback whose next escalation step is due at or before `now`, a page at a time. */
  dueForEscalation(
    now: string,
    limit: number,
    cursor?: Record<string, unknown>,
  ): Promise<{ items: FeedbackRecord[]; cursor?: Record<string, unknown> }>;
  /** A team's complaints received at or before `through` that no complaint digest carried yet. */
  undigestedComplaints(team: string, through: string): Promise<FeedbackRecord[]>;
  /** Records that a complaint went out in a digest, and takes it off the digest index. */
  completeDigest(id: string, now: Date, messageId: string): Promise<void>;
  /** Gives a claim back after a failed send, so a retry can send it. */
  releaseNotification(id: string, kind: string): Promise<void>;
}
