import { describe, expect, it } from 'vitest';
import { api, settleStream, submit } from '../helpers/local-api.ts';

type Captured = { source: string; detailType: string; detail: Record<string, any> };

async function eventsOf(feedbackId: string): Promise<Captured[]> {
  const { body } = await api<{ items: Captured[] }>('/_local/events');
  return body.items.filter((event) => event.detail.feedbackId === feedbackId);
}

describe('domain events on the local stack', () => {
  it('lists the life of a feedback from received to closed, once each, with no personal data', async () => {
    // Prepare
    const { body } = await submit({
      channel: 'web',
      language: 'en',
      text: 'Events check: the counter staff were rude to me',
      customer: { email: 'events.person@example.com', name: 'Events Person', phone: '+8613800138099' },
      consent: { contact: true },
    });
    await settleStream();
    for (const step of [
      { action: 'acknowledge' },
      { action: 'wait_for_customer' },
      { action: 'resume' },
      { action: 'resolve', resolution: 'We apologised to Events Person in person.' },
      { action: 'close' },
    ]) {
      expect((await api(`/v1/feedback/${body.id}/actions`, { as: 'staff', body: step })).status).toBe(200);
    }
    await settleStream();

    // Act: every stream record of this feedback is delivered again
    const replay = await api<{ replayed: number }>('/_local/stream/replay', {
      method: 'POST',
      body: { ids: [body.id] },
    });

    // Assess
    expect(replay.status).toBe(200);
    const events = await eventsOf(body.id);
    expect(events.map((event) => event.detailType)).toEqual([
      'FeedbackReceived',
      'FeedbackTriaged',
      // Triage routes it to a team (contract §7).
      'FeedbackAssigned',
      'FeedbackAcknowledged',
      'FeedbackWaiting',
      'FeedbackResumed',
      'FeedbackResolved',
      'FeedbackClosed',
    ]);
    expect(new Set(events.map((event) => event.source))).toEqual(new Set(['service-feedback']));
    const ids = events.map((event) => event.detail.idempotencyId);
    expect(new Set(ids).size).toBe(ids.length);
    const serialized = JSON.stringify(events);
    for (const personal of ['events.person', 'Events Person', '8613800138099', 'rude', 'apologised']) {
      expect(serialized).not.toContain(personal);
    }
  });

  it('publishes a computed snapshot with its figures', async () => {
    // Act
    const answer = await api('/v1/snapshots/2025-Q2', { method: 'POST', as: 'staff' });
    await settleStream();

    // Assess
    expect(answer.status).toBe(200);
    const { body } = await api<{ items: Captured[] }>('/_local/events');
    const snapshot = body.items.filter(
      (event) => event.detailType === 'SnapshotComputed' && event.detail.period === '2025-Q2',
    );
    expect(snapshot.length).toBeGreaterThanOrEqual(1);
    expect(snapshot.at(-1)?.detail).toMatchObject({
      period: '2025-Q2',
      idempotencyId: expect.stringMatching(/^snapshot\/2025-Q2\//),
      feedback: expect.any(Number),
    });
  });
});
