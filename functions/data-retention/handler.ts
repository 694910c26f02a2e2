import type { Context } from 'aws-lambda';
import { createDocumentClient } from '../../shared/adapters/aws-clients.ts';
import { createCampaignPrivacyService } from '../../shared/adapters/campaign-factories.ts';
import { DynamoDbFeedbackRepository } from '../../shared/adapters/dynamodb-feedback-repository.ts';
import { DynamoDbRetentionState } from '../../shared/adapters/dynamodb-retention-state.ts';
import { DynamoDbSnapshotRepository } from '../../shared/adapters/dynamodb-snapshot-repository.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import type { ScheduledInvocation } from '../../shared/definitions/trigger-definitions.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import { PrivacyService } from '../../shared/services/privacy-service.ts';
import { RetentionService } from '../../shared/services/retention-service.ts';

/** Scheduled daily: erases the personal data of feedback past `personalDataRetentionDays`. */
export function createDataRetentionHandler(service: RetentionService) {
  const logger = createLogger();
  return async (event: ScheduledInvocation, context: Context) => {
    logger.addContext(context);
    const scheduled = new Date(event.scheduledTime);
    const result = await service.run(Number.isNaN(scheduled.getTime()) ? new Date() : scheduled);
    // Counts and instants only: what was erased must not reappear in the logs.
    logger.info('Data retention', result);
    return result;
  };
}

function createService(): RetentionService {
  const config = runtimeConfigFromEnv();
  const client = createDocumentClient();
  return new RetentionService({
    feedback: new DynamoDbSnapshotRepository(client, config.tableName),
    privacy: new PrivacyService({
      repository: new DynamoDbFeedbackRepository(client, {
        tableName: config.tableName,
        listHorizonMonths: config.stack.listHorizonMonths,
        retentionDays: config.stack.recordRetentionDays,
      }),
    }),
    campaigns: createCampaignPrivacyService(config, client),
    state: new DynamoDbRetentionState(client, config.tableName),
    config: config.stack,
  });
}

export const handler = createDataRetentionHandler(createService());
