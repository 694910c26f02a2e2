import type { RuntimeConfig } from '../config/runtime-config.ts';
import { SnapshotService } from '../services/snapshot-service.ts';
import { createDocumentClient } from './aws-clients.ts';
import { DynamoDbSnapshotRepository } from './dynamodb-snapshot-repository.ts';
import { createMailer } from './ses-mailer-factory.ts';

/** The snapshot service a function module builds once at cold start. */
export function createSnapshotService(config: RuntimeConfig): SnapshotService {
  return new SnapshotService({
    repository: new DynamoDbSnapshotRepository(createDocumentClient(), config.tableName),
    mailer: createMailer(config),
    config: config.stack,
    publicBaseUrl: config.publicBaseUrl,
  });
}
