import { describe, expect, it } from 'vitest';
import {
  LocalSentimentDetector,
  scoreLocally,
  scoresFromTotals,
} from '../../../shared/adapters/local-sentiment-detector.ts';
import {
  chineseVariantIfUnambiguous,
  guessLanguage,
  localeOf,
  truncateUtf8,
} from '../../../shared/domain/text.ts';

describe('built-in scorer: clearly positive and clearly negative customer feedback', () => {
  it.each([
    ['zh', '服务太慢了，等了一个小时！工作人员态度很差。', 'NEGATIVE'],
    ['zh', '非常不满意，收费乱七八糟，还多收了我的钱，太离谱了。', 'NEGATIVE'],
    ['zh', '我不满意这次的处理结果。', 'NEGATIVE'],
    ['zh', '非常感谢你们的耐心帮助，服务很好，很满意！', 'POSITIVE'],
    ['zh', '工作人员很热情，办理也很及时，点赞。', 'POSITIVE'],
    ['zh-TW', '櫃檯人員態度很差，等了很久，非常失望。', 'NEGATIVE'],
    ['zh-TW', '謝謝你們的專業服務，非常滿意！', 'POSITIVE'],
    ['en', 'The staff were rude and the service was terribly slow. I am very disappointed.', 'NEGATIVE'],
    ['en', 'I was overcharged twice and nobody answered my calls. Awful.', 'NEGATIVE'],
    ['en', 'Thank you so much for the excellent, friendly help!', 'POSITIVE'],
    ['en', 'Great service, the team was polite and quick. Love it.', 'POSITIVE'],
  ])('%s: %s → %s', (language, text, label) => {
    expect(scoreLocally(text, language).label).toBe(label);
  });

  it('scores plain questions as neutral', () => {
    expect(scoreLocally('What are your opening hours on Saturday?', 'en').label).toBe('NEUTRAL');
    expect(scoreLocally('请问周六几点开门？', 'zh').label).toBe('NEUTRAL');
  });

  it('makes a strongly negative text score higher on NEGATIVE than a mildly negative one', () => {
    const strong = scoreLocally('太差了！态度粗鲁，排队很久，乱收费，骗子，非常失望！', 'zh');
    const mild = scoreLocally('有点慢。', 'zh');
    expect(strong.scores.negative).toBeGreaterThan(0.8);
    expect(mild.scores.negative).toBeLessThan(strong.scores.negative);
  });
});

describe('scoresFromTotals', () => {
  it.each([
    [0, 0, 'NEUTRAL'],
    [5, 0, 'POSITIVE'],
    [0, 5, 'NEGATIVE'],
    [4, 3, 'MIXED'],
    [6, 1, 'POSITIVE'],
  ] as const)('+%i −%i → %s, scores summing to 1', (p, n, label) => {
    const result = scoresFromTotals(p, n);
    expect(result.label).toBe(label);
    const sum = Object.values(result.scores).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 3);
  });
});

describe('language helpers', () => {
  it.each([
    ['服务太慢了', 'zh'],
    ['櫃檯人員態度很差，服務還不錯', 'zh-TW'],
    ['The staff were rude', 'en'],
    ['😀👍', 'en'],
  ])('guessLanguage(%s) → %s', (text, expected) => {
    expect(guessLanguage(text)).toBe(expected);
  });

  it.each([
    ['zh', 'zh'],
    ['zh-CN', 'zh'],
    ['zh-Hans', 'zh'],
    ['zh-TW', 'zh-TW'],
    ['zh-HK', 'zh-TW'],
    ['zh-Hant-TW', 'zh-TW'],
    ['en-GB', 'en'],
    ['fr', 'en'],
    [null, 'en'],
  ])('localeOf(%s) → %s', (tag, expected) => {
    expect(localeOf(tag)).toBe(expected);
  });

  it('cuts UTF-8 on a character boundary', () => {
    const text = `${'a'.repeat(4998)}好好`;
    const cut = truncateUtf8(text, 5000);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(5000);
    expect(cut).toBe('a'.repeat(4998));
    expect(truncateUtf8('😀😀', 5)).toBe('😀');
    expect(truncateUtf8('short', 5000)).toBe('short');
  });

  it('detects language when absent and keeps it when given', async () => {
    const detector = new LocalSentimentDetector();
    const [detected, given] = await detector.detect([
      { id: '1', text: '非常满意', language: null },
      { id: '2', text: 'very good', language: 'en-US' },
    ]);
    expect(detected).toMatchObject({
      id: '1',
      language: 'zh',
      sentiment: { label: 'POSITIVE', source: 'local' },
    });
    expect(given).toMatchObject({ id: '2', language: 'en-US' });
  });
});

describe('built-in scorer on safety, money and outage complaints (P1 material)', () => {
  it.each([
    ['zh', '电梯有严重安全隐患，门夹伤了我的孩子，太危险了！非常愤怒！'],
    ['zh', '你们乱收费，多收了我三百块钱，这是欺骗，太离谱了！'],
    ['en', 'I was overcharged twice and the refund never came. Unacceptable, this is theft!'],
  ])('%s: %s is strongly negative (≥ 0.8)', (language, text) => {
    const result = scoreLocally(text, language);
    expect(result.label).toBe('NEGATIVE');
    expect(result.scores.negative).toBeGreaterThanOrEqual(0.8);
  });
});

describe('chineseVariantIfUnambiguous', () => {
  it.each([
    ['服务太慢了，等了一个小时！', 'zh'],
    ['櫃檯人員態度很差，等了很久。', 'zh-TW'],
    ['我在 App 里下单，订单号 A123 没有到', 'zh'],
    ['The staff were rude', undefined],
    ['東京の店舗でスタッフが親切でした', undefined],
    ['직원이 친절했습니다', undefined],
    ['Order 1234 好', undefined],
  ])('%s → %s', (text, expected) => {
    expect(chineseVariantIfUnambiguous(text)).toBe(expected);
  });
});
