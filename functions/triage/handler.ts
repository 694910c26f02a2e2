import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { createFeedbackRepository } from '../../shared/adapters/feedback-repository-factory.ts';
import { createSentimentDetector } from '../../shared/adapters/sentiment-detector-factory.ts';
import { newFeedbackOf } from '../../shared/adapters/stream-records.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import { teamsOf } from '../../shared/config/team-defaults.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import type { SentimentResult } from '../../shared/ports/sentiment-detector.ts';
import type { FeedbackRecord } from '../../shared/schemas/feedback-record.ts';
import { TriageService } from '../../shared/services/triage-service.ts';

/**
 * Triage on the table's stream: each newly received feedback gets language, sentiment, type,
 * category, priority and deadlines, and opens. Sentiment is scored for the whole batch first;
 * records are then triaged one by one, and only failed ones are reported for retry.
 */
export function createTriageHandler(service: TriageService) {
  const logger = createLogger();
  const processor = new BatchProcessor(EventType.DynamoDBStreams);

  return async (event: DynamoDBStreamEvent, context: Context) => {
    logger.addContext(context);
    const feedback = new Map<DynamoDBRecord, FeedbackRecord>();
    for (const record of event.Records) {
      try {
        const parsed = newFeedbackOf(record);
        if (parsed) feedback.set(record, parsed);
      } catch {
        // An unreadable image fails in the per-record step below, alone.
      }
    }
    const scored: Map<string, SentimentResult> = await service.scoreBatch([...feedback.values()]);

    return processPartialResponse(
      event,
      async (record: DynamoDBRecord) => {
        const parsed = feedback.get(record) ?? newFeedbackOf(record);
        if (!parsed) return;
        const outcome = await service.triage(parsed, scored);
        if (outcome) {
          logger.info('Feedback triaged', {
            feedbackId: parsed.id,
            priority: outcome.priority,
            type: outcome.type,
            sentimentPending: outcome.sentimentPending,
          });
        }
      },
      processor,
      // In order: a customer's earlier complaint in the same batch must be stored before the
      // next one looks for it. A fully failed batch is reported, not thrown: same retry.
      { context, processInParallel: false, throwOnFullBatchFailure: false },
    );
  };
}

const config = runtimeConfigFromEnv();

export const handler = createTriageHandler(
  new TriageService({
    repository: createFeedbackRepository(config),
    detector: createSentimentDetector(config.stack),
    policy: config.stack.policy,
    calendar: config.stack.calendar,
    teams: teamsOf(config.stack),
  }),
);
