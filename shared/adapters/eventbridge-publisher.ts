import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DOMAIN_EVENT_SOURCE, type DomainEvent } from '../domain/domain-events.ts';
import type { EventPublisher } from '../ports/event-publisher.ts';

/** Environment variable naming the custom event bus (set by the DomainEvents construct). */
export const EVENT_BUS_ENV = 'EVENT_BUS_NAME';

/** {@link EventPublisher} on EventBridge `PutEvents` to the stack's custom bus. */
export class EventBridgePublisher implements EventPublisher {
  readonly #client: EventBridgeClient;
  readonly #busName: string;

  constructor(client: EventBridgeClient, busName: string) {
    this.#client = client;
    this.#busName = busName;
  }

  async publish(event: DomainEvent): Promise<void> {
    const answer = await this.#client.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: this.#busName,
            Source: DOMAIN_EVENT_SOURCE,
            DetailType: event.detailType,
            Time: new Date(event.time),
            Detail: JSON.stringify(event.detail),
          },
        ],
      }),
    );
    if (answer.FailedEntryCount) {
      const entry = answer.Entries?.[0];
      throw new Error(
        `PutEvents refused ${event.detailType}: ${entry?.ErrorCode ?? '?'} ${entry?.ErrorMessage ?? ''}`,
      );
    }
  }
}
