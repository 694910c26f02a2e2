import type { StackConfig } from '../config/stack-config.ts';
import {
  counterKeysOf,
  dayBucketOf,
  detectHotTopics,
  type HotTopicRecord,
  type HotTopicReport,
  hotTopicId,
  hourBucketOf,
  mergeHotTopics,
  parseTopicKey,
  scanBuckets,
  TOTAL_KEY,
  type TopicCounts,
} from '../domain/hot-topics.ts';
import { renderHotTopicEmail } from '../email/hot-topic-email.ts';
import type { HotTopicRepository } from '../ports/hot-topic-repository.ts';
import type { Mailer } from '../ports/mailer.ts';
import type { FeedbackRecord } from '../schemas/feedback-record.ts';

/**
 * Recipients beyond the escalation addresses for one report: the functions pass
 * `teamLeadRecipients` (the team's `leadEmails` when every feedback of the report belongs to
 * that one team); none when absent.
 */
export type ExtraRecipients = (report: HotTopicRecord) => Promise<readonly string[]>;

export interface HotTopicServiceDependencies {
  repository: HotTopicRepository;
  mailer: Mailer;
  config: StackConfig;
  publicBaseUrl: string;
  extraRecipients?: ExtraRecipients;
}

/** What one scan did. */
export interface ScanSummary {
  windowStart: string;
  windowEnd: string;
  topics: number;
  hot: number;
  reported: string[];
  /** Reports already made for this window (a repeated scan). */
  alreadyReported: number;
  bucketsRead: number;
  readUnits: number;
}

const BASELINE_READ_CONCURRENCY = 8;

/** A "complaint" for hot topics, as everywhere (contract §2): type complaint or emotional. */
export function isComplaint(record: Pick<FeedbackRecord, 'type'>): boolean {
  return record.type === 'complaint' || record.type === 'emotional';
}

/**
 * Hot topics (contract §10): counts each triaged complaint into hour and day buckets, and
 * scans the buckets for topics whose window count is improbable under the baseline.
 */
export class HotTopicService {
  readonly #deps: HotTopicServiceDependencies;

  constructor(deps: HotTopicServiceDependencies) {
    this.#deps = deps;
  }

  /** Counts one triaged complaint (once, however often its stream record comes). */
  async countComplaint(record: FeedbackRecord): Promise<boolean> {
    if (!isComplaint(record)) return false;
    const timezone = this.#deps.config.calendar.timezone;
    return this.#deps.repository.count(
      record.id,
      hourBucketOf(record.receivedAt, timezone),
      dayBucketOf(record.receivedAt, timezone),
      counterKeysOf(record),
    );
  }

  /** One scan at `now`: detect, merge, claim and email each report once per window. */
  async scan(now: Date): Promise<ScanSummary> {
    const { config } = this.#deps;
    const settings = config.hotTopics;
    const buckets = scanBuckets(now, settings, config.calendar.timezone);
    const readBefore = this.#deps.repository.consumedReadUnits;
    const windowRows = await Promise.all(
      buckets.window.map((hour) => this.#deps.repository.hourCounters(hour)),
    );
    const baseline = new Map<string, number>();
    // Stryker disable next-line EqualityOperator: one more turn past the end reads an empty slice, so nothing
    for (let i = 0; i < buckets.baseline.length; i += BASELINE_READ_CONCURRENCY) {
      const days = await Promise.all(
        buckets.baseline
          .slice(i, i + BASELINE_READ_CONCURRENCY)
          .map((day) => this.#deps.repository.dayCounters(day)),
      );
      for (const row of days.flat())
        baseline.set(row.counterKey, (baseline.get(row.counterKey) ?? 0) + row.count);
    }

    const window = new Map<string, { count: number; ids: Set<string> }>();
    for (const row of windowRows.flat()) {
      const entry = window.get(row.counterKey) ?? { count: 0, ids: new Set<string>() };
      entry.count += row.count;
      for (const id of row.ids) entry.ids.add(id);
      window.set(row.counterKey, entry);
    }
    const topics: TopicCounts[] = [];
    for (const [counterKey, entry] of window) {
      const parsed = parseTopicKey(counterKey);
      if (!parsed) continue;
      topics.push({
        ...parsed,
        windowCount: entry.count,
        baselineCount: baseline.get(counterKey) ?? 0,
        // No sort here: mergeHotTopics sorts each report's ids before it keeps the first 50.
        feedbackIds: [...entry.ids],
      });
    }
    const hot = detectHotTopics(
      topics,
      { baseline: baseline.get(TOTAL_KEY) ?? 0, window: window.get(TOTAL_KEY)?.count ?? 0 },
      settings,
    );
    const reports = mergeHotTopics(hot);

    const reported: string[] = [];
    let alreadyReported = 0;
    const windowEndHour = new Date(
      Date.parse(buckets.window[buckets.window.length - 1] as string) + 3_600_000,
    ).toISOString();
    for (const report of reports) {
      const record = this.#record(report, buckets.windowStart, buckets.windowEnd, now);
      if (!(await this.#deps.repository.claimReport(record, windowEndHour))) {
        alreadyReported += 1;
        continue;
      }
      try {
        const extra = (await this.#deps.extraRecipients?.(record)) ?? [];
        const to = [...new Set([...config.escalationEmails, ...extra])];
        const { messageId } = await this.#deps.mailer.send({
          to,
          ...renderHotTopicEmail(record, config.calendar.timezone, this.#deps.publicBaseUrl),
          tags: { kind: 'hot-topic', hotTopicId: record.id },
        });
        await this.#deps.repository.markReportSent(record.id, messageId);
        reported.push(record.id);
      } catch (error) {
        await this.#deps.repository.releaseReport(record);
        throw error;
      }
    }
    return {
      windowStart: buckets.windowStart,
      windowEnd: buckets.windowEnd,
      topics: topics.length,
      hot: hot.length,
      reported,
      alreadyReported,
      bucketsRead: buckets.window.length + buckets.baseline.length,
      readUnits: this.#deps.repository.consumedReadUnits - readBefore,
    };
  }

  /** Reports, newest window first. */
  async list(limit = 100): Promise<HotTopicRecord[]> {
    return this.#deps.repository.listReports(limit);
  }

  #record(report: HotTopicReport, windowStart: string, windowEnd: string, now: Date): HotTopicRecord {
    return {
      id: hotTopicId(windowStart, report),
      kind: report.kind,
      key: report.key,
      ...(report.keys.length > 1 ? { keys: report.keys } : {}),
      count: report.count,
      expected: Math.round(report.expected * 10_000) / 10_000,
      pValue: report.pValue,
      windowStart,
      windowEnd,
      detectedAt: now.toISOString(),
      feedbackIds: report.feedbackIds,
    };
  }
}
