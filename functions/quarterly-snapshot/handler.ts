import type { Context } from 'aws-lambda';
import { createPlanService } from '../../shared/adapters/plan-service-factory.ts';
import { createSnapshotService } from '../../shared/adapters/snapshot-service-factory.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import type { ScheduledInvocation } from '../../shared/definitions/trigger-definitions.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import type { PlanService } from '../../shared/services/plan-service.ts';
import type { SnapshotService } from '../../shared/services/snapshot-service.ts';

/**
 * Scheduled at 01:00 on the first day of each quarter: the quarter that just ended (its
 * snapshot checks the plans targeting it), then one reminder to the owner of each plan that
 * targeted it and was never started.
 */
export function createQuarterlySnapshotHandler(service: SnapshotService, plans?: PlanService) {
  const logger = createLogger();
  return async (event: ScheduledInvocation, context: Context) => {
    logger.addContext(context);
    const scheduled = new Date(event.scheduledTime);
    const result = await service.runQuarterly(Number.isNaN(scheduled.getTime()) ? new Date() : scheduled);
    const reminders = plans ? await plans.remindUnstarted(result.period) : { reminded: 0 };
    logger.info('Quarterly snapshot', { ...result, plansReminded: reminders.reminded });
    return { ...result, plansReminded: reminders.reminded };
  };
}

const config = runtimeConfigFromEnv();
const plans = createPlanService(config);
export const handler = createQuarterlySnapshotHandler(createSnapshotService(config, plans), plans);
