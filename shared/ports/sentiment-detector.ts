import type { Sentiment } from '../schemas/feedback-record.ts';

export interface SentimentRequest {
  id: string;
  text: string;
  /** The channel's language tag, or null to detect it. */
  language: string | null;
}

/** What a detector found for one request. */
export type SentimentResult =
  | { id: string; language: string; sentiment: Sentiment }
  | {
      id: string;
      language: string | null;
      sentiment: null;
      /** `unavailable`: try again later; `unsupported_language`: never scorable. */
      reason: 'unavailable' | 'unsupported_language';
    };

/** Scores sentiment (and detects language when absent) for a batch of texts. */
export interface SentimentDetector {
  readonly source: Sentiment['source'];
  detect(requests: readonly SentimentRequest[]): Promise<SentimentResult[]>;
}
