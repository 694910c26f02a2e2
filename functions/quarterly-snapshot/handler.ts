import type { Context } from 'aws-lambda';
import { createSnapshotService } from '../../shared/adapters/snapshot-service-factory.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import type { ScheduledInvocation } from '../../shared/definitions/trigger-definitions.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import type { SnapshotService } from '../../shared/services/snapshot-service.ts';

/** Scheduled at 01:00 on the first day of each quarter: the quarter that just ended. */
export function createQuarterlySnapshotHandler(service: SnapshotService) {
  const logger = createLogger();
  return async (event: ScheduledInvocation, context: Context) => {
    logger.addContext(context);
    const scheduled = new Date(event.scheduledTime);
    const result = await service.runQuarterly(Number.isNaN(scheduled.getTime()) ? new Date() : scheduled);
    logger.info('Quarterly snapshot', result);
    return result;
  };
}

export const handler = createQuarterlySnapshotHandler(createSnapshotService(runtimeConfigFromEnv()));
