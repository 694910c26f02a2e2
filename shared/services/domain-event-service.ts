import {
  type DomainEvent,
  feedbackEvents,
  hotTopicEvents,
  type Item,
  problemEvents,
  snapshotEvents,
} from '../domain/domain-events.ts';
import type { EventClaims, EventPublisher } from '../ports/event-publisher.ts';

export interface DomainEventServiceDependencies {
  publisher: EventPublisher;
  claims: EventClaims;
  now?: () => Date;
}

/**
 * Publishes the domain events a stored change stands for, each once: it claims the event's
 * idempotency id with a conditional write, publishes, and marks it published; a failed publish
 * gives the claim back and throws, so the stream retries the record and publishes it then.
 */
export class DomainEventService {
  readonly #deps: DomainEventServiceDependencies;

  constructor(deps: DomainEventServiceDependencies) {
    this.#deps = deps;
  }

  /** Events of one change (old and new item images); answers those published now. */
  async handle(before: Item | undefined, after: Item | undefined): Promise<DomainEvent[]> {
    const published: DomainEvent[] = [];
    const events = [
      ...feedbackEvents(before, after),
      ...snapshotEvents(before, after),
      ...hotTopicEvents(before, after),
      ...problemEvents(before, after),
    ];
    for (const event of events) {
      const id = event.detail.idempotencyId;
      if (!(await this.#deps.claims.claim(id, this.#now()))) continue;
      try {
        await this.#deps.publisher.publish(event);
      } catch (error) {
        await this.#deps.claims.release(id);
        throw error;
      }
      await this.#deps.claims.complete(id, this.#now());
      published.push(event);
    }
    return published;
  }

  #now(): Date {
    return this.#deps.now?.() ?? new Date();
  }
}
