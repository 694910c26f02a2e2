import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { createFeedbackRepository } from '../../shared/adapters/feedback-repository-factory.ts';
import { createMailer } from '../../shared/adapters/ses-mailer-factory.ts';
import { createSmsSender } from '../../shared/adapters/sms-sender-factory.ts';
import { newFeedbackOf } from '../../shared/adapters/stream-records.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import { NotificationService } from '../../shared/services/notification-service.ts';

/** Emails and closure SMS off the stream (P1 alerts, closure notices), one record at a time, partial failures retried. */
export function createNotifyHandler(service: NotificationService) {
  const logger = createLogger();
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  return async (event: DynamoDBStreamEvent, context: Context) => {
    logger.addContext(context);
    return processPartialResponse(
      event,
      async (record: DynamoDBRecord) => {
        const feedback = newFeedbackOf(record);
        if (!feedback) return;
        const sent = await service.handle(feedback);
        if (sent.length) logger.info('Emails sent', { feedbackId: feedback.id, kinds: sent });
      },
      processor,
      // Parallel is safe: every email is claimed with a conditional write before it is sent.
      { context, throwOnFullBatchFailure: false },
    );
  };
}

const config = runtimeConfigFromEnv();

export const handler = createNotifyHandler(
  new NotificationService({
    repository: createFeedbackRepository(config),
    mailer: createMailer(config),
    sms: createSmsSender(config),
    config: config.stack,
    publicBaseUrl: config.publicBaseUrl,
  }),
);
