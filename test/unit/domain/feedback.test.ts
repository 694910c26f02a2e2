import { describe, expect, it } from 'vitest';
import { newFeedbackRecord } from '../../../shared/domain/feedback.ts';
import { toTrackingView } from '../../../shared/domain/tracking.ts';
import { feedbackInputSchema } from '../../../shared/schemas/feedback-input.ts';
import { feedbackRecordSchema } from '../../../shared/schemas/feedback-record.ts';

const now = new Date('2026-11-24T01:00:00Z');
const submitter = { integrationId: 'k1' };
const identified = feedbackInputSchema.parse({
  channel: 'email',
  text: 'Refund please',
  customer: { id: 'c1', email: 'a@example.com', name: 'A', phone: '+8613800000000', segment: 'vip' },
  consent: { contact: true },
});

describe('newFeedbackRecord', () => {
  it('builds a valid received record with one history entry', () => {
    const record = newFeedbackRecord(identified, 'ID1', now, submitter);
    expect(feedbackRecordSchema.parse(record)).toEqual(record);
    expect(record).toMatchObject({
      status: 'received',
      receivedAt: now.toISOString(),
      sentiment: null,
      priority: null,
      escalationLevel: 0,
      version: 1,
      consent: { contact: true },
      history: [{ action: 'received', actor: 'channel:k1', at: now.toISOString() }],
    });
    expect(record.trackingToken.startsWith('ID1.')).toBe(true);
  });

  it.each([
    ['no consent given', { ...identified, consent: undefined }, false],
    ['consent refused', { ...identified, consent: { contact: false } }, false],
    ['anonymous overrides consent', { ...identified, anonymous: true }, false],
    ['consent given', identified, true],
  ])('contact consent: %s', (_, input, expected) => {
    expect(newFeedbackRecord(input, 'ID1', now, submitter).consent.contact).toBe(expected);
  });

  it('keeps only the non-identifying segment of an anonymous customer', () => {
    const record = newFeedbackRecord({ ...identified, anonymous: true }, 'ID1', now, submitter);
    expect(record.customer).toEqual({ segment: 'vip' });
    expect(record.anonymous).toBe(true);
  });
});

describe('toTrackingView', () => {
  it('shows status changes and the resolution, never notes, actors or personal data', () => {
    const record = newFeedbackRecord(identified, 'ID1', now, submitter);
    record.status = 'resolved';
    record.deadlines = { firstResponseDue: '2026-11-25T01:00:00.000Z', resolutionDue: null };
    record.history.push(
      { at: '2026-11-24T02:00:00.000Z', action: 'triaged', actor: 'system:triage', to: 'open' },
      {
        at: '2026-11-24T03:00:00.000Z',
        action: 'note',
        actor: 'staff:lead@example.com',
        note: 'customer is difficult',
      },
      {
        at: '2026-11-24T04:00:00.000Z',
        action: 'acknowledge',
        actor: 'staff:lead@example.com',
        from: 'open',
        to: 'acknowledged',
      },
      {
        at: '2026-11-24T05:00:00.000Z',
        action: 'resolve',
        actor: 'staff:lead@example.com',
        to: 'resolved',
        resolution: 'Refund issued',
      },
    );

    const view = toTrackingView(record);

    expect(view).toEqual({
      status: 'resolved',
      receivedAt: now.toISOString(),
      firstResponseDue: '2026-11-25T01:00:00.000Z',
      resolvedAt: '2026-11-24T05:00:00.000Z',
      updates: [
        { at: now.toISOString(), status: 'received' },
        { at: '2026-11-24T02:00:00.000Z', status: 'open' },
        { at: '2026-11-24T04:00:00.000Z', status: 'acknowledged' },
        { at: '2026-11-24T05:00:00.000Z', status: 'resolved', message: 'Refund issued' },
      ],
    });
    expect(JSON.stringify(view)).not.toMatch(/difficult|lead@example.com|a@example.com|Refund please/);
  });
});
