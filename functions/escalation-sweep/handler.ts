import type { Context } from 'aws-lambda';
import { createFeedbackRepository } from '../../shared/adapters/feedback-repository-factory.ts';
import { createMailer } from '../../shared/adapters/ses-mailer-factory.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import type { ScheduledInvocation } from '../../shared/definitions/trigger-definitions.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import { EscalationService } from '../../shared/services/escalation-service.ts';

/** Scheduled: walk the escalation ladder for everything due at the scheduled time. */
export function createEscalationSweepHandler(service: EscalationService) {
  const logger = createLogger();
  return async (event: ScheduledInvocation, context: Context) => {
    logger.addContext(context);
    const now = new Date(event.scheduledTime);
    const summary = await service.sweep(Number.isNaN(now.getTime()) ? new Date() : now);
    logger.info('Escalation sweep done', { ...summary, scheduledTime: event.scheduledTime });
    if (summary.failed > 0)
      throw new Error(`${summary.failed} escalation email(s) failed; they will be retried`);
    return summary;
  };
}

const config = runtimeConfigFromEnv();

export const handler = createEscalationSweepHandler(
  new EscalationService({
    repository: createFeedbackRepository(config),
    mailer: createMailer(config),
    config: config.stack,
    publicBaseUrl: config.publicBaseUrl,
  }),
);
