import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RuntimeConfig } from '../config/runtime-config.ts';
import type { SnapshotCheckpoints } from '../ports/snapshot-checkpoints.ts';
import type { SnapshotRepository } from '../ports/snapshot-repository.ts';
import type { PlanService } from '../services/plan-service.ts';
import { SnapshotService } from '../services/snapshot-service.ts';
import { createDocumentClient } from './aws-clients.ts';
import { DynamoDbCampaignCsatSource } from './dynamodb-campaign-csat-source.ts';
import { createMailer } from './ses-mailer-factory.ts';

/**
 * The snapshot service a function module builds once at cold start; the improvement plans
 * (contract §8) listen to every computation, so the target quarter's snapshot checks them. The
 * caller picks the repository's adapter: the scheduled run computes every time
 * (`DynamoDbSnapshotRepository`), the staff routes mostly list and read
 * (`SnapshotRepositoryOnFirstComputation`), and each function imports only the one it uses.
 * `checkpoints` lets a scheduled computation pause and go on in the next run.
 */
export function createSnapshotService(
  config: RuntimeConfig,
  repositoryOf: (client: DynamoDBDocumentClient, tableName: string) => SnapshotRepository,
  plans: PlanService,
  checkpoints?: SnapshotCheckpoints,
): SnapshotService {
  const client = createDocumentClient();
  return new SnapshotService({
    repository: repositoryOf(client, config.tableName),
    campaignCsat: new DynamoDbCampaignCsatSource(client, config.tableName),
    mailer: createMailer(config),
    config: config.stack,
    publicBaseUrl: config.publicBaseUrl,
    onComputed: plans,
    ...(checkpoints ? { checkpoints } : {}),
  });
}
