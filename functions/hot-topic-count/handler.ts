import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { createDocumentClient } from '../../shared/adapters/aws-clients.ts';
import { DynamoDbHotTopicRepository } from '../../shared/adapters/dynamodb-hot-topic-repository.ts';
import { newFeedbackOf } from '../../shared/adapters/stream-records.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import type { Mailer } from '../../shared/ports/mailer.ts';
import { HotTopicService } from '../../shared/services/hot-topic-service.ts';

/**
 * Stream: counts each complaint as triage opens it, into its hour and day buckets (off the
 * triage's path; a failed count is retried alone, and never counts twice).
 */
export function createHotTopicCountHandler(service: HotTopicService) {
  const logger = createLogger();
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  return async (event: DynamoDBStreamEvent, context: Context) => {
    logger.addContext(context);
    return processPartialResponse(
      event,
      async (record: DynamoDBRecord) => {
        const feedback = newFeedbackOf(record);
        if (feedback) await service.countComplaint(feedback);
      },
      processor,
      { context, throwOnFullBatchFailure: false },
    );
  };
}

const config = runtimeConfigFromEnv();
// Counting sends no email: a mailer that refuses keeps the SES client out of this function.
const noMail: Mailer = {
  send: () => Promise.reject(new Error('the counting function sends no email')),
};

export const handler = createHotTopicCountHandler(
  new HotTopicService({
    repository: new DynamoDbHotTopicRepository(createDocumentClient(), config.tableName),
    mailer: noMail,
    config: config.stack,
    publicBaseUrl: config.publicBaseUrl,
  }),
);
