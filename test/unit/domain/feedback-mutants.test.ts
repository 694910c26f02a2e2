import { describe, expect, it } from 'vitest';
import { newFeedbackRecord } from '../../../shared/domain/feedback.ts';

describe('a new feedback record', () => {
  it('starts with no sentiment and none pending (triage has not run)', () => {
    // Act
    const record = newFeedbackRecord(
      { channel: 'web', text: 'Slow queue' },
      '01JDQ3ZK6V7M0000000000000A',
      new Date('2026-11-24T01:00:00.000Z'),
      { integrationId: 'k1' },
    );

    // Assess
    expect([record.sentiment, record.sentimentPending]).toEqual([null, false]);
  });
});
