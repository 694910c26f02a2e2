import {
  BatchDetectDominantLanguageCommand,
  BatchDetectSentimentCommand,
  type ComprehendClient,
  type LanguageCode,
} from '@aws-sdk/client-comprehend';
import { chineseVariantIfUnambiguous, truncateUtf8 } from '../domain/text.ts';
import type { SentimentDetector, SentimentRequest, SentimentResult } from '../ports/sentiment-detector.ts';
import type { Sentiment } from '../schemas/feedback-record.ts';
import { guessLatinLanguages } from './latin-language-guess.ts';

/** Comprehend's batch APIs take at most 25 documents, each under 5,000 bytes of UTF-8. */
export const COMPREHEND_BATCH_SIZE = 25;
export const COMPREHEND_MAX_BYTES = 4999;

/** Languages `BatchDetectSentiment` accepts. */
const SENTIMENT_LANGUAGES = new Set([
  'ar',
  'de',
  'en',
  'es',
  'fr',
  'hi',
  'it',
  'ja',
  'ko',
  'pt',
  'zh',
  'zh-TW',
]);
const RETRYABLE = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'InternalServerException',
  'ServiceUnavailableException',
]);

/** The Comprehend language code for a BCP-47 tag (`zh-Hant-HK` → `zh-TW`, `en-GB` → `en`). */
export function comprehendLanguageCode(tag: string): string {
  const parts = tag.split('-');
  const primary = (parts[0] ?? '').toLowerCase();
  if (primary === 'zh') {
    const traditional = parts.slice(1).some((p) => ['hant', 'tw', 'hk', 'mo'].includes(p.toLowerCase()));
    return traditional ? 'zh-TW' : 'zh';
  }
  return primary;
}

export interface ComprehendDetectorOptions {
  /** Tries per call when Comprehend throttles or fails transiently (first try included). */
  maxAttempts?: number;
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * {@link SentimentDetector} on Amazon Comprehend: `BatchDetectDominantLanguage` for texts
 * without a language that neither their script nor the local detector settles, then `BatchDetectSentiment` per language, 25 documents a call, each cut
 * to Comprehend's byte limit on a character boundary. Throttling and transient errors are
 * retried with exponential backoff and jitter; what still fails comes back `unavailable`, so
 * the caller can triage without sentiment and score it later.
 */
export class ComprehendSentimentDetector implements SentimentDetector {
  readonly source = 'comprehend' as const;
  readonly #client: ComprehendClient;
  readonly #maxAttempts: number;
  readonly #baseDelayMs: number;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(client: ComprehendClient, options: ComprehendDetectorOptions = {}) {
    this.#client = client;
    this.#maxAttempts = options.maxAttempts ?? 5;
    this.#baseDelayMs = options.baseDelayMs ?? 100;
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async detect(requests: readonly SentimentRequest[]): Promise<SentimentResult[]> {
    const results = new Map<string, SentimentResult>();
    const languages = new Map<string, string>();
    const texts = new Map(requests.map((r) => [r.id, truncateUtf8(r.text, COMPREHEND_MAX_BYTES)]));

    // Chinese text names its own language by its script, and Latin-script text that the local
    // detector is sure of needs no call either: Comprehend detects only what neither settles.
    for (const r of requests) {
      const language = r.language ?? chineseVariantIfUnambiguous(r.text);
      if (language) languages.set(r.id, language);
    }
    const unsettled = requests.filter((r) => !languages.has(r.id));
    try {
      const guessed = await guessLatinLanguages(unsettled.map((r) => r.text));
      for (const [index, language] of guessed)
        languages.set((unsettled[index] as SentimentRequest).id, language);
    } catch {
      // Without the local detector, Comprehend detects these too.
    }
    const undetected = requests.filter((r) => !languages.has(r.id));
    for (const chunk of chunks(undetected, COMPREHEND_BATCH_SIZE)) {
      try {
        const answer = await this.#withRetries(() =>
          this.#client.send(
            new BatchDetectDominantLanguageCommand({ TextList: chunk.map((r) => texts.get(r.id) ?? '') }),
          ),
        );
        for (const item of answer.ResultList ?? []) {
          const best = [...(item.Languages ?? [])].sort((a, b) => (b.Score ?? 0) - (a.Score ?? 0))[0];
          const request = chunk[item.Index ?? -1];
          if (request && best?.LanguageCode) languages.set(request.id, best.LanguageCode);
        }
      } catch {
        // Left without a language: reported unavailable below.
      }
    }

    const byCode = new Map<string, SentimentRequest[]>();
    for (const request of requests) {
      const language = languages.get(request.id);
      if (!language) {
        results.set(request.id, { id: request.id, language: null, sentiment: null, reason: 'unavailable' });
        continue;
      }
      const code = comprehendLanguageCode(language);
      if (!SENTIMENT_LANGUAGES.has(code)) {
        results.set(request.id, {
          id: request.id,
          language,
          sentiment: null,
          reason: 'unsupported_language',
        });
        continue;
      }
      byCode.set(code, [...(byCode.get(code) ?? []), request]);
    }

    for (const [code, group] of byCode) {
      for (const chunk of chunks(group, COMPREHEND_BATCH_SIZE)) {
        try {
          const answer = await this.#withRetries(() =>
            this.#client.send(
              new BatchDetectSentimentCommand({
                LanguageCode: code as LanguageCode,
                TextList: chunk.map((r) => texts.get(r.id) ?? ''),
              }),
            ),
          );
          for (const item of answer.ResultList ?? []) {
            const request = chunk[item.Index ?? -1];
            if (!request || !item.Sentiment) continue;
            const score = item.SentimentScore ?? {};
            const sentiment: Sentiment = {
              label: item.Sentiment,
              scores: {
                positive: score.Positive ?? 0,
                negative: score.Negative ?? 0,
                neutral: score.Neutral ?? 0,
                mixed: score.Mixed ?? 0,
              },
              source: 'comprehend',
            };
            results.set(request.id, {
              id: request.id,
              language: languages.get(request.id) ?? code,
              sentiment,
            });
          }
        } catch {
          // The whole chunk is reported unavailable below.
        }
        for (const request of chunk) {
          if (!results.has(request.id)) {
            results.set(request.id, {
              id: request.id,
              language: languages.get(request.id) ?? null,
              sentiment: null,
              reason: 'unavailable',
            });
          }
        }
      }
    }
    return requests.map((r) => results.get(r.id) as SentimentResult);
  }

  async #withRetries<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await call();
      } catch (error) {
        const name = (error as { name?: string }).name ?? '';
        if (!RETRYABLE.has(name) || attempt >= this.#maxAttempts) throw error;
        const backoff = this.#baseDelayMs * 2 ** (attempt - 1);
        await this.#sleep(backoff / 2 + Math.random() * (backoff / 2));
      }
    }
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
