import { describe, expect, it } from 'vitest';
import type { Campaign, Recipient } from '../../../shared/domain/campaigns.ts';
import type { CampaignSendMessage } from '../../../shared/ports/send-queue.ts';
import {
  type CampaignDispatchDeps,
  CampaignDispatchService,
} from '../../../shared/services/campaign-dispatch-service.ts';

const NOW = new Date('2026-12-02T01:00:00.000Z');

function campaign(id: string, createdAt: string, closesAt: string): Campaign {
  return {
    id,
    questionnaireId: 'Q1',
    audience: {} as Campaign['audience'],
    from: '2026-11-01',
    to: '2026-11-30',
    closesAt,
    reminderAfterDays: 3,
    createdAt,
    createdBy: 'staff:ana',
    recipients: 0,
  };
}

function recipient(campaignId: string, id: string, extra: Partial<Recipient> = {}): Recipient {
  return {
    id,
    campaignId,
    customerKey: `key-${id}`,
    language: 'en',
    contact: 'email',
    email: `${id.toLowerCase()}@example.org`,
    secret: 'x',
    ...extra,
  };
}

function setup(campaigns: Campaign[], recipients: Recipient[], batchSize: number) {
  const reads: string[] = [];
  const limits: number[] = [];
  const enqueued: CampaignSendMessage[][] = [];
  const repository: CampaignDispatchDeps['repository'] = {
    listCampaigns: async (limit) => {
      limits.push(limit);
      return campaigns;
    },
    campaignItems: async (campaignId) => {
      reads.push(campaignId);
      return { recipients: recipients.filter((r) => r.campaignId === campaignId), responses: [] };
    },
  };
  const service = new CampaignDispatchService({
    repository,
    queue: { enqueue: async (messages) => void enqueued.push([...messages]) },
    config: { campaignSendBatchSize: batchSize },
  });
  return { service, reads, limits, enqueued };
}

const invited = '2026-11-28T01:00:00.000Z'; // 4 days before NOW: the 3-day reminder is due
const invitedLately = '2026-11-30T01:00:00.000Z'; // 2 days before NOW: not yet

describe('CampaignDispatchService.dispatch', () => {
  it('fans the due invitations and reminders out in messages of campaignSendBatchSize recipients', async () => {
    // Prepare
    const open = campaign('C1', '2026-12-01T00:00:00.000Z', '2026-12-20T16:00:00.000Z');
    const { service, enqueued } = setup(
      [open],
      [
        recipient('C1', 'R1'),
        recipient('C1', 'R2'),
        recipient('C1', 'R3', { invitedAt: invited }),
        recipient('C1', 'R4'),
        recipient('C1', 'R5', { invitedAt: invited }),
        recipient('C1', 'R6', { answeredAt: '2026-12-01T05:00:00.000Z' }),
        recipient('C1', 'R7', { invitedAt: invitedLately }),
        recipient('C1', 'R8'),
        recipient('C1', 'R9', { invitedAt: invited }),
        recipient('C1', 'R10', { invitedAt: invited, remindedAt: '2026-12-01T01:00:00.000Z' }),
        recipient('C1', 'R11'),
      ],
      2,
    );

    // Act
    const summary = await service.dispatch(NOW);

    // Assess
    expect(summary).toEqual({ campaigns: 1, invitations: 5, reminders: 3, messages: 5 });
    const at = '2026-12-02T01:00:00.000Z';
    expect(enqueued).toEqual([
      [
        { campaignId: 'C1', kind: 'invite', recipientIds: ['R1', 'R2'], dispatchedAt: at },
        { campaignId: 'C1', kind: 'invite', recipientIds: ['R4', 'R8'], dispatchedAt: at },
        { campaignId: 'C1', kind: 'invite', recipientIds: ['R11'], dispatchedAt: at },
        { campaignId: 'C1', kind: 'reminder', recipientIds: ['R3', 'R5'], dispatchedAt: at },
        { campaignId: 'C1', kind: 'reminder', recipientIds: ['R9'], dispatchedAt: at },
      ],
    ]);
  });

  it('reads only the campaigns open at the instant (created by then, not yet closed)', async () => {
    // Prepare
    const { service, reads, limits, enqueued } = setup(
      [
        campaign('OPEN', '2026-12-01T00:00:00.000Z', '2026-12-20T16:00:00.000Z'),
        campaign('STARTS-NOW', '2026-12-02T01:00:00.000Z', '2026-12-20T16:00:00.000Z'),
        campaign('CLOSES-NOW', '2026-11-01T00:00:00.000Z', '2026-12-02T01:00:00.000Z'),
        campaign('CLOSED', '2026-11-01T00:00:00.000Z', '2026-11-20T16:00:00.000Z'),
        campaign('LATER', '2026-12-02T01:00:00.001Z', '2026-12-20T16:00:00.000Z'),
      ],
      [
        recipient('OPEN', 'A1'),
        recipient('STARTS-NOW', 'B1'),
        recipient('CLOSES-NOW', 'C1'),
        recipient('CLOSED', 'D1'),
        recipient('LATER', 'E1'),
      ],
      10,
    );

    // Act
    const summary = await service.dispatch(NOW);

    // Assess
    expect(limits).toEqual([1000]);
    expect(reads).toEqual(['OPEN', 'STARTS-NOW']);
    expect(enqueued.map((messages) => messages.map((m) => [m.campaignId, m.recipientIds]))).toEqual([
      [['OPEN', ['A1']]],
      [['STARTS-NOW', ['B1']]],
    ]);
    expect(summary).toEqual({ campaigns: 2, invitations: 2, reminders: 0, messages: 2 });
  });

  it.each([
    ['only reminders', [recipient('C1', 'R1', { invitedAt: invited })], { invitations: 0, reminders: 1 }],
    ['only invitations', [recipient('C1', 'R1')], { invitations: 1, reminders: 0 }],
  ])('sends a campaign with %s due', async (_, recipients, counts) => {
    // Prepare
    const { service, enqueued } = setup(
      [campaign('C1', '2026-12-01T00:00:00.000Z', '2026-12-20T16:00:00.000Z')],
      recipients,
      5,
    );

    // Act
    const summary = await service.dispatch(NOW);

    // Assess
    expect(summary).toEqual({ campaigns: 1, ...counts, messages: 1 });
    expect(enqueued).toHaveLength(1);
  });

  it('enqueues nothing and counts nothing for an open campaign with nothing due', async () => {
    // Prepare
    const { service, enqueued } = setup(
      [campaign('C1', '2026-12-01T00:00:00.000Z', '2026-12-20T16:00:00.000Z')],
      [
        recipient('C1', 'R1', { answeredAt: '2026-12-01T05:00:00.000Z' }),
        recipient('C1', 'R2', { invitedAt: invitedLately }),
      ],
      5,
    );

    // Act
    const summary = await service.dispatch(NOW);

    // Assess
    expect(summary).toEqual({ campaigns: 0, invitations: 0, reminders: 0, messages: 0 });
    expect(enqueued).toEqual([]);
  });

  it('sums the counts over campaigns', async () => {
    // Prepare
    const { service, enqueued } = setup(
      [
        campaign('C1', '2026-12-01T00:00:00.000Z', '2026-12-20T16:00:00.000Z'),
        campaign('C2', '2026-12-01T00:00:00.000Z', '2026-12-20T16:00:00.000Z'),
      ],
      [
        recipient('C1', 'R1'),
        recipient('C1', 'R2'),
        recipient('C1', 'R3'),
        recipient('C2', 'S1', { invitedAt: invited }),
        recipient('C2', 'S2'),
      ],
      2,
    );

    // Act
    const summary = await service.dispatch(NOW);

    // Assess
    expect(summary).toEqual({ campaigns: 2, invitations: 4, reminders: 1, messages: 4 });
    expect(enqueued.map((messages) => messages.length)).toEqual([2, 2]);
  });
});
