import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RuntimeConfig } from '../config/runtime-config.ts';
import type { Mailer } from '../ports/mailer.ts';
import type { ProblemRepository } from '../ports/problem-repository.ts';
import { PlanService } from '../services/plan-service.ts';
import { createDocumentClient } from './aws-clients.ts';
import { DynamoDbPlanRepository } from './dynamodb-plan-repository.ts';
import { DynamoDbStoredSnapshots } from './dynamodb-stored-snapshots.ts';
import { createMailer } from './ses-mailer-factory.ts';

/**
 * The plan service reads a problem only to check a new plan's `problemId`: the problem adapter and
 * its schemas load then, not at the cold start of the plan routes, the board and the snapshots.
 */
function problemsOnFirstRead(
  client: DynamoDBDocumentClient,
  tableName: string,
): Pick<ProblemRepository, 'get'> {
  let repository: Promise<Pick<ProblemRepository, 'get'>> | undefined;
  return {
    async get(id) {
      repository ??= import('./dynamodb-problem-repository.ts').then(
        ({ DynamoDbProblemRepository }) => new DynamoDbProblemRepository(client, tableName),
      );
      return (await repository).get(id);
    },
  };
}

/** The plan service a function module builds once at cold start. */
export function createPlanService(config: RuntimeConfig, mailer: Mailer = createMailer(config)): PlanService {
  const client = createDocumentClient();
  return new PlanService({
    plans: new DynamoDbPlanRepository(client, config.tableName),
    problems: problemsOnFirstRead(client, config.tableName),
    snapshots: new DynamoDbStoredSnapshots(client, config.tableName),
    mailer,
    config: config.stack,
    publicBaseUrl: config.publicBaseUrl,
  });
}
