import { describe, expect, it } from 'vitest';
import type { DomainEvent, Item } from '../../../shared/domain/domain-events.ts';
import type { EventClaims, EventPublisher } from '../../../shared/ports/event-publisher.ts';
import { DomainEventService } from '../../../shared/services/domain-event-service.ts';

const now = new Date('2026-11-24T02:00:00.000Z');

/** Claims as the conditional write keeps them: one per idempotency id, released ones free again. */
class MemoryClaims implements EventClaims {
  readonly state = new Map<string, 'claimed' | 'published'>();
  readonly calls: string[] = [];
  readonly instants: Date[] = [];

  async claim(idempotencyId: string, at: Date): Promise<boolean> {
    this.calls.push(`claim ${idempotencyId}`);
    this.instants.push(at);
    if (this.state.has(idempotencyId)) return false;
    this.state.set(idempotencyId, 'claimed');
    return true;
  }

  async complete(idempotencyId: string, at: Date): Promise<void> {
    this.calls.push(`complete ${idempotencyId}`);
    this.instants.push(at);
    this.state.set(idempotencyId, 'published');
  }

  async release(idempotencyId: string): Promise<void> {
    this.calls.push(`release ${idempotencyId}`);
    this.state.delete(idempotencyId);
  }
}

/** Keeps what it publishes; fails the next `failures` publishes. */
class RecordingPublisher implements EventPublisher {
  readonly published: DomainEvent[] = [];
  failures = 0;

  async publish(event: DomainEvent): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('EventBridge is unavailable');
    }
    this.published.push(event);
  }
}

function setup(withClock = true) {
  const claims = new MemoryClaims();
  const publisher = new RecordingPublisher();
  const service = new DomainEventService({ publisher, claims, ...(withClock ? { now: () => now } : {}) });
  return { claims, publisher, service };
}

const received: Item = {
  entity: 'feedback',
  id: 'F1',
  version: 1,
  status: 'received',
  channel: 'web',
  receivedAt: '2026-11-24T01:00:00.000Z',
  updatedAt: '2026-11-24T01:00:00.000Z',
  escalationLevel: 0,
};

const receivedEvent: DomainEvent = {
  detailType: 'FeedbackReceived',
  time: '2026-11-24T01:00:00.000Z',
  detail: {
    idempotencyId: 'feedback/F1/v1/FeedbackReceived',
    feedbackId: 'F1',
    version: 1,
    channel: 'web',
    status: 'received',
    priority: null,
    type: null,
    category: null,
    escalationLevel: 0,
    receivedAt: '2026-11-24T01:00:00.000Z',
  },
};

// An open feedback escalated one level and acknowledged in the same change: two events.
const open: Item = { ...received, version: 3, status: 'open', escalationLevel: 0 };
const acknowledgedAndEscalated: Item = {
  ...received,
  version: 4,
  status: 'acknowledged',
  escalationLevel: 1,
  updatedAt: '2026-11-24T03:00:00.000Z',
};

describe('domain event service', () => {
  it('publishes a new feedback once: claimed, published, then marked published, at the given instant', async () => {
    // Prepare
    const { claims, publisher, service } = setup();

    // Act
    const answered = await service.handle(undefined, received);

    // Assess
    expect(answered).toEqual([receivedEvent]);
    expect(publisher.published).toEqual([receivedEvent]);
    expect(claims.calls).toEqual([
      'claim feedback/F1/v1/FeedbackReceived',
      'complete feedback/F1/v1/FeedbackReceived',
    ]);
    expect(claims.instants).toEqual([now, now]);
    expect(claims.state.get('feedback/F1/v1/FeedbackReceived')).toBe('published');
  });

  it('publishes nothing again when the same change is delivered twice', async () => {
    // Prepare
    const { claims, publisher, service } = setup();
    await service.handle(undefined, received);

    // Act
    const again = await service.handle(undefined, received);

    // Assess
    expect(again).toEqual([]);
    expect(publisher.published).toHaveLength(1);
    expect(claims.calls).toEqual([
      'claim feedback/F1/v1/FeedbackReceived',
      'complete feedback/F1/v1/FeedbackReceived',
      'claim feedback/F1/v1/FeedbackReceived',
    ]);
  });

  it('publishes each event of one change, skipping only the one claimed before', async () => {
    // Prepare
    const { claims, publisher, service } = setup();
    claims.state.set('feedback/F1/v4/FeedbackAcknowledged', 'published');

    // Act
    const answered = await service.handle(open, acknowledgedAndEscalated);

    // Assess
    expect(answered.map((event) => event.detail.idempotencyId)).toEqual([
      'feedback/F1/round0-level1/FeedbackEscalated',
    ]);
    expect(publisher.published.map((event) => event.detailType)).toEqual(['FeedbackEscalated']);
    expect(claims.calls).toEqual([
      'claim feedback/F1/v4/FeedbackAcknowledged',
      'claim feedback/F1/round0-level1/FeedbackEscalated',
      'complete feedback/F1/round0-level1/FeedbackEscalated',
    ]);
  });

  it('gives the claim back and throws when publishing fails, so the retried record publishes it', async () => {
    // Prepare
    const { claims, publisher, service } = setup();
    publisher.failures = 1;

    // Act
    const failed = service.handle(undefined, received);
    await expect(failed).rejects.toThrow('EventBridge is unavailable');
    const retried = await service.handle(undefined, received);

    // Assess
    expect(claims.calls).toEqual([
      'claim feedback/F1/v1/FeedbackReceived',
      'release feedback/F1/v1/FeedbackReceived',
      'claim feedback/F1/v1/FeedbackReceived',
      'complete feedback/F1/v1/FeedbackReceived',
    ]);
    expect(retried).toEqual([receivedEvent]);
    expect(publisher.published).toEqual([receivedEvent]);
  });

  it('publishes ProblemResolved when a problem first becomes resolved, with ids and counts only', async () => {
    // Prepare
    const { publisher, service } = setup();
    const problem = {
      id: 'P1',
      status: 'resolving',
      linked: 3,
      resolvedFeedback: 0,
      fromHotTopic: null,
      rootCause: null,
      title: 'Card readers',
      resolution: 'We replaced the card reader.',
      createdAt: '2026-11-20T00:00:00.000Z',
    };
    const resolved = {
      ...problem,
      status: 'resolved',
      resolvedFeedback: 2,
      resolvedAt: '2026-11-24T02:00:00.000Z',
    };

    // Act
    const answered = await service.handle(
      { entity: 'problem', problem },
      { entity: 'problem', problem: resolved },
    );

    // Assess
    const expected: DomainEvent = {
      detailType: 'ProblemResolved',
      time: '2026-11-24T02:00:00.000Z',
      detail: {
        idempotencyId: 'problem/P1/ProblemResolved',
        problemId: 'P1',
        status: 'resolved',
        linked: 3,
        resolvedFeedback: 2,
        fromHotTopic: null,
        hasRootCause: false,
        createdAt: '2026-11-20T00:00:00.000Z',
        resolvedAt: '2026-11-24T02:00:00.000Z',
      },
    };
    expect(answered).toEqual([expected]);
    expect(publisher.published).toEqual([expected]);
  });

  it('claims nothing for a change that stands for no event', async () => {
    // Prepare
    const { claims, publisher, service } = setup();

    // Act
    const answered = await service.handle(received, { ...received, version: 2 });

    // Assess
    expect(answered).toEqual([]);
    expect(claims.calls).toEqual([]);
    expect(publisher.published).toEqual([]);
  });

  it('claims at the current instant when no clock is given', async () => {
    // Prepare
    const { claims, service } = setup(false);

    // Act
    await service.handle(undefined, received);

    // Assess
    expect(claims.instants).toHaveLength(2);
    for (const instant of claims.instants) {
      expect(instant).toBeInstanceOf(Date);
      expect(Number.isNaN(instant.getTime())).toBe(false);
    }
  });
});
