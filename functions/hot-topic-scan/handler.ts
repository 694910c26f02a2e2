import type { Context } from 'aws-lambda';
import { createHotTopicService } from '../../shared/adapters/hot-topic-factories.ts';
import { createMailer } from '../../shared/adapters/ses-mailer-factory.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import type { ScheduledInvocation } from '../../shared/definitions/trigger-definitions.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import type { HotTopicService } from '../../shared/services/hot-topic-service.ts';

/** Scheduled every 15 minutes: the hot-topic scan at the scheduled instant (contract §10). */
export function createHotTopicScanHandler(service: HotTopicService) {
  const logger = createLogger();
  return async (event: ScheduledInvocation, context: Context) => {
    logger.addContext(context);
    const now = new Date(event.scheduledTime);
    const summary = await service.scan(Number.isNaN(now.getTime()) ? new Date() : now);
    logger.info('Hot-topic scan done', { ...summary, scheduledTime: event.scheduledTime });
    return summary;
  };
}

const config = runtimeConfigFromEnv();

export const handler = createHotTopicScanHandler(createHotTopicService(config, createMailer(config)));
