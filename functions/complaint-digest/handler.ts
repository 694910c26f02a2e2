import type { Context } from 'aws-lambda';
import { createFeedbackRepository } from '../../shared/adapters/feedback-repository-factory.ts';
import { createMailer } from '../../shared/adapters/ses-mailer-factory.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import type { ScheduledInvocation } from '../../shared/definitions/trigger-definitions.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import { ComplaintDigestService } from '../../shared/services/complaint-digest-service.ts';

/** Scheduled: each team's digest of the complaints received up to the scheduled time. */
export function createComplaintDigestHandler(service: ComplaintDigestService) {
  const logger = createLogger();
  return async (event: ScheduledInvocation, context: Context) => {
    logger.addContext(context);
    const now = new Date(event.scheduledTime);
    const summary = await service.run(Number.isNaN(now.getTime()) ? new Date() : now);
    logger.info('Complaint digest done', { ...summary, scheduledTime: event.scheduledTime });
    if (summary.failed > 0)
      throw new Error(`${summary.failed} complaint digest(s) failed; they will be retried`);
    return summary;
  };
}

const config = runtimeConfigFromEnv();

export const handler = createComplaintDigestHandler(
  new ComplaintDigestService({
    repository: createFeedbackRepository(config),
    mailer: createMailer(config),
    config: config.stack,
    publicBaseUrl: config.publicBaseUrl,
  }),
);
