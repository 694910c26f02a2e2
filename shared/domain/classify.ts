import type { CategoryDefinition } from '../config/policy-config.ts';
import type { FeedbackType } from '../schemas/common.ts';
import type { Ratings } from '../schemas/feedback-input.ts';
import type { Sentiment } from '../schemas/feedback-record.ts';
import { normalizeForMatching } from './text.ts';

/** Phrases that mark a feedback's intent, in English and (simplified) Chinese. */
const CUES = {
  complaint: [
    'complain',
    'unacceptable',
    'terrible',
    'worst',
    'rude',
    'never again',
    'overcharg',
    '投诉',
    '举报',
    '不满',
    '太差',
    '差评',
    '欺骗',
    '乱收费',
  ],
  suggestion: [
    'suggest',
    'recommend',
    'it would be nice',
    'would be great if',
    'please add',
    'could you add',
    'should add',
    'i wish',
    'consider adding',
    '建议',
    '希望',
    '最好能',
    '能不能增加',
    '可以增加',
    '能否增加',
    '提议',
  ],
  inquiry: [
    '?',
    '？',
    'how do i',
    'how can i',
    'when will',
    'where is',
    'what is',
    'can i ',
    'is it possible',
    'could you tell',
    '请问',
    '怎么',
    '如何',
    '什么时候',
    '能否',
    '吗',
    '哪里',
    '多久',
  ],
  praise: [
    'thank',
    'great',
    'excellent',
    'appreciate',
    'well done',
    'kudos',
    '感谢',
    '谢谢',
    '表扬',
    '点赞',
    '满意',
    '很好',
    '不错',
  ],
  emotional: [
    'frustrated',
    'upset',
    'sad',
    'heartbroken',
    'angry',
    'i feel',
    '难过',
    '伤心',
    '生气',
    '心情',
    '委屈',
    '心寒',
    '崩溃',
  ],
} as const;

export interface ClassificationInput {
  text: string;
  sentiment: Sentiment | null;
  ratings: Ratings;
}

export interface Classification {
  type: FeedbackType;
  /** Taxonomy id with the most keyword hits (ties: earlier in the taxonomy), or null. */
  category: string | null;
}

/** How a feedback without a sentiment reads: neutral, neither negative nor positive. */
const NO_SENTIMENT = { label: 'NEUTRAL', scores: { positive: 0, negative: 0 } } as const;

function has(text: string, cues: readonly string[]): boolean {
  return cues.some((cue) => text.includes(cue));
}

/**
 * Classifies a feedback from its text cues and sentiment. Negative feedback is a complaint
 * (or emotional when it voices feelings about nothing concrete); otherwise explicit
 * suggestions, questions and praise win, then the CSAT rating, then "inquiry" (it still gets
 * an answer).
 */
export function classifyFeedback(
  input: ClassificationInput,
  taxonomy: readonly CategoryDefinition[],
): Classification {
  const text = normalizeForMatching(input.text);
  const category = categorize(text, taxonomy);
  const { label, scores } = input.sentiment ?? NO_SENTIMENT;
  const negative = label === 'NEGATIVE' || (label === 'MIXED' && scores.negative > scores.positive);
  const csat = input.ratings.csat;

  let type: FeedbackType;
  if (has(text, CUES.complaint)) type = 'complaint';
  else if (negative) type = has(text, CUES.emotional) && category === null ? 'emotional' : 'complaint';
  else if (has(text, CUES.suggestion)) type = 'suggestion';
  else if (has(text, CUES.inquiry)) type = 'inquiry';
  else if (label === 'POSITIVE' || has(text, CUES.praise)) type = 'praise';
  // A rating other than the neutral 3 decides: 1–2 a complaint, 4–5 praise.
  else if (csat !== undefined && csat !== 3) type = csat <= 2 ? 'complaint' : 'praise';
  else if (has(text, CUES.emotional)) type = 'emotional';
  else type = 'inquiry';
  return { type, category };
}

function categorize(normalizedText: string, taxonomy: readonly CategoryDefinition[]): string | null {
  let best: { id: string; hits: number } | null = null;
  for (const category of taxonomy) {
    const hits = category.keywords.filter((keyword) =>
      normalizedText.includes(normalizeForMatching(keyword)),
    ).length;
    if (hits > 0 && (!best || hits > best.hits)) best = { id: category.id, hits };
  }
  return best?.id ?? null;
}
