import { describe, expect, it } from 'vitest';
import { campaignResults, dimensionFigures, responsesCsv } from '../../../shared/domain/campaign-results.ts';
import {
  type AudienceCandidate,
  type Campaign,
  type CampaignResponse,
  candidateOf,
  inviteToken,
  onCallList,
  parseInviteToken,
  type Recipient,
  selectAudience,
} from '../../../shared/domain/campaigns.ts';
import { e164In } from '../../../shared/domain/phone-numbers.ts';
import type { Questionnaire } from '../../../shared/domain/questionnaire.ts';
import type { FeedbackRecord } from '../../../shared/schemas/feedback-record.ts';
import { openFeedback } from '../../helpers/records.ts';

const label = (en: string) => ({ en, zh: en });

const record = (overrides: Partial<FeedbackRecord> = {}): FeedbackRecord =>
  openFeedback('P3', '2026-02-10T08:00:00.000Z', {
    customer: { email: 'ann@example.com', phone: '138 0013 8000', segment: 'vip' },
    serviceType: 'repair',
    channel: 'web',
    language: 'zh-CN',
    consent: { contact: true },
    ...overrides,
  } as Partial<FeedbackRecord>);

describe('candidateOf', () => {
  it('describes the customer of a feedback that passes every filter', () => {
    // Act
    const candidate = candidateOf(
      record(),
      { segment: 'vip', serviceType: 'repair', channel: 'web' },
      e164In('CN'),
    );

    // Assess
    expect(candidate).toEqual({
      customerKey: 'email:ann@example.com',
      receivedAt: '2026-02-10T08:00:00.000Z',
      consent: true,
      email: 'ann@example.com',
      phone: '+8613800138000',
      language: 'zh',
    });
  });

  it('takes any feedback of a customer when the audience sets no filter', () => {
    const candidate = candidateOf(
      record({ customer: { phone: '13800138000', segment: 'vip' } } as Partial<FeedbackRecord>),
      {},
      e164In('CN'),
    );

    expect(candidate).toEqual({
      customerKey: 'phone:13800138000',
      receivedAt: '2026-02-10T08:00:00.000Z',
      consent: true,
      phone: '+8613800138000',
      language: 'zh',
    });
  });

  it('keeps an unparseable phone out and reads no consent as false', () => {
    const candidate = candidateOf(
      record({ customer: { email: 'b@example.com', phone: '1234' }, consent: {} } as Partial<FeedbackRecord>),
      {},
      e164In('CN'),
    );

    expect(candidate).toEqual({
      customerKey: 'email:b@example.com',
      receivedAt: '2026-02-10T08:00:00.000Z',
      consent: false,
      email: 'b@example.com',
      language: 'zh',
    });
  });

  it.each([
    ['anonymous feedback', { anonymous: true }, {}],
    ['feedback without a customer', { customer: undefined }, {}],
    ['another segment', {}, { segment: 'standard' }],
    ['another service type', {}, { serviceType: 'billing' }],
    ['another channel', {}, { channel: 'email' }],
  ] as const)('gives no candidate for %s', (_name, overrides, audience) => {
    expect(candidateOf(record(overrides as Partial<FeedbackRecord>), audience, e164In('CN'))).toBeUndefined();
  });
});

describe('onCallList', () => {
  const base: Recipient = {
    id: 'R',
    campaignId: 'C',
    customerKey: 'k',
    language: 'en',
    contact: 'sms',
    secret: 's',
  };

  it.each([
    ['phone only', { phone: '+8613800138000' }, true],
    ['email and phone', { email: 'a@example.com', phone: '+8613800138000' }, false],
    ['email only', { email: 'a@example.com' }, false],
    ['neither', {}, false],
  ])('%s -> %s', (_name, contact, expected) => {
    expect(onCallList({ ...base, ...contact })).toBe(expected);
  });
});

describe('invite tokens', () => {
  it('joins campaign id, recipient id and secret with dots, and splits them back', () => {
    const token = inviteToken({ campaignId: 'CAMP', id: 'REC', secret: 'sec_ret-1' });

    expect(token).toBe('CAMP.REC.sec_ret-1');
    expect(parseInviteToken(token)).toEqual({ campaignId: 'CAMP', recipientId: 'REC', secret: 'sec_ret-1' });
  });

  it('reads missing parts as empty strings', () => {
    expect(parseInviteToken('CAMP')).toEqual({ campaignId: 'CAMP', recipientId: '', secret: '' });
    expect(parseInviteToken('')).toEqual({ campaignId: '', recipientId: '', secret: '' });
  });
});

const candidate = (customerKey: string, receivedAt: string, extra: Partial<AudienceCandidate> = {}) => ({
  customerKey,
  receivedAt,
  consent: true,
  email: `${customerKey}@example.com`,
  language: 'en' as const,
  ...extra,
});

describe('selectAudience', () => {
  const rules = { now: new Date('2026-03-01T00:00:00.000Z'), cooldownDays: 30, lastSurveyed: new Map() };

  it('keeps the first of two feedbacks at the same instant (written differently)', () => {
    // Prepare
    const first = candidate('a', '2026-02-01T00:00:00Z', { email: 'first@example.com' });
    const second = candidate('a', '2026-02-01T00:00:00.000Z', { email: 'second@example.com' });

    // Act
    const selected = selectAudience([first, second], rules);

    // Assess
    expect(selected).toEqual([
      { customerKey: 'a', email: 'first@example.com', language: 'en', contact: 'email' },
    ]);
  });

  it('sorts the selection by customer key', () => {
    const selected = selectAudience(
      [
        candidate('c', '2026-02-01T00:00:00Z'),
        candidate('a', '2026-02-01T00:00:00Z'),
        candidate('b', '2026-02-01T00:00:00Z'),
      ],
      rules,
    );

    expect(selected.map((s) => s.customerKey)).toEqual(['a', 'b', 'c']);
  });
});

const campaign: Campaign = {
  id: 'C1',
  questionnaireId: 'Q1',
  audience: {},
  from: '2026-01-01T00:00:00.000Z',
  to: '2026-02-01T00:00:00.000Z',
  closesAt: '2026-03-01T00:00:00.000Z',
  reminderAfterDays: 3,
  createdAt: '2026-02-01T00:00:00.000Z',
  createdBy: 'u',
  recipients: 2,
};

const QN: Questionnaire = {
  id: 'Q1',
  title: label('T'),
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'u',
  questions: [
    { id: 'undimensioned', kind: 'likert5', label: label('U'), required: false },
    { id: 'speed1', kind: 'likert5', label: label('S1'), dimension: 'speed', required: false },
    { id: 'speed2', kind: 'likert5', label: label('S2'), dimension: 'speed', required: false },
    { id: 'rec', kind: 'nps', label: label('R'), dimension: 'speed', required: false },
    {
      id: 'pick',
      kind: 'choice',
      label: label('P'),
      options: [
        { id: 'a', label: label('A') },
        { id: 'b', label: label('B') },
      ],
      required: false,
    },
  ],
};

const response = (
  id: string,
  answeredAt: string,
  answers: CampaignResponse['answers'],
): CampaignResponse => ({
  id,
  campaignId: 'C1',
  recipientId: `r-${id}`,
  answeredAt,
  channel: 'email',
  language: 'en',
  answers,
});

describe('dimensionFigures', () => {
  it('averages only likert5 questions with a dimension, over respondents who answered them', () => {
    // Prepare
    const responses = [
      response('1', '2026-02-02T00:00:00.000Z', { speed1: 4, speed2: 2, rec: 10, undimensioned: 1 }),
      response('2', '2026-02-02T00:00:00.000Z', { speed1: 5 }),
      response('3', '2026-02-02T00:00:00.000Z', { undimensioned: 5, rec: 0 }),
    ];

    // Act
    const figures = dimensionFigures(QN, responses);

    // Assess: respondent scores 3 and 5 (respondent 3 answered no speed likert5)
    expect(Object.keys(figures)).toEqual(['speed']);
    expect(figures.speed?.average).toBe(4);
    expect(figures.speed?.responses).toBe(2);
  });
});

describe('campaignResults', () => {
  const recipients: Recipient[] = [];

  it('counts every option of a choice, repeated answers, and no NPS without an nps question', () => {
    // Prepare
    const q: Questionnaire = { ...QN, questions: QN.questions.filter((x) => x.id !== 'rec') };
    const responses = [
      response('1', '2026-02-02T00:00:00.000Z', { pick: 'a', speed1: 4 }),
      response('2', '2026-02-03T00:00:00.000Z', { pick: 'a', speed1: 4 }),
    ];

    // Act
    const results = campaignResults(
      campaign,
      q,
      recipients,
      responses,
      new Date('2026-02-15T00:00:00.000Z'),
      undefined,
    );

    // Assess
    expect(results.questions.pick).toEqual({ kind: 'choice', responses: 2, distribution: { a: 2, b: 0 } });
    expect(results.questions.speed1).toEqual({
      kind: 'likert5',
      dimension: 'speed',
      responses: 2,
      average: 4,
      distribution: { '1': 0, '2': 0, '3': 0, '4': 2, '5': 0 },
    });
    expect(results.nps).toBeUndefined();
    expect('nps' in results).toBe(false);
    expect(results.status).toBe('open');
  });

  it('gives a stored choice question without options an empty distribution of options', () => {
    const q: Questionnaire = {
      ...QN,
      questions: [{ id: 'pick', kind: 'choice', label: label('P'), required: false }],
    };

    const results = campaignResults(
      campaign,
      q,
      recipients,
      [],
      new Date('2026-02-15T00:00:00.000Z'),
      undefined,
    );

    expect(results.questions.pick).toEqual({ kind: 'choice', responses: 0, distribution: {} });
  });

  it('counts a value that is not a number in the responses of a likert5 question but not in its average', () => {
    const q: Questionnaire = { ...QN, questions: [QN.questions[0] as Questionnaire['questions'][number]] };
    const responses = [
      response('1', '2026-02-02T00:00:00.000Z', { undimensioned: 4 }),
      response('2', '2026-02-02T00:00:00.000Z', { undimensioned: 'x' }),
    ];

    const results = campaignResults(
      campaign,
      q,
      recipients,
      responses,
      new Date('2026-02-15T00:00:00.000Z'),
      undefined,
    );

    expect(results.questions.undimensioned).toEqual({
      kind: 'likert5',
      responses: 2,
      average: 4,
      distribution: { '1': 0, '2': 0, '3': 0, '4': 1, '5': 0, x: 1 },
    });
  });

  it('takes the NPS from the nps question even when a likert5 comes first', () => {
    const responses = [
      response('1', '2026-02-02T00:00:00.000Z', { speed1: 5, rec: 10 }),
      response('2', '2026-02-02T00:00:00.000Z', { speed1: 5, rec: 3 }),
    ];

    const results = campaignResults(
      campaign,
      QN,
      recipients,
      responses,
      new Date('2026-02-15T00:00:00.000Z'),
      undefined,
    );

    expect(results.nps).toEqual({ score: 0, responses: 2, promoters: 1, passives: 0, detractors: 1 });
  });

  it.each([
    ['2026-02-28T23:59:59.999Z', 'open'],
    ['2026-03-01T00:00:00.000Z', 'closed'],
    ['2026-03-02T00:00:00.000Z', 'closed'],
  ])('at %s the campaign is %s', (now, status) => {
    expect(campaignResults(campaign, QN, recipients, [], new Date(now), undefined).status).toBe(status);
  });

  it('compares with the previous campaign by its id, creation and dimensions', () => {
    // Prepare
    const previous = {
      campaign: { ...campaign, id: 'C0', createdAt: '2025-11-01T00:00:00.000Z' },
      responses: [response('p', '2025-11-02T00:00:00.000Z', { speed1: 3 })],
    };

    // Act
    const results = campaignResults(
      campaign,
      QN,
      recipients,
      [],
      new Date('2026-02-15T00:00:00.000Z'),
      previous,
    );

    // Assess
    expect(results.previous).toEqual({
      id: 'C0',
      createdAt: '2025-11-01T00:00:00.000Z',
      dimensions: { speed: { average: 3, responses: 1, ci95: null } },
    });
  });
});

describe('responsesCsv', () => {
  const q: Questionnaire = {
    ...QN,
    questions: [{ id: 'comment', kind: 'text', label: label('C'), required: false }],
  };

  it('sorts rows by answer time, then by response id', () => {
    // Prepare
    const responses = [
      response('B', '2026-02-03T00:00:00.000Z', { comment: 'third' }),
      response('Z', '2026-02-01T00:00:00.000Z', { comment: 'first' }),
      response('C', '2026-02-02T00:00:00.000Z', { comment: 'second-c' }),
      response('A', '2026-02-02T00:00:00.000Z', { comment: 'second-a' }),
    ];

    // Act
    const csv = responsesCsv(q, responses);

    // Assess
    expect(csv).toBe(
      [
        'responseId,answeredAt,channel,language,comment',
        'Z,2026-02-01T00:00:00.000Z,email,en,first',
        'A,2026-02-02T00:00:00.000Z,email,en,second-a',
        'C,2026-02-02T00:00:00.000Z,email,en,second-c',
        'B,2026-02-03T00:00:00.000Z,email,en,third',
        '',
      ].join('\r\n'),
    );
  });

  it('quotes only cells that start like a formula', () => {
    const csv = responsesCsv(q, [
      response('A', '2026-02-01T00:00:00.000Z', { comment: 'a=b+c' }),
      response('B', '2026-02-02T00:00:00.000Z', { comment: '=SUM(A1)' }),
    ]);

    expect(csv.split('\r\n').slice(1, 3)).toEqual([
      'A,2026-02-01T00:00:00.000Z,email,en,a=b+c',
      "B,2026-02-02T00:00:00.000Z,email,en,'=SUM(A1)",
    ]);
  });
});
