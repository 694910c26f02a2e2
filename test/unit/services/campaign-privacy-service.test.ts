import { describe, expect, it } from 'vitest';
import type { Campaign, CampaignResponse, Recipient } from '../../../shared/domain/campaigns.ts';
import type { Questionnaire } from '../../../shared/domain/questionnaire.ts';
import { CampaignPrivacyService } from '../../../shared/services/campaign-privacy-service.ts';
import { MemoryCampaignRepository } from '../../helpers/memory-campaign-repository.ts';

const NOW = new Date('2026-12-02T02:00:00.000Z');
const ulid = (tail: string) => `01KB${tail.padStart(22, '0')}`;
const label = (en: string) => ({ en, zh: en });
const Q_ID = ulid('Q1');
const QUESTIONNAIRE: Questionnaire = {
  id: Q_ID,
  title: label('Service'),
  questions: [
    { id: 'overall', kind: 'likert5', label: label('Overall'), dimension: 'overall', required: false },
    { id: 'visit', kind: 'choice', label: label('Where'), options: [], required: false },
    { id: 'comment', kind: 'text', label: label('Comment'), required: false },
    { id: 'idea', kind: 'text', label: label('Idea'), required: false },
  ],
  createdAt: '2024-01-01T00:00:00.000Z',
  createdBy: 'analyst-1',
};

const C_OLD = ulid('C1');
const C_NEW = ulid('C2');
const campaignOf = (id: string, createdAt: string): Campaign => ({
  id,
  questionnaireId: Q_ID,
  audience: {},
  from: '2023-01-01T00:00:00.000Z',
  to: '2024-01-01T00:00:00.000Z',
  closesAt: '2024-02-01T00:00:00.000Z',
  reminderAfterDays: 3,
  createdAt,
  createdBy: 'analyst-1',
  recipients: 3,
});
const recipientOf = (n: number, campaignId: string, extra: Partial<Recipient> = {}): Recipient => ({
  id: ulid(`R${n}`),
  campaignId,
  customerKey: `email:c${n}@example.com`,
  email: `c${n}@example.com`,
  language: 'en',
  contact: 'email',
  secret: String(n).repeat(32),
  invitedAt: '2024-01-02T00:00:00.000Z',
  ...extra,
});
const responseOf = (
  n: number,
  campaignId: string,
  answers: CampaignResponse['answers'],
): CampaignResponse => ({
  id: ulid(`P${n}`),
  campaignId,
  recipientId: ulid(`R${n}`),
  answeredAt: '2024-01-03T00:00:00.000Z',
  channel: 'email',
  language: 'en',
  answers,
});
const answeredBy = (n: number): Partial<Recipient> => ({
  answeredAt: '2024-01-03T00:00:00.000Z',
  responseId: ulid(`P${n}`),
});

/** What an erased recipient keeps: its ids, language, contact kind and dates. */
const erased = (recipient: Recipient, at = '2026-12-02T02:00:00.000Z'): Recipient => {
  const { email: _e, phone: _p, ...kept } = recipient;
  return { ...kept, customerKey: '', secret: '', erasedAt: at };
};

function setup() {
  const repo = new MemoryCampaignRepository();
  repo.questionnaires.set(Q_ID, structuredClone(QUESTIONNAIRE));
  return { repo, service: new CampaignPrivacyService(repo) };
}

describe('CampaignPrivacyService.eraseCustomer', () => {
  it('erases the customer under each key, blanks their answers’ free text and forgets the keys', async () => {
    // Prepare: c1 answered the old campaign (as email) and was selected in the new one by phone.
    const { repo, service } = setup();
    const old1 = recipientOf(1, C_OLD, answeredBy(1));
    const new1 = recipientOf(4, C_NEW, { customerKey: 'phone:+8613800138000', phone: '+8613800138000' });
    delete new1.email;
    const other = recipientOf(2, C_OLD, answeredBy(2));
    repo.seedCampaign(
      campaignOf(C_OLD, '2024-01-01T00:00:00.000Z'),
      [old1, other],
      [
        responseOf(1, C_OLD, {
          overall: 2,
          visit: 'branch',
          comment: 'Ann waited an hour',
          idea: 'More staff',
        }),
        responseOf(2, C_OLD, { overall: 5, comment: 'Great' }),
      ],
    );
    repo.seedCampaign(campaignOf(C_NEW, '2026-11-01T00:00:00.000Z'), [new1]);
    repo.surveyed.set('email:c1@example.com', '2024-01-01T00:00:00.000Z');

    // Act
    const count = await service.eraseCustomer(['email:c1@example.com', 'phone:+8613800138000'], NOW);

    // Assess
    expect(count).toBe(2);
    expect(repo.recipients.get(C_OLD)).toEqual([erased(old1), other]);
    expect(repo.recipients.get(C_NEW)).toEqual([erased(new1)]);
    expect(repo.responses.get(C_OLD)?.map((r) => r.answers)).toEqual([
      { overall: 2, visit: 'branch', comment: '[erased]', idea: '[erased]' },
      { overall: 5, comment: 'Great' },
    ]);
    expect(repo.callsOf('eraseResponseText')).toEqual([[C_OLD, ulid('P1'), ['comment', 'idea'], '[erased]']]);
    expect(repo.callsOf('forgetCustomer')).toEqual([['email:c1@example.com'], ['phone:+8613800138000']]);
    expect(repo.pointers.has('email:c1@example.com')).toBe(false);
    expect(repo.surveyed.has('email:c1@example.com')).toBe(false);
  });

  it('is safe to repeat: the second run finds nothing and answers 0', async () => {
    const { repo, service } = setup();
    repo.seedCampaign(campaignOf(C_OLD, '2024-01-01T00:00:00.000Z'), [recipientOf(1, C_OLD)]);
    await service.eraseCustomer(['email:c1@example.com'], NOW);

    const again = await service.eraseCustomer(['email:c1@example.com'], new Date('2026-12-03T00:00:00.000Z'));

    expect(again).toBe(0);
    expect(repo.callsOf('eraseRecipient')).toHaveLength(1);
    expect(repo.callsOf('forgetCustomer')).toEqual([['email:c1@example.com'], ['email:c1@example.com']]);
  });

  it('touches no answer text of a recipient who never answered', async () => {
    const { repo, service } = setup();
    repo.seedCampaign(campaignOf(C_OLD, '2024-01-01T00:00:00.000Z'), [recipientOf(1, C_OLD)]);

    const count = await service.eraseCustomer(['email:c1@example.com'], NOW);

    expect(count).toBe(1);
    expect(repo.callsOf('eraseRecipient')).toEqual([[C_OLD, ulid('R1'), '2026-12-02T02:00:00.000Z']]);
    expect(repo.callsOf('eraseResponseText')).toEqual([]);
  });

  it('reads a campaign’s questionnaire once however many of its answers it erases', async () => {
    const { repo, service } = setup();
    repo.seedCampaign(
      campaignOf(C_OLD, '2024-01-01T00:00:00.000Z'),
      [recipientOf(1, C_OLD, answeredBy(1)), recipientOf(2, C_OLD, answeredBy(2))],
      [responseOf(1, C_OLD, { comment: 'One' }), responseOf(2, C_OLD, { comment: 'Two' })],
    );

    await service.eraseCustomer(['email:c1@example.com'], NOW);
    await service.eraseCustomer(['email:c2@example.com'], NOW);

    expect(repo.callsOf('getCampaign')).toEqual([[C_OLD]]);
    expect(repo.callsOf('getQuestionnaire')).toEqual([[Q_ID]]);
    expect(repo.responses.get(C_OLD)?.map((r) => r.answers)).toEqual([
      { comment: '[erased]' },
      { comment: '[erased]' },
    ]);
  });

  it('still erases the recipient when their campaign is gone (no text questions known)', async () => {
    const { repo, service } = setup();
    repo.seedCampaign(
      campaignOf(C_OLD, '2024-01-01T00:00:00.000Z'),
      [recipientOf(1, C_OLD, answeredBy(1))],
      [responseOf(1, C_OLD, { comment: 'One' })],
    );
    repo.campaigns.delete(C_OLD);

    const count = await service.eraseCustomer(['email:c1@example.com'], NOW);

    expect(count).toBe(1);
    expect(repo.callsOf('eraseResponseText')).toEqual([[C_OLD, ulid('P1'), [], '[erased]']]);
  });
});

describe('CampaignPrivacyService.eraseCampaignsCreatedBefore', () => {
  it('erases the personal data of campaigns created before the cutoff and marks them', async () => {
    // Prepare
    const { repo, service } = setup();
    const before = recipientOf(1, C_OLD, { ...answeredBy(1), erasedAt: '2025-01-01T00:00:00.000Z' });
    const withText = recipientOf(2, C_OLD, answeredBy(2));
    const oneText = recipientOf(3, C_OLD, answeredBy(3));
    const ratingOnly = recipientOf(4, C_OLD, answeredBy(4));
    const silent = recipientOf(5, C_OLD);
    repo.seedCampaign(
      campaignOf(C_OLD, '2023-11-30T00:00:00.000Z'),
      [before, withText, oneText, ratingOnly, silent],
      [
        responseOf(1, C_OLD, { overall: 1, comment: '[erased]' }),
        responseOf(2, C_OLD, { overall: 2, comment: 'Slow at the counter', idea: 'Open earlier' }),
        responseOf(3, C_OLD, { overall: 3, idea: 'Queue tickets' }),
        responseOf(4, C_OLD, { overall: 4, visit: 'branch' }),
      ],
    );
    const recent = recipientOf(6, C_NEW, answeredBy(6));
    repo.seedCampaign(
      campaignOf(C_NEW, '2023-12-01T00:00:00.000Z'),
      [recent],
      [responseOf(6, C_NEW, { comment: 'Keep me' })],
    );

    // Act
    const result = await service.eraseCampaignsCreatedBefore('2023-12-01T00:00:00.000Z', NOW);

    // Assess
    expect(result).toEqual({ campaigns: 1, recipients: 4 });
    expect(repo.callsOf('campaignsWithPersonalData')).toEqual([['2023-12-01T00:00:00.000Z']]);
    expect(repo.callsOf('eraseRecipient').map(([, id]) => id)).toEqual([
      ulid('R2'),
      ulid('R3'),
      ulid('R4'),
      ulid('R5'),
    ]);
    expect(repo.recipients.get(C_OLD)).toEqual([
      before,
      erased(withText),
      erased(oneText),
      erased(ratingOnly),
      erased(silent),
    ]);
    expect(repo.callsOf('eraseResponseText')).toEqual([
      [C_OLD, ulid('P2'), ['comment', 'idea'], '[erased]'],
      [C_OLD, ulid('P3'), ['comment', 'idea'], '[erased]'],
    ]);
    expect(repo.responses.get(C_OLD)?.map((r) => r.answers)).toEqual([
      { overall: 1, comment: '[erased]' },
      { overall: 2, comment: '[erased]', idea: '[erased]' },
      { overall: 3, idea: '[erased]' },
      { overall: 4, visit: 'branch' },
    ]);
    expect(repo.callsOf('markCampaignErased')).toEqual([[C_OLD, '2026-12-02T02:00:00.000Z']]);
    expect(repo.recipients.get(C_NEW)).toEqual([recent]);
    expect(repo.responses.get(C_NEW)?.[0]?.answers).toEqual({ comment: 'Keep me' });
  });

  it('counts every campaign it erased, and a later run skips them', async () => {
    const { repo, service } = setup();
    repo.seedCampaign(campaignOf(C_OLD, '2023-01-01T00:00:00.000Z'), [recipientOf(1, C_OLD)]);
    repo.seedCampaign(campaignOf(C_NEW, '2023-02-01T00:00:00.000Z'), [
      recipientOf(2, C_NEW),
      recipientOf(3, C_NEW),
    ]);

    const first = await service.eraseCampaignsCreatedBefore('2024-01-01T00:00:00.000Z', NOW);
    const second = await service.eraseCampaignsCreatedBefore('2024-01-01T00:00:00.000Z', NOW);

    expect(first).toEqual({ campaigns: 2, recipients: 3 });
    expect(second).toEqual({ campaigns: 0, recipients: 0 });
  });

  it('answers zero when no campaign is old enough', async () => {
    const { repo, service } = setup();
    repo.seedCampaign(campaignOf(C_NEW, '2026-11-01T00:00:00.000Z'), [recipientOf(1, C_NEW)]);

    const result = await service.eraseCampaignsCreatedBefore('2024-01-01T00:00:00.000Z', NOW);

    expect(result).toEqual({ campaigns: 0, recipients: 0 });
    expect(repo.callsOf('markCampaignErased')).toEqual([]);
  });
});
