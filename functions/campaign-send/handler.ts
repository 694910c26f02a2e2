import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createCampaignSendService } from '../../shared/adapters/campaign-send-factories.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import * as z from '../../shared/schemas/zod.ts';
import type { CampaignSendService } from '../../shared/services/campaign-send-service.ts';

const messageSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.object({
    campaignId: z.string().check(z.maxLength(26)),
    kind: z.enum(['invite', 'reminder']),
    recipientIds: z.array(z.string().check(z.maxLength(26))).check(z.maxLength(100)),
    dispatchedAt: z.iso.datetime({ offset: true }),
  }),
);

/**
 * The send queue's consumer: each message's invitations or reminders, paced within the SES
 * rate, each claimed before it is sent. A message that fails is reported alone
 * (`batchItemFailures`) and redelivered; its sent recipients are skipped by their claims.
 */
export function createCampaignSendHandler(service: CampaignSendService) {
  const logger = createLogger();
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    logger.addContext(context);
    const failures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      let body: unknown;
      try {
        body = JSON.parse(record.body);
      } catch {
        body = undefined;
      }
      const parsed = messageSchema.safeParse(body);
      if (!parsed.success) {
        logger.error('Campaign send message is malformed; dropped', { messageId: record.messageId });
        continue;
      }
      try {
        const summary = await service.send(parsed.data);
        logger.info('Campaign sends done', {
          campaignId: parsed.data.campaignId,
          kind: parsed.data.kind,
          ...summary,
        });
      } catch (error) {
        logger.error(
          'Campaign send failed; the message is retried',
          error instanceof Error ? error : String(error),
        );
        failures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures: failures };
  };
}

export const handler = createCampaignSendHandler(createCampaignSendService(runtimeConfigFromEnv()));
