import type { Context } from 'aws-lambda';
import { DynamoDbSnapshotRepository } from '../../shared/adapters/dynamodb-snapshot-repository.ts';
import { createPlanService } from '../../shared/adapters/plan-service-factory.ts';
import {
  S3SnapshotCheckpoints,
  SNAPSHOT_RUNS_BUCKET_ENV,
} from '../../shared/adapters/s3-snapshot-checkpoints.ts';
import { createSnapshotService } from '../../shared/adapters/snapshot-service-factory.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import type { RunAgain, ScheduledInvocation } from '../../shared/definitions/trigger-definitions.ts';
import type { PeriodKind } from '../../shared/domain/period.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import type { PlanService } from '../../shared/services/plan-service.ts';
import type { SnapshotService } from '../../shared/services/snapshot-service.ts';

const KIND_OF_SCHEDULE: Partial<Record<ScheduledInvocation['schedule'], PeriodKind>> = {
  'weekly-snapshot': 'week',
  'monthly-snapshot': 'month',
};

/**
 * Time a run keeps back from its timeout when it pauses: the pages in flight, then either the
 * checkpoint's upload or the last run's figures, store, plan checks and email.
 */
export const RUN_RESERVE_MS = 90_000;

/**
 * The snapshot schedules: at 01:00 on the first day of each quarter the quarter that just ended
 * (emailed), on the first of each month the month, on Mondays the ISO week (not emailed).
 * After a quarter, one reminder to the owner of each plan that targeted it and was never started.
 * One function for the three: the same code, grants and table reads, chosen by schedule name.
 *
 * A period too large for one run pauses `RUN_RESERVE_MS` before the timeout and answers
 * `{ next }`: the Step Functions loop (or the local stack) runs it again to count on.
 */
export function createQuarterlySnapshotHandler(service: SnapshotService, plans?: PlanService) {
  const logger = createLogger();
  return async (event: ScheduledInvocation, context: Context) => {
    logger.addContext(context);
    const parsed = new Date(event.scheduledTime);
    const scheduled = Number.isNaN(parsed.getTime()) ? new Date() : parsed;
    const kind = KIND_OF_SCHEDULE[event.schedule] ?? 'quarter';
    const outcome = await service.runScheduledStep(kind, scheduled, {
      resume: event.continues !== undefined,
      shouldPause: () => context.getRemainingTimeInMillis() < RUN_RESERVE_MS,
    });
    if (!outcome.done) {
      const { done: _done, ...progress } = outcome;
      logger.info('Scheduled snapshot paused, to go on in the next run', { kind, ...progress });
      // The instant resolved here: every run of one computation counts as of the same moment.
      const next: ScheduledInvocation = {
        schedule: event.schedule,
        scheduledTime: scheduled.toISOString(),
        continues: outcome.runs,
      };
      return { ...progress, next } satisfies RunAgain & typeof progress;
    }
    const { done: _done, ...result } = outcome;
    const reminders =
      plans && kind === 'quarter' ? await plans.remindUnstarted(result.period) : { reminded: 0 };
    logger.info('Scheduled snapshot', { kind, ...result, plansReminded: reminders.reminded });
    return { ...result, plansReminded: reminders.reminded };
  };
}

const config = runtimeConfigFromEnv();
const plans = createPlanService(config);
const bucket = process.env[SNAPSHOT_RUNS_BUCKET_ENV];
export const handler = createQuarterlySnapshotHandler(
  createSnapshotService(
    config,
    (client, tableName) => new DynamoDbSnapshotRepository(client, tableName),
    plans,
    bucket ? new S3SnapshotCheckpoints(bucket) : undefined,
  ),
  plans,
);
