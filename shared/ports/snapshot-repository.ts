import type { FeedbackRecord } from '../schemas/feedback-record.ts';
import type { Snapshot } from '../schemas/snapshot.ts';

/**
 * Where a paused read of a period's feedback resumes: per month not yet finished, the index key
 * it resumes after (`null`: the month's start). Plain strings, so it is stored with a checkpoint.
 */
export type ReadPosition = Readonly<Record<string, Readonly<Record<string, string>> | null>>;

/** A read of a period split over runs: where to resume, and when to pause. */
export interface ReceivedReadRun {
  /** The position a paused read answered; absent, the read starts at the period's start. */
  resume?: ReadPosition | undefined;
  /** Asked between pages; true pauses the read at the next position it can resume from. */
  shouldPause?: (() => boolean) | undefined;
}

/** Storage of snapshots, and the one read of a quarter's feedback they are computed from. */
export interface SnapshotRepository {
  get(period: string): Promise<Snapshot | undefined>;
  /** All stored snapshots, oldest first. */
  list(): Promise<Snapshot[]>;
  put(snapshot: Snapshot): Promise<void>;
  /**
   * Visits every feedback received in [from, to) through the month index, page by page (never
   * holding more than a page), and answers how many items and read units it took. With `run`,
   * the read may pause between pages: it then answers `paused`, the position the next read of
   * the same range resumes from, having visited every feedback before it exactly once.
   */
  forEachReceivedBetween(
    from: string,
    to: string,
    visit: (record: FeedbackRecord, customerKey: string | undefined) => void,
    run?: ReceivedReadRun,
  ): Promise<{ items: number; readUnits: number; paused?: ReadPosition }>;
  /** Claims the summary email of a period; false when it was claimed before. */
  claimSummaryEmail(period: string, now: Date): Promise<boolean>;
  completeSummaryEmail(period: string, now: Date, messageId: string): Promise<void>;
  releaseSummaryEmail(period: string): Promise<void>;
}
