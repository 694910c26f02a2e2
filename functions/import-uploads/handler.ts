import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ulid } from 'ulid';
import { createS3Client } from '../../shared/adapters/channel-clients.ts';
import {
  IMPORT_BUCKET_ENV,
  IMPORT_UPLOAD_PREFIX,
  reportKeyFor,
} from '../../shared/adapters/s3-import-source.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import { apiHandler } from '../../shared/http/middleware.ts';
import { integrationIdOf } from '../../shared/http/request-context.ts';
import { jsonResponse } from '../../shared/http/responses.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import type { ImportUpload } from '../../shared/schemas/import.ts';

/** How long a presigned upload URL stays valid. */
export const UPLOAD_URL_SECONDS = 900;

/**
 * `POST /v1/imports/uploads`: a presigned S3 PUT for a CSV larger than the API takes. The
 * upload is imported by the S3-triggered function; its report appears at `reportKey`.
 * Locally there is no bucket: the route answers 404 and points at `POST /v1/imports`.
 */
export function createImportUploadsHandler(deps: {
  s3: S3Client;
  bucket: string | undefined;
  now?: () => Date;
}) {
  const logger = createLogger();
  return apiHandler(logger).handler(async (event) => {
    if (!deps.bucket) {
      throw new DomainError(
        'not_found',
        'S3 uploads exist only in the deployed stack; POST /v1/imports takes files up to 5 MB.',
      );
    }
    const integration = integrationIdOf(event).replace(/[^A-Za-z0-9_-]/g, '_');
    const key = `${IMPORT_UPLOAD_PREFIX}${integration}/${ulid((deps.now?.() ?? new Date()).getTime())}.csv`;
    const uploadUrl = await getSignedUrl(
      deps.s3,
      new PutObjectCommand({ Bucket: deps.bucket, Key: key, ContentType: 'text/csv' }),
      { expiresIn: UPLOAD_URL_SECONDS },
    );
    const body: ImportUpload = {
      uploadUrl,
      method: 'PUT',
      headers: { 'content-type': 'text/csv' },
      key,
      reportKey: reportKeyFor(key),
      expiresInSeconds: UPLOAD_URL_SECONDS,
    };
    logger.info('Upload URL issued', { key });
    return jsonResponse(201, body);
  });
}

export const handler = createImportUploadsHandler({
  s3: createS3Client(),
  bucket: process.env[IMPORT_BUCKET_ENV] || undefined,
});
