import { deserialize, serialize } from 'node:v8';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SnapshotCheckpoint, SnapshotCheckpoints } from '../ports/snapshot-checkpoints.ts';
import { instrument } from './aws-clients.ts';

/** Environment variable naming the bucket checkpoints are kept in (set by the SnapshotRuns construct). */
export const SNAPSHOT_RUNS_BUCKET_ENV = 'SNAPSHOT_RUNS_BUCKET_NAME';

/** Prefix of the checkpoints in that bucket (the function's grants are on it only). */
export const SNAPSHOT_CHECKPOINT_PREFIX = 'snapshot-runs/';

/** `snapshot-runs/2026-Q3/2026-10-01T01:00:00.000Z.v8`: one object per period and asOf. */
export function checkpointKey(period: string, asOf: string): string {
  return `${SNAPSHOT_CHECKPOINT_PREFIX}${period}/${asOf}.v8`;
}

/**
 * {@link SnapshotCheckpoints} in S3. A checkpoint is written with Node's structured-clone
 * serializer (`node:v8`), which keeps the accumulator's typed arrays as raw bytes (8 per
 * value, not a decimal string each) and is read back by the same runtime that wrote it
 * minutes earlier. The S3 client is loaded on the first checkpoint: most periods finish in
 * one run and never need it.
 */
export class S3SnapshotCheckpoints implements SnapshotCheckpoints {
  readonly #bucket: string;
  readonly #given: S3Client | undefined;
  #loaded: Promise<{ client: S3Client; s3: typeof import('@aws-sdk/client-s3') }> | undefined;

  /** Without `client`, the SDK is imported and the client built (endpoint from `AWS_ENDPOINT_URL_S3`) on first use. */
  constructor(bucket: string, client?: S3Client) {
    this.#bucket = bucket;
    this.#given = client;
  }

  async #s3() {
    this.#loaded ??= import('@aws-sdk/client-s3').then((s3) => ({
      client: this.#given ?? instrument(new s3.S3Client({ maxAttempts: 4 }), 's3'),
      s3,
    }));
    return this.#loaded;
  }

  async load(period: string, asOf: string): Promise<SnapshotCheckpoint | undefined> {
    const { client, s3 } = await this.#s3();
    try {
      const answer = await client.send(
        new s3.GetObjectCommand({ Bucket: this.#bucket, Key: checkpointKey(period, asOf) }),
      );
      if (!answer.Body) return undefined;
      const checkpoint = deserialize(await answer.Body.transformToByteArray()) as SnapshotCheckpoint;
      // The key names both; a mismatch is a checkpoint that is not this computation's.
      return checkpoint.period === period && checkpoint.asOf === asOf ? checkpoint : undefined;
    } catch (error) {
      if (error instanceof s3.NoSuchKey) return undefined;
      throw error;
    }
  }

  async save(checkpoint: SnapshotCheckpoint): Promise<void> {
    const { client, s3 } = await this.#s3();
    await client.send(
      new s3.PutObjectCommand({
        Bucket: this.#bucket,
        Key: checkpointKey(checkpoint.period, checkpoint.asOf),
        Body: serialize(checkpoint),
        ContentType: 'application/octet-stream',
      }),
    );
  }

  async remove(period: string, asOf: string): Promise<void> {
    const { client, s3 } = await this.#s3();
    await client.send(new s3.DeleteObjectCommand({ Bucket: this.#bucket, Key: checkpointKey(period, asOf) }));
  }
}
