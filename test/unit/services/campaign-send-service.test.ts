import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Campaign, Recipient } from '../../../shared/domain/campaigns.ts';
import type { Questionnaire } from '../../../shared/domain/questionnaire.ts';
import type { CampaignRepository } from '../../../shared/ports/campaign-repository.ts';
import type { EventClaims } from '../../../shared/ports/event-publisher.ts';
import type { EmailMessage, Mailer } from '../../../shared/ports/mailer.ts';
import type { CampaignSendMessage } from '../../../shared/ports/send-queue.ts';
import type { SmsMessage, SmsSender } from '../../../shared/ports/sms-sender.ts';
import { CampaignSendService, Pacer } from '../../../shared/services/campaign-send-service.ts';

const CAMPAIGN_ID = '01KCAMPA1GN0000000000000AA';
const START = Date.parse('2026-12-02T01:00:00.000Z');

const campaign: Campaign = {
  id: CAMPAIGN_ID,
  questionnaireId: 'Q1',
  audience: {} as Campaign['audience'],
  from: '2026-11-01',
  to: '2026-11-30',
  closesAt: '2026-12-20T15:59:59.999Z',
  reminderAfterDays: 3,
  createdAt: '2026-12-01T00:00:00.000Z',
  createdBy: 'staff:ana',
  recipients: 3,
};

const questionnaire = {
  id: 'Q1',
  title: { en: 'Counter service', zh: '柜台服务' },
  questions: [],
  createdAt: '2026-11-30T00:00:00.000Z',
  createdBy: 'staff:ana',
} as unknown as Questionnaire;

function recipient(id: string, extra: Partial<Recipient>): Recipient {
  return {
    id,
    campaignId: CAMPAIGN_ID,
    customerKey: `key-${id}`,
    language: 'en',
    contact: 'email',
    secret: `s3cret${id}`,
    ...extra,
  };
}

/** The campaign store in memory: `markSent` stamps the recipient as the adapter does. */
function memoryCampaigns(recipients: Recipient[], stored = { campaign: true, questionnaire: true }) {
  const byId = new Map(recipients.map((r) => [r.id, { ...r }]));
  const marks: [string, string, string, string][] = [];
  const repository = {
    getCampaign: async (id: string) => (stored.campaign && id === CAMPAIGN_ID ? campaign : undefined),
    getQuestionnaire: async (id: string) => (stored.questionnaire && id === 'Q1' ? questionnaire : undefined),
    getRecipient: async (_campaignId: string, id: string) => byId.get(id),
    markSent: async (campaignId: string, id: string, kind: 'invite' | 'reminder', at: string) => {
      marks.push([campaignId, id, kind, at]);
      const found = byId.get(id);
      if (found) byId.set(id, { ...found, [kind === 'invite' ? 'invitedAt' : 'remindedAt']: at });
    },
  };
  return { repository: repository as unknown as CampaignRepository, marks, byId };
}

function memoryClaims(held: string[] = []) {
  const state = new Map<string, 'claimed' | 'done'>(held.map((id) => [id, 'done']));
  const log: string[] = [];
  let failRelease = false;
  const claims: EventClaims = {
    claim: async (id) => {
      log.push(`claim ${id}`);
      if (state.has(id)) return false;
      state.set(id, 'claimed');
      return true;
    },
    complete: async (id) => {
      log.push(`complete ${id}`);
      state.set(id, 'done');
    },
    release: async (id) => {
      log.push(`release ${id}`);
      if (failRelease) throw new Error('DynamoDB unavailable');
      state.delete(id);
    },
  };
  return { claims, state, log, failReleases: () => (failRelease = true) };
}

function recordingMailer(failFor: string[] = []) {
  const sent: EmailMessage[] = [];
  const mailer: Mailer = {
    send: async (message) => {
      if (failFor.includes(message.to[0] ?? '')) throw new Error('SES throttled');
      sent.push(message);
      return { messageId: `m${sent.length}` };
    },
  };
  return { mailer, sent };
}

function recordingSms() {
  const sent: SmsMessage[] = [];
  const sms: SmsSender = {
    send: async (message) => {
      sent.push(message);
      return { messageId: `s${sent.length}` };
    },
  };
  return { sms, sent };
}

/** A sleep that lets the (faked) clock move on by what it was asked to wait. */
function recordingSleep() {
  const slept: number[] = [];
  const sleep = async (ms: number) => {
    slept.push(ms);
    vi.setSystemTime(Date.now() + ms);
  };
  return { sleep, slept };
}

function setup(
  recipients: Recipient[],
  options: {
    held?: string[];
    failFor?: string[];
    stored?: { campaign: boolean; questionnaire: boolean };
  } = {},
) {
  const store = memoryCampaigns(recipients, options.stored);
  const claims = memoryClaims(options.held);
  const mail = recordingMailer(options.failFor);
  const sms = recordingSms();
  const sleep = recordingSleep();
  const service = new CampaignSendService({
    repository: store.repository,
    claims: claims.claims,
    mailer: mail.mailer,
    sms: sms.sms,
    // 10 sends a second over 2 workers: each worker sends one every 200 ms.
    config: { campaignSendRatePerSecond: 10, campaignSendConcurrency: 2 } as never,
    publicBaseUrl: 'https://feedback.example.org',
    sleep: sleep.sleep,
  });
  return { service, store, claims, mail, sms, sleep };
}

const invite = (recipientIds: string[], dispatchedAt = '2026-12-02T01:00:00.000Z'): CampaignSendMessage => ({
  campaignId: CAMPAIGN_ID,
  kind: 'invite',
  recipientIds,
  dispatchedAt,
});

describe('CampaignSendService.send', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(START);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends each due recipient their own link, by email where there is one, else by SMS, paced 200 ms apart', async () => {
    // Prepare
    const { service, store, claims, mail, sms, sleep } = setup([
      recipient('R1', { email: 'r1@example.org', phone: '+8613800138001' }),
      recipient('R2', { language: 'zh', contact: 'sms', phone: '+8613800138002' }),
      recipient('R3', { language: 'zh', email: 'r3@example.org' }),
    ]);

    // Act
    const summary = await service.send(invite(['R1', 'R2', 'R3']));

    // Assess
    expect(summary).toEqual({ sent: 3, skipped: 0 });
    expect(mail.sent).toHaveLength(2);
    expect(mail.sent[0]).toMatchObject({
      to: ['r1@example.org'],
      subject: 'A few questions about our service: Counter service',
      tags: { kind: 'campaign-invite', campaign: CAMPAIGN_ID },
    });
    expect(mail.sent[0]?.text).toContain(`https://feedback.example.org/v1/s/${CAMPAIGN_ID}.R1.s3cretR1`);
    expect(mail.sent[0]?.text).toContain('The survey closes on 2026-12-20.');
    expect(mail.sent[1]).toMatchObject({ to: ['r3@example.org'], subject: '服务满意度调查：柜台服务' });
    expect(sms.sent).toEqual([
      {
        to: '+8613800138002',
        body: `诚邀您评价我们的服务：https://feedback.example.org/v1/s/${CAMPAIGN_ID}.R2.s3cretR2`,
        context: { kind: 'campaign-invite', campaign: CAMPAIGN_ID },
      },
    ]);
    expect(sleep.slept).toEqual([200, 200]);
    expect(store.marks).toEqual([
      [CAMPAIGN_ID, 'R1', 'invite', '2026-12-02T01:00:00.000Z'],
      [CAMPAIGN_ID, 'R2', 'invite', '2026-12-02T01:00:00.200Z'],
      [CAMPAIGN_ID, 'R3', 'invite', '2026-12-02T01:00:00.400Z'],
    ]);
    expect(claims.log).toEqual([
      `claim campaign-invite:${CAMPAIGN_ID}:R1`,
      `complete campaign-invite:${CAMPAIGN_ID}:R1`,
      `claim campaign-invite:${CAMPAIGN_ID}:R2`,
      `complete campaign-invite:${CAMPAIGN_ID}:R2`,
      `claim campaign-invite:${CAMPAIGN_ID}:R3`,
      `complete campaign-invite:${CAMPAIGN_ID}:R3`,
    ]);
  });

  it('sends a due reminder with the reminder wording', async () => {
    // Prepare
    const { service, mail, sms, store } = setup([
      recipient('R1', { email: 'r1@example.org', invitedAt: '2026-11-28T01:00:00.000Z' }),
      recipient('R2', { contact: 'sms', phone: '+8613800138002', invitedAt: '2026-11-28T01:00:00.000Z' }),
    ]);

    // Act
    const summary = await service.send({ ...invite(['R1', 'R2']), kind: 'reminder' });

    // Assess
    expect(summary).toEqual({ sent: 2, skipped: 0 });
    expect(mail.sent.map((m) => [m.subject, m.tags])).toEqual([
      [
        'Reminder: a few questions about our service: Counter service',
        { kind: 'campaign-reminder', campaign: CAMPAIGN_ID },
      ],
    ]);
    expect(sms.sent.map((m) => [m.body, m.context])).toEqual([
      [
        `Reminder: your view of our service: https://feedback.example.org/v1/s/${CAMPAIGN_ID}.R2.s3cretR2`,
        { kind: 'campaign-reminder', campaign: CAMPAIGN_ID },
      ],
    ]);
    expect(store.marks.map(([, id, kind]) => [id, kind])).toEqual([
      ['R1', 'reminder'],
      ['R2', 'reminder'],
    ]);
  });

  it('sends nothing twice when the message is delivered again', async () => {
    // Prepare
    const { service, mail, sms } = setup([
      recipient('R1', { email: 'r1@example.org' }),
      recipient('R2', { contact: 'sms', phone: '+8613800138002' }),
    ]);
    await service.send(invite(['R1', 'R2']));

    // Act
    const again = await service.send(invite(['R1', 'R2']));

    // Assess
    expect(again).toEqual({ sent: 0, skipped: 2 });
    expect(mail.sent).toHaveLength(1);
    expect(sms.sent).toHaveLength(1);
  });

  it('skips a recipient whose send another delivery already claimed, without sending or marking', async () => {
    // Prepare
    const { service, mail, store, claims } = setup(
      [recipient('R1', { email: 'r1@example.org' }), recipient('R2', { email: 'r2@example.org' })],
      { held: [`campaign-invite:${CAMPAIGN_ID}:R1`] },
    );

    // Act
    const summary = await service.send(invite(['R1', 'R2']));

    // Assess
    expect(summary).toEqual({ sent: 1, skipped: 1 });
    expect(mail.sent.map((m) => m.to)).toEqual([['r2@example.org']]);
    expect(store.marks.map(([, id]) => id)).toEqual(['R2']);
    expect(claims.log).not.toContain(`complete campaign-invite:${CAMPAIGN_ID}:R1`);
  });

  it.each([
    ['is unknown', 'R9', {}],
    ['has answered', 'R1', { answeredAt: '2026-12-01T09:00:00.000Z' }],
    ['was invited already', 'R1', { invitedAt: '2026-12-01T09:00:00.000Z' }],
    ['was erased', 'R1', { erasedAt: '2026-12-01T09:00:00.000Z' }],
  ])('skips a recipient who %s, claiming nothing', async (_, id, extra) => {
    // Prepare
    const { service, mail, claims, store } = setup([recipient('R1', { email: 'r1@example.org', ...extra })]);

    // Act
    const summary = await service.send(invite([id]));

    // Assess
    expect(summary).toEqual({ sent: 0, skipped: 1 });
    expect(mail.sent).toEqual([]);
    expect(claims.log).toEqual([]);
    expect(store.marks).toEqual([]);
  });

  it.each([
    ['not due yet at the dispatch instant', '2026-11-30T01:00:00.000Z', '2026-12-02T01:00:00.000Z', 0],
    ['due at the dispatch instant', '2026-11-29T01:00:00.000Z', '2026-12-02T01:00:00.000Z', 1],
    [
      'due, but dispatched after the campaign closed',
      '2026-11-29T01:00:00.000Z',
      '2026-12-20T16:00:00.000Z',
      0,
    ],
  ])('judges a reminder %s', async (_, invitedAt, dispatchedAt, sent) => {
    // Prepare
    const { service, mail } = setup([recipient('R1', { email: 'r1@example.org', invitedAt })]);

    // Act
    const summary = await service.send({ ...invite(['R1'], dispatchedAt), kind: 'reminder' });

    // Assess
    expect(summary).toEqual({ sent, skipped: 1 - sent });
    expect(mail.sent).toHaveLength(sent);
  });

  it.each([
    ['campaign', { campaign: false, questionnaire: true }],
    ['questionnaire', { campaign: true, questionnaire: false }],
  ])('skips the whole message when its %s is gone', async (_, stored) => {
    // Prepare
    const { service, mail, claims } = setup(
      [recipient('R1', { email: 'r1@example.org' }), recipient('R2', { email: 'r2@example.org' })],
      { stored },
    );

    // Act
    const summary = await service.send(invite(['R1', 'R2']));

    // Assess
    expect(summary).toEqual({ sent: 0, skipped: 2 });
    expect(mail.sent).toEqual([]);
    expect(claims.log).toEqual([]);
  });

  it('gives the claim back when sending fails, so the redelivered message sends it', async () => {
    // Prepare
    const { service, mail, claims, store } = setup(
      [recipient('R1', { email: 'r1@example.org' }), recipient('R2', { email: 'r2@example.org' })],
      { failFor: ['r2@example.org'] },
    );

    // Act
    const failure = await service.send(invite(['R1', 'R2'])).catch((error: unknown) => error);

    // Assess
    expect((failure as Error).message).toBe('SES throttled');
    expect(claims.log.slice(-2)).toEqual([
      `claim campaign-invite:${CAMPAIGN_ID}:R2`,
      `release campaign-invite:${CAMPAIGN_ID}:R2`,
    ]);
    expect(claims.state.has(`campaign-invite:${CAMPAIGN_ID}:R2`)).toBe(false);
    expect(store.marks.map(([, id]) => id)).toEqual(['R1']);
    expect(mail.sent.map((m) => m.to)).toEqual([['r1@example.org']]);
  });

  it('fails with the sending error even when giving the claim back fails too', async () => {
    // Prepare
    const { service, claims } = setup([recipient('R1', { email: 'r1@example.org' })], {
      failFor: ['r1@example.org'],
    });
    claims.failReleases();

    // Act
    const failure = await service.send(invite(['R1'])).catch((error: unknown) => error);

    // Assess
    expect((failure as Error).message).toBe('SES throttled');
  });

  it('sends nothing to a recipient with neither email nor phone', async () => {
    // Prepare
    const { service, mail, sms } = setup([recipient('R1', { contact: 'sms' })]);

    // Act
    await service.send(invite(['R1']));

    // Assess
    expect(mail.sent).toEqual([]);
    expect(sms.sent).toEqual([]);
  });
});

describe('CampaignSendService pacing without an injected sleep', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits on a timer of 1000 × workers / rate ms between sends', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout'] });
    vi.setSystemTime(START);
    const mail = recordingMailer();
    const store = memoryCampaigns([
      recipient('R1', { email: 'r1@example.org' }),
      recipient('R2', { email: 'r2@example.org' }),
    ]);
    const service = new CampaignSendService({
      repository: store.repository,
      claims: memoryClaims().claims,
      mailer: mail.mailer,
      sms: recordingSms().sms,
      // 4 sends a second over 2 workers: 500 ms apart.
      config: { campaignSendRatePerSecond: 4, campaignSendConcurrency: 2 } as never,
      publicBaseUrl: 'https://feedback.example.org',
    });

    // Act
    const sending = service.send(invite(['R1', 'R2']));
    await vi.advanceTimersByTimeAsync(499);
    const early = mail.sent.length;
    await vi.advanceTimersByTimeAsync(1);
    const summary = await sending;

    // Assess
    expect(early).toBe(1);
    expect(summary).toEqual({ sent: 2, skipped: 0 });
    expect(mail.sent).toHaveLength(2);
  });
});

describe('Pacer', () => {
  it('lets the first send go at once and spaces the next ones by the interval, counting time already passed', async () => {
    // Prepare
    let now = 1_000;
    const slept: number[] = [];
    const pacer = new Pacer(
      250,
      async (ms) => {
        slept.push(ms);
        now += ms;
      },
      () => now,
    );

    // Act
    await pacer.turn(); // at 1000: goes now, next at 1250
    await pacer.turn(); // at 1000: waits 250, next at 1500
    now = 1_600;
    await pacer.turn(); // late already: goes now, next at 1850
    now = 1_700;
    await pacer.turn(); // waits 150

    // Assess
    expect(slept).toEqual([250, 150]);
  });
});
