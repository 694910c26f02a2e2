import { CHANNELS, isoInstantSchema } from '../schemas/common.ts';
import type { FeedbackRecord } from '../schemas/feedback-record.ts';
import * as z from '../schemas/zod.ts';
import { customerKeyOf } from './customer-key.ts';
import type { PhoneNormaliser } from './phone-normaliser.ts';
import type { Answers, Questionnaire } from './questionnaire.ts';
import { type Locale, localeOf } from './text.ts';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
export const campaignIdSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.string().check(z.length(26), z.regex(ULID)),
);

const dayOrInstant = /* @__PURE__ */ z.moduleSchema(() =>
  z.union([z.iso.date().check(z.maxLength(10)), isoInstantSchema]),
);

/** Who a campaign asks (contract §11); every field narrows the audience. */
export const audienceSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.strictObject({
      segment: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(32))),
      serviceType: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
      channel: z.optional(z.enum(CHANNELS)),
      receivedFrom: z.withDescription(
        z.optional(dayOrInstant),
        'A date (YYYY-MM-DD, from its start in the calendar timezone) or an instant; default 365 days back',
      ),
      receivedTo: z.withDescription(
        z.optional(dayOrInstant),
        'A date (YYYY-MM-DD, through its end in the calendar timezone) or an instant; default now',
      ),
    }),
    { id: 'CampaignAudience' },
  ),
);
export type Audience = z.infer<typeof audienceSchema>;

/** Body of `POST /v1/campaigns` (contract §11). */
export const campaignInputSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.strictObject({
      questionnaireId: campaignIdSchema,
      audience: audienceSchema,
      closesAt: isoInstantSchema,
      reminderAfterDays: z.withDescription(z.optional(z.int().check(z.gte(1), z.lte(60))), 'Default 3'),
    }),
    { id: 'CampaignInput' },
  ),
);
export type CampaignInput = z.infer<typeof campaignInputSchema>;

/** A stored campaign. */
export const campaignSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.object({
      id: z.string().check(z.maxLength(26)),
      questionnaireId: z.string().check(z.maxLength(26)),
      audience: audienceSchema,
      from: z.string().check(z.maxLength(30)),
      to: z.string().check(z.maxLength(30)),
      closesAt: z.string().check(z.maxLength(30)),
      reminderAfterDays: z.int().check(z.gte(1), z.lte(60)),
      createdAt: z.string().check(z.maxLength(30)),
      createdBy: z.string().check(z.maxLength(200)),
      recipients: z.int().check(z.gte(0)),
    }),
    { id: 'Campaign' },
  ),
);
export type Campaign = z.infer<typeof campaignSchema>;

/** How an invitation reaches a recipient: email where there is one, else SMS (and the call list). */
export type Contact = 'email' | 'sms';

/** One customer a campaign asks; personal data stays on this item, never on a response. */
export interface Recipient {
  id: string;
  campaignId: string;
  customerKey: string;
  email?: string;
  /** E.164. */
  phone?: string;
  language: Locale;
  contact: Contact;
  /** The invitation link's secret (the token is `<campaign id>.<recipient id>.<secret>`). */
  secret: string;
  invitedAt?: string;
  remindedAt?: string;
  answeredAt?: string;
  /** The response's id, once answered (how an erasure finds the answer's free text). */
  responseId?: string;
  /** When the recipient's personal data was erased: no email or phone, customerKey and secret ''. */
  erasedAt?: string;
}

export type ResponseChannel = 'email' | 'sms' | 'phone';

/** One answer to a campaign: no personal data (not even the recipient id in exports). */
export interface CampaignResponse {
  id: string;
  campaignId: string;
  recipientId: string;
  answeredAt: string;
  channel: ResponseChannel;
  language: Locale;
  answers: Answers;
}

/** A candidate of the audience: who the customer is, as one feedback tells it. */
export interface AudienceCandidate {
  customerKey: string;
  receivedAt: string;
  consent: boolean;
  email?: string;
  phone?: string;
  language: Locale;
}

/** A feedback as an audience candidate, when it passes the audience's filters; undefined otherwise. */
export function candidateOf(
  record: FeedbackRecord,
  audience: Audience,
  phones: PhoneNormaliser,
): AudienceCandidate | undefined {
  const customerKey = customerKeyOf(record);
  if (!customerKey || !record.customer) return undefined;
  if (audience.segment !== undefined && record.customer.segment !== audience.segment) return undefined;
  if (audience.serviceType !== undefined && record.serviceType !== audience.serviceType) return undefined;
  if (audience.channel !== undefined && record.channel !== audience.channel) return undefined;
  const phone = record.customer.phone ? phones(record.customer.phone) : undefined;
  return {
    customerKey,
    receivedAt: record.receivedAt,
    consent: record.consent.contact === true,
    ...(record.customer.email ? { email: record.customer.email } : {}),
    ...(phone ? { phone } : {}),
    language: localeOf(record.language),
  };
}

export interface AudienceRules {
  now: Date;
  cooldownDays: number;
  /** When each customer was last surveyed (a campaign or a closure survey answer), by customer key. */
  lastSurveyed: ReadonlyMap<string, string>;
}

/** A selected customer, before the campaign gives them an id and a secret. */
export type SelectedCustomer = Omit<AudienceCandidate, 'receivedAt' | 'consent'> & { contact: Contact };

/**
 * The campaign's recipients from the audience's candidates (contract §11): one per customer
 * (the customer key is the one rule for "the same customer"), as their newest feedback describes
 * them — so a newer feedback without contact consent withdraws it — with an email or a phone,
 * and not surveyed in the last `cooldownDays`. Sorted by customer key, so the result is stable.
 */
export function selectAudience(
  candidates: readonly AudienceCandidate[],
  rules: AudienceRules,
): SelectedCustomer[] {
  const newest = new Map<string, AudienceCandidate>();
  for (const candidate of candidates) {
    const seen = newest.get(candidate.customerKey);
    if (!seen || Date.parse(candidate.receivedAt) > Date.parse(seen.receivedAt))
      newest.set(candidate.customerKey, candidate);
  }
  // Instants are compared as times, not strings: `…00Z` and `…00.000Z` are the same instant.
  const cooldownStart = rules.now.getTime() - rules.cooldownDays * 86_400_000;
  const selected: SelectedCustomer[] = [];
  // Stryker disable next-line EqualityOperator: `<` → `<=` is equivalent: the keys come from a Map, so no two are equal
  for (const candidate of [...newest.values()].sort((a, b) => (a.customerKey < b.customerKey ? -1 : 1))) {
    if (!candidate.consent) continue;
    if (!candidate.email && !candidate.phone) continue;
    const surveyed = rules.lastSurveyed.get(candidate.customerKey);
    // Stryker disable next-line ConditionalExpression: `surveyed !== undefined` → true is equivalent: Date.parse(undefined) is NaN and NaN > cooldownStart is false
    if (surveyed !== undefined && Date.parse(surveyed) > cooldownStart) continue;
    const { receivedAt: _r, consent: _c, ...customer } = candidate;
    selected.push({ ...customer, contact: customer.email ? 'email' : 'sms' });
  }
  return selected;
}

/** A recipient's part in the next dispatch: an invitation, a reminder, or nothing. */
export function dueSend(
  recipient: Recipient,
  campaign: Campaign,
  now: Date,
): 'invite' | 'reminder' | undefined {
  if (recipient.answeredAt || recipient.erasedAt || now.toISOString() >= campaign.closesAt) return undefined;
  if (!recipient.invitedAt) return 'invite';
  if (recipient.remindedAt) return undefined;
  const due = new Date(recipient.invitedAt).getTime() + campaign.reminderAfterDays * 86_400_000;
  return now.getTime() >= due ? 'reminder' : undefined;
}

/** Whether a recipient is on the call list: reached only by phone (contract §11). */
export function onCallList(recipient: Recipient): boolean {
  return !recipient.email && recipient.phone !== undefined;
}

export const dimensionResultSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.object({
    average: z.nullable(z.number()),
    responses: z.int().check(z.gte(0)),
    ci95: z.withDescription(
      z.nullable(z.array(z.number()).check(z.minLength(2), z.maxLength(2))),
      '[low, high]',
    ),
  }),
);

const distribution = /* @__PURE__ */ z.moduleSchema(() =>
  z.record(z.string().check(z.maxLength(100)), z.int().check(z.gte(0))),
);

export const questionResultSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.object({
    kind: z.enum(['likert5', 'nps', 'choice', 'text']),
    dimension: z.optional(z.string().check(z.maxLength(40))),
    responses: z.int().check(z.gte(0)),
    average: z.optional(z.nullable(z.number())),
    distribution: z.withDescription(
      z.optional(distribution),
      'Answers per value (likert5 1–5, nps 0–10, choice option ids)',
    ),
  }),
);

const npsResultSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.object({
    score: z.nullable(z.number()),
    responses: z.int().check(z.gte(0)),
    promoters: z.int().check(z.gte(0)),
    passives: z.int().check(z.gte(0)),
    detractors: z.int().check(z.gte(0)),
  }),
);

/** `GET /v1/campaigns/{id}` (contract §11). */
export const campaignResultsSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.object({
      id: z.string().check(z.maxLength(26)),
      questionnaireId: z.string().check(z.maxLength(26)),
      status: z.enum(['open', 'closed']),
      createdAt: z.string().check(z.maxLength(30)),
      closesAt: z.string().check(z.maxLength(30)),
      recipients: z.int().check(z.gte(0)),
      invited: z.int().check(z.gte(0)),
      reminded: z.int().check(z.gte(0)),
      responses: z.int().check(z.gte(0)),
      responseRate: z.withDescription(z.number().check(z.gte(0), z.lte(1)), 'responses / recipients'),
      responsesByChannel: z.object({ email: z.int(), sms: z.int(), phone: z.int() }),
      dimensions: z.withDescription(
        z.record(z.string().check(z.maxLength(40)), dimensionResultSchema),
        'Per dimension: the mean of each respondent’s average over its likert5 questions, with the 95 % Student t interval (null below 2 responses)',
      ),
      questions: z.record(z.string().check(z.maxLength(40)), questionResultSchema),
      nps: z.withDescription(
        z.optional(npsResultSchema),
        'From the first nps question, when the questionnaire asks one',
      ),
      previous: z.withDescription(
        z.nullable(
          z.object({
            id: z.string().check(z.maxLength(26)),
            createdAt: z.string().check(z.maxLength(30)),
            dimensions: z.record(z.string().check(z.maxLength(40)), dimensionResultSchema),
          }),
        ),
        'The previous campaign with the same questionnaire, for comparison',
      ),
    }),
    { id: 'CampaignResults' },
  ),
);
export type CampaignResults = z.infer<typeof campaignResultsSchema>;

/** The dimension that marks a questionnaire's overall-satisfaction question(s). */
export const OVERALL_DIMENSION = 'overall';

/**
 * A response's campaign CSAT (1–5) for `csat.bySource.campaign`: one figure per response, so a
 * respondent counts once however many questions they answered — the mean of their answers to the
 * questionnaire's `overall` likert5 question(s) when it has one, else of all their likert5
 * answers. Undefined when they answered none of those (such a response does not count).
 */
export function campaignCsatRating(questionnaire: Questionnaire, answers: Answers): number | undefined {
  const likert = questionnaire.questions.filter((q) => q.kind === 'likert5');
  const overall = likert.filter((q) => q.dimension === OVERALL_DIMENSION);
  const values = (overall.length ? overall : likert)
    .map((q) => answers[q.id])
    .filter((v): v is number => typeof v === 'number');
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : undefined;
}

export const inviteTokenSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z
    .string()
    .check(z.length(86), z.regex(/^[0-9A-HJKMNP-TV-Z]{26}\.[0-9A-HJKMNP-TV-Z]{26}\.[A-Za-z0-9_-]{32}$/)),
);

export function inviteToken(recipient: Pick<Recipient, 'campaignId' | 'id' | 'secret'>): string {
  return `${recipient.campaignId}.${recipient.id}.${recipient.secret}`;
}

export function parseInviteToken(token: string): { campaignId: string; recipientId: string; secret: string } {
  // Stryker disable next-line StringLiteral: the campaignId default is never used (split always returns at least one element; Stryker finds it never evaluated); the other defaults and the separator are killed by campaigns-mutants.test.ts
  const [campaignId = '', recipientId = '', secret = ''] = token.split('.');
  return { campaignId, recipientId, secret };
}
