import { ComprehendClient } from '@aws-sdk/client-comprehend';
import type { StackConfig } from '../config/stack-config.ts';
import type { SentimentDetector } from '../ports/sentiment-detector.ts';
import { ComprehendSentimentDetector } from './comprehend-sentiment-detector.ts';
import { LocalSentimentDetector } from './local-sentiment-detector.ts';

/** The configured detector: Comprehend (retries are the adapter's own, so the SDK makes one try) or built-in. */
export function createSentimentDetector(config: StackConfig): SentimentDetector {
  return config.sentimentProvider === 'comprehend'
    ? new ComprehendSentimentDetector(new ComprehendClient({ maxAttempts: 1 }))
    : new LocalSentimentDetector();
}
