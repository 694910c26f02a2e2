import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RuntimeConfig } from '../config/runtime-config.ts';
import { createDocumentClient } from './aws-clients.ts';
import { DynamoDbFeedbackRepository } from './dynamodb-feedback-repository.ts';

/** The feedback repository a function module builds once at cold start, from its configuration. */
export function createFeedbackRepository(
  config: RuntimeConfig,
  client: DynamoDBDocumentClient = createDocumentClient(),
): DynamoDbFeedbackRepository {
  return new DynamoDbFeedbackRepository(client, {
    tableName: config.tableName,
    listHorizonMonths: config.stack.listHorizonMonths,
    retentionDays: config.stack.recordRetentionDays,
  });
}
