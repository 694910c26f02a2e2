import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/** Prefix the SES receipt rule stores messages under; the S3 notification fires only for it. */
export const INBOUND_EMAIL_PREFIX = 'inbound/';

/** Largest message read (SES stores up to 40 MB; feedback needs its text, not big attachments). */
export const MAX_INBOUND_EMAIL_BYTES = 10 * 1024 * 1024;

/** Reads one stored message whole (a message is parsed as one document). */
export async function readInboundObject(client: S3Client, bucket: string, key: string): Promise<Buffer> {
  const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!answer.Body) return Buffer.alloc(0);
  return Buffer.from(await answer.Body.transformToByteArray());
}
