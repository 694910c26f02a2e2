import { serialize } from 'node:v8';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkpointKey, S3SnapshotCheckpoints } from '../../../shared/adapters/s3-snapshot-checkpoints.ts';
import { SnapshotAccumulator } from '../../../shared/domain/snapshot-math.ts';
import type { SnapshotCheckpoint } from '../../../shared/ports/snapshot-checkpoints.ts';
import { calendar } from '../../helpers/records.ts';

const s3 = mockClient(S3Client);
const client = new S3Client({ region: 'us-east-1' });
const ASOF = '2027-01-01T01:00:00.000Z';
const checkpoint: SnapshotCheckpoint = {
  period: '2026-Q4',
  asOf: ASOF,
  runs: 2,
  readUnits: 56.5,
  position: {
    '2026-11': { pk: 'FEEDBACK#A', sk: 'FEEDBACK', receivedMonth: '2026-11', listSk: 'x' },
    '2026-12': null,
  },
  accumulator: new SnapshotAccumulator(ASOF, calendar).state(),
};
/** A GetObject answer whose body gives these bytes (the SDK's stream helper, as the adapter reads it). */
const body = (bytes: Uint8Array) => ({ Body: { transformToByteArray: async () => new Uint8Array(bytes) } });

describe('S3SnapshotCheckpoints', () => {
  beforeEach(() => s3.reset());

  it('keeps one object per period and asOf under snapshot-runs/', () => {
    expect(checkpointKey('2026-Q4', ASOF)).toBe('snapshot-runs/2026-Q4/2027-01-01T01:00:00.000Z.v8');
  });

  it('writes the checkpoint as v8 bytes and reads the same back', async () => {
    // Prepare
    s3.on(PutObjectCommand).resolves({});
    const store = new S3SnapshotCheckpoints('runs-bucket', client);

    // Act
    await store.save(checkpoint);
    const put = s3.commandCalls(PutObjectCommand)[0]?.args[0].input;
    s3.on(GetObjectCommand).resolves(body(put?.Body as Uint8Array) as never);
    const loaded = await store.load('2026-Q4', ASOF);

    // Assess
    expect(put).toMatchObject({
      Bucket: 'runs-bucket',
      Key: 'snapshot-runs/2026-Q4/2027-01-01T01:00:00.000Z.v8',
    });
    expect(loaded).toEqual(checkpoint);
    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'runs-bucket',
      Key: 'snapshot-runs/2026-Q4/2027-01-01T01:00:00.000Z.v8',
    });
  });

  it('answers nothing for a checkpoint that is gone, or that belongs to another computation', async () => {
    // Prepare
    const store = new S3SnapshotCheckpoints('runs-bucket', client);
    s3.on(GetObjectCommand).rejectsOnce(new NoSuchKey({ message: 'gone', $metadata: {} }));
    s3.on(GetObjectCommand).resolves(
      body(serialize({ ...checkpoint, asOf: '2027-01-01T02:00:00.000Z' })) as never,
    );

    // Act / Assess
    await expect(store.load('2026-Q4', ASOF)).resolves.toBeUndefined();
    await expect(store.load('2026-Q4', ASOF)).resolves.toBeUndefined();
  });

  it('lets any other S3 refusal through: a run must not start over on a denied read', async () => {
    // Prepare
    const store = new S3SnapshotCheckpoints('runs-bucket', client);
    s3.on(GetObjectCommand).rejects(
      new S3ServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: {}, message: 'denied' }),
    );

    // Act / Assess
    await expect(store.load('2026-Q4', ASOF)).rejects.toThrow('denied');
  });

  it('removes the checkpoint of a finished computation', async () => {
    // Prepare
    s3.on(DeleteObjectCommand).resolves({});

    // Act
    await new S3SnapshotCheckpoints('runs-bucket', client).remove('2026-Q4', ASOF);

    // Assess
    expect(s3.commandCalls(DeleteObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'runs-bucket',
      Key: 'snapshot-runs/2026-Q4/2027-01-01T01:00:00.000Z.v8',
    });
  });
});
