import { CHANNELS } from '../schemas/common.ts';
import * as z from '../schemas/zod.ts';
import { withRenamedKeys } from './config-overrides.ts';
import { hotTopicsConfigSchema } from './hot-topics-config.ts';
import { policyConfigSchema } from './policy-config.ts';
import { teamIssues, teamSchema } from './teams-config.ts';

const clockTimeSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)')),
);
const isoDateSchema = /* @__PURE__ */ z.moduleSchema(() => z.iso.date());

let canonicalZones: ReadonlySet<string> | undefined;

/**
 * Whether `zone` names an IANA time zone. The platform's list of canonical zones answers first:
 * reading it costs ~1.5 ms, where building a formatter in a zone loads the zone rules and locale
 * data (~15 ms of every cold start, since each function parses this configuration). A name not in
 * the list (an alias such as Asia/Calcutta) is tried with a formatter.
 */
export function isTimeZone(zone: string): boolean {
  canonicalZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (canonicalZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The longest one campaign queue message may take to send (well under the consumer's 900 s timeout). */
export const CAMPAIGN_MESSAGE_MAX_SECONDS = 600;

/** The working-day calendar that working-day deadlines are counted on (contract §3). */
export const calendarConfigSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.object({
    timezone: z._default(
      z.string().check(z.refine(isTimeZone, 'must be an IANA time zone such as Asia/Shanghai')),
      'Asia/Shanghai',
    ),
    workingDays: z.withDescription(
      z._default(z.array(z.int().check(z.gte(1), z.lte(7))).check(z.minLength(1)), [1, 2, 3, 4, 5]),
      'ISO weekdays: 1 = Monday … 7 = Sunday',
    ),
    workingHours: z._default(
      z
        .object({ start: clockTimeSchema, end: clockTimeSchema })
        .check(z.refine((hours) => hours.start < hours.end, 'start must be before end')),
      { start: '09:00', end: '18:00' },
    ),
    holidays: z.withDescription(
      z._default(z.array(isoDateSchema), []),
      'Dates that are not worked although their weekday is',
    ),
    makeUpWorkdays: z.withDescription(
      z._default(z.array(isoDateSchema), []),
      'Dates that are worked although their weekday is not (e.g. China’s adjusted weekends)',
    ),
  }),
);
export type CalendarConfig = z.infer<typeof calendarConfigSchema>;

/** A channel integration that gets its own API key and usage plan when deployed. */
export const integrationSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.object({
    name: z.string().check(z.regex(/^[a-z0-9-]{1,40}$/, 'lower-case letters, digits and "-"')),
    rateLimit: z.withDescription(
      z._default(z.number().check(z.positive()), 20),
      'steady requests per second',
    ),
    burstLimit: z._default(z.int().check(z.positive()), 40),
    dailyQuota: z.optional(z.int().check(z.positive())),
  }),
);

const localizedTitleSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.object({
    en: z.string().check(z.minLength(1), z.maxLength(120)),
    zh: z.string().check(z.minLength(1), z.maxLength(120)),
    'zh-TW': z.string().check(z.minLength(1), z.maxLength(120)),
  }),
);

/** A public feedback form (contract §5): a QR code at a service window, a link on a website. */
export const publicFormSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.object({
    id: z.string().check(z.regex(/^[a-z0-9-]{1,40}$/, 'lower-case letters, digits and "-"')),
    channel: z.enum(['web', 'email', 'social', 'phone', 'in_person', 'app', 'survey', 'other']),
    title: localizedTitleSchema,
    serviceType: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
    language: z.withDescription(
      z.optional(z.enum(['en', 'zh', 'zh-TW'])),
      "The form's language; the browser's (Accept-Language) when absent",
    ),
  }),
);
export type PublicForm = z.infer<typeof publicFormSchema>;

const DEFAULT_PUBLIC_FORMS: PublicForm[] = [
  {
    id: 'feedback',
    channel: 'web',
    title: { en: 'Tell us what you think', zh: '意见反馈', 'zh-TW': '意見回饋' },
  },
];

/**
 * Everything a deployer may configure without editing code. Read from the CDK context key
 * `serviceFeedback` (see README) and validated here at synth time; the local stack reads
 * the same schema from environment variables.
 */
export const stackConfigSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z
    .object({
      calendar: z._default(calendarConfigSchema, calendarConfigSchema.parse({})),
      policy: z._default(policyConfigSchema, policyConfigSchema.parse({})),
      escalationEmails: z._default(z.array(z.email()).check(z.minLength(1)), [
        'lead@example.com',
        'manager@example.com',
      ]),
      senderEmail: z._default(z.email(), 'feedback@example.com'),
      publicBaseUrl: z.withDescription(
        z.optional(z.url({ protocol: /^https?$/ })),
        'Base of links in customer emails; defaults to the API URL',
      ),
      staffLanguage: z._default(z.enum(['en', 'zh', 'zh-TW']), 'en'),
      sentimentProvider: z._default(z.enum(['comprehend', 'local']), 'comprehend'),
      integrations: z._default(z.array(integrationSchema).check(z.minLength(1)), [
        { name: 'default', rateLimit: 20, burstLimit: 40 },
      ]),
      personalDataRetentionDays: z.withDescription(
        z._default(z.int().check(z.gte(30), z.lte(3650)), 1095),
        'The daily data-retention run erases the personal data of feedback received this long ago (contract §11)',
      ),
      recordRetentionDays: z.withDescription(
        z._default(z.int().check(z.gte(30), z.lte(3650)), 1825),
        'Feedback records and their history expire this long after receipt (DynamoDB TTL); snapshots keep anonymous figures',
      ),
      customerManagedKey: z.withDescription(
        z._default(z.boolean(), false),
        'Encrypt the table with a customer-managed KMS key (rotated yearly)',
      ),
      alarmEmail: z.withDescription(
        z.optional(z.email()),
        'Subscribed to the alarm topic (confirm the SNS email)',
      ),
      escalationSweepMinutes: z.withDescription(
        z._default(z.int().check(z.gte(1), z.lte(60)), 5),
        'How often the escalation sweep runs',
      ),
      publicForms: z._default(
        z.array(publicFormSchema).check(
          z.minLength(1),
          z.refine(
            (forms) => new Set(forms.map((form) => form.id)).size === forms.length,
            'form ids must be unique',
          ),
        ),
        DEFAULT_PUBLIC_FORMS,
      ),
      publicFormThrottle: z.withDescription(
        z._default(
          z.object({
            rateLimit: z._default(z.number().check(z.positive()), 5),
            burstLimit: z._default(z.int().check(z.positive()), 10),
          }),
          { rateLimit: 5, burstLimit: 10 },
        ),
        'API Gateway method throttling on POST /v1/forms/{formId} (requests per second, all clients)',
      ),
      publicFormWaf: z.withDescription(
        z._default(
          z.object({
            enabled: z._default(z.boolean(), false),
            limitPer5Minutes: z._default(z.int().check(z.gte(10)), 100),
          }),
          { enabled: false, limitPer5Minutes: 100 },
        ),
        'An AWS WAF web ACL with a per-IP rate rule on the API stage (costs extra; off by default)',
      ),
      consoleUrl: z.withDescription(
        z.optional(z.url({ protocol: /^https?$/ })),
        'Base URL of the staff console in staff emails; defaults to the CloudFront URL',
      ),
      consoleDomainPrefix: z.withDescription(
        z.optional(
          z
            .string()
            .check(z.regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lower-case letters, digits and "-"')),
        ),
        'Prefix of the Cognito managed-login domain (<prefix>.auth.<region>.amazoncognito.com)',
      ),
      listHorizonMonths: z.withDescription(
        z._default(z.int().check(z.gte(1), z.lte(240)), 36),
        'How far back an unfiltered GET /v1/feedback pages',
      ),
      phoneDefaultCountry: z.withDescription(
        z._default(
          z.string().check(z.regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as CN')),
          'CN',
        ),
        'Country that national phone numbers are read in (imports, SMS)',
      ),
      importChannel: z.withDescription(
        z._default(z.enum(CHANNELS), 'in_person'),
        'Channel of an imported row whose channel cell is empty (a comment book at a window)',
      ),
      smsOriginationIdentity: z.withDescription(
        z.optional(z.string().check(z.minLength(1))),
        'End User Messaging SMS origination identity (phone number, sender id or pool ARN)',
      ),
      smsConfigurationSet: z.withDescription(
        z.optional(z.string().check(z.minLength(1))),
        'End User Messaging SMS configuration set',
      ),
      inboundEmailAddress: z.withDescription(
        z.optional(z.email().check(z.maxLength(254))),
        'Address customers email feedback to: an SES receipt rule for it stores each message in the inbound-mail bucket, which the inboundEmail function turns into feedback. Its domain must be verified in SES (see README); absent: no receipt rule',
      ),
      hotTopics: z._default(hotTopicsConfigSchema, hotTopicsConfigSchema.parse({})),
      teams: z.withDescription(
        z.optional(z.array(teamSchema).check(z.minLength(1))),
        'Teams triage routes feedback to (contract §7); default: one team service-desk',
      ),
      complaintDigestTime: z.withDescription(
        z._default(clockTimeSchema, '09:00'),
        'When the daily complaint digest runs, in the calendar timezone',
      ),
      // Survey campaigns (contract §11).
      surveyCooldownDays: z.withDescription(
        z._default(z.int().check(z.gte(0), z.lte(365)), 90),
        'A customer selected for a campaign is not selected again for this many days',
      ),
      campaignSendRatePerSecond: z.withDescription(
        z._default(z.number().check(z.positive(), z.lte(1000)), 10),
        "Campaign emails and SMS per second, all senders together: at most the account's SES maximum send rate, less what closure notices and staff emails need (SES production starts at 14/s; default 10)",
      ),
      campaignSendConcurrency: z.withDescription(
        z._default(z.int().check(z.gte(2), z.lte(20)), 2),
        'Queue consumers sending at once (SQS event source maximum concurrency, at least 2)',
      ),
      campaignSendBatchSize: z.withDescription(
        z._default(z.int().check(z.gte(1), z.lte(100)), 10),
        'Recipients per queue message',
      ),
      snapshotMemoryMb: z.withDescription(
        z._default(z.int().check(z.gte(1024), z.lte(10240)), 3008),
        'Memory of the scheduled snapshot function (1024–10240 MB): it holds ~150–220 bytes per feedback of the period it counts; 3008 MB is the most a new AWS account may set',
      ),
    })
    .check(
      z.superRefine((config, ctx) => {
        // A message is sent by one consumer at rate/concurrency; it must finish well within the
        // consumer's 900 s timeout (the queue's visibility timeout), or it would be delivered twice.
        const seconds =
          (config.campaignSendBatchSize * config.campaignSendConcurrency) / config.campaignSendRatePerSecond;
        if (seconds > CAMPAIGN_MESSAGE_MAX_SECONDS)
          ctx.addIssue({
            code: 'custom',
            path: ['campaignSendBatchSize'],
            message: `one message would take ${Math.ceil(seconds)} s to send at this rate and concurrency; keep it under ${CAMPAIGN_MESSAGE_MAX_SECONDS} s`,
          });
        if (config.personalDataRetentionDays > config.recordRetentionDays)
          ctx.addIssue({
            code: 'custom',
            path: ['personalDataRetentionDays'],
            message:
              'must not exceed recordRetentionDays (a record cannot outlive its erasure the other way round)',
          });
        for (const issue of teamIssues(
          config.teams,
          config.policy.taxonomy.map((c) => c.id),
        ))
          ctx.addIssue({ code: 'custom', ...issue });
      }),
    ),
);
export type StackConfig = z.infer<typeof stackConfigSchema>;
export type StackConfigInput = z.input<typeof stackConfigSchema>;

/** Validates deploy-time configuration; throws a readable error naming every bad field. */
export function parseStackConfig(raw: unknown): StackConfig {
  const result = stackConfigSchema.safeParse(withRenamedKeys(raw ?? {}));
  if (!result.success) {
    const lines = result.error.issues.map(
      (issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new Error(`Invalid serviceFeedback configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}
