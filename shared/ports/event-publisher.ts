import type { DomainEvent } from '../domain/domain-events.ts';

/** Publishes domain events (EventBridge when deployed; the local capture otherwise). */
export interface EventPublisher {
  publish(event: DomainEvent): Promise<void>;
}

/** One claim per event idempotency id, so a redelivered change publishes nothing twice. */
export interface EventClaims {
  /** True when this caller may publish (first claim, or a stale claim a crash left behind). */
  claim(idempotencyId: string, now: Date): Promise<boolean>;
  complete(idempotencyId: string, now: Date): Promise<void>;
  /** Gives the claim back after a failed publish, so the retry publishes it. */
  release(idempotencyId: string): Promise<void>;
}
