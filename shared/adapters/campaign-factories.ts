import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RuntimeConfig } from '../config/runtime-config.ts';
import { CampaignPrivacyService } from '../services/campaign-privacy-service.ts';
import { CampaignService } from '../services/campaign-service.ts';
import { createDocumentClient } from './aws-clients.ts';
import { DynamoDbCampaignRepository } from './dynamodb-campaign-repository.ts';

/** The campaign repository on a function's document client, its items bounded by the retention settings. */
export function createCampaignRepository(
  config: RuntimeConfig,
  client: DynamoDBDocumentClient = createDocumentClient(),
): DynamoDbCampaignRepository {
  return new DynamoDbCampaignRepository(client, config.tableName, {
    personalDataRetentionDays: config.stack.personalDataRetentionDays,
  });
}

/** The campaign service a function module builds once at cold start. */
export function createCampaignService(config: RuntimeConfig): CampaignService {
  return new CampaignService({ repository: createCampaignRepository(config), config: config.stack });
}

/** Erasure and retention of campaign data (the customer-erasure and data-retention functions). */
export function createCampaignPrivacyService(
  config: RuntimeConfig,
  client: DynamoDBDocumentClient = createDocumentClient(),
): CampaignPrivacyService {
  return new CampaignPrivacyService(createCampaignRepository(config, client));
}
