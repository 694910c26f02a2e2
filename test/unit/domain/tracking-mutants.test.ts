import { describe, expect, it } from 'vitest';
import { toTrackingView } from '../../../shared/domain/tracking.ts';
import { openFeedback } from '../../helpers/records.ts';

describe('tracking view, resolution and reopening', () => {
  it('shows no message for a resolution without one, and no resolvedAt once reopened', () => {
    // Prepare
    const record = openFeedback('P3', '2026-11-23T02:00:00.000Z', {
      status: 'open',
      history: [
        { at: '2026-11-23T02:00:00.000Z', action: 'triaged', actor: 'system:triage', to: 'open' },
        { at: '2026-11-24T02:00:00.000Z', action: 'resolve', actor: 'staff:li', to: 'resolved' },
        { at: '2026-11-25T02:00:00.000Z', action: 'reopen', actor: 'customer:survey', to: 'open' },
      ],
    });

    // Act
    const view = toTrackingView(record);

    // Assess
    expect(view).toStrictEqual({
      status: 'open',
      receivedAt: '2026-11-23T02:00:00.000Z',
      firstResponseDue: record.deadlines?.firstResponseDue,
      updates: [
        { at: '2026-11-23T02:00:00.000Z', status: 'open' },
        { at: '2026-11-24T02:00:00.000Z', status: 'resolved' },
        { at: '2026-11-25T02:00:00.000Z', status: 'open' },
      ],
    });
  });
});
