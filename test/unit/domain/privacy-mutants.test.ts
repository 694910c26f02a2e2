import { describe, expect, it } from 'vitest';
import { erasePersonalData, erasureRequestSchema } from '../../../shared/domain/privacy.ts';
import { openFeedback } from '../../helpers/records.ts';

describe('erasure request', () => {
  it.each([
    [{ id: 'c1' }],
    [{ email: 'a@example.com' }],
    [{ phone: '+86 138 0013 8000' }],
  ])('takes a customer named by %j alone', (customer) => {
    // Act
    const parsed = erasureRequestSchema.safeParse({ customer });

    // Assess
    expect(parsed.success).toBe(true);
  });

  it('refuses a customer named by nothing, under customer', () => {
    // Act
    const parsed = erasureRequestSchema.safeParse({ customer: {}, reason: 'asked' });

    // Assess
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map(({ path, message }) => ({ path, message }))).toEqual([
      { path: ['customer'], message: 'name at least one of id, email, phone' },
    ]);
  });
});

describe('erasePersonalData, entry by entry', () => {
  const now = new Date('2026-12-01T00:00:00.000Z');

  it('erases a record without a customer (null stays null)', () => {
    // Prepare
    const record = openFeedback('P3', '2026-11-23T02:00:00.000Z', { customer: null });

    // Act
    const erased = erasePersonalData(record, 'staff:dpo', now);

    // Assess
    expect(erased.customer).toBeNull();
  });

  it('erases the notes of the history, keeps entries without one as they were, and adds its own', () => {
    // Prepare
    const record = openFeedback('P3', '2026-11-23T02:00:00.000Z', {
      history: [
        { at: '2026-11-23T02:00:00.000Z', action: 'received', actor: 'channel:k1', to: 'received' },
        {
          at: '2026-11-23T03:00:00.000Z',
          action: 'note',
          actor: 'staff:li',
          note: 'she lives at 1 Long Road',
        },
      ],
    });

    // Act
    const erased = erasePersonalData(record, 'staff:dpo', now);

    // Assess: no reason given, no note on the erasure entry
    expect(erased.history).toStrictEqual([
      { at: '2026-11-23T02:00:00.000Z', action: 'received', actor: 'channel:k1', to: 'received' },
      { at: '2026-11-23T03:00:00.000Z', action: 'note', actor: 'staff:li', note: '[erased]' },
      { at: '2026-12-01T00:00:00.000Z', action: 'personal_data_erased', actor: 'staff:dpo' },
    ]);
  });
});
