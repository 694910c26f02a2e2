import { describe, expect, it } from 'vitest';
import { stackConfigSchema } from '../../../shared/config/stack-config.ts';
import type { FeedbackRepository, HistoryReadOptions } from '../../../shared/ports/feedback-repository.ts';
import type { EmailMessage } from '../../../shared/ports/mailer.ts';
import type { SmsMessage } from '../../../shared/ports/sms-sender.ts';
import type { FeedbackRecord, HistoryEntry } from '../../../shared/schemas/feedback-record.ts';
import { formatInstant, NotificationService } from '../../../shared/services/notification-service.ts';
import { openFeedback } from '../../helpers/records.ts';

// Monday 2026-11-23 10:00 Shanghai
const received = '2026-11-23T02:00:00.000Z';
const now = new Date('2026-11-23T02:05:00.000Z');
const id = '01JDQ3ZK6V7M0000000000000A';
const trackingToken = `${id}.mdOjJ0zClSfKk38JUAKpa6b2dv5NH14t`;
const surveyToken = `${id}.QUJDREVGR0hJSktMTU5PUFFSU1RVVldY`;
const base = 'https://f.example.com';

const config = stackConfigSchema.parse({
  tableName: 'T',
  publicBaseUrl: base,
  escalationEmails: ['duty@example.com', 'manager@example.com'],
  teams: [
    { id: 'desk', name: { en: 'Desk', zh: '服务台' }, leadEmails: ['desk-lead@example.com'] },
    { id: 'billing', name: { en: 'Billing', zh: '账务' }, leadEmails: ['bill-lead@example.com'] },
  ],
});

const triaged = (reasons: string[], at = '2026-11-23T02:00:01.000Z'): HistoryEntry => ({
  at,
  action: 'triaged',
  actor: 'system',
  from: 'received',
  to: 'open',
  reasons,
});

/** The claims store of the repository, in memory: a claim is granted once per feedback and kind. */
class RecordingRepository {
  readonly claims = new Set<string>();
  readonly calls: unknown[][] = [];
  historyRead: FeedbackRecord | undefined;

  async claimNotification(feedbackId: string, kind: string, at: Date) {
    this.calls.push(['claim', feedbackId, kind, at.toISOString()]);
    const key = `${feedbackId}/${kind}`;
    if (this.claims.has(key)) return false;
    this.claims.add(key);
    return true;
  }

  async releaseNotification(feedbackId: string, kind: string) {
    this.calls.push(['release', feedbackId, kind]);
    this.claims.delete(`${feedbackId}/${kind}`);
  }

  async completeNotification(
    feedbackId: string,
    kind: string,
    at: Date,
    messageId: string,
    extras?: unknown,
  ) {
    this.calls.push(['complete', feedbackId, kind, at.toISOString(), messageId, extras]);
  }

  async getWithHistory(feedbackId: string, options?: HistoryReadOptions) {
    this.calls.push(['getWithHistory', feedbackId, options]);
    return this.historyRead;
  }

  asRepository(): FeedbackRepository {
    return this as unknown as FeedbackRepository;
  }
}

function recordingMailer(fail = false) {
  const sent: EmailMessage[] = [];
  return {
    sent,
    send: async (message: EmailMessage) => {
      if (fail) throw new Error('SES refused');
      sent.push(message);
      return { messageId: `email-${sent.length}` };
    },
  };
}

function recordingSms() {
  const sent: SmsMessage[] = [];
  return {
    sent,
    send: async (message: SmsMessage) => {
      sent.push(message);
      return { messageId: `sms-${sent.length}` };
    },
  };
}

function setup(options: { sms?: boolean; failMail?: boolean; clock?: boolean } = {}) {
  const repository = new RecordingRepository();
  const mailer = recordingMailer(options.failMail);
  const sms = recordingSms();
  const service = new NotificationService({
    repository: repository.asRepository(),
    mailer,
    ...(options.sms ? { sms } : {}),
    config,
    publicBaseUrl: base,
    ...(options.clock === false ? {} : { now: () => now }),
  });
  return { repository, mailer, sms, service };
}

function p1(overrides: Partial<FeedbackRecord> = {}): FeedbackRecord {
  return openFeedback('P1', received, {
    team: 'billing',
    category: 'delivery',
    trackingToken,
    history: [
      { at: received, action: 'received', actor: 'channel:k1', to: 'received' },
      triaged(['an earlier triage']),
      triaged(['complaint with negative sentiment', 'repeat complaint'], '2026-11-23T02:00:02.000Z'),
      { at: '2026-11-23T02:01:00.000Z', action: 'note', actor: 'staff:a@example.com', note: 'n' },
    ],
    ...overrides,
  });
}

function resolved(overrides: Partial<FeedbackRecord> = {}): FeedbackRecord {
  return openFeedback('P3', received, {
    status: 'resolved',
    resolution: 'We reopened the counter.',
    reference: 'REF-7',
    language: 'en',
    trackingToken,
    customer: { email: 'mei@example.com', name: 'Mei' },
    survey: { token: surveyToken, round: 2, answer: null },
    ...overrides,
  });
}

describe('notification service: the P1 alert', () => {
  it('alerts the team lead and the first escalation address once, with the feedback, its deadline and the latest triage reasons', async () => {
    // Prepare
    const { repository, mailer, service } = setup();

    // Act
    const sent = await service.handle(p1());

    // Assess
    expect(sent).toEqual(['p1-alert']);
    expect(mailer.sent).toHaveLength(1);
    const [message] = mailer.sent;
    expect(message?.to).toEqual(['bill-lead@example.com', 'duty@example.com']);
    expect(message?.tags).toEqual({ kind: 'p1-alert', feedbackId: id });
    expect(message?.subject).toBe(
      `[P1] Critical feedback ${id}: first response due 2026-11-24 10:00 (Asia/Shanghai)`,
    );
    expect(message?.text).toBe(
      [
        'Critical feedback needs a first response',
        '',
        `${id} — P1, complaint about delivery, via web.`,
        'Received 2026-11-23 10:00 (Asia/Shanghai). First response due 2026-11-24 10:00 (Asia/Shanghai).',
        '',
        '"The counter was closed."',
        '',
        'Why P1: complaint with negative sentiment; repeat complaint',
        `Open: ${base}/console/feedback/${id}`,
      ].join('\n'),
    );
    expect(repository.calls).toEqual([
      ['claim', id, 'p1-alert', '2026-11-23T02:05:00.000Z'],
      ['complete', id, 'p1-alert', '2026-11-23T02:05:00.000Z', 'email-1', { receivedAt: received }],
    ]);
  });

  it('sends nothing for a redelivered record whose alert was claimed before', async () => {
    const { repository, mailer, service } = setup();
    const record = p1();

    const first = await service.handle(record);
    const second = await service.handle(record);

    expect(first).toEqual(['p1-alert']);
    expect(second).toEqual([]);
    expect(mailer.sent).toHaveLength(1);
    expect(repository.calls.filter((c) => c[0] === 'complete')).toHaveLength(1);
  });

  it('reads the triage reasons from the status changes when the stream image carries no triage entry', async () => {
    const { repository, mailer, service } = setup();
    const record = p1({
      history: [{ at: received, action: 'received', actor: 'channel:k1', to: 'received' }],
    });
    repository.historyRead = { ...record, history: [...record.history, triaged(['P1 keyword: fire'])] };

    await service.handle(record);

    expect(repository.calls[1]).toEqual(['getWithHistory', id, { statusChangesOnly: true }]);
    expect(mailer.sent[0]?.text).toContain('\nWhy P1: P1 keyword: fire\n');
  });

  it('names no reasons (and still sends) when no triage entry is found, nor type, category or deadline', async () => {
    const { mailer, service } = setup();
    const record = p1({
      type: null,
      category: null,
      deadlines: null,
      team: null,
      history: [{ at: received, action: 'received', actor: 'channel:k1', to: 'received' }],
    });

    const sent = await service.handle(record);

    expect(sent).toEqual(['p1-alert']);
    expect(mailer.sent[0]?.to).toEqual(['desk-lead@example.com', 'duty@example.com']);
    expect(mailer.sent[0]?.subject).toBe(`[P1] Critical feedback ${id}: first response due`);
    expect(mailer.sent[0]?.text).toBe(
      [
        'Critical feedback needs a first response',
        '',
        `${id} — P1, , via web.`,
        'Received 2026-11-23 10:00 (Asia/Shanghai). First response due .',
        '',
        '"The counter was closed."',
        '',
        'Why P1: ',
        `Open: ${base}/console/feedback/${id}`,
      ].join('\n'),
    );
  });

  it('ignores a triage entry whose reasons are not a list', async () => {
    const { mailer, service } = setup();
    const record = p1({
      history: [{ ...triaged([]), reasons: 'not a list' as unknown as string[] }],
    });

    await service.handle(record);

    expect(mailer.sent[0]?.text).toContain('\nWhy P1: \n');
  });

  it('gives the claim back when sending fails, so the retry sends it', async () => {
    const { repository, service } = setup({ failMail: true });

    await expect(service.handle(p1())).rejects.toThrow('SES refused');

    expect(repository.calls).toEqual([
      ['claim', id, 'p1-alert', '2026-11-23T02:05:00.000Z'],
      ['release', id, 'p1-alert'],
    ]);
    expect(repository.claims.size).toBe(0);
  });

  it('stamps the claim and its completion with the current time when no clock is given', async () => {
    const { repository, service } = setup({ clock: false });

    await service.handle(p1());

    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
    expect(repository.calls[0]?.[3]).toMatch(iso);
    expect(repository.calls[1]?.[3]).toMatch(iso);
  });
});

describe('notification service: the closure notice', () => {
  it('emails the customer the resolution, the tracking link and the survey of this round', async () => {
    const { repository, mailer, service } = setup();

    const sent = await service.handle(resolved());

    expect(sent).toEqual(['closure-notice:2']);
    expect(mailer.sent).toEqual([
      expect.objectContaining({
        to: ['mei@example.com'],
        subject: 'Your feedback has been resolved (REF-7)',
        tags: { kind: 'closure-notice', feedbackId: id },
      }),
    ]);
    expect(mailer.sent[0]?.text).toBe(
      [
        'Dear Mei,',
        '',
        'Thank you for your feedback. We have resolved it:',
        '',
        'We reopened the counter.',
        '',
        `Track your feedback: ${base}/v1/track/${trackingToken}`,
        `How satisfied are you with how we handled it? Answer one question: ${base}/v1/survey/${surveyToken}`,
        '',
        'If this does not solve your problem, answer 1 or 2 and we will reopen it.',
      ].join('\n'),
    );
    expect(repository.calls.at(-1)).toEqual([
      'complete',
      id,
      'closure-notice:2',
      '2026-11-23T02:05:00.000Z',
      'email-1',
      { receivedAt: received },
    ]);
  });

  it('greets without a name, leaves out a missing reference and resolution, in the feedback’s language', async () => {
    const { mailer, service } = setup();
    const record = resolved({
      customer: { email: 'mei@example.com' },
      reference: null,
      resolution: null,
      language: 'zh',
    });

    await service.handle(record);

    expect(mailer.sent[0]?.subject).toBe('您的反馈已处理完毕');
    expect(mailer.sent[0]?.text.split('\n').slice(0, 5)).toEqual([
      '您好：',
      '',
      '感谢您的反馈，我们已处理完毕：',
      '',
      '',
    ]);
  });
});

describe('notification service: the closure SMS', () => {
  const phoneOnly = { phone: '13800138000' };

  it('texts a customer with only a phone, in one segment, and records the SMS message id', async () => {
    const { repository, mailer, sms, service } = setup({ sms: true });

    const sent = await service.handle(resolved({ customer: phoneOnly }));

    expect(sent).toEqual(['closure-sms:2']);
    expect(mailer.sent).toEqual([]);
    expect(sms.sent).toEqual([
      {
        to: '+8613800138000',
        body: 'Your feedback REF-7 is resolved: We reopened the counter.',
        context: { kind: 'closure-sms', feedbackId: id },
      },
    ]);
    expect(repository.calls.at(-1)).toEqual([
      'complete',
      id,
      'closure-sms:2',
      '2026-11-23T02:05:00.000Z',
      'sms-1',
      { receivedAt: received },
    ]);
  });

  it('texts the frame alone when the resolution is missing', async () => {
    const { sms, service } = setup({ sms: true });

    await service.handle(resolved({ customer: phoneOnly, resolution: null, reference: null }));

    expect(sms.sent[0]?.body).toBe('Your feedback is resolved: ');
  });

  it('texts nothing without an SMS sender', async () => {
    const { mailer, sms, service } = setup();

    const sent = await service.handle(resolved({ customer: phoneOnly }));

    expect(sent).toEqual([]);
    expect(sms.sent).toEqual([]);
    expect(mailer.sent).toEqual([]);
  });
});

describe('formatInstant', () => {
  it.each([
    ['2026-11-24T09:30:00.000Z', 'Asia/Shanghai', '2026-11-24 17:30 (Asia/Shanghai)'],
    ['2026-11-23T16:05:00.000Z', 'Asia/Shanghai', '2026-11-24 00:05 (Asia/Shanghai)'],
    ['2026-07-01T12:00:00.000Z', 'Europe/Berlin', '2026-07-01 14:00 (Europe/Berlin)'],
    ['', 'Asia/Shanghai', ''],
  ])('%s in %s reads %s', (iso, zone, expected) => {
    expect(formatInstant(iso, zone)).toBe(expected);
  });
});
