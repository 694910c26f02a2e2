import { describe, expect, it } from 'vitest';
import { erasePersonalData } from '../../../shared/domain/privacy.ts';
import type { RetentionState } from '../../../shared/ports/retention-state.ts';
import type { FeedbackRecord } from '../../../shared/schemas/feedback-record.ts';
import { PrivacyService } from '../../../shared/services/privacy-service.ts';
import { holdsPersonalData, RetentionService } from '../../../shared/services/retention-service.ts';
import { MemoryFeedbackRepository } from '../../helpers/memory-repository.ts';
import { openFeedback } from '../../helpers/records.ts';

class Repository extends MemoryFeedbackRepository {
  async eraseHistoryNotes(): Promise<number> {
    return 0;
  }
}

function setUp(records: FeedbackRecord[]) {
  const repository = new Repository(...records);
  const reads: [string, string][] = [];
  let mark: string | undefined;
  const state: RetentionState = {
    erasedThrough: async () => mark,
    markErasedThrough: async (instant) => {
      if (!mark || mark < instant) mark = instant;
    },
  };
  const service = new RetentionService({
    feedback: {
      forEachReceivedBetween: async (from, to, visit) => {
        reads.push([from, to]);
        let items = 0;
        for (const record of repository.records.values())
          if (record.receivedAt >= from && record.receivedAt <= to) {
            items += 1;
            visit(record, undefined);
          }
        return { items, readUnits: items * 0.5 };
      },
    },
    privacy: new PrivacyService({
      repository: repository.asRepository(),
      now: () => new Date('2029-12-01T00:00:05.000Z'),
    }),
    state,
    config: { personalDataRetentionDays: 1095, recordRetentionDays: 1825 },
  });
  return { repository, reads, service };
}

describe('RetentionService', () => {
  const now = new Date('2029-12-01T00:00:00.000Z');
  const old = openFeedback('P3', '2026-01-10T00:00:00.000Z', {
    id: 'OLD',
    customer: { email: 'old@example.com', name: 'Li Lei', segment: 'vip' },
  });
  const recent = openFeedback('P3', '2028-06-01T00:00:00.000Z', { id: 'RECENT' });
  const erased = erasePersonalData(
    openFeedback('P3', '2026-02-01T00:00:00.000Z', { id: 'ERASED' }),
    'staff:a',
    new Date('2027-01-01T00:00:00.000Z'),
  );

  it('erases only records received before now − personalDataRetentionDays that still hold personal data', async () => {
    // Prepare
    const { repository, reads, service } = setUp([old, recent, erased]);

    // Act
    const result = await service.run(now);

    // Assess: 1,095 days before 2029-12-01 is 2026-12-02 (2028 is a leap year); the first run
    // starts 1,825 days back, 2024-12-02
    expect(reads).toEqual([['2024-12-02T00:00:00.000Z', '2026-12-02T00:00:00.000Z']]);
    expect(result).toEqual({
      from: '2024-12-02T00:00:00.000Z',
      cutoff: '2026-12-02T00:00:00.000Z',
      examined: 2,
      erased: 1,
      campaignRecipientsErased: 0,
      readUnits: 1,
    });
    const stored = repository.records.get('OLD');
    expect(stored).toMatchObject({ text: '[erased]', anonymous: true, customer: { segment: 'vip' } });
    expect(stored?.history.at(-1)).toMatchObject({
      action: 'personal_data_erased',
      actor: 'system:retention',
      note: 'personalDataRetentionDays (1095)',
    });
    expect(repository.records.get('RECENT')?.text).toBe('The counter was closed.');
    expect(repository.writes.map((w) => w.id)).toEqual(['OLD']);
  });

  it('reads only the days since its mark on the next run, and nothing when run again at once', async () => {
    const { reads, service } = setUp([old, recent]);
    await service.run(now);

    const again = await service.run(now);
    await service.run(new Date('2029-12-02T00:00:00.000Z'));

    expect(again).toMatchObject({ examined: 0, erased: 0 });
    expect(reads).toEqual([
      ['2024-12-02T00:00:00.000Z', '2026-12-02T00:00:00.000Z'],
      ['2026-12-02T00:00:00.000Z', '2026-12-03T00:00:00.000Z'],
    ]);
  });

  it('tells an erased record from one holding personal data', () => {
    expect(holdsPersonalData(old)).toBe(true);
    expect(holdsPersonalData(erased)).toBe(false);
  });

  it.each([
    ['anonymous, erased text, no contact', { anonymous: true, text: '[erased]', customer: null }, false],
    [
      'anonymous, erased text, an email left',
      { anonymous: true, text: '[erased]', customer: { email: 'x@example.com' } },
      true,
    ],
    [
      'anonymous, erased text, a phone left',
      { anonymous: true, text: '[erased]', customer: { phone: '+8613800138000' } },
      true,
    ],
    ['anonymous, its own text, no contact', { anonymous: true, text: 'Rude staff.', customer: null }, true],
    ['named, erased text, no contact', { anonymous: false, text: '[erased]', customer: null }, true],
    ['named, its own text, no contact', { anonymous: false, text: 'Rude staff.', customer: null }, true],
  ])('holds personal data when %s', (_, fields, holds) => {
    // Prepare
    const record = { ...openFeedback('P3', '2026-01-10T00:00:00.000Z'), ...fields } as FeedbackRecord;

    // Act
    const result = holdsPersonalData(record);

    // Assess
    expect(result).toBe(holds);
  });

  it('keeps a feedback received exactly at the cutoff for the next run', async () => {
    // Prepare
    const atCutoff = openFeedback('P3', '2026-12-02T00:00:00.000Z', { id: 'AT-CUTOFF' });
    const { repository, service } = setUp([old, atCutoff]);

    // Act
    const result = await service.run(now);

    // Assess
    expect(result).toMatchObject({ examined: 2, erased: 1 });
    expect(repository.writes.map((w) => w.id)).toEqual(['OLD']);
    expect(repository.records.get('AT-CUTOFF')?.text).toBe('The counter was closed.');
  });
});
