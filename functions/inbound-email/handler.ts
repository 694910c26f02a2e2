import type { S3Client } from '@aws-sdk/client-s3';
import type { Context, S3Event } from 'aws-lambda';
import { createS3Client } from '../../shared/adapters/channel-clients.ts';
import { createFeedbackRepository } from '../../shared/adapters/feedback-repository-factory.ts';
import { parseMime } from '../../shared/adapters/mime-parser.ts';
import {
  INBOUND_EMAIL_PREFIX,
  MAX_INBOUND_EMAIL_BYTES,
  readInboundObject,
} from '../../shared/adapters/s3-inbound-email.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import { InboundEmailService, type InboundOutcome } from '../../shared/services/inbound-email-service.ts';

/** What became of each stored message, by object key. */
export interface InboundEmailResult {
  messages: ({ key: string } & (
    | InboundOutcome
    | { outcome: 'skipped'; reason: 'too_large'; detail: string }
  ))[];
}

/**
 * S3 `ObjectCreated` under `inbound/` (written by the SES receipt rule) → one feedback per
 * message, or a logged reason it was skipped (auto-reply, bounce, no text, …). A failure to
 * read or store throws, so Lambda's async retries run it again; the write is idempotent.
 */
export function createInboundEmailHandler(deps: { service: InboundEmailService; s3: S3Client }) {
  const logger = createLogger();
  return async (event: S3Event, context: Context): Promise<InboundEmailResult> => {
    logger.addContext(context);
    const messages: InboundEmailResult['messages'] = [];
    for (const record of event.Records) {
      // S3 event keys are URL-encoded with '+' for spaces.
      const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
      if (!key.startsWith(INBOUND_EMAIL_PREFIX)) continue;
      if (record.s3.object.size > MAX_INBOUND_EMAIL_BYTES) {
        const detail = `the message is ${record.s3.object.size} bytes; at most ${MAX_INBOUND_EMAIL_BYTES} are read`;
        logger.warn('Inbound email skipped', { key, reason: 'too_large', detail });
        messages.push({ key, outcome: 'skipped', reason: 'too_large', detail });
        continue;
      }
      const raw = await readInboundObject(deps.s3, record.s3.bucket.name, key);
      const outcome = await deps.service.receive(raw, key);
      if (outcome.outcome === 'skipped') {
        logger.warn('Inbound email skipped', { key, reason: outcome.reason, detail: outcome.detail });
      } else {
        logger.info('Inbound email stored', {
          key,
          feedbackId: outcome.feedbackId,
          outcome: outcome.outcome,
        });
      }
      messages.push({ key, ...outcome });
    }
    return { messages };
  };
}

const config = runtimeConfigFromEnv();

export const handler = createInboundEmailHandler({
  service: new InboundEmailService({ repository: createFeedbackRepository(config), parse: parseMime }),
  s3: createS3Client(),
});
