import type { RuntimeConfig } from '../config/runtime-config.ts';
import type { PlanService } from '../services/plan-service.ts';
import { SnapshotService } from '../services/snapshot-service.ts';
import { createDocumentClient } from './aws-clients.ts';
import { DynamoDbCampaignCsatSource } from './dynamodb-campaign-csat-source.ts';
import { DynamoDbSnapshotRepository } from './dynamodb-snapshot-repository.ts';
import { createPlanService } from './plan-service-factory.ts';
import { createMailer } from './ses-mailer-factory.ts';

/**
 * The snapshot service a function module builds once at cold start; the improvement plans
 * (contract §8) listen to every computation, so the target quarter's snapshot checks them.
 */
export function createSnapshotService(
  config: RuntimeConfig,
  plans: PlanService = createPlanService(config),
): SnapshotService {
  const client = createDocumentClient();
  return new SnapshotService({
    repository: new DynamoDbSnapshotRepository(client, config.tableName),
    campaignCsat: new DynamoDbCampaignCsatSource(client, config.tableName),
    mailer: createMailer(config),
    config: config.stack,
    publicBaseUrl: config.publicBaseUrl,
    onComputed: plans,
  });
}
