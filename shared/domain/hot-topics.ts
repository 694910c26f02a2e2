import type { HotTopicsConfig } from '../config/hot-topics-config.ts';
import { isoInstantSchema } from '../schemas/common.ts';
import * as z from '../schemas/zod.ts';
import { STOP_WORDS } from './stop-words.ts';
import { localeOf, simplify } from './text.ts';
import { addDays, dateIn, formatIsoDate, wallTime } from './zoned-time.ts';

const HOUR_MS = 3_600_000;

/** A counted dimension: the complaint's category, one of its key terms, or all complaints. */
export type TopicKind = 'category' | 'term';

/** The counter key of all complaints of an hour (the denominator of the common-term cut). */
export const TOTAL_KEY = 'total';

/** `category:<id>` / `term:<word>`: the key a topic is counted under within an hour bucket. */
export function topicKey(kind: TopicKind, key: string): string {
  return `${kind}:${key}`;
}

/** Splits a counter key back into its kind and key; undefined for the total. */
export function parseTopicKey(counterKey: string): { kind: TopicKind; key: string } | undefined {
  const at = counterKey.indexOf(':');
  const kind = counterKey.slice(0, at);
  if (kind !== 'category' && kind !== 'term') return undefined;
  return { kind, key: counterKey.slice(at + 1) };
}

/**
 * The hour bucket an instant falls in: the start of its hour on the wall clock of `timezone`,
 * as a UTC ISO instant. In zones with half-hour offsets (Asia/Kolkata) the buckets start at
 * :30 UTC, so "the current hour" means the hour staff see on their clocks.
 */
export function hourBucketOf(instant: string | Date, timezone: string): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  const { minute, second } = wallTime(ms, timezone);
  const start = ms - minute * 60_000 - second * 1000 - (((ms % 1000) + 1000) % 1000);
  return new Date(start).toISOString().replace('.000Z', 'Z');
}

/** The local calendar day (`YYYY-MM-DD` in `timezone`) an instant falls in: the baseline's buckets. */
export function dayBucketOf(instant: string | Date, timezone: string): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return formatIsoDate(dateIn(ms, timezone));
}

/** The buckets a scan at `now` reads: the window's hours (current hour included) and the baseline's days. */
export interface ScanBuckets {
  /** Hour buckets, oldest first; the last one is the hour `now` falls in. */
  window: string[];
  /**
   * The `baselineDays` whole local days before the day the window starts in, oldest first.
   * Whole days keep the scan at `windowHours + baselineDays` reads; the hours between that
   * day's start and the window are in neither (at most 23 of 672 baseline hours).
   */
  baseline: string[];
  windowStart: string;
  windowEnd: string;
}

/** The buckets of a scan at `now` (contract §10: the window runs up to `now`, the current hour included). */
export function scanBuckets(
  now: Date,
  settings: { windowHours: number; baselineDays: number },
  timezone: string,
): ScanBuckets {
  const current = Date.parse(hourBucketOf(now, timezone));
  const hour = (offset: number) => new Date(current + offset * HOUR_MS).toISOString().replace('.000Z', 'Z');
  const window = Array.from({ length: settings.windowHours }, (_, i) => hour(i - settings.windowHours + 1));
  const windowStart = window[0] as string;
  const firstDay = dateIn(Date.parse(windowStart), timezone);
  const baseline = Array.from({ length: settings.baselineDays }, (_, i) =>
    formatIsoDate(addDays(firstDay, i - settings.baselineDays)),
  );
  return { window, baseline, windowStart, windowEnd: now.toISOString() };
}

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(locale: string): Intl.Segmenter {
  let found = segmenters.get(locale);
  // Stryker disable next-line ConditionalExpression: a new segmenter per call breaks words the same way; the cache only saves time
  if (!found) {
    found = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(locale, found);
  }
  return found;
}

const STOP = { en: new Set(STOP_WORDS.en), zh: new Set(STOP_WORDS.zh) };
const HAN = /^\p{Script=Han}+$/u;
const LETTERS = /^[\p{L}][\p{L}'’-]*$/u;

/** Most key terms one feedback contributes (each is one counter update). */
export const MAX_TERMS_PER_FEEDBACK = 20;

/**
 * Longest key term, in UTF-16 units: no real word is longer, and an unbounded one (a 5,000-letter
 * "word") would make a counter key DynamoDB refuses and a report of unbounded size.
 */
export const MAX_TERM_LENGTH = 40;

/**
 * The key terms of a text: dictionary word breaks from ICU (`Intl.Segmenter`), lower-cased,
 * traditional Chinese turned simplified (so 讀卡機 and 读卡机 are one term), stop words
 * dropped. ICU breaks unknown Chinese compounds into single characters (读|卡|器); runs of
 * such single characters are joined back into one term. Single Han characters and Latin
 * words under three letters are dropped; numbers are never terms. Distinct, in text order.
 */
export function extractTerms(text: string, language: string | null | undefined): string[] {
  // The flag only spares text without Han the conversion: ICU breaks such text alike for en and zh
  // and simplify leaves it as it is, so a flag that is true more often changes no term.
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: see above
  const chinese = localeOf(language) !== 'en' || /\p{Script=Han}/u.test(text);
  const normalized = (chinese ? simplify(text) : text).toLowerCase().normalize('NFKC');
  const terms: string[] = [];
  let run = '';
  const flush = () => {
    if (run.length >= 2 && run.length <= MAX_TERM_LENGTH && !STOP.zh.has(run)) terms.push(run);
    run = '';
  };
  for (const part of segmenter(chinese ? 'zh' : 'en').segment(normalized)) {
    // Spaces and punctuation need no test of their own: they fail both tests below, which end a run.
    const word = part.segment;
    if (HAN.test(word)) {
      if (STOP.zh.has(word)) {
        flush();
        continue;
      }
      if (word.length === 1) {
        run += word;
        continue;
      }
      flush();
      // Stryker disable next-line ConditionalExpression,EqualityOperator: ICU's dictionary has no Han word near 40 characters; the bound guards an ICU without it
      if (word.length <= MAX_TERM_LENGTH) terms.push(word);
      continue;
    }
    flush();
    if (word.length >= 3 && word.length <= MAX_TERM_LENGTH && LETTERS.test(word) && !STOP.en.has(word))
      terms.push(word);
  }
  flush();
  return [...new Set(terms)].slice(0, MAX_TERMS_PER_FEEDBACK);
}

/** The counter keys one complaint adds to its hour bucket: the total, its category, its terms. */
export function counterKeysOf(complaint: {
  category: string | null;
  text: string;
  language: string | null;
}): string[] {
  return [
    TOTAL_KEY,
    ...(complaint.category ? [topicKey('category', complaint.category)] : []),
    ...extractTerms(complaint.text, complaint.language).map((term) => topicKey('term', term)),
  ];
}

/** `ln(n!)` exactly for small n, Stirling's series beyond. */
function logFactorial(n: number): number {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: from 256 on the exact sum and Stirling's series agree to double precision; the cut only saves time
  if (n < 256) {
    let sum = 0;
    for (let i = 2; i <= n; i += 1) sum += Math.log(i);
    return sum;
  }
  return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + 1 / (12 * n) - 1 / (360 * n ** 3);
}

/**
 * P(X ≥ k) for X ~ Poisson(λ). Summed from k upwards when k is above the mean (no
 * cancellation, so tails of 1e-20 stay exact), else as 1 − P(X < k).
 */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: with λ = 0 and k ≥ 1 the sum below starts at exp(−∞) = 0 as well; the guard says it outright
  if (lambda <= 0) return 0;
  const logPmf = (i: number) => -lambda + i * Math.log(lambda) - logFactorial(i);
  // Stryker disable next-line EqualityOperator: at k = λ both sums give the same tail (up to rounding)
  if (k > lambda) {
    let term = Math.exp(logPmf(k));
    let sum = 0;
    for (
      let i = k;
      term > 0 &&
      // Stryker disable next-line ConditionalExpression,EqualityOperator: a term under 1e-17 of the sum no longer changes it; the stop only saves iterations
      term >= sum * 1e-17;
      i += 1
    ) {
      sum += term;
      term *= lambda / (i + 1);
    }
    return Math.min(1, sum);
  }
  let below = 0;
  let term = Math.exp(-lambda);
  for (let i = 0; i < k; i += 1) {
    below += term;
    term *= lambda / (i + 1);
  }
  return Math.max(0, 1 - below);
}

/** One topic's counts over a scan's buckets. */
export interface TopicCounts {
  kind: TopicKind;
  key: string;
  windowCount: number;
  baselineCount: number;
  /** Feedback ids seen in the window's buckets (a sample; the counters keep a bounded set). */
  feedbackIds: readonly string[];
}

/** A topic the test found hot. */
export interface HotTopic {
  kind: TopicKind;
  key: string;
  count: number;
  expected: number;
  pValue: number;
  feedbackIds: string[];
}

/** The complaint totals a scan compares: all complaints in the baseline and in the window. */
export interface ScanTotals {
  baseline: number;
  window: number;
}

/**
 * The count a topic is expected to reach in the window, the larger of two estimates:
 * - by time: its baseline rate per hour times the window's hours;
 * - by volume: its share of the baseline's complaints times the window's complaints.
 * The time estimate alone raises false alarms every busy morning (complaints follow office
 * hours and weekdays); the volume estimate alone is blind on a quiet night. `priorCount` is
 * added to the topic's baseline (and its total) so a topic never seen before is judged
 * against a small expectation rather than zero.
 */
export function expectedCount(
  baselineCount: number,
  totals: ScanTotals,
  settings: Pick<HotTopicsConfig, 'windowHours' | 'baselineDays' | 'priorCount'>,
): number {
  const byTime =
    ((baselineCount + settings.priorCount) * settings.windowHours) / (settings.baselineDays * 24);
  const byVolume =
    ((baselineCount + settings.priorCount) / (totals.baseline + settings.priorCount)) * totals.window;
  return Math.max(byTime, byVolume);
}

/**
 * The Poisson test of contract §10: a topic is hot when its window count is at least
 * `minCount` and P(X ≥ count) under {@link expectedCount} is below `alpha`. Terms that appear
 * in at least `commonTermShare` of the baseline's complaints are too common to mean anything.
 */
export function detectHotTopics(
  topics: readonly TopicCounts[],
  totals: ScanTotals,
  settings: HotTopicsConfig,
): HotTopic[] {
  const hot: HotTopic[] = [];
  for (const topic of topics) {
    if (topic.windowCount < settings.minCount) continue;
    if (
      topic.kind === 'term' &&
      totals.baseline > 0 &&
      topic.baselineCount / totals.baseline >= settings.commonTermShare
    )
      continue;
    const expected = expectedCount(topic.baselineCount, totals, settings);
    const pValue = poissonUpperTail(topic.windowCount, expected);
    // Stryker disable next-line EqualityOperator: a p-value exactly equal to alpha cannot be told apart from one a hair below
    if (pValue < settings.alpha) {
      hot.push({
        kind: topic.kind,
        key: topic.key,
        count: topic.windowCount,
        expected,
        pValue,
        feedbackIds: [...topic.feedbackIds],
      });
    }
  }
  return hot;
}

/** One merged report: the strongest topic, the others it absorbed, and the union of their feedback. */
export interface HotTopicReport {
  kind: TopicKind;
  key: string;
  keys: string[];
  count: number;
  expected: number;
  pValue: number;
  feedbackIds: string[];
}

/** Most feedback ids one report lists (contract §10). */
export const MAX_REPORT_IDS = 50;

/** Most merged topics one report names in `keys` (the strongest). */
export const MAX_MERGED_KEYS = 50;

/**
 * Merges hot topics whose feedback overlaps (transitively) into one report each, strongest
 * (smallest p-value, then largest count) first. The report carries the strongest topic's kind,
 * key, count and expectation, every merged key in `keys` (`kind:key`), and the union of ids.
 */
export function mergeHotTopics(hot: readonly HotTopic[]): HotTopicReport[] {
  const parent = hot.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number;
    return i;
  };
  const owner = new Map<string, number>();
  hot.forEach((topic, i) => {
    for (const id of topic.feedbackIds) {
      const seen = owner.get(id);
      if (seen === undefined) owner.set(id, i);
      else parent[find(i)] = find(seen);
    }
  });
  const groups = new Map<number, HotTopic[]>();
  hot.forEach((topic, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), topic]);
  });
  const stronger = (a: HotTopic, b: HotTopic) =>
    a.pValue - b.pValue ||
    b.count - a.count ||
    (a.kind === b.kind ? a.key.localeCompare(b.key) : a.kind === 'category' ? -1 : 1);
  const reports = [...groups.values()].map((members) => {
    const sorted = [...members].sort(stronger);
    const strongest = sorted[0] as HotTopic;
    const ids = new Set<string>();
    for (const member of sorted) for (const id of member.feedbackIds) ids.add(id);
    return {
      kind: strongest.kind,
      key: strongest.key,
      keys: sorted.slice(0, MAX_MERGED_KEYS).map((member) => topicKey(member.kind, member.key)),
      count: strongest.count,
      expected: strongest.expected,
      pValue: strongest.pValue,
      feedbackIds: [...ids].sort().slice(0, MAX_REPORT_IDS),
    };
  });
  return reports.sort((a, b) => a.pValue - b.pValue || b.count - a.count);
}

/** A stored hot-topic report, as `GET /v1/hot-topics` lists it (no personal data). */
export const hotTopicSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.object({
      id: z.string().check(z.regex(/^HT-[0-9TZ.]+-[A-Za-z0-9_-]+$/), z.maxLength(256)),
      kind: z.enum(['category', 'term']),
      key: z.string().check(z.maxLength(MAX_TERM_LENGTH)),
      keys: z.withDescription(
        z.optional(
          z.array(z.string().check(z.maxLength(MAX_TERM_LENGTH + 9))).check(z.maxLength(MAX_MERGED_KEYS)),
        ),
        'Every merged topic as kind:key, the strongest first',
      ),
      count: z.int().check(z.gte(0)),
      expected: z.number().check(z.gte(0)),
      pValue: z.optional(z.number().check(z.gte(0), z.lte(1))),
      windowStart: isoInstantSchema,
      windowEnd: isoInstantSchema,
      detectedAt: isoInstantSchema,
      feedbackIds: z.array(z.string().check(z.maxLength(64))).check(z.maxLength(MAX_REPORT_IDS)),
    }),
    { id: 'HotTopic' },
  ),
);
export type HotTopicRecord = z.infer<typeof hotTopicSchema>;

/** Most reports `GET /v1/hot-topics` lists (the newest). */
export const MAX_HOT_TOPICS_LISTED = 100;

export const hotTopicListSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(z.object({ items: z.array(hotTopicSchema).check(z.maxLength(MAX_HOT_TOPICS_LISTED)) }), {
    id: 'HotTopicList',
  }),
);

/** The report's id: one per window start and strongest topic, so a second scan of the same window finds it taken. */
export function hotTopicId(windowStart: string, report: Pick<HotTopicReport, 'kind' | 'key'>): string {
  const stamp = windowStart.replace(/[-:]/g, '');
  return `HT-${stamp}-${Buffer.from(topicKey(report.kind, report.key)).toString('base64url')}`;
}
