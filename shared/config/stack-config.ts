import { z } from 'zod';
import { CHANNELS } from '../schemas/common.ts';
import { hotTopicsConfigSchema } from './hot-topics-config.ts';
import { policyConfigSchema } from './policy-config.ts';
import { defaultTeams, type TeamDefinition, teamIssues, teamSchema } from './teams-config.ts';

const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)');
const isoDateSchema = z.iso.date();

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The working-day calendar that working-day deadlines are counted on (contract §3). */
export const calendarConfigSchema = z.object({
  timezone: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone such as Asia/Shanghai')
    .default('Asia/Shanghai'),
  workingDays: z
    .array(z.int().min(1).max(7))
    .min(1)
    .default([1, 2, 3, 4, 5])
    .describe('ISO weekdays: 1 = Monday … 7 = Sunday'),
  workingHours: z
    .object({ start: clockTimeSchema, end: clockTimeSchema })
    .refine((hours) => hours.start < hours.end, 'start must be before end')
    .default({ start: '09:00', end: '18:00' }),
  holidays: z
    .array(isoDateSchema)
    .default([])
    .describe('Dates that are not worked although their weekday is'),
  makeUpWorkdays: z
    .array(isoDateSchema)
    .default([])
    .describe('Dates that are worked although their weekday is not (e.g. China’s adjusted weekends)'),
});
export type CalendarConfig = z.infer<typeof calendarConfigSchema>;

/** A channel integration that gets its own API key and usage plan when deployed. */
export const integrationSchema = z.object({
  name: z.string().regex(/^[a-z0-9-]{1,40}$/, 'lower-case letters, digits and "-"'),
  rateLimit: z.number().positive().default(20).describe('steady requests per second'),
  burstLimit: z.int().positive().default(40),
  dailyQuota: z.int().positive().optional(),
});

const localizedTitleSchema = z.object({
  en: z.string().min(1).max(120),
  zh: z.string().min(1).max(120),
  'zh-TW': z.string().min(1).max(120),
});

/** A public feedback form (contract §5): a QR code at a service window, a link on a website. */
export const publicFormSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'lower-case letters, digits and "-"'),
  channel: z.enum(['web', 'email', 'social', 'phone', 'in_person', 'app', 'survey', 'other']),
  title: localizedTitleSchema,
  serviceType: z.string().min(1).max(100).optional(),
  language: z
    .enum(['en', 'zh', 'zh-TW'])
    .optional()
    .describe("The form's language; the browser's (Accept-Language) when absent"),
});
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
export const stackConfigSchema = z
  .object({
    calendar: calendarConfigSchema.default(calendarConfigSchema.parse({})),
    policy: policyConfigSchema.default(policyConfigSchema.parse({})),
    escalationEmails: z.array(z.email()).min(1).default(['lead@example.com', 'manager@example.com']),
    senderEmail: z.email().default('feedback@example.com'),
    publicBaseUrl: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe('Base of links in customer emails; defaults to the API URL'),
    staffLanguage: z.enum(['en', 'zh', 'zh-TW']).default('en'),
    sentimentProvider: z.enum(['comprehend', 'local']).default('comprehend'),
    integrations: z
      .array(integrationSchema)
      .min(1)
      .default([{ name: 'default', rateLimit: 20, burstLimit: 40 }]),
    retentionDays: z
      .int()
      .min(30)
      .max(3650)
      .default(1095)
      .describe(
        'Feedback records (with their personal data) expire this long after receipt; snapshots keep anonymous figures',
      ),
    customerManagedKey: z
      .boolean()
      .default(false)
      .describe('Encrypt the table with a customer-managed KMS key (rotated yearly)'),
    alarmEmail: z.email().optional().describe('Subscribed to the alarm topic (confirm the SNS email)'),
    escalationSweepMinutes: z.int().min(1).max(60).default(5).describe('How often the escalation sweep runs'),
    publicForms: z
      .array(publicFormSchema)
      .min(1)
      .refine(
        (forms) => new Set(forms.map((form) => form.id)).size === forms.length,
        'form ids must be unique',
      )
      .default(DEFAULT_PUBLIC_FORMS),
    publicFormThrottle: z
      .object({ rateLimit: z.number().positive().default(5), burstLimit: z.int().positive().default(10) })
      .default({ rateLimit: 5, burstLimit: 10 })
      .describe(
        'API Gateway method throttling on POST /v1/forms/{formId} (requests per second, all clients)',
      ),
    publicFormWaf: z
      .object({ enabled: z.boolean().default(false), limitPer5Minutes: z.int().min(10).default(100) })
      .default({ enabled: false, limitPer5Minutes: 100 })
      .describe('An AWS WAF web ACL with a per-IP rate rule on the API stage (costs extra; off by default)'),
    consoleUrl: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe('Base URL of the staff console in staff emails; defaults to the CloudFront URL'),
    consoleDomainPrefix: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lower-case letters, digits and "-"')
      .optional()
      .describe('Prefix of the Cognito managed-login domain (<prefix>.auth.<region>.amazoncognito.com)'),
    listHorizonMonths: z
      .int()
      .min(1)
      .max(240)
      .default(36)
      .describe('How far back an unfiltered GET /v1/feedback pages'),
    phoneDefaultCountry: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as CN')
      .default('CN')
      .describe('Country that national phone numbers are read in (imports, SMS)'),
    importChannel: z
      .enum(CHANNELS)
      .default('in_person')
      .describe('Channel of an imported row whose channel cell is empty (a comment book at a window)'),
    smsOriginationIdentity: z
      .string()
      .min(1)
      .optional()
      .describe('End User Messaging SMS origination identity (phone number, sender id or pool ARN)'),
    smsConfigurationSet: z.string().min(1).optional().describe('End User Messaging SMS configuration set'),
    inboundEmailAddress: z
      .email()
      .max(254)
      .optional()
      .describe(
        'Address customers email feedback to: an SES receipt rule for it stores each message in the inbound-mail bucket, which the inboundEmail function turns into feedback. Its domain must be verified in SES (see README); absent: no receipt rule',
      ),
    hotTopics: hotTopicsConfigSchema.default(hotTopicsConfigSchema.parse({})),
    teams: z
      .array(teamSchema)
      .min(1)
      .optional()
      .describe('Teams triage routes feedback to (contract §7); default: one team service-desk'),
    complaintDigestTime: clockTimeSchema
      .default('09:00')
      .describe('When the daily complaint digest runs, in the calendar timezone'),
  })
  .superRefine((config, ctx) => {
    for (const issue of teamIssues(
      config.teams,
      config.policy.taxonomy.map((c) => c.id),
    ))
      ctx.addIssue({ code: 'custom', ...issue });
  });
export type StackConfig = z.infer<typeof stackConfigSchema>;
export type StackConfigInput = z.input<typeof stackConfigSchema>;

/** Validates deploy-time configuration; throws a readable error naming every bad field. */
export function parseStackConfig(raw: unknown): StackConfig {
  const result = stackConfigSchema.safeParse(raw ?? {});
  if (!result.success) {
    const lines = result.error.issues.map(
      (issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new Error(`Invalid serviceFeedback configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** The configured teams, or the default team led by the first escalation address. */
export function teamsOf(config: Pick<StackConfig, 'teams' | 'escalationEmails'>): TeamDefinition[] {
  return config.teams ?? defaultTeams(config.escalationEmails);
}
