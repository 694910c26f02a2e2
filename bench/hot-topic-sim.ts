/**
 * Hot-topic statistics on synthetic data, in memory: the real {@link HotTopicService} scans
 * every 15 minutes over counters an in-memory repository keeps exactly as the DynamoDB one
 * does (marker per complaint, id samples, per-topic window claims). Measures the false-alarm
 * rate on a quiet month and the detection delay of a burst. Deterministic (seeded PRNG).
 */
import { parseStackConfig, type StackConfigInput } from '../shared/config/stack-config.ts';
import { dayBucketOf, type HotTopicRecord, hourBucketOf, topicKey } from '../shared/domain/hot-topics.ts';
import type { CounterRow, HotTopicRepository } from '../shared/ports/hot-topic-repository.ts';
import type { Mailer } from '../shared/ports/mailer.ts';
import { HotTopicService } from '../shared/services/hot-topic-service.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SAMPLE_CAP = 100;

/** The DynamoDB repository's semantics, in memory. */
export class MemoryHotTopicRepository implements HotTopicRepository {
  readonly consumedReadUnits = 0;
  readonly #counts = new Map<string, Map<string, CounterRow>>();
  readonly #marks = new Set<string>();
  readonly #reports = new Map<string, HotTopicRecord>();
  readonly #claims = new Map<string, string>();

  async count(id: string, hour: string, day: string, keys: readonly string[]): Promise<boolean> {
    if (this.#marks.has(id)) return false;
    this.#marks.add(id);
    for (const [bucket, sample] of [
      [`h${hour}`, true],
      [`d${day}`, false],
    ] as const) {
      const rows = this.#counts.get(bucket) ?? new Map<string, CounterRow>();
      this.#counts.set(bucket, rows);
      for (const key of keys) {
        const row = rows.get(key) ?? { counterKey: key, count: 0, ids: [] };
        if (sample && row.count < SAMPLE_CAP) row.ids.push(id);
        row.count += 1;
        rows.set(key, row);
      }
    }
    return true;
  }

  async hourCounters(hour: string): Promise<CounterRow[]> {
    return [...(this.#counts.get(`h${hour}`)?.values() ?? [])];
  }

  async dayCounters(day: string): Promise<CounterRow[]> {
    return [...(this.#counts.get(`d${day}`)?.values() ?? [])].map((row) => ({ ...row, ids: [] }));
  }

  async claimReport(report: HotTopicRecord, windowEndHour: string): Promise<boolean> {
    const keys = report.keys ?? [topicKey(report.kind, report.key)];
    if (this.#reports.has(report.id)) return false;
    if (keys.some((key) => (this.#claims.get(key) ?? '') > report.windowStart)) return false;
    this.#reports.set(report.id, report);
    for (const key of keys) this.#claims.set(key, windowEndHour);
    return true;
  }

  async markReportSent(): Promise<void> {}
  async releaseReport(report: HotTopicRecord): Promise<void> {
    this.#reports.delete(report.id);
  }
  async listReports(): Promise<HotTopicRecord[]> {
    return [...this.#reports.values()];
  }
  async getReport(id: string): Promise<HotTopicRecord | undefined> {
    return this.#reports.get(id);
  }
}

/** Mulberry32: a small seeded PRNG so every run draws the same month. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function poisson(random: () => number, lambda: number): number {
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = random();
  while (p > limit) {
    k += 1;
    p *= random();
  }
  return k;
}

const CATEGORIES = [
  ['waiting_time', 0.25],
  ['staff_attitude', 0.18],
  ['billing_payment', 0.15],
  ['product_quality', 0.12],
  ['delivery', 0.1],
  ['environment', 0.08],
  ['outage', 0.07],
  ['safety', 0.05],
] as const;

/** A synthetic quiet stream: complaints per hour follow a daily curve, categories and terms (Zipf) drawn independently. */
export interface QuietStream {
  complaintsPerDay: number;
  vocabulary: number;
  termsPerComplaint: number;
}

function drawCategory(random: () => number): string {
  let u = random();
  for (const [id, share] of CATEGORIES) {
    u -= share;
    if (u <= 0) return id;
  }
  return 'waiting_time';
}

function zipfSampler(size: number, random: () => number): () => number {
  const weights = Array.from({ length: size }, (_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) {
    sum += w / total;
    cumulative.push(sum);
  }
  return () => {
    const u = random();
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** Office-hours shape: most complaints between 09:00 and 18:00 local time. */
function hourWeight(localHour: number): number {
  return localHour >= 9 && localHour < 18 ? 2.2 : localHour >= 7 && localHour < 22 ? 0.8 : 0.15;
}

export interface SimulationResult {
  scans: number;
  days: number;
  reports: number;
  falseAlarmsPerDay: number;
  /** Share of scans that raised at least one report. */
  scanAlarmRate: number;
  burst?: { size: number; perHour: number; detectedAfterMinutes: number | null; count: number | null };
}

/**
 * Runs a month of 15-minute scans over a quiet stream (after filling the baseline), with an
 * optional burst of one new topic starting at `burstAt` (hours into the scanned month).
 */
export async function simulate(options: {
  stream: QuietStream;
  scanDays: number;
  config?: StackConfigInput;
  seed?: number;
  burst?: { startHour: number; size: number; perHour: number };
}): Promise<SimulationResult> {
  const config = parseStackConfig({ ...options.config });
  const timezone = config.calendar.timezone;
  const random = prng(options.seed ?? 42);
  const term = zipfSampler(options.stream.vocabulary, random);
  const repository = new MemoryHotTopicRepository();
  const reports: HotTopicRecord[] = [];
  const mailer: Mailer = { send: async () => ({ messageId: 'sim' }) };
  const service = new HotTopicService({ repository, mailer, config, publicBaseUrl: 'http://sim' });

  const baselineDays = config.hotTopics.baselineDays + 1;
  const start = Date.parse('2026-01-05T00:00:00+08:00');
  const scanStart = start + baselineDays * DAY;
  const end = scanStart + options.scanDays * DAY;
  const meanWeight = Array.from({ length: 24 }, (_, h) => hourWeight(h)).reduce((a, b) => a + b, 0) / 24;
  let seq = 0;
  const countAt = async (at: number, keys: string[]) => {
    seq += 1;
    const id = `sim-${seq}`;
    const iso = new Date(at).toISOString();
    await repository.count(id, hourBucketOf(iso, timezone), dayBucketOf(iso, timezone), keys);
    return id;
  };
  const burstIds = new Set<string>();
  const burstStart = options.burst ? scanStart + options.burst.startHour * HOUR : Number.POSITIVE_INFINITY;
  let scans = 0;
  let alarmedScans = 0;
  let detectedAt: number | null = null;
  let detectedCount: number | null = null;

  const QUARTER = HOUR / 4;
  let burstOwed = 0;
  for (let slot = start; slot < end; slot += QUARTER) {
    const localHour = (new Date(slot).getUTCHours() + 8) % 24;
    const expected = ((options.stream.complaintsPerDay / 96) * hourWeight(localHour)) / meanWeight;
    const arrivals = poisson(random, expected);
    for (let i = 0; i < arrivals; i += 1) {
      const terms = new Set<number>();
      while (terms.size < options.stream.termsPerComplaint) terms.add(term());
      await countAt(slot + random() * QUARTER, [
        'total',
        topicKey('category', drawCategory(random)),
        ...[...terms].map((t) => topicKey('term', `w${t}`)),
      ]);
    }
    if (options.burst && slot >= burstStart && burstIds.size < options.burst.size) {
      // The burst arrives evenly: perHour / 4 complaints each quarter of an hour.
      burstOwed += options.burst.perHour / 4;
      const due = Math.min(Math.floor(burstOwed), options.burst.size - burstIds.size);
      burstOwed -= due;
      for (let i = 0; i < due; i += 1) {
        burstIds.add(
          await countAt(slot + ((i + 0.5) / due) * QUARTER, [
            'total',
            topicKey('category', 'outage'),
            topicKey('term', 'card-reader'),
          ]),
        );
      }
    }
    if (slot < scanStart) continue;
    // The scheduled scan at the end of this quarter of an hour.
    const now = new Date(slot + QUARTER);
    const summary = await service.scan(now);
    scans += 1;
    if (!summary.reported.length) continue;
    const made = await Promise.all(summary.reported.map((id) => repository.getReport(id)));
    const real = made.filter((report): report is HotTopicRecord => Boolean(report));
    reports.push(...real);
    const burstReport = real.find((report) => report.feedbackIds.some((id) => burstIds.has(id)));
    if (burstReport && detectedAt === null) {
      detectedAt = now.getTime();
      detectedCount = burstReport.count;
    }
    if (real.some((report) => !report.feedbackIds.some((id) => burstIds.has(id)))) alarmedScans += 1;
  }
  const falseReports = reports.filter((report) => !report.feedbackIds.some((id) => burstIds.has(id)));
  return {
    scans,
    days: options.scanDays,
    reports: falseReports.length,
    falseAlarmsPerDay: falseReports.length / options.scanDays,
    scanAlarmRate: alarmedScans / scans,
    ...(options.burst
      ? {
          burst: {
            size: options.burst.size,
            perHour: options.burst.perHour,
            detectedAfterMinutes: detectedAt === null ? null : Math.round((detectedAt - burstStart) / 60_000),
            count: detectedCount,
          },
        }
      : {}),
  };
}
