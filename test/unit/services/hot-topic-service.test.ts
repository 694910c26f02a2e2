import { describe, expect, it } from 'vitest';
import { parseStackConfig } from '../../../shared/config/stack-config.ts';
import type { HotTopicRecord } from '../../../shared/domain/hot-topics.ts';
import type { CounterRow, HotTopicRepository } from '../../../shared/ports/hot-topic-repository.ts';
import type { EmailMessage, Mailer } from '../../../shared/ports/mailer.ts';
import type { FeedbackType } from '../../../shared/schemas/common.ts';
import { HotTopicService, isComplaint } from '../../../shared/services/hot-topic-service.ts';
import { openFeedback } from '../../helpers/records.ts';

type Counters = Record<string, { count: number; ids?: string[] }>;

/**
 * Counters and reports in memory, with the DynamoDB adapter's semantics: a complaint is counted
 * once (a marker per feedback id); a report is claimed once per id, and a topic only in a window
 * that does not overlap its last report's; a release gives both back. An hour read costs one
 * read unit, a day read half of one.
 */
class MemoryHotTopicRepository implements HotTopicRepository {
  readonly hours = new Map<string, Map<string, { count: number; ids: string[] }>>();
  readonly days = new Map<string, Map<string, number>>();
  readonly reports = new Map<string, HotTopicRecord & { status: string; messageId?: string }>();
  readonly topicClaims = new Map<string, { lastWindowEnd: string; reportId: string }>();
  readonly counted = new Set<string>();
  readonly countCalls: unknown[][] = [];
  readonly claimCalls: { id: string; windowEndHour: string }[] = [];
  readonly listLimits: number[] = [];
  readonly hoursRead: string[] = [];
  readonly daysRead: string[] = [];
  consumedReadUnits = 7;

  seedHour(hour: string, counters: Counters): void {
    this.hours.set(
      hour,
      new Map(Object.entries(counters).map(([key, row]) => [key, { count: row.count, ids: row.ids ?? [] }])),
    );
  }

  seedDay(day: string, counters: Record<string, number>): void {
    this.days.set(day, new Map(Object.entries(counters)));
  }

  async count(feedbackId: string, hourBucket: string, dayBucket: string, counterKeys: readonly string[]) {
    this.countCalls.push([feedbackId, hourBucket, dayBucket, [...counterKeys]]);
    if (this.counted.has(feedbackId)) return false;
    this.counted.add(feedbackId);
    const hour = this.hours.get(hourBucket) ?? new Map();
    const day = this.days.get(dayBucket) ?? new Map();
    for (const key of counterKeys) {
      const row = hour.get(key) ?? { count: 0, ids: [] };
      hour.set(key, { count: row.count + 1, ids: [...row.ids, feedbackId] });
      day.set(key, (day.get(key) ?? 0) + 1);
    }
    this.hours.set(hourBucket, hour);
    this.days.set(dayBucket, day);
    return true;
  }

  async hourCounters(hourBucket: string): Promise<CounterRow[]> {
    this.hoursRead.push(hourBucket);
    this.consumedReadUnits += 1;
    return [...(this.hours.get(hourBucket) ?? new Map())].map(([counterKey, row]) => ({
      counterKey,
      count: row.count,
      ids: [...row.ids],
    }));
  }

  async dayCounters(dayBucket: string): Promise<CounterRow[]> {
    this.daysRead.push(dayBucket);
    this.consumedReadUnits += 0.5;
    return [...(this.days.get(dayBucket) ?? new Map())].map(([counterKey, count]) => ({
      counterKey,
      count,
      ids: [],
    }));
  }

  async claimReport(report: HotTopicRecord, windowEndHour: string): Promise<boolean> {
    this.claimCalls.push({ id: report.id, windowEndHour });
    const keys = report.keys ?? [`${report.kind}:${report.key}`];
    if (this.reports.has(report.id)) return false;
    if (keys.some((key) => (this.topicClaims.get(key)?.lastWindowEnd ?? '') > report.windowStart))
      return false;
    this.reports.set(report.id, { ...report, status: 'claimed' });
    for (const key of keys) this.topicClaims.set(key, { lastWindowEnd: windowEndHour, reportId: report.id });
    return true;
  }

  async markReportSent(id: string, messageId: string): Promise<void> {
    const report = this.reports.get(id);
    if (report) this.reports.set(id, { ...report, status: 'sent', messageId });
  }

  async releaseReport(report: HotTopicRecord): Promise<void> {
    for (const key of report.keys ?? [`${report.kind}:${report.key}`]) {
      if (this.topicClaims.get(key)?.reportId === report.id) this.topicClaims.delete(key);
    }
    this.reports.delete(report.id);
  }

  async listReports(limit: number): Promise<HotTopicRecord[]> {
    this.listLimits.push(limit);
    return [...this.reports.values()].slice(0, limit);
  }

  async getReport(id: string): Promise<HotTopicRecord | undefined> {
    return this.reports.get(id);
  }
}

/** A mailer that keeps what it was given; the first `failures` sends throw. */
function recordingMailer(failures = 0) {
  const sent: EmailMessage[] = [];
  let left = failures;
  const mailer: Mailer = {
    send: async (message) => {
      if (left > 0) {
        left -= 1;
        throw new Error('SES throttled');
      }
      sent.push(message);
      return { messageId: `msg-${sent.length}` };
    },
  };
  return { mailer, sent };
}

// Defaults of contract §10: 6-hour window, 28-day baseline, minCount 5, alpha 0.001, common
// terms at 5 % of the baseline, prior 0.5. Calendar: Asia/Shanghai.
const config = parseStackConfig({ escalationEmails: ['first@example.org', 'second@example.org'] });

// A scan at 2031-03-12 14:20 Shanghai: the window is the hours 01:00Z..06:00Z (09:00..14:59
// local), the baseline the 28 local days 2031-02-12..2031-03-11.
const NOW = new Date('2031-03-12T06:20:00.000Z');
const WINDOW_START = '2031-03-12T01:00:00Z';
const PQ_ID = 'HT-20310312T010000Z-Y2F0ZWdvcnk6cHJvZHVjdF9xdWFsaXR5'; // base64url("category:product_quality")
const PRINTER_ID = 'HT-20310312T010000Z-dGVybTpwcmludGVy'; // base64url("term:printer")

/**
 * Baseline: 40 complaints, 9 of them about delivery, none about product quality or printers;
 * the days just outside it hold counts that must not be read. Window: 17 complaints: six about
 * product quality (W1–W6, five of them naming the card reader 读卡器), five about the printer
 * (P1–P5), five about delivery (D1–D5), one outage (O1, in the current hour).
 */
function seeded(): MemoryHotTopicRepository {
  const repository = new MemoryHotTopicRepository();
  repository.seedDay('2031-02-11', { total: 100, 'category:delivery': 100 });
  repository.seedDay('2031-02-12', { total: 10 });
  repository.seedDay('2031-02-20', { total: 14, 'category:delivery': 4 });
  repository.seedDay('2031-03-11', { total: 16, 'category:delivery': 5 });
  repository.seedDay('2031-03-12', { total: 50, 'category:product_quality': 50 });
  repository.seedHour('2031-03-12T00:00:00Z', {
    total: { count: 10 },
    'category:product_quality': { count: 10, ids: ['X1'] },
  });
  repository.seedHour('2031-03-12T01:00:00Z', {
    total: { count: 2 },
    'category:delivery': { count: 2, ids: ['D2', 'D1'] },
  });
  repository.seedHour('2031-03-12T02:00:00Z', {
    total: { count: 3 },
    'category:product_quality': { count: 3, ids: ['W3', 'W1', 'W2'] },
    'term:读卡器': { count: 3, ids: ['W2', 'W1', 'W3'] },
  });
  repository.seedHour('2031-03-12T04:00:00Z', {
    total: { count: 6 },
    'category:product_quality': { count: 3, ids: ['W6', 'W4', 'W5'] },
    'term:读卡器': { count: 2, ids: ['W5', 'W4'] },
    'category:delivery': { count: 3, ids: ['D3', 'D4', 'D5'] },
  });
  repository.seedHour('2031-03-12T05:00:00Z', {
    total: { count: 5 },
    'term:printer': { count: 5, ids: ['P5', 'P4', 'P3', 'P2', 'P1'] },
  });
  repository.seedHour('2031-03-12T06:00:00Z', {
    total: { count: 1 },
    'category:outage': { count: 1, ids: ['O1'] },
  });
  return repository;
}

function setup(
  repository: MemoryHotTopicRepository,
  options: { failures?: number; extra?: (report: HotTopicRecord) => readonly string[] } = {},
) {
  const { mailer, sent } = recordingMailer(options.failures);
  const extraCalls: HotTopicRecord[] = [];
  const extra = options.extra;
  const service = new HotTopicService({
    repository,
    mailer,
    config,
    publicBaseUrl: 'https://x.example',
    ...(extra
      ? {
          extraRecipients: async (report: HotTopicRecord) => {
            extraCalls.push(report);
            return extra(report);
          },
        }
      : {}),
  });
  return { service, sent, extraCalls };
}

const ratio = (actual: number | undefined, expected: number) => (actual ?? 0) / expected;

describe('which feedback a hot topic counts', () => {
  it.each([
    ['complaint', true],
    ['emotional', true],
    ['suggestion', false],
    ['praise', false],
    ['inquiry', false],
  ] as const)('type %s is a complaint: %s', (type, expected) => {
    expect(isComplaint({ type: type as FeedbackType })).toBe(expected);
  });

  it('counts a complaint into its wall-clock hour and local day, once however often it comes', async () => {
    // Prepare: 17:30Z is 01:30 the next day in Shanghai.
    const repository = new MemoryHotTopicRepository();
    const { service } = setup(repository);
    const complaint = openFeedback('P3', '2031-03-11T17:30:00.000Z', {
      id: 'F1',
      type: 'emotional',
      category: 'billing_payment',
      text: 'Printer jammed',
      language: 'en',
    });

    // Act
    const first = await service.countComplaint(complaint);
    const again = await service.countComplaint(complaint);

    // Assess
    expect([first, again]).toEqual([true, false]);
    expect(repository.countCalls[0]).toEqual([
      'F1',
      '2031-03-11T17:00:00Z',
      '2031-03-12',
      ['total', 'category:billing_payment', 'term:printer', 'term:jammed'],
    ]);
  });

  it('does not count feedback that is no complaint', async () => {
    // Prepare
    const repository = new MemoryHotTopicRepository();
    const { service } = setup(repository);

    // Act
    const counted = await service.countComplaint(
      openFeedback('P4', '2031-03-11T17:30:00.000Z', { id: 'F2', type: 'suggestion' }),
    );

    // Assess
    expect(counted).toBe(false);
    expect(repository.countCalls).toEqual([]);
  });
});

describe('hot-topic scan', () => {
  it('reports the improbable topics, merged by shared feedback, and emails each once', async () => {
    // Prepare
    const repository = seeded();
    const { service, sent, extraCalls } = setup(repository, {
      extra: (report) => (report.key === 'product_quality' ? ['lead@example.org', 'first@example.org'] : []),
    });

    // Act
    const summary = await service.scan(NOW);

    // Assess: unseen topics expect (0 + 0.5) / (40 + 0.5) · 17 = 0.2099 by volume (0.0045 by
    // time); delivery expects 9.5 / 40.5 · 17 = 3.99, so its five are not improbable; the
    // outage is below minCount.
    expect(summary).toEqual({
      windowStart: WINDOW_START,
      windowEnd: '2031-03-12T06:20:00.000Z',
      topics: 5,
      hot: 3,
      reported: [PQ_ID, PRINTER_ID],
      alreadyReported: 0,
      bucketsRead: 34,
      readUnits: 20,
    });
    expect(repository.hoursRead).toEqual([
      '2031-03-12T01:00:00Z',
      '2031-03-12T02:00:00Z',
      '2031-03-12T03:00:00Z',
      '2031-03-12T04:00:00Z',
      '2031-03-12T05:00:00Z',
      '2031-03-12T06:00:00Z',
    ]);
    expect(repository.daysRead).toHaveLength(28);
    expect(new Set(repository.daysRead).size).toBe(28);
    expect(repository.daysRead[0]).toBe('2031-02-12');
    expect(repository.daysRead.at(-1)).toBe('2031-03-11');
    expect(repository.claimCalls).toEqual([
      { id: PQ_ID, windowEndHour: '2031-03-12T07:00:00.000Z' },
      { id: PRINTER_ID, windowEndHour: '2031-03-12T07:00:00.000Z' },
    ]);

    const pq = repository.reports.get(PQ_ID);
    expect(pq).toEqual({
      id: PQ_ID,
      kind: 'category',
      key: 'product_quality',
      keys: ['category:product_quality', 'term:读卡器'],
      count: 6,
      expected: 0.2099,
      pValue: expect.any(Number),
      windowStart: WINDOW_START,
      windowEnd: '2031-03-12T06:20:00.000Z',
      detectedAt: '2031-03-12T06:20:00.000Z',
      feedbackIds: ['W1', 'W2', 'W3', 'W4', 'W5', 'W6'],
      status: 'sent',
      messageId: 'msg-1',
    });
    // P(X ≥ 6) for X ~ Poisson(0.20988)
    expect(ratio(pq?.pValue, 9.919091811174346e-8)).toBeCloseTo(1, 6);
    const printer = repository.reports.get(PRINTER_ID);
    expect(printer).toEqual({
      id: PRINTER_ID,
      kind: 'term',
      key: 'printer',
      count: 5,
      expected: 0.2099,
      pValue: expect.any(Number),
      windowStart: WINDOW_START,
      windowEnd: '2031-03-12T06:20:00.000Z',
      detectedAt: '2031-03-12T06:20:00.000Z',
      feedbackIds: ['P1', 'P2', 'P3', 'P4', 'P5'],
      status: 'sent',
      messageId: 'msg-2',
    });
    expect(ratio(printer?.pValue, 2.850187443460087e-6)).toBeCloseTo(1, 6);

    expect(sent.map((m) => m.to)).toEqual([
      ['first@example.org', 'second@example.org', 'lead@example.org'],
      ['first@example.org', 'second@example.org'],
    ]);
    expect(sent.map((m) => m.subject)).toEqual([
      `Hot topic: category "product_quality" — 6 complaints, 0.21 expected [${PQ_ID}]`,
      `Hot topic: term "printer" — 5 complaints, 0.21 expected [${PRINTER_ID}]`,
    ]);
    expect(sent.map((m) => m.tags)).toEqual([
      { kind: 'hot-topic', hotTopicId: PQ_ID },
      { kind: 'hot-topic', hotTopicId: PRINTER_ID },
    ]);
    expect(sent[0]?.text).toContain('- W1: https://x.example/v1/feedback/W1');
    expect(extraCalls.map((report) => report.id)).toEqual([PQ_ID, PRINTER_ID]);
  });

  it('emails only the escalation addresses when no extra recipients are configured', async () => {
    // Prepare
    const { service, sent } = setup(seeded());

    // Act
    await service.scan(NOW);

    // Assess
    expect(sent.map((m) => m.to)).toEqual([
      ['first@example.org', 'second@example.org'],
      ['first@example.org', 'second@example.org'],
    ]);
  });

  it('reports nothing new when the scan runs again, in the same window or an overlapping one', async () => {
    // Prepare
    const repository = seeded();
    const { service, sent } = setup(repository);
    await service.scan(NOW);

    // Act
    const again = await service.scan(NOW);
    const later = await service.scan(new Date('2031-03-12T06:35:00.000Z'));
    const nextHour = await service.scan(new Date('2031-03-12T07:05:00.000Z'));

    // Assess
    expect([again, later, nextHour].map((s) => [s.reported, s.alreadyReported])).toEqual([
      [[], 2],
      [[], 2],
      [[], 2],
    ]);
    expect(sent).toHaveLength(2);
    expect([...repository.reports.values()].map((r) => r.status)).toEqual(['sent', 'sent']);
  });

  it('gives the claim back when the email fails, so the retried scan reports it once', async () => {
    // Prepare
    const repository = seeded();
    const { service, sent } = setup(repository, { failures: 1 });

    // Act
    const failure = await service.scan(NOW).catch((error: Error) => error.message);
    const reportsAfterFailure = repository.reports.size;
    const claimsAfterFailure = repository.topicClaims.size;
    const retried = await service.scan(NOW);

    // Assess
    expect(failure).toBe('SES throttled');
    expect(reportsAfterFailure).toBe(0);
    expect(claimsAfterFailure).toBe(0);
    expect(retried.reported).toEqual([PQ_ID, PRINTER_ID]);
    expect(retried.alreadyReported).toBe(0);
    expect(sent).toHaveLength(2);
  });

  it('reads an empty window without error and reports nothing', async () => {
    // Prepare
    const repository = new MemoryHotTopicRepository();
    repository.seedDay('2031-03-01', { total: 3, 'category:delivery': 3 });
    const { service, sent } = setup(repository);

    // Act
    const summary = await service.scan(NOW);

    // Assess
    expect(summary).toEqual({
      windowStart: WINDOW_START,
      windowEnd: '2031-03-12T06:20:00.000Z',
      topics: 0,
      hot: 0,
      reported: [],
      alreadyReported: 0,
      bucketsRead: 34,
      readUnits: 20,
    });
    expect(sent).toEqual([]);
  });
});

describe('hot-topic list', () => {
  it('lists up to 100 reports by default, or as many as asked', async () => {
    // Prepare
    const repository = seeded();
    const { service } = setup(repository);
    await service.scan(NOW);

    // Act
    const all = await service.list();
    const one = await service.list(1);

    // Assess
    expect(all.map((r) => r.id)).toEqual([PQ_ID, PRINTER_ID]);
    expect(one.map((r) => r.id)).toEqual([PQ_ID]);
    expect(repository.listLimits).toEqual([100, 1]);
  });
});
