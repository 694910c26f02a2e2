import type { RuntimeConfig } from '../config/runtime-config.ts';
import { CampaignDispatchService } from '../services/campaign-dispatch-service.ts';
import { CampaignSendService } from '../services/campaign-send-service.ts';
import { createDocumentClient } from './aws-clients.ts';
import { createCampaignRepository } from './campaign-factories.ts';
import { createSqsClient } from './channel-clients.ts';
import { DynamoDbEventClaims } from './dynamodb-event-claims.ts';
import { createMailer } from './ses-mailer-factory.ts';
import { createSmsSender } from './sms-sender-factory.ts';
import { CAMPAIGN_QUEUE_URL_ENV, SqsSendQueue } from './sqs-send-queue.ts';

/** The schedule's dispatch: the campaign table and the send queue, nothing that sends. */
export function createCampaignDispatchService(
  config: RuntimeConfig,
  env: NodeJS.ProcessEnv = process.env,
): CampaignDispatchService {
  return new CampaignDispatchService({
    repository: createCampaignRepository(config),
    queue: new SqsSendQueue(createSqsClient(), env[CAMPAIGN_QUEUE_URL_ENV] ?? ''),
    config: config.stack,
  });
}

/** A send claim left unfinished this long was left by a crashed invocation (then it may be retried). */
const CLAIM_STALE_SECONDS = 15 * 60;

/** The send queue's consumer: mailer, SMS sender and send claims. */
export function createCampaignSendService(config: RuntimeConfig): CampaignSendService {
  const client = createDocumentClient();
  return new CampaignSendService({
    repository: createCampaignRepository(config, client),
    claims: new DynamoDbEventClaims(client, {
      tableName: config.tableName,
      staleAfterSeconds: CLAIM_STALE_SECONDS,
    }),
    mailer: createMailer(config),
    sms: createSmsSender(config),
    config: config.stack,
    publicBaseUrl: config.publicBaseUrl,
  });
}
