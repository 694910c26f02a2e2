import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { createDocumentClient } from '../../shared/adapters/aws-clients.ts';
import { createEventBridgeClient } from '../../shared/adapters/channel-clients.ts';
import { DynamoDbEventClaims } from '../../shared/adapters/dynamodb-event-claims.ts';
import { EVENT_BUS_ENV, EventBridgePublisher } from '../../shared/adapters/eventbridge-publisher.ts';
import { runtimeConfigFromEnv } from '../../shared/config/runtime-config.ts';
import { FUNCTIONS } from '../../shared/definitions/function-definitions.ts';
import { createLogger } from '../../shared/observability/logger.ts';
import { DomainEventService } from '../../shared/services/domain-event-service.ts';

type Image = NonNullable<NonNullable<DynamoDBRecord['dynamodb']>['NewImage']>;
const itemOf = (image: Image | undefined) =>
  image ? unmarshall(image as Record<string, AttributeValue>) : undefined;

/**
 * Stream → EventBridge: the domain events of each feedback change and computed snapshot.
 * Records are handled in order, one at a time; a failure is reported as a batch item failure
 * so the stream retries from that record (events already published are claimed and skipped).
 */
export function createDomainEventsHandler(service: DomainEventService) {
  const logger = createLogger();
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  return async (event: DynamoDBStreamEvent, context: Context) => {
    logger.addContext(context);
    return processPartialResponse(
      event,
      async (record: DynamoDBRecord) => {
        const published = await service.handle(
          itemOf(record.dynamodb?.OldImage),
          itemOf(record.dynamodb?.NewImage),
        );
        if (published.length) {
          logger.info('Events published', { types: published.map((e) => e.detailType) });
        }
      },
      processor,
      { context, throwOnFullBatchFailure: false, processInParallel: false },
    );
  };
}

const config = runtimeConfigFromEnv();

export const handler = createDomainEventsHandler(
  new DomainEventService({
    publisher: new EventBridgePublisher(createEventBridgeClient(), process.env[EVENT_BUS_ENV] ?? 'default'),
    claims: new DynamoDbEventClaims(createDocumentClient(), {
      tableName: config.tableName,
      staleAfterSeconds: FUNCTIONS.domainEvents.timeoutSeconds * 2,
    }),
  }),
);
