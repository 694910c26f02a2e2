import { describe, expect, it } from 'vitest';
import type { CategoryDefinition } from '../../../shared/config/policy-config.ts';
import { DEFAULT_TAXONOMY } from '../../../shared/config/policy-config.ts';
import { classifyFeedback } from '../../../shared/domain/classify.ts';
import type { Ratings } from '../../../shared/schemas/feedback-input.ts';
import type { Sentiment } from '../../../shared/schemas/feedback-record.ts';

const sentiment = (label: Sentiment['label'], negative: number, positive: number): Sentiment => ({
  label,
  scores: { positive, negative, neutral: Math.max(0, 1 - negative - positive), mixed: 0 },
  source: 'local',
});
const NEU = sentiment('NEUTRAL', 0, 0);
const NEG = sentiment('NEGATIVE', 0.8, 0);
const POS = sentiment('POSITIVE', 0, 0.8);

describe('classifyFeedback: the order of the rules', () => {
  it.each([
    // MIXED counts as negative only when its negative score is the larger one
    ['mixed, mostly negative', 'The counter moved', sentiment('MIXED', 0.6, 0.3), {}, 'complaint'],
    ['mixed, mostly positive', 'The counter moved', sentiment('MIXED', 0.3, 0.6), {}, 'inquiry'],
    ['mixed, even', 'The counter moved', sentiment('MIXED', 0.4, 0.4), {}, 'inquiry'],
    ['no sentiment at all', 'The counter moved', null, {}, 'inquiry'],
    // Negative feelings about something concrete (a category) are a complaint
    ['negative, feelings, concrete', '工作人员态度很差，我很难过', NEG, {}, 'complaint'],
    ['negative, feelings, nothing concrete', 'I am so upset', NEG, {}, 'emotional'],
    ['negative, no feelings, nothing concrete', 'Bad.', NEG, {}, 'complaint'],
    // A question wins over the rating
    ['question rated 5', 'How do I change my address?', NEU, { csat: 5 }, 'inquiry'],
    ['question rated 1', 'How do I change my address?', NEU, { csat: 1 }, 'inquiry'],
    // A positive tone alone is praise, and so is a praise cue in a neutral tone
    ['positive tone, no cue', 'The counter moved', POS, {}, 'praise'],
    ['praise cue, neutral tone', 'Thanks for today', NEU, {}, 'praise'],
    // Then the CSAT rating: 1–2 a complaint, 3 neutral, 4–5 praise
    ['rated 2', 'The counter moved', NEU, { csat: 2 }, 'complaint'],
    ['rated 3', 'The counter moved', NEU, { csat: 3 }, 'inquiry'],
    ['rated 4', 'The counter moved', NEU, { csat: 4 }, 'praise'],
    // Then feelings, then inquiry
    ['feelings, neutral tone, no rating', 'I feel tired today', NEU, {}, 'emotional'],
    ['feelings, rated 3', 'I feel tired today', NEU, { csat: 3 }, 'emotional'],
  ] as const)('%s: %s', (_, text, tone, ratings, type) => {
    // Prepare
    const input = { text, sentiment: tone, ratings: ratings as Ratings };
    // Act
    const result = classifyFeedback(input, DEFAULT_TAXONOMY);
    // Assess
    expect(result.type).toBe(type);
  });
});

describe('classifyFeedback: the category with the most keyword hits', () => {
  const category = (id: string, keywords: string[]): CategoryDefinition => ({
    id,
    label: { en: id, zh: id, 'zh-TW': id },
    keywords,
  });
  const taxonomy = [
    category('queue', ['queue']),
    category('counter', ['counter', 'desk']),
    category('staff', ['desk', 'clerk', 'manager']),
  ];

  it.each([
    ['nothing matches', 'The weather', null],
    ['one hit in the first', 'The queue', 'queue'],
    ['a later category with more hits wins', 'The queue at the counter desk', 'counter'],
    ['an earlier category keeps a tie', 'The queue at the counter', 'queue'],
    ['an earlier category with more hits keeps its lead', 'The counter desk clerk', 'counter'],
    ['the most hits win wherever they are', 'The desk clerk and the manager', 'staff'],
  ])('%s: %s → %s', (_, text, expected) => {
    // Act
    const result = classifyFeedback({ text, sentiment: NEU, ratings: {} }, taxonomy);
    // Assess
    expect(result.category).toBe(expected);
  });
});
