import { describe, expect, it } from 'vitest';
import { hotTopicsConfigSchema } from '../../../shared/config/hot-topics-config.ts';
import { parseStackConfig } from '../../../shared/config/stack-config.ts';
import {
  counterKeysOf,
  dayBucketOf,
  detectHotTopics,
  expectedCount,
  extractTerms,
  hourBucketOf,
  mergeHotTopics,
  poissonUpperTail,
  scanBuckets,
} from '../../../shared/domain/hot-topics.ts';

const defaults = hotTopicsConfigSchema.parse({});

describe('hour and day buckets in the configured timezone', () => {
  it.each([
    // Shanghai (UTC+8): local hours start on the UTC hour.
    ['2026-12-01T00:59:59.999Z', 'Asia/Shanghai', '2026-12-01T00:00:00Z', '2026-12-01'],
    ['2026-12-01T01:00:00.000Z', 'Asia/Shanghai', '2026-12-01T01:00:00Z', '2026-12-01'],
    // 23:59:59 on 30 Nov in UTC is 07:59 on 1 Dec in Shanghai: the local day counts.
    ['2026-11-30T23:59:59.000Z', 'Asia/Shanghai', '2026-11-30T23:00:00Z', '2026-12-01'],
    ['2026-11-30T15:59:59.000Z', 'Asia/Shanghai', '2026-11-30T15:00:00Z', '2026-11-30'],
    ['2026-11-30T16:00:00.000Z', 'Asia/Shanghai', '2026-11-30T16:00:00Z', '2026-12-01'],
    // Kolkata (UTC+5:30): local hours start at :30 UTC.
    ['2026-12-01T01:29:59.000Z', 'Asia/Kolkata', '2026-12-01T00:30:00Z', '2026-12-01'],
    ['2026-12-01T01:30:00.000Z', 'Asia/Kolkata', '2026-12-01T01:30:00Z', '2026-12-01'],
  ])('%s in %s → hour %s, day %s', (instant, zone, hour, day) => {
    expect(hourBucketOf(instant, zone)).toBe(hour);
    expect(dayBucketOf(instant, zone)).toBe(day);
  });

  it('a scan at each quarter of an hour reads the same window, the current hour included', () => {
    const quarters = ['09:00:00', '09:15:00', '09:30:00', '09:45:00', '09:59:59'].map((time) =>
      scanBuckets(new Date(`2026-12-01T${time}Z`), { windowHours: 6, baselineDays: 28 }, 'Asia/Shanghai'),
    );
    for (const buckets of quarters) {
      expect(buckets.window).toEqual([
        '2026-12-01T04:00:00Z',
        '2026-12-01T05:00:00Z',
        '2026-12-01T06:00:00Z',
        '2026-12-01T07:00:00Z',
        '2026-12-01T08:00:00Z',
        '2026-12-01T09:00:00Z',
      ]);
      // The window starts at 12:00 on 1 Dec in Shanghai: the baseline is the 28 days before it.
      expect(buckets.baseline).toHaveLength(28);
      expect(buckets.baseline[0]).toBe('2026-11-03');
      expect(buckets.baseline[27]).toBe('2026-11-30');
    }
    const next = scanBuckets(
      new Date('2026-12-01T10:00:00Z'),
      { windowHours: 6, baselineDays: 28 },
      'Asia/Shanghai',
    );
    expect(next.windowStart).toBe('2026-12-01T05:00:00Z');
    expect(next.windowEnd).toBe('2026-12-01T10:00:00.000Z');
  });

  it('a window that starts before local midnight takes its baseline from the days before that day', () => {
    // 2026-12-01T17:10Z is 01:10 on 2 Dec in Shanghai; the 6-hour window starts at 20:00 on 1 Dec.
    const buckets = scanBuckets(
      new Date('2026-12-01T17:10:00Z'),
      { windowHours: 6, baselineDays: 2 },
      'Asia/Shanghai',
    );
    expect(buckets.windowStart).toBe('2026-12-01T12:00:00Z');
    expect(buckets.baseline).toEqual(['2026-11-29', '2026-11-30']);
  });
});

describe('the Poisson upper tail P(X ≥ k)', () => {
  it.each([
    [1, 1, 0.6321205588],
    [3, 2, 0.3233235838],
    [10, 10, 0.5420702855],
    [0, 3, 1],
    [1, 0, 0],
  ])('k=%d, λ=%d → %f', (k, lambda, expected) => {
    expect(poissonUpperTail(k, lambda)).toBeCloseTo(expected, 9);
  });

  it('stays exact far in the tail (no 1 − cdf cancellation)', () => {
    // e^-0.1 · (0.1^5/5! + 0.1^6/6! + 0.1^7/7! + …) = 7.667802e-08
    expect(poissonUpperTail(5, 0.1) / 7.667802e-8).toBeCloseTo(1, 5);
    // e^-0.01 · 0.01^20 / 20! · (1 + 0.01/21 + …) = 4.0713580e-59
    expect(poissonUpperTail(20, 0.01) / 4.071358e-59).toBeCloseTo(1, 5);
  });
});

describe('key terms from the text', () => {
  it('simplified Chinese: dictionary words, stop words dropped, unknown compounds joined', () => {
    expect(extractTerms('营业厅的读卡器坏了，刷卡一直失败，排队很久', 'zh')).toEqual([
      '营业',
      '读卡器坏',
      '刷卡',
      '失败',
      '排队',
      '很久',
    ]);
  });

  it('traditional Chinese is counted under the simplified term', () => {
    expect(extractTerms('營業廳的讀卡機壞了，刷卡一直失敗', 'zh-TW')).toEqual([
      '营业',
      '读卡机坏',
      '刷卡',
      '失败',
    ]);
  });

  it('English: lower-cased words of three letters or more, no stop words, no numbers', () => {
    expect(
      extractTerms('The card reader at the Main Street branch is broken AGAIN, 3rd time in 2 days!', 'en'),
    ).toEqual(['card', 'reader', 'main', 'street', 'branch', 'broken', 'time', 'days']);
  });

  it('a complaint counts under the total, its category and its terms', () => {
    expect(counterKeysOf({ category: 'billing_payment', text: 'Overcharged twice', language: 'en' })).toEqual(
      ['total', 'category:billing_payment', 'term:overcharged', 'term:twice'],
    );
  });
});

describe('hot-topic detection and merging', () => {
  const settings = { ...defaults };

  it('a wave over a quiet baseline is hot; the same count over a busy one is not; below minCount never', () => {
    const hot = detectHotTopics(
      [
        { kind: 'category', key: 'outage', windowCount: 6, baselineCount: 10, feedbackIds: ['a'] },
        { kind: 'category', key: 'waiting_time', windowCount: 6, baselineCount: 600, feedbackIds: ['b'] },
        { kind: 'term', key: 'printer', windowCount: 4, baselineCount: 0, feedbackIds: ['c'] },
      ],
      { baseline: 2000, window: 40 },
      settings,
    );
    // outage: by volume (10 + 0.5) / (2000 + 0.5) · 40 = 0.2099475 (by time only 0.09375).
    expect(hot.map((topic) => topic.key)).toEqual(['outage']);
    expect(hot[0]?.expected).toBeCloseTo(0.2099475, 7);
  });

  it('expects the larger of the time and the volume estimate', () => {
    // A busy morning: 40 complaints in the window; a quiet night: 6.
    expect(expectedCount(10, { baseline: 2000, window: 40 }, settings)).toBeCloseTo(0.2099475, 7);
    expect(expectedCount(10, { baseline: 2000, window: 6 }, settings)).toBeCloseTo(0.09375, 10);
    // A topic never seen: the prior's half complaint over 28 days, 6 hours of it.
    expect(expectedCount(0, { baseline: 0, window: 0 }, settings)).toBeCloseTo(0.0044643, 7);
  });

  it('terms in at least commonTermShare of the baseline’s complaints are ignored however many', () => {
    const topics = [
      { kind: 'term' as const, key: 'service', windowCount: 50, baselineCount: 100, feedbackIds: ['a'] },
      { kind: 'term' as const, key: 'reader', windowCount: 50, baselineCount: 99, feedbackIds: ['b'] },
    ];
    expect(
      detectHotTopics(topics, { baseline: 2000, window: 100 }, settings).map((topic) => topic.key),
    ).toEqual(['reader']);
  });

  it('overlapping topics merge into one report with the union of their feedback; others stay apart', () => {
    const reports = mergeHotTopics([
      {
        kind: 'term',
        key: 'reader',
        count: 6,
        expected: 0.01,
        pValue: 1e-12,
        feedbackIds: ['f1', 'f2', 'f3'],
      },
      { kind: 'category', key: 'outage', count: 7, expected: 0.1, pValue: 1e-9, feedbackIds: ['f3', 'f4'] },
      { kind: 'term', key: 'card', count: 5, expected: 0.1, pValue: 1e-8, feedbackIds: ['f4', 'f5'] },
      { kind: 'term', key: 'parcel', count: 5, expected: 0.1, pValue: 1e-7, feedbackIds: ['g1'] },
    ]);
    expect(reports).toEqual([
      {
        kind: 'term',
        key: 'reader',
        keys: ['term:reader', 'category:outage', 'term:card'],
        count: 6,
        expected: 0.01,
        pValue: 1e-12,
        feedbackIds: ['f1', 'f2', 'f3', 'f4', 'f5'],
      },
      {
        kind: 'term',
        key: 'parcel',
        keys: ['term:parcel'],
        count: 5,
        expected: 0.1,
        pValue: 1e-7,
        feedbackIds: ['g1'],
      },
    ]);
  });
});

describe('hotTopics configuration (validated at synth)', () => {
  it('defaults to the contract’s values', () => {
    expect(parseStackConfig({}).hotTopics).toMatchObject({
      windowHours: 6,
      baselineDays: 28,
      minCount: 5,
      alpha: 0.001,
    });
  });

  it.each([
    [{ alpha: 0 }, 'hotTopics.alpha'],
    [{ minCount: 1 }, 'hotTopics.minCount'],
    [{ windowHours: 48, baselineDays: 1 }, 'hotTopics.windowHours'],
  ])('refuses %j naming %s', (hotTopics, path) => {
    expect(() => parseStackConfig({ hotTopics })).toThrow(path);
  });
});
