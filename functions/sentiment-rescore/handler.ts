import type { Context } from 'aws-lambda';
import { createFeedbackRepository } from '../../shared/adapters/feedback-repository-factory.ts';
import { createSentimentDetector } from '../../shared/adapters/sentiment-detector-factory.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import type { ScheduledInvocation } from '../../shared/definitions/trigger-definitions.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import { TriageService } from '../../shared/services/triage-service.ts';

/** Scheduled: score sentiment left pending while Comprehend was unavailable. */
export function createSentimentRescoreHandler(service: TriageService) {
  const logger = createLogger();
  return async (event: ScheduledInvocation, context: Context) => {
    logger.addContext(context);
    const result = await service.rescorePending(100);
    logger.info('Pending sentiment rescored', { ...result, scheduledTime: event.scheduledTime });
    return result;
  };
}

const config = runtimeConfigFromEnv();

export const handler = createSentimentRescoreHandler(
  new TriageService({
    repository: createFeedbackRepository(config),
    detector: createSentimentDetector(config.stack),
    policy: config.stack.policy,
    calendar: config.stack.calendar,
  }),
);
