import type { Context } from 'aws-lambda';
import { createCampaignSendService } from '../../shared/adapters/campaign-factories.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import type { ScheduledInvocation } from '../../shared/definitions/trigger-definitions.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import type { CampaignSendService } from '../../shared/services/campaign-send-service.ts';

/**
 * Scheduled every 15 minutes (contract §11): finds the invitations and reminders due at the
 * scheduled instant and fans them out through the send queue; it sends nothing itself.
 */
export function createCampaignDispatchHandler(service: CampaignSendService) {
  const logger = createLogger();
  return async (event: ScheduledInvocation, context: Context) => {
    logger.addContext(context);
    const now = new Date(event.scheduledTime);
    const summary = await service.dispatch(Number.isNaN(now.getTime()) ? new Date() : now);
    logger.info('Campaign dispatch done', { ...summary, scheduledTime: event.scheduledTime });
    return summary;
  };
}

export const handler = createCampaignDispatchHandler(createCampaignSendService(runtimeConfigFromEnv()));
