import { describe, expect, it } from 'vitest';
import type { FeedbackRecord } from '../../../shared/schemas/feedback-record.ts';
import { PrivacyService } from '../../../shared/services/privacy-service.ts';
import { MemoryFeedbackRepository } from '../../helpers/memory-repository.ts';
import { openFeedback } from '../../helpers/records.ts';

const received = '2026-11-23T02:00:00.000Z';
const now = new Date('2026-12-01T08:00:00.000Z');
const actor = 'staff:dpo@example.com';

/** The memory store plus the `byCustomer` index (a fixed table) and the note erasure, recorded. */
class PrivacyRepository extends MemoryFeedbackRepository {
  readonly index = new Map<string, string[]>();
  readonly notesErased: [string, string][] = [];
  reads = 0;

  async byCustomerKey(key: string): Promise<FeedbackRecord[]> {
    return (this.index.get(key) ?? []).map((id) => this.records.get(id) as FeedbackRecord);
  }

  async eraseHistoryNotes(id: string, replacement: string): Promise<number> {
    this.notesErased.push([id, replacement]);
    return 0;
  }

  override async get(id: string): Promise<FeedbackRecord | undefined> {
    this.reads += 1;
    return super.get(id);
  }
}

function feedback(id: string, customer: FeedbackRecord['customer']): FeedbackRecord {
  return openFeedback('P3', received, {
    id,
    customer,
    text: 'Mei at the counter was rude.',
    history: [
      { at: received, action: 'received', actor: 'channel:k1', to: 'received' },
      {
        at: '2026-11-23T03:00:00.000Z',
        action: 'note',
        actor: 'staff:a@example.com',
        note: 'Called Mei back',
      },
    ],
  });
}

function setup(options: { clock?: boolean; campaigns?: boolean } = {}) {
  const repository = new PrivacyRepository(
    feedback('R1', { email: 'mei@example.com' }),
    feedback('R2', { email: 'mei@example.com', phone: '+86 138 0013 8000' }),
    feedback('R3', { phone: '+8613800138000' }),
    feedback('R4', { email: 'someone.else@example.com' }),
  );
  repository.index.set('email:mei@example.com', ['R1', 'R2']);
  repository.index.set('phone:+8613800138000', ['R2', 'R3']);
  repository.index.set('email:someone.else@example.com', ['R4']);
  const campaignCalls: [readonly string[], Date][] = [];
  const service = new PrivacyService({
    repository: repository.asRepository(),
    ...(options.campaigns === false
      ? {}
      : {
          campaigns: {
            eraseCustomer: async (keys: readonly string[], at: Date) => {
              campaignCalls.push([keys, at]);
              return 0;
            },
          },
        }),
    ...(options.clock === false ? {} : { now: () => now }),
  });
  return { repository, service, campaignCalls };
}

describe('privacy service: erasing a customer', () => {
  it('erases each of the customer’s feedback once, under every key they may be stored by, and their campaign entries', async () => {
    // Prepare
    const { repository, service, campaignCalls } = setup();

    // Act
    const result = await service.erase(
      { customer: { email: 'Mei@Example.com', phone: '+86 138-0013-8000' }, reason: 'GDPR request 42' },
      actor,
    );

    // Assess
    expect(result).toEqual({ erased: 3, feedbackIds: ['R1', 'R2', 'R3'] });
    expect(repository.notesErased).toEqual([
      ['R1', '[erased]'],
      ['R2', '[erased]'],
      ['R3', '[erased]'],
    ]);
    expect(repository.writes.map((r) => r.id)).toEqual(['R1', 'R2', 'R3']);
    for (const id of ['R1', 'R2', 'R3']) {
      const stored = repository.records.get(id);
      expect(stored).toMatchObject({
        anonymous: true,
        customer: null,
        text: '[erased]',
        consent: { contact: false },
      });
      expect(stored?.history.at(-1)).toEqual({
        at: '2026-12-01T08:00:00.000Z',
        action: 'personal_data_erased',
        actor,
        note: 'GDPR request 42',
      });
    }
    expect(repository.records.get('R4')?.text).toBe('Mei at the counter was rude.');
    expect(campaignCalls).toEqual([[['email:mei@example.com', 'phone:+8613800138000'], now]]);
  });

  it('answers zero for a customer nobody knows, and still clears their campaign entries', async () => {
    const { repository, service, campaignCalls } = setup();

    const result = await service.erase({ customer: { id: 'crm-9' } }, actor);

    expect(result).toEqual({ erased: 0, feedbackIds: [] });
    expect(repository.writes).toEqual([]);
    expect(campaignCalls).toEqual([[['id:crm-9'], now]]);
  });

  it('works without campaigns and without an injected clock', async () => {
    const { repository, service } = setup({ campaigns: false, clock: false });

    const result = await service.erase({ customer: { phone: '+8613800138000' } }, actor);

    expect(result).toEqual({ erased: 2, feedbackIds: ['R2', 'R3'] });
    expect(repository.records.get('R3')?.history.at(-1)?.at).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
    );
    expect(repository.records.get('R3')?.history.at(-1)).not.toHaveProperty('note');
  });
});

describe('privacy service: erasing one feedback', () => {
  it('does nothing more than the notes for a feedback that is gone', async () => {
    const { repository, service } = setup();

    await expect(service.eraseFeedback('R9', actor)).resolves.toBeUndefined();

    expect(repository.notesErased).toEqual([['R9', '[erased]']]);
    expect(repository.writes).toEqual([]);
  });

  it('reads again and retries when the feedback changed meanwhile', async () => {
    const { repository, service } = setup();
    let refusals = 4;
    const save = repository.saveChanges.bind(repository);
    repository.saveChanges = async (previous, next) => (refusals-- > 0 ? false : save(previous, next));

    await service.eraseFeedback('R1', actor);

    expect(repository.reads).toBe(5);
    expect(repository.records.get('R1')?.text).toBe('[erased]');
  });

  it('gives up after five attempts when it kept changing', async () => {
    const { repository, service } = setup();
    repository.saveChanges = async () => false;

    await expect(service.eraseFeedback('R1', actor)).rejects.toThrow(
      'Could not erase feedback R1: it kept changing',
    );

    expect(repository.reads).toBe(5);
  });
});

describe('privacy service: campaigns without an injected clock', () => {
  it('clears the campaign entries at the current time', async () => {
    const { service, campaignCalls } = setup({ clock: false });

    await service.erase({ customer: { id: 'crm-9' } }, actor);

    expect(campaignCalls).toHaveLength(1);
    expect(campaignCalls[0]?.[0]).toEqual(['id:crm-9']);
    expect(campaignCalls[0]?.[1]).toBeInstanceOf(Date);
  });
});
