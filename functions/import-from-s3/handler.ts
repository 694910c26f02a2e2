import type { S3Client } from '@aws-sdk/client-s3';
import type { Context, S3Event } from 'aws-lambda';
import { createDocumentClient } from '../../shared/adapters/aws-clients.ts';
import { createS3Client } from '../../shared/adapters/channel-clients.ts';
import { DynamoDbFeedbackRepository } from '../../shared/adapters/dynamodb-feedback-repository.ts';
import { DynamoDbImportLog } from '../../shared/adapters/dynamodb-import-log.ts';
import {
  IMPORT_UPLOAD_PREFIX,
  putJson,
  reportKeyFor,
  s3ImportSource,
} from '../../shared/adapters/s3-import-source.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import { errorBody } from '../../shared/http/responses.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import { ImportService } from '../../shared/services/import-service.ts';

/** The integration id S3 uploads are recorded under (the presigning caller is in the key). */
export const S3_IMPORT_INTEGRATION = 's3-upload';

/**
 * S3 `ObjectCreated` under `uploads/` → the same import as `POST /v1/imports`, for files of
 * any size, with the report (or the reason the file was refused) stored next to the upload
 * under `reports/`. A refused file is answered in its report, not retried; anything else
 * throws, so Lambda's async retries run it again, which the idempotent import makes safe.
 */
export function createImportFromS3Handler(deps: { service: ImportService; s3: S3Client }) {
  const logger = createLogger();
  return async (event: S3Event, context: Context): Promise<{ reports: string[] }> => {
    logger.addContext(context);
    const reports: string[] = [];
    for (const record of event.Records) {
      const bucket = record.s3.bucket.name;
      // S3 event keys are URL-encoded with '+' for spaces.
      const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
      if (!key.startsWith(IMPORT_UPLOAD_PREFIX)) continue;
      const reportKey = reportKeyFor(key);
      const source = s3ImportSource(deps.s3, {
        bucket,
        key,
        bytes: record.s3.object.size,
        versionId: record.s3.object.versionId,
      });
      try {
        const report = await deps.service.run(
          source,
          { integrationId: S3_IMPORT_INTEGRATION },
          { source: 's3', actor: `s3:${key}` },
        );
        await putJson(deps.s3, bucket, reportKey, report);
        logger.info('S3 import done', { key, importId: report.importId, created: report.created });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        await putJson(deps.s3, bucket, reportKey, errorBody(error.code, error.message, error.issues));
        logger.warn('S3 import refused', { key, code: error.code });
      }
      reports.push(reportKey);
    }
    return { reports };
  };
}

const config = runtimeConfigFromEnv();
const client = createDocumentClient();

export const handler = createImportFromS3Handler({
  service: new ImportService({
    repository: new DynamoDbFeedbackRepository(client, {
      tableName: config.tableName,
      listHorizonMonths: config.stack.listHorizonMonths,
      retentionDays: config.stack.recordRetentionDays,
    }),
    log: new DynamoDbImportLog(client, config.tableName),
    config: config.stack,
  }),
  s3: createS3Client(),
});
