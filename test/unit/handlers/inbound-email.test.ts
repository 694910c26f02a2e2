import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createInboundEmailHandler } from '../../../functions/inbound-email/handler.ts';
import { objectCreatedEvent } from '../../../infra/local/local-s3.ts';
import { parseMime } from '../../../shared/adapters/mime-parser.ts';
import type { FeedbackRepository } from '../../../shared/ports/feedback-repository.ts';
import type { FeedbackRecord } from '../../../shared/schemas/feedback-record.ts';
import { InboundEmailService } from '../../../shared/services/inbound-email-service.ts';
import { lambdaContext } from '../../helpers/lambda-context.ts';

/** Only what the intake path calls: the conditional create. */
class CreatedRecords {
  readonly writes: FeedbackRecord[] = [];
  async create(record: FeedbackRecord) {
    this.writes.push(record);
    return { outcome: 'created' as const, record };
  }
}

const s3 = mockClient(S3Client);
const at = new Date('2026-11-30T08:00:00.000Z');

function handlerWith(repository: CreatedRecords) {
  return createInboundEmailHandler({
    service: new InboundEmailService({
      repository: repository as unknown as FeedbackRepository,
      parse: parseMime,
      now: () => at,
    }),
    s3: new S3Client({ region: 'ap-southeast-1' }),
  });
}

describe('inbound-email handler', () => {
  beforeEach(() => s3.reset());

  it('skips a message over the size limit without reading it, and keys outside inbound/', async () => {
    // Prepare
    const repository = new CreatedRecords();
    const event = objectCreatedEvent('mail-bucket', 'inbound/huge', 10 * 1024 * 1024 + 1, at);
    const setup = objectCreatedEvent('mail-bucket', 'other/AMAZON_SES_SETUP_NOTIFICATION', 10, at);

    // Act
    const result = await handlerWith(repository)(
      { Records: [...event.Records, ...setup.Records] },
      lambdaContext(),
    );

    // Assess
    expect(result.messages).toEqual([
      {
        key: 'inbound/huge',
        outcome: 'skipped',
        reason: 'too_large',
        detail: 'the message is 10485761 bytes; at most 10485760 are read',
      },
    ]);
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
    expect(repository.writes).toHaveLength(0);
  });

  it('reads the decoded key and skips SES’s setup notification (no sender)', async () => {
    // Prepare
    const repository = new CreatedRecords();
    s3.on(GetObjectCommand).resolves({
      Body: {
        transformToByteArray: async () => new Uint8Array(Buffer.from('Amazon SES setup notification\r\n')),
      } as never,
    });

    // Act
    const result = await handlerWith(repository)(
      objectCreatedEvent('mail-bucket', 'inbound/AMAZON SES SETUP', 32, at),
      lambdaContext(),
    );

    // Assess
    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'mail-bucket',
      Key: 'inbound/AMAZON SES SETUP',
    });
    expect(result.messages).toEqual([
      {
        key: 'inbound/AMAZON SES SETUP',
        outcome: 'skipped',
        reason: 'no_sender',
        detail: 'the message has no From address',
      },
    ]);
  });

  it('throws when the object cannot be read, so Lambda retries the event', async () => {
    // Prepare
    s3.on(GetObjectCommand).rejects(new Error('SlowDown'));

    // Act
    const run = handlerWith(new CreatedRecords())(
      objectCreatedEvent('mail-bucket', 'inbound/a', 100, at),
      lambdaContext(),
    );

    // Assess
    await expect(run).rejects.toThrow('SlowDown');
  });
});
