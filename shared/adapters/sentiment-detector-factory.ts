import type { StackConfig } from '../config/stack-config.ts';
import type { SentimentDetector } from '../ports/sentiment-detector.ts';
import { createComprehendClient } from './aws-clients.ts';
import { ComprehendSentimentDetector } from './comprehend-sentiment-detector.ts';

/**
 * The configured detector: Comprehend (retries are the adapter's own, so the SDK makes one
 * try) or the built-in scorer, whose lexicons are loaded only when it is the one configured.
 */
export function createSentimentDetector(config: StackConfig): SentimentDetector {
  if (config.sentimentProvider === 'comprehend')
    return new ComprehendSentimentDetector(createComprehendClient());
  let local: Promise<SentimentDetector> | undefined;
  return {
    source: 'local',
    detect: async (requests) => {
      local ??= import('./local-sentiment-detector.ts').then((m) => new m.LocalSentimentDetector());
      return (await local).detect(requests);
    },
  };
}
