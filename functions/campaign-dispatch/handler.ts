import type { Context } from 'aws-lambda';
import { createCampaignDispatchService } from '../../shared/adapters/campaign-send-factories.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import type { ScheduledInvocation } from '../../shared/definitions/trigger-definitions.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import type { CampaignDispatchService } from '../../shared/services/campaign-dispatch-service.ts';

/**
 * Scheduled every 15 minutes (contract §11): finds the invitations and reminders due at the
 * scheduled instant and fans them out through the send queue; it sends nothing itself.
 */
export function createCampaignDispatchHandler(service: CampaignDispatchService) {
  const logger = createLogger();
  return async (event: ScheduledInvocation, context: Context) => {
    logger.addContext(context);
    const now = new Date(event.scheduledTime);
    const summary = await service.dispatch(Number.isNaN(now.getTime()) ? new Date() : now);
    logger.info('Campaign dispatch done', { ...summary, scheduledTime: event.scheduledTime });
    return summary;
  };
}

export const handler = createCampaignDispatchHandler(createCampaignDispatchService(runtimeConfigFromEnv()));
