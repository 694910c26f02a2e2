import { describe, expect, it } from 'vitest';
import { calendarConfigSchema } from '../../../shared/config/stack-config.ts';
import type {
  Campaign,
  CampaignInput,
  CampaignResponse,
  Recipient,
} from '../../../shared/domain/campaigns.ts';
import { DomainError } from '../../../shared/domain/errors.ts';
import { newFeedbackRecord } from '../../../shared/domain/feedback.ts';
import type { Questionnaire } from '../../../shared/domain/questionnaire.ts';
import type { FeedbackInput } from '../../../shared/schemas/feedback-input.ts';
import type { FeedbackRecord } from '../../../shared/schemas/feedback-record.ts';
import { CampaignService } from '../../../shared/services/campaign-service.ts';
import { MemoryCampaignRepository } from '../../helpers/memory-campaign-repository.ts';

// Stack config as deployed by default: Asia/Shanghai (UTC+8, no DST), 90-day cooldown, CN numbers.
const CONFIG = {
  surveyCooldownDays: 90,
  phoneDefaultCountry: 'CN',
  calendar: { ...calendarConfigSchema.parse({}), timezone: 'Asia/Shanghai' },
};
const NOW = new Date('2026-12-02T02:00:00.000Z');
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const SECRET = /^[A-Za-z0-9_-]{32}$/;

/** A 26-character ULID-shaped id ending in `tail`. */
const ulid = (tail: string) => `01KB${tail.padStart(22, '0')}`;
const Q_ID = ulid('Q1');
const Q2_ID = ulid('Q2');
const label = (en: string) => ({ en, zh: en });

const QUESTIONNAIRE: Questionnaire = {
  id: Q_ID,
  title: label('Service'),
  questions: [
    { id: 'overall', kind: 'likert5', label: label('Overall'), dimension: 'overall', required: false },
    { id: 'speed', kind: 'likert5', label: label('Speed'), dimension: 'speed', required: false },
    { id: 'comment', kind: 'text', label: label('Comment'), required: false },
  ],
  createdAt: '2026-11-01T00:00:00.000Z',
  createdBy: 'analyst-1',
};

function setup() {
  const repo = new MemoryCampaignRepository();
  repo.questionnaires.set(Q_ID, structuredClone(QUESTIONNAIRE));
  repo.questionnaires.set(Q2_ID, { ...structuredClone(QUESTIONNAIRE), id: Q2_ID });
  const service = new CampaignService({ repository: repo, config: CONFIG });
  return { repo, service };
}

let feedbackSeq = 0;
/** A feedback received at `receivedAt` from `customer`, with contact consent unless told otherwise. */
function feedback(
  receivedAt: string,
  customer: FeedbackInput['customer'],
  extra: Partial<FeedbackInput> = {},
  overrides: Partial<FeedbackRecord> = {},
): FeedbackRecord {
  feedbackSeq += 1;
  const record = newFeedbackRecord(
    { channel: 'web', text: 'The counter was slow.', customer, consent: { contact: true }, ...extra },
    ulid(`F${feedbackSeq}`),
    new Date(receivedAt),
    { integrationId: 'k1' },
  );
  return { ...record, ...overrides };
}

const ANN = { email: 'ann@example.com', segment: 'retail' };
const BEN = { phone: '+86 138 0013 8000', segment: 'retail' };
const ANN_KEY = 'email:ann@example.com';
const BEN_KEY = 'phone:+8613800138000';

const input = (overrides: Partial<CampaignInput> = {}): CampaignInput => ({
  questionnaireId: Q_ID,
  audience: {},
  closesAt: '2026-12-20T00:00:00.000Z',
  ...overrides,
});

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('CampaignService questionnaires', () => {
  it('stores a questionnaire with its id, author and time, string options made {id, label}', async () => {
    // Prepare
    const { repo, service } = setup();

    // Act
    const created = await service.createQuestionnaire(
      {
        title: { en: 'Visit', zh: '到访' },
        questions: [
          { id: 'overall', kind: 'likert5', label: label('Overall'), dimension: 'overall', required: true },
          { id: 'visit', kind: 'choice', label: label('Where'), options: ['branch', 'online'] },
        ],
      },
      'analyst-7',
      NOW,
    );

    // Assess
    expect(created).toEqual({
      id: expect.stringMatching(ULID),
      title: { en: 'Visit', zh: '到访' },
      questions: [
        { id: 'overall', kind: 'likert5', label: label('Overall'), dimension: 'overall', required: true },
        {
          id: 'visit',
          kind: 'choice',
          label: label('Where'),
          options: [
            { id: 'branch', label: { en: 'branch', zh: 'branch', 'zh-TW': 'branch' } },
            { id: 'online', label: { en: 'online', zh: 'online', 'zh-TW': 'online' } },
          ],
          required: false,
        },
      ],
      createdAt: '2026-12-02T02:00:00.000Z',
      createdBy: 'analyst-7',
    });
    expect(repo.questionnaires.get(created.id)).toEqual(created);
    expect(await service.getQuestionnaire(created.id)).toEqual(created);
  });

  it('answers an unknown questionnaire with not_found', async () => {
    const { service } = setup();

    const error = await refusal(service.getQuestionnaire(ulid('NOPE')));

    expect(error.code).toBe('not_found');
    expect(error.message).toBe('No questionnaire was found.');
  });
});

describe('CampaignService.createCampaign', () => {
  it('selects the consenting customers of the audience, one recipient each, email first else SMS', async () => {
    // Prepare
    const { repo, service } = setup();
    repo.feedback = [
      feedback('2026-11-10T03:00:00.000Z', ANN, { language: 'zh-CN' }),
      feedback('2026-11-11T03:00:00.000Z', BEN),
      feedback(
        '2026-11-12T03:00:00.000Z',
        { email: 'carl@example.com', segment: 'retail' },
        {
          consent: { contact: false },
        },
      ),
      feedback('2026-11-13T03:00:00.000Z', { email: 'dora@example.com', segment: 'business' }),
    ];

    // Act
    const campaign = await service.createCampaign(
      input({ audience: { segment: 'retail' }, closesAt: '2026-12-20T08:00:00+08:00' }),
      'analyst-1',
      NOW,
    );

    // Assess
    expect(campaign).toEqual({
      id: expect.stringMatching(ULID),
      questionnaireId: Q_ID,
      audience: { segment: 'retail' },
      from: '2025-12-02T02:00:00.000Z',
      to: '2026-12-02T02:00:00.000Z',
      closesAt: '2026-12-20T00:00:00.000Z',
      reminderAfterDays: 3,
      createdAt: '2026-12-02T02:00:00.000Z',
      createdBy: 'analyst-1',
      recipients: 2,
    });
    expect(repo.campaigns.get(campaign.id)).toEqual(campaign);
    expect(repo.callsOf('feedbackReceived')).toEqual([
      ['2025-12-02T02:00:00.000Z', '2026-12-02T02:00:00.000Z'],
    ]);
    // Only the audience's candidates are looked up (dora is another segment).
    expect(repo.callsOf('lastSurveyed')).toEqual([[[ANN_KEY, BEN_KEY, 'email:carl@example.com']]]);
    const recipients = repo.recipients.get(campaign.id) ?? [];
    expect(recipients).toEqual([
      {
        customerKey: ANN_KEY,
        email: 'ann@example.com',
        language: 'zh',
        contact: 'email',
        id: expect.stringMatching(ULID),
        campaignId: campaign.id,
        secret: expect.stringMatching(SECRET),
      },
      {
        customerKey: BEN_KEY,
        phone: '+8613800138000',
        language: 'en',
        contact: 'sms',
        id: expect.stringMatching(ULID),
        campaignId: campaign.id,
        secret: expect.stringMatching(SECRET),
      },
    ]);
    const ids = new Set([campaign.id, ...recipients.map((r) => r.id)]);
    expect(ids.size).toBe(3);
    expect(recipients[0]?.secret).not.toBe(recipients[1]?.secret);
  });

  it.each([
    {
      name: 'dates: from the start of receivedFrom to the end of receivedTo in the calendar timezone',
      audience: { receivedFrom: '2026-11-01', receivedTo: '2026-11-30' },
      from: '2026-10-31T16:00:00.000Z',
      to: '2026-11-30T16:00:00.000Z',
    },
    {
      name: 'instants: as given',
      audience: { receivedFrom: '2026-11-01T00:00:00Z', receivedTo: '2026-11-30T12:00:00+08:00' },
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-30T04:00:00.000Z',
    },
    {
      name: 'only a start date: up to now',
      audience: { receivedFrom: '2026-11-10' },
      from: '2026-11-09T16:00:00.000Z',
      to: '2026-12-02T02:00:00.000Z',
    },
    {
      name: 'only an end date: from 365 days back',
      audience: { receivedTo: '2026-11-10' },
      from: '2025-12-02T02:00:00.000Z',
      to: '2026-11-10T16:00:00.000Z',
    },
  ])('reads the audience range as $name', async ({ audience, from, to }) => {
    // Prepare
    const { repo, service } = setup();
    repo.feedback = [feedback('2026-11-10T03:00:00.000Z', ANN)];

    // Act
    const campaign = await service.createCampaign(input({ audience }), 'analyst-1', NOW);

    // Assess
    expect(repo.callsOf('feedbackReceived')).toEqual([[from, to]]);
    expect({ from: campaign.from, to: campaign.to }).toEqual({ from, to });
  });

  it('keeps the reminder delay asked for, and takes a closing time 1 ms ahead', async () => {
    const { repo, service } = setup();
    repo.feedback = [feedback('2026-11-10T03:00:00.000Z', ANN)];

    const campaign = await service.createCampaign(
      input({ reminderAfterDays: 7, closesAt: '2026-12-02T02:00:00.001Z' }),
      'admin-2',
      NOW,
    );

    expect(campaign.reminderAfterDays).toBe(7);
    expect(campaign.closesAt).toBe('2026-12-02T02:00:00.001Z');
    expect(campaign.createdBy).toBe('admin-2');
  });

  const notValid = 'The campaign is not valid.';
  it.each([
    {
      name: 'closing now',
      overrides: { closesAt: '2026-12-02T02:00:00.000Z' },
      message: notValid,
      issues: [{ path: 'closesAt', message: 'must be in the future' }],
    },
    {
      name: 'closing in the past',
      overrides: { closesAt: '2026-12-01T02:00:00.000Z' },
      message: notValid,
      issues: [{ path: 'closesAt', message: 'must be in the future' }],
    },
    {
      name: 'a range that ends where it starts',
      overrides: { audience: { receivedFrom: '2026-11-05', receivedTo: '2026-11-04' } },
      message: notValid,
      issues: [{ path: 'audience.receivedTo', message: 'must be after receivedFrom' }],
    },
    {
      name: 'a range that ends before it starts',
      overrides: { audience: { receivedFrom: '2026-11-20T00:00:00Z', receivedTo: '2026-11-04T00:00:00Z' } },
      message: notValid,
      issues: [{ path: 'audience.receivedTo', message: 'must be after receivedFrom' }],
    },
    {
      name: 'an end date that does not exist',
      overrides: { audience: { receivedTo: '2026-02-30' } },
      message: notValid,
      issues: [{ path: 'audience.receivedTo', message: 'must be after receivedFrom' }],
    },
    {
      name: 'an unknown questionnaire',
      overrides: { questionnaireId: ulid('NOPE') },
      message: notValid,
      issues: [{ path: 'questionnaireId', message: 'is not a known questionnaire' }],
    },
    {
      name: 'an audience of nobody who may be asked',
      overrides: { audience: { segment: 'business' } },
      message: 'The audience selects nobody.',
      issues: [
        {
          path: 'audience',
          message: 'no consenting customer with an email or a phone, outside the survey cooldown, matches it',
        },
      ],
    },
  ])('refuses $name (400) and stores nothing', async ({ overrides, message, issues }) => {
    // Prepare
    const { repo, service } = setup();
    repo.feedback = [feedback('2026-11-10T03:00:00.000Z', ANN)];

    // Act
    const error = await refusal(service.createCampaign(input(overrides), 'analyst-1', NOW));

    // Assess
    expect(error.code).toBe('validation_error');
    expect(error.message).toBe(message);
    expect(error.issues).toEqual(issues);
    expect(repo.campaigns.size).toBe(0);
    expect(repo.callsOf('createCampaign')).toEqual([]);
  });

  const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
  const answered = (at: string): Partial<FeedbackRecord> => ({
    survey: { token: 'tok', round: 1, answer: { csat: 4, at } },
  });
  it.each([
    { name: 'never surveyed', mark: undefined, survey: {}, selected: true },
    { name: 'selected 10 days ago', mark: daysAgo(10), survey: {}, selected: false },
    { name: 'selected 100 days ago', mark: daysAgo(100), survey: {}, selected: true },
    {
      name: 'a closure survey answered 10 days ago',
      mark: undefined,
      survey: answered(daysAgo(10)),
      selected: false,
    },
    {
      name: 'selected 200 days ago, a closure survey answered 10 days ago',
      mark: daysAgo(200),
      survey: answered(daysAgo(10)),
      selected: false,
    },
    {
      name: 'selected 10 days ago, a closure survey answered 200 days ago',
      mark: daysAgo(10),
      survey: answered(daysAgo(200)),
      selected: false,
    },
    {
      name: 'a closure survey answered 200 days ago',
      mark: undefined,
      survey: answered(daysAgo(200)),
      selected: true,
    },
    {
      name: 'a closure survey sent, not answered',
      mark: undefined,
      survey: { survey: { token: 'tok', round: 1, answer: null } },
      selected: true,
    },
  ])('applies the 90-day cooldown to a customer $name', async ({ mark, survey, selected }) => {
    // Prepare
    const { repo, service } = setup();
    repo.feedback = [feedback('2026-05-01T03:00:00.000Z', ANN, {}, survey)];
    if (mark) repo.surveyed.set(ANN_KEY, mark);

    // Act
    const outcome = await service.createCampaign(input(), 'analyst-1', NOW).then(
      (campaign) => campaign.recipients,
      (error: DomainError) => error.message,
    );

    // Assess
    expect(outcome).toBe(selected ? 1 : 'The audience selects nobody.');
  });

  it('adds to the cooldown memory only answered closure surveys of known customers', async () => {
    // Prepare
    const { repo, service } = setup();
    repo.feedback = [
      feedback('2026-05-01T03:00:00.000Z', ANN, {}, answered('2026-06-20T00:00:00.000Z')),
      feedback('2026-05-02T03:00:00.000Z', BEN),
      feedback(
        '2026-05-03T03:00:00.000Z',
        undefined,
        { anonymous: true },
        answered('2026-06-21T00:00:00.000Z'),
      ),
    ];

    // Act
    await service.createCampaign(input(), 'analyst-1', NOW);

    // Assess
    expect([...(repo.lastSurveyedAnswer ?? [])]).toEqual([[ANN_KEY, '2026-06-20T00:00:00.000Z']]);
  });
});

const C1 = ulid('C1');
const C2 = ulid('C2');
const C3 = ulid('C3');
const C4 = ulid('C4');
const campaignOf = (id: string, questionnaireId: string, createdAt: string): Campaign => ({
  id,
  questionnaireId,
  audience: {},
  from: '2025-12-01T00:00:00.000Z',
  to: '2026-11-01T00:00:00.000Z',
  closesAt: '2026-12-20T00:00:00.000Z',
  reminderAfterDays: 3,
  createdAt,
  createdBy: 'analyst-1',
  recipients: 3,
});
const SECRET_A = 'a'.repeat(32);
const R_EMAIL: Recipient = {
  id: ulid('R1'),
  campaignId: C3,
  customerKey: ANN_KEY,
  email: 'ann@example.com',
  language: 'zh',
  contact: 'email',
  secret: SECRET_A,
  invitedAt: '2026-11-25T00:00:00.000Z',
  remindedAt: '2026-11-28T00:00:00.000Z',
};
const R_PHONE: Recipient = {
  id: ulid('R2'),
  campaignId: C3,
  customerKey: BEN_KEY,
  phone: '+8613800138000',
  language: 'en',
  contact: 'sms',
  secret: 'b'.repeat(32),
  invitedAt: '2026-11-25T00:05:00.000Z',
};
const R_CALLED: Recipient = {
  id: ulid('R3'),
  campaignId: C3,
  customerKey: 'phone:+8613900139000',
  phone: '+8613900139000',
  language: 'zh-TW',
  contact: 'sms',
  secret: 'c'.repeat(32),
  answeredAt: '2026-11-26T00:00:00.000Z',
  responseId: ulid('P3'),
};
const responseOf = (
  id: string,
  campaignId: string,
  recipientId: string,
  answers: CampaignResponse['answers'],
): CampaignResponse => ({
  id,
  campaignId,
  recipientId,
  answeredAt: '2026-11-26T00:00:00.000Z',
  channel: 'phone',
  language: 'zh-TW',
  answers,
});

function seeded() {
  const { repo, service } = setup();
  repo.seedCampaign(
    campaignOf(C1, Q_ID, '2026-09-01T00:00:00.000Z'),
    [],
    [responseOf(ulid('P1'), C1, ulid('X1'), { overall: 2 })],
  );
  repo.seedCampaign(
    campaignOf(C2, Q2_ID, '2026-10-01T00:00:00.000Z'),
    [],
    [responseOf(ulid('P2'), C2, ulid('X2'), { overall: 5 })],
  );
  repo.seedCampaign(
    campaignOf(C3, Q_ID, '2026-11-24T00:00:00.000Z'),
    [R_EMAIL, R_PHONE, R_CALLED],
    [responseOf(ulid('P3'), C3, R_CALLED.id, { overall: 4, speed: 2, comment: '=Slow' })],
  );
  repo.seedCampaign(campaignOf(C4, Q_ID, '2026-11-30T00:00:00.000Z'));
  return { repo, service };
}

describe('CampaignService reading campaigns', () => {
  it('lists campaigns newest first, 100 unless told', async () => {
    const { repo, service } = seeded();

    const all = await service.list();
    const two = await service.list(2);

    expect(all.map((c) => c.id)).toEqual([C4, C3, C2, C1]);
    expect(two.map((c) => c.id)).toEqual([C4, C3]);
    expect(repo.callsOf('listCampaigns')).toEqual([[100], [2]]);
  });

  it('gives results with the previous campaign of the same questionnaire for comparison', async () => {
    // Prepare
    const { service } = seeded();

    // Act
    const results = await service.results(C3, NOW);

    // Assess
    expect(results).toMatchObject({
      id: C3,
      questionnaireId: Q_ID,
      status: 'open',
      createdAt: '2026-11-24T00:00:00.000Z',
      closesAt: '2026-12-20T00:00:00.000Z',
      recipients: 3,
      invited: 2,
      reminded: 1,
      responses: 1,
      responseRate: 0.3333,
      responsesByChannel: { email: 0, sms: 0, phone: 1 },
      previous: { id: C1, createdAt: '2026-09-01T00:00:00.000Z' },
    });
    expect(results.dimensions.overall).toEqual({ average: 4, responses: 1, ci95: null });
    expect(results.previous?.dimensions.overall).toEqual({ average: 2, responses: 1, ci95: null });
  });

  it('gives no previous campaign for the first one of a questionnaire, and a closed status after closesAt', async () => {
    const { service } = seeded();

    const results = await service.results(C1, new Date('2026-12-20T00:00:00.000Z'));

    expect(results.previous).toBeNull();
    expect(results.status).toBe('closed');
    expect(results.responses).toBe(1);
  });

  it('exports the responses as CSV, no personal data, formula-looking text quoted', async () => {
    const { service } = seeded();

    const csv = await service.csv(C3);

    expect(csv).toBe(
      'responseId,answeredAt,channel,language,overall,speed,comment\r\n' +
        `${ulid('P3')},2026-11-26T00:00:00.000Z,phone,zh-TW,4,2,'=Slow\r\n`,
    );
  });

  it('lists who is reached only by phone, with when they were invited and answered', async () => {
    const { service } = seeded();

    const calls = await service.callList(C3);

    expect(calls).toEqual({
      campaignId: C3,
      questionnaire: QUESTIONNAIRE,
      items: [
        {
          recipientId: R_PHONE.id,
          phone: '+8613800138000',
          language: 'en',
          invitedAt: '2026-11-25T00:05:00.000Z',
          answeredAt: null,
        },
        {
          recipientId: R_CALLED.id,
          phone: '+8613900139000',
          language: 'zh-TW',
          invitedAt: null,
          answeredAt: '2026-11-26T00:00:00.000Z',
        },
      ],
    });
  });

  it.each([
    ['results', (s: CampaignService) => s.results(ulid('NOPE'), NOW)],
    ['csv', (s: CampaignService) => s.csv(ulid('NOPE'))],
    ['callList', (s: CampaignService) => s.callList(ulid('NOPE'))],
    ['answerByPhone', (s: CampaignService) => s.answerByPhone(ulid('NOPE'), R_PHONE.id, { overall: 3 }, NOW)],
  ])('answers %s of an unknown campaign with not_found', async (_name, act) => {
    const { service } = seeded();

    const error = await refusal(act(service));

    expect(error.code).toBe('not_found');
    expect(error.message).toBe('No campaign was found.');
  });

  it('answers not_found when the campaign’s questionnaire is gone', async () => {
    const { repo, service } = seeded();
    repo.questionnaires.delete(Q_ID);

    const error = await refusal(service.results(C3, NOW));

    expect(error.code).toBe('not_found');
    expect(error.message).toBe('No questionnaire was found.');
  });
});

describe('CampaignService answering', () => {
  it('opens the invitation behind a link', async () => {
    const { service } = seeded();

    const view = await service.invitation(`${C3}.${R_EMAIL.id}.${SECRET_A}`);

    expect(view).toEqual({
      campaign: campaignOf(C3, Q_ID, '2026-11-24T00:00:00.000Z'),
      recipient: R_EMAIL,
      questionnaire: QUESTIONNAIRE,
    });
  });

  it.each([
    ['a wrong secret', `${C3}.${ulid('R1')}.${'z'.repeat(32)}`],
    ['a shorter secret', `${C3}.${ulid('R1')}.${'a'.repeat(31)}`],
    ['an unknown recipient', `${C3}.${ulid('R9')}.${SECRET_A}`],
    ['an unknown campaign', `${ulid('C9')}.${ulid('R1')}.${SECRET_A}`],
    ['no token at all', 'garbage'],
  ])('answers %s with the same not_found', async (_name, token) => {
    const { service } = seeded();

    const error = await refusal(service.invitation(token));

    expect(error.code).toBe('not_found');
    expect(error.message).toBe('No invitation was found.');
  });

  const viewOf = (recipient: Recipient) => ({
    campaign: campaignOf(C3, Q_ID, '2026-11-24T00:00:00.000Z'),
    recipient,
    questionnaire: QUESTIONNAIRE,
  });

  it('records an answer once, marks the recipient answered and stores its campaign CSAT', async () => {
    // Prepare
    const { repo, service } = seeded();

    // Act
    const response = await service.answer(
      viewOf(R_EMAIL),
      { overall: 4, speed: 2, comment: '  Quick  ' },
      'json',
      'email',
      NOW,
    );

    // Assess
    expect(response).toEqual({
      id: expect.stringMatching(ULID),
      campaignId: C3,
      recipientId: R_EMAIL.id,
      answeredAt: '2026-12-02T02:00:00.000Z',
      channel: 'email',
      language: 'zh',
      answers: { overall: 4, speed: 2, comment: 'Quick' },
    });
    expect(repo.callsOf('recordResponse')).toEqual([[response, 4]]);
    expect(repo.responses.get(C3)).toContainEqual(response);
    expect(repo.recipients.get(C3)?.[0]?.answeredAt).toBe('2026-12-02T02:00:00.000Z');
  });

  it.each([
    { answers: { overall: 5, speed: 1 }, csat: 5 },
    { answers: { speed: 1, comment: 'Fine' }, csat: undefined },
  ])('stores csatRating $csat beside an answer of $answers', async ({ answers, csat }) => {
    const { repo, service } = seeded();

    const response = await service.answer(viewOf(R_EMAIL), answers, 'json', 'email', NOW);

    expect(repo.csatRatings.get(response.id)).toBe(csat);
  });

  it('reads a form’s strings as numbers and keeps the channel it came by', async () => {
    const { service } = seeded();

    const response = await service.answer(viewOf(R_PHONE), { overall: '5', speed: '' }, 'form', 'sms', NOW);

    expect(response.answers).toEqual({ overall: 5 });
    expect(response.channel).toBe('sms');
    expect(response.language).toBe('en');
  });

  it('takes an answer 1 ms before closesAt', async () => {
    const { service } = seeded();

    const response = await service.answer(
      viewOf(R_EMAIL),
      { overall: 3 },
      'json',
      'email',
      new Date('2026-12-19T23:59:59.999Z'),
    );

    expect(response.answeredAt).toBe('2026-12-19T23:59:59.999Z');
  });

  it.each([
    {
      name: 'at closesAt (410)',
      recipient: R_EMAIL,
      answers: { overall: 3 },
      now: new Date('2026-12-20T00:00:00.000Z'),
      code: 'gone',
      message: 'This survey has closed.',
      issues: undefined,
    },
    {
      name: 'after closesAt (410)',
      recipient: R_EMAIL,
      answers: { overall: 3 },
      now: new Date('2026-12-21T00:00:00.000Z'),
      code: 'gone',
      message: 'This survey has closed.',
      issues: undefined,
    },
    {
      name: 'a second answer (409)',
      recipient: R_CALLED,
      answers: { overall: 3 },
      now: NOW,
      code: 'conflict',
      message: 'This survey was already answered.',
      issues: undefined,
    },
    {
      name: 'an answer that does not fit (400)',
      recipient: R_EMAIL,
      answers: { overall: 9, speed: 2 },
      now: NOW,
      code: 'validation_error',
      message: 'The answer is not valid.',
      issues: [{ path: 'answers.overall', message: 'must be a whole number from 1 to 5' }],
    },
  ])('refuses $name and stores nothing', async ({ recipient, answers, now, code, message, issues }) => {
    // Prepare
    const { repo, service } = seeded();

    // Act
    const error = await refusal(service.answer(viewOf(recipient), answers, 'json', 'email', now));

    // Assess
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
    expect(error.issues).toEqual(issues);
    expect(repo.callsOf('recordResponse')).toEqual([]);
    expect(repo.responses.get(C3)).toHaveLength(1);
  });

  it('refuses a second answer that raced the first (the store says answered) with 409', async () => {
    // Prepare: the page was opened before the first answer was stored.
    const { repo, service } = seeded();
    const view = viewOf(R_EMAIL);
    await service.answer(view, { overall: 4 }, 'json', 'email', NOW);

    // Act
    const error = await refusal(service.answer(view, { overall: 1 }, 'json', 'email', NOW));

    // Assess
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('This survey was already answered.');
    expect(repo.responses.get(C3)?.map((r) => r.answers)).toEqual([
      { overall: 4, speed: 2, comment: '=Slow' },
      { overall: 4 },
    ]);
  });

  it('records answers read out on a call as a phone response', async () => {
    const { repo, service } = seeded();

    const response = await service.answerByPhone(C3, R_PHONE.id, { overall: 3, comment: 'Said thanks' }, NOW);

    expect(response).toEqual({
      id: expect.stringMatching(ULID),
      campaignId: C3,
      recipientId: R_PHONE.id,
      answeredAt: '2026-12-02T02:00:00.000Z',
      channel: 'phone',
      language: 'en',
      answers: { overall: 3, comment: 'Said thanks' },
    });
    expect(repo.csatRatings.get(response.id)).toBe(3);
  });

  it('reads phone answers as JSON: a number given as text is refused', async () => {
    const { service } = seeded();

    const error = await refusal(service.answerByPhone(C3, R_PHONE.id, { overall: '3' }, NOW));

    expect(error.code).toBe('validation_error');
    expect(error.issues).toEqual([
      { path: 'answers.overall', message: 'must be a whole number from 1 to 5' },
    ]);
  });

  it.each([
    ['a recipient with an email', R_EMAIL.id],
    ['an unknown recipient', ulid('R9')],
  ])('answers a phone answer for %s with not_found', async (_name, recipientId) => {
    const { repo, service } = seeded();

    const error = await refusal(service.answerByPhone(C3, recipientId, { overall: 3 }, NOW));

    expect(error.code).toBe('not_found');
    expect(error.message).toBe('No recipient on the call list was found.');
    expect(repo.callsOf('recordResponse')).toEqual([]);
  });
});
