import { isUtf8 } from 'node:buffer';
import { createDocumentClient } from '../../shared/adapters/aws-clients.ts';
import { DynamoDbFeedbackRepository } from '../../shared/adapters/dynamodb-feedback-repository.ts';
import { DynamoDbImportLog } from '../../shared/adapters/dynamodb-import-log.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import { MAX_IMPORT_BYTES } from '../../shared/domain/csv-import.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import { apiHandler, requestHeader } from '../../shared/http/middleware.ts';
import { integrationIdOf } from '../../shared/http/request-context.ts';
import { jsonResponse } from '../../shared/http/responses.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import { bufferSource, ImportService } from '../../shared/services/import-service.ts';

const CSV_TYPES = new Set(['text/csv', 'application/csv']);

/**
 * `POST /v1/imports`: a CSV comment book or call log (≤ 5 MB) → one feedback per good row, a
 * report of the rows refused. `415` unless `text/csv`, `413` over 5 MB, `400` for a file that
 * is not UTF-8 CSV, lacks the `text` column or has no good row (then nothing is written).
 */
export function createImportsHandler(service: ImportService) {
  const logger = createLogger();
  return apiHandler(logger).handler(async (event) => {
    const contentType = requestHeader(event, 'content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
    if (!CSV_TYPES.has(contentType)) {
      throw new DomainError(
        'unsupported_media_type',
        'Send the file as text/csv (UTF-8, a header row first).',
      );
    }
    const body = event.isBase64Encoded
      ? Buffer.from(event.body ?? '', 'base64')
      : Buffer.from(event.body ?? '', 'utf8');
    if (body.byteLength > MAX_IMPORT_BYTES) {
      throw new DomainError(
        'payload_too_large',
        `The file is larger than ${MAX_IMPORT_BYTES} bytes; upload larger files through the S3 import.`,
      );
    }
    if (!isUtf8(body)) {
      throw new DomainError('validation_error', 'The file is not UTF-8 text; save it as “CSV UTF-8”.', [
        { path: '(file)', message: 'is not UTF-8' },
      ]);
    }
    const integrationId = integrationIdOf(event);
    const report = await service.run(
      bufferSource(body),
      { integrationId },
      {
        source: 'api',
        actor: `channel:${integrationId}`,
      },
    );
    logger.info('Import done', {
      importId: report.importId,
      rows: report.rows,
      created: report.created,
      duplicates: report.duplicates,
      rejected: report.rejected.length,
    });
    return jsonResponse(201, report);
  });
}

const config = runtimeConfigFromEnv();
const client = createDocumentClient();

export const handler = createImportsHandler(
  new ImportService({
    repository: new DynamoDbFeedbackRepository(client, {
      tableName: config.tableName,
      listHorizonMonths: config.stack.listHorizonMonths,
      retentionDays: config.stack.recordRetentionDays,
    }),
    log: new DynamoDbImportLog(client, config.tableName),
    config: config.stack,
  }),
);
