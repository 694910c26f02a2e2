import { consoleFeedbackUrl } from '../config/runtime-config.ts';
import type { StackConfig } from '../config/stack-config.ts';
import { teamsOf } from '../config/team-defaults.ts';
import { p1AlertRecipients } from '../domain/escalation.ts';
import { type NotificationKind, notificationsDue, smsNumberFor } from '../domain/notifications.ts';
import { loadPhoneNormaliser, type PhoneNormaliser } from '../domain/phone-normaliser.ts';
import { closureSms } from '../domain/sms.ts';
import { teamLeads } from '../domain/teams.ts';
import { localeOf } from '../domain/text.ts';
import { excerpt, renderEmail } from '../email/render-email.ts';
import type { FeedbackRepository } from '../ports/feedback-repository.ts';
import type { EmailMessage, Mailer } from '../ports/mailer.ts';
import type { SmsSender } from '../ports/sms-sender.ts';
import type { FeedbackRecord } from '../schemas/feedback-record.ts';

export interface NotificationServiceDependencies {
  repository: FeedbackRepository;
  mailer: Mailer;
  /** Closure notices by SMS for customers with only a phone; none are sent without it. */
  sms?: SmsSender;
  config: StackConfig;
  publicBaseUrl: string;
  now?: () => Date;
}

/**
 * Sends the emails a feedback's change makes due, each exactly once: it claims the email with
 * a conditional write before sending, gives the claim back if sending fails (so the retry
 * sends it), and records the message id once SES accepted it.
 */
export class NotificationService {
  readonly #deps: NotificationServiceDependencies;

  constructor(deps: NotificationServiceDependencies) {
    this.#deps = deps;
  }

  /** Sends what is due for this feedback; answers the kinds it sent. */
  async handle(record: FeedbackRecord): Promise<NotificationKind[]> {
    const sent: NotificationKind[] = [];
    // Closure SMS are considered with a sender and a phone only; libphonenumber loads for those.
    const smsPhones =
      this.#deps.sms && record.customer?.phone
        ? await loadPhoneNormaliser(this.#deps.config.phoneDefaultCountry)
        : undefined;
    for (const kind of notificationsDue(record, smsPhones)) {
      const now = this.#deps.now?.() ?? new Date();
      if (!(await this.#deps.repository.claimNotification(record.id, kind, now))) continue;
      let messageId: string;
      try {
        ({ messageId } = kind.startsWith('closure-sms:')
          ? await this.#sendSms(record, smsPhones)
          : await this.#deps.mailer.send(await this.#compose(kind, record)));
      } catch (error) {
        await this.#deps.repository.releaseNotification(record.id, kind);
        throw error;
      }
      await this.#deps.repository.completeNotification(
        record.id,
        kind,
        this.#deps.now?.() ?? new Date(),
        messageId,
        { receivedAt: record.receivedAt },
      );
      sent.push(kind);
    }
    return sent;
  }

  #sendSms(record: FeedbackRecord, phones: PhoneNormaliser | undefined): Promise<{ messageId: string }> {
    const to = phones && smsNumberFor(record, phones);
    // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: a guard for the types: handle asks for a closure SMS only when there are a sender and a number
    if (!this.#deps.sms || !to) throw new Error(`No SMS route for ${record.id}`);
    return this.#deps.sms.send({
      to,
      body: closureSms(localeOf(record.language), record.resolution ?? '', record.reference),
      context: { kind: 'closure-sms', feedbackId: record.id },
    });
  }

  async #compose(kind: NotificationKind, record: FeedbackRecord): Promise<EmailMessage> {
    const { config, publicBaseUrl } = this.#deps;
    if (kind.startsWith('closure-notice:')) {
      const content = await renderEmail('closure-notice', localeOf(record.language), {
        // Stryker disable next-line OptionalChaining: a closure notice is due only for a customer with an email (mayEmailCustomer)
        name: record.customer?.name ?? '',
        resolution: record.resolution ?? '',
        trackingUrl: `${publicBaseUrl}/v1/track/${encodeURIComponent(record.trackingToken)}`,
        // Stryker disable next-line OptionalChaining,StringLiteral: a closure notice is due only with a survey (notificationsDue)
        surveyUrl: `${publicBaseUrl}/v1/survey/${encodeURIComponent(record.survey?.token ?? '')}`,
        reference: record.reference ?? '',
      });
      return {
        // Stryker disable next-line OptionalChaining,StringLiteral: a closure notice is due only for a customer with an email (mayEmailCustomer)
        to: [record.customer?.email ?? ''],
        ...content,
        tags: { kind: 'closure-notice', feedbackId: record.id },
      };
    }
    // The stream's image carries no history items: the triage entry (a status change) is read.
    const history = record.history.some((entry) => entry.action === 'triaged')
      ? record.history
      : // Stryker disable next-line ArrayDeclaration: any fallback without a `triaged` entry names no reasons
        ((await this.#deps.repository.getWithHistory(record.id, { statusChangesOnly: true }))?.history ?? []);
    const triage = [...history].reverse().find((entry) => entry.action === 'triaged');
    const reasons = Array.isArray(triage?.reasons) ? (triage.reasons as string[]) : [];
    const content = await renderEmail('p1-alert', config.staffLanguage, {
      id: record.id,
      // Stryker disable next-line StringLiteral: the P1 alert is due only for a P1
      priority: record.priority ?? '',
      type: record.type ?? '',
      category: record.category ?? '',
      channel: record.channel,
      receivedAt: formatInstant(record.receivedAt, config.calendar.timezone),
      firstResponseDue: formatInstant(record.deadlines?.firstResponseDue ?? '', config.calendar.timezone),
      excerpt: excerpt(record.text),
      reasons,
      staffUrl: consoleFeedbackUrl(config, publicBaseUrl, record.id),
    });
    return {
      to: p1AlertRecipients(config.escalationEmails, teamLeads(teamsOf(config), record.team)),
      ...content,
      tags: { kind, feedbackId: record.id },
    };
  }
}

/** `2026-11-24 17:30 (Asia/Shanghai)`: an instant as staff in the configured zone read it. */
export function formatInstant(iso: string, timeZone: string): string {
  if (!iso) return '';
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  // Stryker disable next-line OptionalChaining,StringLiteral: formatToParts always gives each of these parts
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} (${timeZone})`;
}
