import { describe, expect, it } from 'vitest';
import { hotTopicsConfigSchema } from '../../../shared/config/hot-topics-config.ts';
import {
  counterKeysOf,
  dayBucketOf,
  detectHotTopics,
  extractTerms,
  type HotTopic,
  hotTopicId,
  hotTopicSchema,
  hourBucketOf,
  mergeHotTopics,
  parseTopicKey,
  poissonUpperTail,
} from '../../../shared/domain/hot-topics.ts';

const settings = hotTopicsConfigSchema.parse({});

describe('counter keys', () => {
  it.each([
    ['category:outage', { kind: 'category', key: 'outage' }],
    ['term:reader', { kind: 'term', key: 'reader' }],
    // Only the first colon separates: a key may hold colons
    ['term:a:b', { kind: 'term', key: 'a:b' }],
    ['total', undefined],
    ['other:x', undefined],
    [':x', undefined],
  ])('parseTopicKey(%s) → %j', (counterKey, expected) => {
    // Act
    const parsed = parseTopicKey(counterKey);
    // Assess
    expect(parsed).toEqual(expected);
  });

  it('a complaint without a category counts under the total and its terms only', () => {
    // Act
    const keys = counterKeysOf({ category: null, text: 'Broken printer', language: 'en' });
    // Assess
    expect(keys).toEqual(['total', 'term:broken', 'term:printer']);
  });
});

describe('buckets of a Date', () => {
  it('a Date falls in the same hour and day as its ISO string', () => {
    // Prepare: 2026-11-30T16:30Z is 00:30 on 1 Dec in Shanghai
    const instant = new Date('2026-11-30T16:30:00.000Z');
    // Act + Assess
    expect(hourBucketOf(instant, 'Asia/Shanghai')).toBe('2026-11-30T16:00:00Z');
    expect(dayBucketOf(instant, 'Asia/Shanghai')).toBe('2026-12-01');
    expect(dayBucketOf(instant, 'UTC')).toBe('2026-11-30');
  });
});

describe('the Poisson upper tail at its edges', () => {
  it.each([
    // P(X ≥ 0) is 1 whatever λ, even 0
    [0, 0, 1],
    // 1 − e^-1 · (1 + 1) = 0.26424111765711535681 (ln 2! counts; mpmath: 0.26424111765711535681)
    [2, 1, 0.2642411176571153],
    // e^-1000 underflows: P(X ≥ 1) = 1 − e^-1000 is 1 in doubles
    [1, 1000, 1],
    // P(X ≥ 2000) for λ = 1 underflows to 0 (and must end)
    [2000, 1, 0],
  ])('k=%d, λ=%d → %f', (k, lambda, expected) => {
    // Act
    const tail = poissonUpperTail(k, lambda);
    // Assess
    expect(tail).toBeCloseTo(expected, 15);
  });

  it.each([
    // Regularized lower incomplete gamma P(k, λ), computed with mpmath at 40 digits, rounded to doubles
    [256, 200, 8.08155637105825e-5],
    [260, 256, 0.4095696345315069],
    [300, 100, 1.818721816730848e-58],
  ])('k=%d, λ=%d (Stirling’s series for ln k!) → %f to 11 digits', (k, lambda, expected) => {
    // Act
    const tail = poissonUpperTail(k, lambda);
    // Assess
    expect(tail / expected).toBeCloseTo(1, 11);
  });
});

describe('key terms: lengths, kinds of word, and the cap', () => {
  it.each([
    // Unknown Han characters come one by one and are joined into one term
    ['龘龘', 'zh', ['龘龘']],
    ['龘', 'zh', []],
    ['龘龘，龘龘龘', 'zh', ['龘龘', '龘龘龘']],
    ['龘'.repeat(40), 'zh', ['龘'.repeat(40)]],
    ['龘'.repeat(41), 'zh', []],
    // Traditional Han in a text tagged en or untagged is still counted under the simplified term
    ['讀卡機壞了', 'en', ['读卡机坏']],
    ['讀卡機壞了', null, ['读卡机坏']],
    // Latin: three letters or more, at most 40, letters only
    ['ok bus', 'en', ['bus']],
    [`${'x'.repeat(40)} ${'y'.repeat(41)}`, 'en', ['x'.repeat(40)]],
    ['abc123 queue', 'en', ['queue']],
    // Punctuation, spaces and half-width sound marks (combining marks after NFKC) are no terms
    ['龘龘 , ; 龘龘龘', 'zh', ['龘龘', '龘龘龘']],
    ['ﾞﾞﾞ queue', 'en', ['queue']],
  ])('extractTerms(%s, %s) → %j', (text, language, expected) => {
    // Act
    const terms = extractTerms(text, language);
    // Assess
    expect(terms).toEqual(expected);
  });

  it('keeps the first 20 distinct terms', () => {
    // Prepare: 22 distinct words, the first repeated
    const words = [
      'alpha',
      'bravo',
      'charlie',
      'delta',
      'echo',
      'foxtrot',
      'golf',
      'hotel',
      'india',
      'juliet',
      'kilo',
      'lima',
      'mike',
      'november',
      'oscar',
      'papa',
      'quebec',
      'romeo',
      'sierra',
      'tango',
      'uniform',
      'victor',
    ];
    // Act
    const terms = extractTerms(`alpha ${words.join(' ')}`, 'en');
    // Assess
    expect(terms).toEqual(words.slice(0, 20));
    expect(terms).toHaveLength(20);
  });
});

describe('hot-topic detection at its edges', () => {
  it('a topic at exactly minCount can be hot, and keeps its feedback ids', () => {
    // Prepare: 5 complaints of a never-seen term; expected max(0.5·6/672, 0.5/2000.5·40)
    const topics = [
      { kind: 'term' as const, key: 'printer', windowCount: 5, baselineCount: 0, feedbackIds: ['f1', 'f2'] },
    ];
    // Act
    const hot = detectHotTopics(topics, { baseline: 2000, window: 40 }, settings);
    // Assess
    expect(hot).toHaveLength(1);
    expect(hot[0]).toMatchObject({ kind: 'term', key: 'printer', count: 5, feedbackIds: ['f1', 'f2'] });
    expect(hot[0]?.expected).toBeCloseTo(0.00999750062, 10);
  });

  it('a common category is never cut as common (only terms are)', () => {
    // Prepare: 200 of 2000 baseline complaints (10 % ≥ 5 %), 60 of 100 in the window
    const topics = [
      { kind: 'category' as const, key: 'outage', windowCount: 60, baselineCount: 200, feedbackIds: ['a'] },
      { kind: 'term' as const, key: 'outage', windowCount: 60, baselineCount: 200, feedbackIds: ['b'] },
    ];
    // Act
    const hot = detectHotTopics(topics, { baseline: 2000, window: 100 }, settings);
    // Assess: expected max(200.5·6/672, 200.5/2000.5·100) = 10.0224944
    expect(hot.map((topic) => `${topic.kind}:${topic.key}`)).toEqual(['category:outage']);
    expect(hot[0]?.expected).toBeCloseTo(10.0224944, 6);
  });

  it('with no baseline complaints counted no term is too common', () => {
    // Prepare: the term's counter has 3 baseline complaints, the total none (a half-written counter)
    const topics = [
      { kind: 'term' as const, key: 'reader', windowCount: 5, baselineCount: 3, feedbackIds: ['a'] },
    ];
    // Act
    const hot = detectHotTopics(topics, { baseline: 0, window: 0 }, settings);
    // Assess: judged by time alone, (3 + 0.5) · 6 / 672 = 0.03125
    expect(hot.map((topic) => topic.key)).toEqual(['reader']);
    expect(hot[0]?.expected).toBeCloseTo(0.03125, 12);
  });
});

const topic = (
  kind: HotTopic['kind'],
  key: string,
  pValue: number,
  count: number,
  feedbackIds: string[],
): HotTopic => ({
  kind,
  key,
  count,
  expected: 0.1,
  pValue,
  feedbackIds,
});

describe('merging: the strongest first', () => {
  it('orders a merged group by p-value, whatever the input order', () => {
    // Act
    const [report, ...others] = mergeHotTopics([
      topic('term', 'card', 1e-8, 9, ['f4', 'f5']),
      topic('category', 'outage', 1e-9, 7, ['f3', 'f4']),
      topic('term', 'reader', 1e-12, 6, ['f1', 'f2', 'f3']),
    ]);
    // Assess
    expect(others).toEqual([]);
    expect(report).toEqual({
      kind: 'term',
      key: 'reader',
      keys: ['term:reader', 'category:outage', 'term:card'],
      count: 6,
      expected: 0.1,
      pValue: 1e-12,
      feedbackIds: ['f1', 'f2', 'f3', 'f4', 'f5'],
    });
  });

  it('breaks p-value ties by count, then category before term, then by key', () => {
    // Act
    const [report] = mergeHotTopics([
      topic('term', 'zebra', 1e-9, 5, ['a']),
      topic('term', 'apple', 1e-9, 5, ['a']),
      topic('category', 'queue', 1e-9, 5, ['a']),
      topic('term', 'mango', 1e-9, 6, ['a']),
      topic('category', 'billing', 1e-9, 5, ['a']),
    ]);
    // Assess
    expect(report?.keys).toEqual([
      'term:mango',
      'category:billing',
      'category:queue',
      'term:apple',
      'term:zebra',
    ]);
    expect(report).toMatchObject({ kind: 'term', key: 'mango', count: 6 });
  });

  it('puts a category before a term of the same strength in either input order', () => {
    // Act
    const [first] = mergeHotTopics([
      topic('category', 'queue', 1e-9, 5, ['a']),
      topic('term', 'apple', 1e-9, 5, ['a']),
    ]);
    const [second] = mergeHotTopics([
      topic('term', 'apple', 1e-9, 5, ['a']),
      topic('category', 'queue', 1e-9, 5, ['a']),
    ]);
    // Assess
    expect(first?.keys).toEqual(['category:queue', 'term:apple']);
    expect(second?.keys).toEqual(['category:queue', 'term:apple']);
  });

  it('orders reports by p-value, then by count', () => {
    // Act
    const reports = mergeHotTopics([
      topic('term', 'g1', 1e-7, 5, ['g1']),
      topic('term', 'g2', 1e-9, 5, ['g2']),
      topic('term', 'g3', 1e-9, 8, ['g3']),
      topic('term', 'g4', 1e-12, 5, ['g4']),
    ]);
    // Assess
    expect(reports.map((report) => report.key)).toEqual(['g4', 'g3', 'g2', 'g1']);
  });

  it('names at most 50 merged keys and lists at most 50 ids, sorted', () => {
    // Prepare: 51 topics sharing one id, each with one own id, given weakest first
    const pad = (i: number) => String(i).padStart(2, '0');
    const hot = Array.from({ length: 51 }, (_, i) =>
      topic('term', `t${pad(50 - i)}`, (51 - i) * 1e-9, 5, [`id-${pad(50 - i)}`, 'shared']),
    );
    // Act
    const [report] = mergeHotTopics(hot);
    // Assess: t00 has the smallest p-value; ids id-00 … id-49 sort before "shared"
    expect(report?.key).toBe('t00');
    expect(report?.keys).toEqual(Array.from({ length: 50 }, (_, i) => `term:t${pad(i)}`));
    expect(report?.feedbackIds).toEqual(Array.from({ length: 50 }, (_, i) => `id-${pad(i)}`));
  });
});

describe('report ids', () => {
  it.each([
    ['2026-12-01T04:00:00Z', 'term', 'reader', 'HT-20261201T040000Z-dGVybTpyZWFkZXI'],
    ['2026-12-01T04:30:00Z', 'category', 'outage', 'HT-20261201T043000Z-Y2F0ZWdvcnk6b3V0YWdl'],
  ] as const)('window %s, %s %s → %s', (windowStart, kind, key, expected) => {
    // Act
    const id = hotTopicId(windowStart, { kind, key });
    // Assess
    expect(id).toBe(expected);
    expect(hotTopicSchema.shape.id.parse(id)).toBe(expected);
  });
});
