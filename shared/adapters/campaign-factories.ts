import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RuntimeConfig } from '../config/runtime-config.ts';
import { CampaignPrivacyService } from '../services/campaign-privacy-service.ts';
import { CampaignSendService } from '../services/campaign-send-service.ts';
import { CampaignService } from '../services/campaign-service.ts';
import { createDocumentClient } from './aws-clients.ts';
import { createSmsClient, createSqsClient } from './channel-clients.ts';
import { DynamoDbCampaignRepository } from './dynamodb-campaign-repository.ts';
import { DynamoDbEventClaims } from './dynamodb-event-claims.ts';
import { EndUserMessagingSmsSender } from './end-user-messaging-sms-sender.ts';
import { createMailer } from './ses-mailer-factory.ts';
import { CAMPAIGN_QUEUE_URL_ENV, SqsSendQueue } from './sqs-send-queue.ts';

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

/** A send claim left unfinished this long was left by a crashed invocation (then it may be retried). */
const CLAIM_STALE_SECONDS = 15 * 60;

/** The sending service (dispatch and the queue's consumer) a function module builds once. */
export function createCampaignSendService(config: RuntimeConfig, env: NodeJS.ProcessEnv = process.env) {
  const client = createDocumentClient();
  return new CampaignSendService({
    repository: createCampaignRepository(config, client),
    queue: new SqsSendQueue(createSqsClient(), env[CAMPAIGN_QUEUE_URL_ENV] ?? ''),
    claims: new DynamoDbEventClaims(client, {
      tableName: config.tableName,
      staleAfterSeconds: CLAIM_STALE_SECONDS,
    }),
    mailer: createMailer(config),
    sms: new EndUserMessagingSmsSender(createSmsClient(), {
      originationIdentity: config.stack.smsOriginationIdentity,
      configurationSetName: config.stack.smsConfigurationSet,
    }),
    config: config.stack,
    publicBaseUrl: config.publicBaseUrl,
  });
}
