import { createFeedbackRepository } from '../../shared/adapters/feedback-repository-factory.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import { jsonApiHandler, requestHeader } from '../../shared/http/middleware.ts';
import { integrationIdOf } from '../../shared/http/request-context.ts';
import { jsonResponse, parseOrThrow } from '../../shared/http/responses.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import type { FeedbackRepository } from '../../shared/ports/feedback-repository.ts';
import {
  type FeedbackAccepted,
  feedbackInputSchema,
  idempotencyKeySchema,
} from '../../shared/schemas/feedback-input.ts';
import { submitFeedback } from '../../shared/services/submit-feedback.ts';

export interface IntakeDependencies {
  repository: FeedbackRepository;
  publicBaseUrl: string;
}

/** `POST /v1/feedback`: validate, store with one conditional write, answer 201. */
export function createIntakeHandler(deps: IntakeDependencies) {
  const logger = createLogger();
  return jsonApiHandler(logger).handler(async (event) => {
    const input = parseOrThrow(feedbackInputSchema, event.jsonBody, 'feedback');
    const rawKey = requestHeader(event, 'idempotency-key');
    const idempotencyKey =
      rawKey === undefined
        ? undefined
        : parseOrThrow(idempotencyKeySchema, rawKey, 'Idempotency-Key header', 'Idempotency-Key');
    const { record, replayed } = await submitFeedback(deps.repository, {
      input,
      idempotencyKey,
      submitter: { integrationId: integrationIdOf(event) },
      now: new Date(),
    });
    logger.info('Feedback accepted', { feedbackId: record.id, channel: record.channel, replayed });
    const body: FeedbackAccepted = {
      id: record.id,
      status: 'received',
      receivedAt: record.receivedAt,
      trackingToken: record.trackingToken,
      trackingUrl: `${deps.publicBaseUrl}/v1/track/${record.trackingToken}`,
    };
    return jsonResponse(201, body, {
      location: `/v1/feedback/${record.id}`,
      ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
    });
  });
}

const config = runtimeConfigFromEnv();

export const handler = createIntakeHandler({
  repository: createFeedbackRepository(config),
  publicBaseUrl: config.publicBaseUrl,
});
