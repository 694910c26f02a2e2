import type { FeedbackRecord } from '../schemas/feedback-record.ts';
import type { Snapshot } from '../schemas/snapshot.ts';

/** Storage of snapshots, and the one read of a quarter's feedback they are computed from. */
export interface SnapshotRepository {
  get(period: string): Promise<Snapshot | undefined>;
  /** All stored snapshots, oldest first. */
  list(): Promise<Snapshot[]>;
  put(snapshot: Snapshot): Promise<void>;
  /**
   * Visits every feedback received in [from, to) through the month index, page by page (never
   * holding more than a page), and answers how many items and read units it took.
   */
  forEachReceivedBetween(
    from: string,
    to: string,
    visit: (record: FeedbackRecord, customerKey: string | undefined) => void,
  ): Promise<{ items: number; readUnits: number }>;
  /** Claims the summary email of a period; false when it was claimed before. */
  claimSummaryEmail(period: string, now: Date): Promise<boolean>;
  completeSummaryEmail(period: string, now: Date, messageId: string): Promise<void>;
  releaseSummaryEmail(period: string): Promise<void>;
}
