import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ImportSource } from '../services/import-service.ts';

/** Environment variable naming the import bucket (set by the FeedbackImports construct). */
export const IMPORT_BUCKET_ENV = 'IMPORT_BUCKET_NAME';

/** Prefix presigned uploads land under; the S3 notification fires only for it. */
export const IMPORT_UPLOAD_PREFIX = 'uploads/';
/** Prefix the reports are stored under, mirroring the upload's key. */
export const IMPORT_REPORT_PREFIX = 'reports/';

/** `uploads/a/b.csv` → `reports/a/b.csv.report.json`: the report stored next to the upload. */
export function reportKeyFor(uploadKey: string): string {
  const rest = uploadKey.startsWith(IMPORT_UPLOAD_PREFIX)
    ? uploadKey.slice(IMPORT_UPLOAD_PREFIX.length)
    : uploadKey;
  return `${IMPORT_REPORT_PREFIX}${rest}.report.json`;
}

/**
 * An S3 object as an {@link ImportSource}: each pass opens its own GetObject stream, so the
 * file is never held whole in memory; both passes read the same version.
 */
export function s3ImportSource(
  client: S3Client,
  object: { bucket: string; key: string; bytes: number; versionId?: string | undefined },
): ImportSource {
  return {
    bytes: object.bytes,
    open: () => ({
      async *[Symbol.asyncIterator]() {
        const answer = await client.send(
          new GetObjectCommand({
            Bucket: object.bucket,
            Key: object.key,
            ...(object.versionId ? { VersionId: object.versionId } : {}),
          }),
        );
        const body = answer.Body as AsyncIterable<Uint8Array> | undefined;
        if (!body) return;
        for await (const chunk of body) yield Buffer.from(chunk);
      },
    }),
  };
}

/** Stores a report as JSON. */
export async function putJson(client: S3Client, bucket: string, key: string, value: unknown): Promise<void> {
  await client.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: JSON.stringify(value, null, 2),
      ContentType: 'application/json; charset=utf-8',
    }),
  );
}
