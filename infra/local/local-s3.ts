import type { S3Event } from 'aws-lambda';

/** The bucket the local stack's SES stand-in stores received mail in. */
export const LOCAL_INBOUND_BUCKET = 'local-inbound-email';

/** The bucket snapshots keep their checkpoints in between runs, locally. */
export const LOCAL_SNAPSHOT_RUNS_BUCKET = 'local-snapshot-runs';

type Answer = { status: number; body: unknown };

const NO_SUCH_KEY = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>',
);

/**
 * A stand-in for the S3 calls the functions make, path-style: `GetObject` (inbound mail,
 * snapshot checkpoints), `PutObject` and `DeleteObject` (checkpoints). The functions' real S3
 * client is pointed here (`AWS_ENDPOINT_URL_S3`), so the same adapter code runs locally.
 * Objects live in memory for the life of the stack.
 */
export class LocalS3 {
  readonly #objects = new Map<string, Buffer>();

  put(bucket: string, key: string, body: Buffer): void {
    this.#objects.set(`${bucket}/${key}`, body);
  }

  has(bucket: string, key: string): boolean {
    return this.#objects.has(`${bucket}/${key}`);
  }

  sizeOf(bucket: string, key: string): number {
    return this.#objects.get(`${bucket}/${key}`)?.byteLength ?? 0;
  }

  /** Answers `GET`, `PUT` and `DELETE /_local/aws/s3/<bucket>/<key>`; undefined for any other request. */
  handle(method: string, pathname: string, body: Buffer = Buffer.alloc(0)): Answer | undefined {
    const prefix = '/_local/aws/s3/';
    if (!pathname.startsWith(prefix)) return undefined;
    const path = decodeURIComponent(pathname.slice(prefix.length));
    if (method === 'PUT') {
      this.#objects.set(path, Buffer.from(body));
      return { status: 200, body: Buffer.alloc(0) };
    }
    if (method === 'DELETE') {
      this.#objects.delete(path);
      return { status: 204, body: Buffer.alloc(0) };
    }
    if (method !== 'GET') return undefined;
    const object = this.#objects.get(path);
    return object ? { status: 200, body: object } : { status: 404, body: NO_SUCH_KEY };
  }
}

/** The `ObjectCreated:Put` notification S3 sends a function for one new object. */
export function objectCreatedEvent(bucket: string, key: string, size: number, at: Date): S3Event {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'us-east-1',
        eventTime: at.toISOString(),
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'AWS:SES' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': 'local', 'x-amz-id-2': 'local' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'inbound-email',
          bucket: { name: bucket, ownerIdentity: { principalId: 'local' }, arn: `arn:aws:s3:::${bucket}` },
          // As S3 sends it: URL-encoded, spaces as '+'.
          object: {
            key: encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+'),
            size,
            eTag: 'local',
            sequencer: at.getTime().toString(16).toUpperCase(),
          },
        },
      },
    ],
  };
}
