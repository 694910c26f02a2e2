import type { HotTopicRecord } from '../domain/hot-topics.ts';

/** One counter read back from a bucket. */
export interface CounterRow {
  /** `total`, `category:<id>` or `term:<word>`. */
  counterKey: string;
  count: number;
  /** Feedback ids sampled in this bucket (window buckets only; at most the sample cap). */
  ids: string[];
}

/** Time-bucketed complaint counters and the hot-topic reports made from them. */
export interface HotTopicRepository {
  /**
   * Adds one complaint to its hour and day counters, once: a redelivered record finds its
   * marker and changes nothing. Answers false when it had been counted before.
   */
  count(
    feedbackId: string,
    hourBucket: string,
    dayBucket: string,
    counterKeys: readonly string[],
  ): Promise<boolean>;
  /** Every counter of one hour bucket, with its id sample. */
  hourCounters(hourBucket: string): Promise<CounterRow[]>;
  /** Every counter of one day bucket (counts only). */
  dayCounters(dayBucket: string): Promise<CounterRow[]>;
  /**
   * Claims a report for its window: stores it unless this report was made before, or one of
   * its topics was reported in a window that overlaps this one. False when it was not claimed.
   */
  claimReport(report: HotTopicRecord, windowEndHour: string): Promise<boolean>;
  /** Records that the report's email went out. */
  markReportSent(id: string, messageId: string): Promise<void>;
  /** Gives a claim back after a failed email, so the retried scan reports it again. */
  releaseReport(report: HotTopicRecord): Promise<void>;
  /** Reports, newest first. */
  listReports(limit: number): Promise<HotTopicRecord[]>;
  getReport(id: string): Promise<HotTopicRecord | undefined>;
  /** Read units the repository has consumed so far (for the benchmark). */
  readonly consumedReadUnits: number;
}
