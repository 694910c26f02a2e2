import type { Context } from 'aws-lambda';
import { DynamoDbSnapshotRepository } from '../../shared/adapters/dynamodb-snapshot-repository.ts';
import { createPlanService } from '../../shared/adapters/plan-service-factory.ts';
import { createSnapshotService } from '../../shared/adapters/snapshot-service-factory.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import type { ScheduledInvocation } from '../../shared/definitions/trigger-definitions.ts';
import type { PeriodKind } from '../../shared/domain/period.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import type { PlanService } from '../../shared/services/plan-service.ts';
import type { SnapshotService } from '../../shared/services/snapshot-service.ts';

const KIND_OF_SCHEDULE: Partial<Record<ScheduledInvocation['schedule'], PeriodKind>> = {
  'weekly-snapshot': 'week',
  'monthly-snapshot': 'month',
};

/**
 * The snapshot schedules: at 01:00 on the first day of each quarter the quarter that just ended
 * (emailed), on the first of each month the month, on Mondays the ISO week (not emailed).
 * After a quarter, one reminder to the owner of each plan that targeted it and was never started.
 * One function for the three: the same code, grants and table reads, chosen by schedule name.
 */
export function createQuarterlySnapshotHandler(service: SnapshotService, plans?: PlanService) {
  const logger = createLogger();
  return async (event: ScheduledInvocation, context: Context) => {
    logger.addContext(context);
    const scheduled = new Date(event.scheduledTime);
    const kind = KIND_OF_SCHEDULE[event.schedule] ?? 'quarter';
    const result = await service.runScheduled(
      kind,
      Number.isNaN(scheduled.getTime()) ? new Date() : scheduled,
    );
    const reminders =
      plans && kind === 'quarter' ? await plans.remindUnstarted(result.period) : { reminded: 0 };
    logger.info('Scheduled snapshot', { kind, ...result, plansReminded: reminders.reminded });
    return { ...result, plansReminded: reminders.reminded };
  };
}

const config = runtimeConfigFromEnv();
const plans = createPlanService(config);
export const handler = createQuarterlySnapshotHandler(
  createSnapshotService(
    config,
    (client, tableName) => new DynamoDbSnapshotRepository(client, tableName),
    plans,
  ),
  plans,
);
