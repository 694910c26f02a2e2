import type { RuntimeConfig } from '../config/runtime-config.ts';
import type { Mailer } from '../ports/mailer.ts';
import { PlanService } from '../services/plan-service.ts';
import { createDocumentClient } from './aws-clients.ts';
import { DynamoDbPlanRepository } from './dynamodb-plan-repository.ts';
import { DynamoDbProblemRepository } from './dynamodb-problem-repository.ts';
import { DynamoDbSnapshotRepository } from './dynamodb-snapshot-repository.ts';
import { createMailer } from './ses-mailer-factory.ts';

/** The plan service a function module builds once at cold start. */
export function createPlanService(config: RuntimeConfig, mailer: Mailer = createMailer(config)): PlanService {
  const client = createDocumentClient();
  return new PlanService({
    plans: new DynamoDbPlanRepository(client, config.tableName),
    problems: new DynamoDbProblemRepository(client, config.tableName),
    snapshots: new DynamoDbSnapshotRepository(client, config.tableName),
    mailer,
    config: config.stack,
    publicBaseUrl: config.publicBaseUrl,
  });
}
