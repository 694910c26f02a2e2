import { describe, expect, it } from 'vitest';
import { campaignResults, responsesCsv } from '../../../shared/domain/campaign-results.ts';
import {
  type AudienceCandidate,
  type Campaign,
  type CampaignResponse,
  dueSend,
  type Recipient,
  selectAudience,
} from '../../../shared/domain/campaigns.ts';
import { meanWithCi95, studentTQuantile } from '../../../shared/domain/confidence-interval.ts';
import {
  checkAnswers,
  type Questionnaire,
  questionnaireInputSchema,
  toQuestionnaire,
} from '../../../shared/domain/questionnaire.ts';
import { Pacer } from '../../../shared/services/campaign-send-service.ts';

const label = (en: string) => ({ en, zh: en });
const likert = (id: string, dimension: string) => ({ id, kind: 'likert5', label: label(id), dimension });

describe('questionnaire validation', () => {
  const issuesOf = (input: unknown) => {
    const result = questionnaireInputSchema.safeParse(input);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('refuses a questionnaire with no questions', () => {
    expect(issuesOf({ title: label('T'), questions: [] })).toEqual([
      'questions: must have at least one question',
    ]);
  });

  it('refuses more than 30 questions and takes exactly 30', () => {
    const questions = Array.from({ length: 31 }, (_, i) => likert(`q${i}`, 'speed'));

    expect(issuesOf({ title: label('T'), questions })).toEqual(['questions: must have at most 30 questions']);
    expect(issuesOf({ title: label('T'), questions: questions.slice(0, 30) })).toEqual([]);
  });

  it('refuses a choice question without options, or with one', () => {
    const none = { id: 'pick', kind: 'choice', label: label('Pick') };

    expect(issuesOf({ title: label('T'), questions: [none] })).toEqual([
      'questions.0.options: a choice question needs at least two options',
    ]);
    expect(issuesOf({ title: label('T'), questions: [{ ...none, options: ['a'] }] })).toEqual([
      'questions.0.options: a choice question needs at least two options',
    ]);
  });

  it('refuses an unknown kind', () => {
    const issues = issuesOf({
      title: label('T'),
      questions: [{ id: 'q', kind: 'stars', label: label('Q') }],
    });

    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^questions\.0\.kind: /);
  });

  it('refuses duplicate question ids, options on a likert question and unknown fields', () => {
    expect(
      issuesOf({
        title: label('T'),
        questions: [likert('a', 'x'), { ...likert('a', 'x'), options: ['1', '2'] }],
      }),
    ).toEqual(['questions.1.id: is used twice', 'questions.1.options: only a choice question has options']);
    expect(issuesOf({ title: label('T'), questions: [likert('a', 'x')], extra: 1 })).toHaveLength(1);
  });
});

const QUESTIONNAIRE: Questionnaire = toQuestionnaire(
  {
    title: label('Service'),
    questions: [
      {
        id: 'attitude',
        kind: 'likert5',
        label: label('Staff were courteous'),
        dimension: 'attitude',
        required: true,
      },
      { id: 'speed', kind: 'likert5', label: label('We were quick'), dimension: 'speed' },
      { id: 'wait', kind: 'likert5', label: label('Waiting time was fine'), dimension: 'speed' },
      { id: 'recommend', kind: 'nps', label: label('Recommend us?') },
      { id: 'visit', kind: 'choice', label: label('How did you visit?'), options: ['branch', 'online'] },
      { id: 'comment', kind: 'text', label: label('Anything else?') },
    ],
  },
  { id: '01JD0000000000000000000000', createdAt: '2026-10-01T00:00:00.000Z', createdBy: 'staff:a' },
);

describe('answer checks', () => {
  it('takes fitting answers, from JSON and from a form', () => {
    expect(checkAnswers(QUESTIONNAIRE, { attitude: 4, recommend: 10, visit: 'online' }, 'json')).toEqual({
      ok: true,
      answers: { attitude: 4, recommend: 10, visit: 'online' },
    });
    expect(checkAnswers(QUESTIONNAIRE, { attitude: '5', speed: '', comment: ' ok ' }, 'form')).toEqual({
      ok: true,
      answers: { attitude: 5, comment: 'ok' },
    });
  });

  it('refuses an answer out of range, to an unknown question, a missing required one, a string number in JSON', () => {
    expect(
      checkAnswers(QUESTIONNAIRE, { attitude: 6, ghost: 1, recommend: '9', visit: 'phone' }, 'json'),
    ).toEqual({
      ok: false,
      issues: [
        { path: 'answers.attitude', message: 'must be a whole number from 1 to 5' },
        { path: 'answers.ghost', message: 'is not a question of this questionnaire' },
        { path: 'answers.recommend', message: 'must be a whole number from 0 to 10' },
        { path: 'answers.visit', message: 'must be one of the question’s options' },
      ],
    });
    expect(checkAnswers(QUESTIONNAIRE, { speed: 3 }, 'json')).toEqual({
      ok: false,
      issues: [{ path: 'answers.attitude', message: 'is required' }],
    });
  });
});

describe('Student t interval', () => {
  it('has the textbook two-sided 95 % quantiles', () => {
    // Table values of t(0.975, df).
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.7062, 4);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.3027, 4);
    expect(studentTQuantile(0.975, 4)).toBeCloseTo(2.7764, 4);
    expect(studentTQuantile(0.975, 9)).toBeCloseTo(2.2622, 4);
    expect(studentTQuantile(0.975, 29)).toBeCloseTo(2.0452, 4);
    expect(studentTQuantile(0.975, 120)).toBeCloseTo(1.9799, 4);
    expect(studentTQuantile(0.025, 4)).toBeCloseTo(-2.7764, 4);
  });

  it('gives mean ± t·s/√n, null below two responses, clipped to the scale', () => {
    // 4,5,3,4,4: mean 4, s² = 2/4, se = √0.1 = 0.31623, t(4) = 2.77645 → ±0.87799.
    expect(meanWithCi95([4, 5, 3, 4, 4])).toEqual({ average: 4, responses: 5, ci95: [3.12, 4.88] });
    expect(meanWithCi95([3])).toEqual({ average: 3, responses: 1, ci95: null });
    expect(meanWithCi95([])).toEqual({ average: null, responses: 0, ci95: null });
    // 5,5,4: mean 4.667, s = 0.57735, se = 0.33333, t(2) = 4.30265 → 3.23 … 6.10, clipped at 5.
    expect(meanWithCi95([5, 5, 4])).toEqual({ average: 4.67, responses: 3, ci95: [3.23, 5] });
  });
});

describe('audience selection', () => {
  const now = new Date('2026-12-01T00:00:00Z');
  const candidate = (over: Partial<AudienceCandidate>): AudienceCandidate => ({
    customerKey: 'email:a@example.com',
    receivedAt: '2026-11-01T00:00:00Z',
    consent: true,
    email: 'a@example.com',
    language: 'en',
    ...over,
  });

  it('keeps only consenting customers with an email or a phone', () => {
    const selected = selectAudience(
      [
        candidate({}),
        candidate({ customerKey: 'email:b@example.com', email: 'b@example.com', consent: false }),
        candidate({ customerKey: 'phone:+8613800000001', email: undefined, phone: '+8613800000001' }),
        candidate({ customerKey: 'id:c', email: undefined }),
      ],
      { now, cooldownDays: 90, lastSurveyed: new Map() },
    );

    expect(selected).toEqual([
      { customerKey: 'email:a@example.com', email: 'a@example.com', language: 'en', contact: 'email' },
      { customerKey: 'phone:+8613800000001', phone: '+8613800000001', language: 'en', contact: 'sms' },
    ]);
  });

  it('takes each customer once, as their newest feedback describes them (a newer refusal withdraws consent)', () => {
    const selected = selectAudience(
      [
        candidate({ receivedAt: '2026-10-01T00:00:00Z', language: 'zh' }),
        candidate({ receivedAt: '2026-11-01T00:00:00Z', language: 'zh-TW' }),
        candidate({ receivedAt: '2026-09-01T00:00:00Z', language: 'en' }),
        candidate({
          customerKey: 'email:b@example.com',
          email: 'b@example.com',
          receivedAt: '2026-10-01T00:00:00Z',
        }),
        candidate({
          customerKey: 'email:b@example.com',
          email: 'b@example.com',
          receivedAt: '2026-11-02T00:00:00Z',
          consent: false,
        }),
      ],
      { now, cooldownDays: 90, lastSurveyed: new Map() },
    );

    expect(selected).toEqual([
      { customerKey: 'email:a@example.com', email: 'a@example.com', language: 'zh-TW', contact: 'email' },
    ]);
  });

  it('leaves out a customer surveyed within the cooldown, and takes one surveyed just before it', () => {
    const lastSurveyed = new Map([
      ['email:a@example.com', '2026-09-02T00:00:01Z'], // 89.99 days before now: inside 90 days
      ['email:b@example.com', '2026-09-02T00:00:00Z'], // exactly 90 days: outside
    ]);
    const selected = selectAudience(
      [candidate({}), candidate({ customerKey: 'email:b@example.com', email: 'b@example.com' })],
      { now, cooldownDays: 90, lastSurveyed },
    );

    expect(selected.map((s) => s.customerKey)).toEqual(['email:b@example.com']);
  });
});

const CAMPAIGN: Campaign = {
  id: '01JD0000000000000000000001',
  questionnaireId: QUESTIONNAIRE.id,
  audience: {},
  from: '2026-07-01T00:00:00.000Z',
  to: '2026-10-01T00:00:00.000Z',
  closesAt: '2026-12-31T00:00:00.000Z',
  reminderAfterDays: 3,
  createdAt: '2026-12-01T00:00:00.000Z',
  createdBy: 'staff:a',
  recipients: 4,
};

const recipient = (id: string, over: Partial<Recipient> = {}): Recipient => ({
  id,
  campaignId: CAMPAIGN.id,
  customerKey: `email:${id}@example.com`,
  email: `${id}@example.com`,
  language: 'en',
  contact: 'email',
  secret: 's',
  ...over,
});

describe('due sends', () => {
  it('invites first, reminds once after reminderAfterDays, never an answered or closed one', () => {
    const at = (iso: string) => new Date(iso);

    expect(dueSend(recipient('a'), CAMPAIGN, at('2026-12-01T00:15:00Z'))).toBe('invite');
    const invited = recipient('a', { invitedAt: '2026-12-01T00:15:00Z' });
    expect(dueSend(invited, CAMPAIGN, at('2026-12-04T00:14:59Z'))).toBeUndefined();
    expect(dueSend(invited, CAMPAIGN, at('2026-12-04T00:15:00Z'))).toBe('reminder');
    expect(
      dueSend({ ...invited, remindedAt: '2026-12-04T00:15:00Z' }, CAMPAIGN, at('2026-12-10T00:00:00Z')),
    ).toBeUndefined();
    expect(
      dueSend({ ...invited, answeredAt: '2026-12-02T00:00:00Z' }, CAMPAIGN, at('2026-12-10T00:00:00Z')),
    ).toBeUndefined();
    expect(dueSend(recipient('b'), CAMPAIGN, at('2026-12-31T00:00:00Z'))).toBeUndefined();
  });

  it('sends nothing to an erased recipient, invited or not', () => {
    const erased = { erasedAt: '2026-12-01T00:00:00Z' };

    expect(dueSend(recipient('a', erased), CAMPAIGN, new Date('2026-12-01T00:15:00Z'))).toBeUndefined();
    expect(
      dueSend(
        recipient('a', { ...erased, invitedAt: '2026-11-20T00:00:00Z' }),
        CAMPAIGN,
        new Date('2026-12-05T00:00:00Z'),
      ),
    ).toBeUndefined();
  });
});

describe('campaign results', () => {
  const response = (
    id: string,
    answers: CampaignResponse['answers'],
    channel: CampaignResponse['channel'] = 'email',
  ): CampaignResponse => ({
    id,
    campaignId: CAMPAIGN.id,
    recipientId: id,
    answeredAt: `2026-12-0${id.length}T00:00:00.000Z`,
    channel,
    language: 'en',
    answers,
  });
  const responses = [
    response('r1', { attitude: 5, speed: 4, wait: 2, recommend: 10, visit: 'branch' }),
    response('r2', { attitude: 4, speed: 5, recommend: 6, comment: '=HYPERLINK("x")' }),
    response('r3', { attitude: 3, wait: 4, recommend: 9, visit: 'online' }, 'phone'),
  ];
  const recipients = [
    recipient('r1', { invitedAt: 'x' }),
    recipient('r2', { invitedAt: 'x', remindedAt: 'y' }),
    recipient('r3', { phone: '+8613800000001', email: undefined }),
    recipient('r4', { invitedAt: 'x' }),
  ];

  it('matches a hand count', () => {
    const results = campaignResults(
      CAMPAIGN,
      QUESTIONNAIRE,
      recipients,
      responses,
      new Date('2026-12-05T00:00:00Z'),
      undefined,
    );

    expect(results.status).toBe('open');
    expect([results.recipients, results.invited, results.reminded, results.responses]).toEqual([4, 3, 1, 3]);
    expect(results.responseRate).toBe(0.75);
    expect(results.responsesByChannel).toEqual({ email: 2, sms: 0, phone: 1 });
    // attitude: 5,4,3 → mean 4, s = 1, se = 0.57735, t(2) = 4.30265 → ±2.48 → [1.52, 6.48] clipped to 5.
    expect(results.dimensions.attitude).toEqual({ average: 4, responses: 3, ci95: [1.52, 5] });
    // speed per respondent: r1 (4+2)/2 = 3, r2 5, r3 4 → mean 4, same spread as attitude.
    expect(results.dimensions.speed).toEqual({ average: 4, responses: 3, ci95: [1.52, 5] });
    expect(results.questions.attitude).toEqual({
      kind: 'likert5',
      dimension: 'attitude',
      responses: 3,
      average: 4,
      distribution: { '1': 0, '2': 0, '3': 1, '4': 1, '5': 1 },
    });
    expect(results.questions.visit).toEqual({
      kind: 'choice',
      responses: 2,
      distribution: { branch: 1, online: 1 },
    });
    expect(results.questions.comment).toEqual({ kind: 'text', responses: 1 });
    // recommend 10, 6, 9: 2 promoters, 1 detractor → (2 − 1) / 3 = 33.3.
    expect(results.nps).toEqual({ score: 33.3, responses: 3, promoters: 2, passives: 0, detractors: 1 });
    expect(results.previous).toBeNull();
  });

  it('exports one row per response, no recipient or contact data, formulas defused', () => {
    const csv = responsesCsv(QUESTIONNAIRE, responses);

    expect(csv.split('\r\n')).toEqual([
      'responseId,answeredAt,channel,language,attitude,speed,wait,recommend,visit,comment',
      'r1,2026-12-02T00:00:00.000Z,email,en,5,4,2,10,branch,',
      'r2,2026-12-02T00:00:00.000Z,email,en,4,5,,6,,"\'=HYPERLINK(""x"")"',
      'r3,2026-12-02T00:00:00.000Z,phone,en,3,,4,9,online,',
      '',
    ]);
    expect(csv).not.toContain('example.com');
    expect(csv).not.toContain('+86');
  });
});

describe('send pacing', () => {
  it('spaces sends at concurrency / rate seconds per worker', async () => {
    let clock = 1000;
    const waits: number[] = [];
    const pacer = new Pacer(
      200,
      async (ms) => {
        waits.push(ms);
        clock += ms;
      },
      () => clock,
    );

    for (let i = 0; i < 4; i += 1) await pacer.turn();

    expect(waits).toEqual([200, 200, 200]);
  });
});
