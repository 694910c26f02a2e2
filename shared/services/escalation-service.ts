import { consoleFeedbackUrl } from '../config/runtime-config.ts';
import type { StackConfig } from '../config/stack-config.ts';
import { teamsOf } from '../config/team-defaults.ts';
import { BusinessCalendar } from '../domain/calendar.ts';
import {
  type DueEscalation,
  dueEscalations,
  escalationLevelOf,
  escalationRecipients,
  nextEscalationStep,
} from '../domain/escalation.ts';
import { teamLeads } from '../domain/teams.ts';
import { deadlineName, excerpt, lateness, renderEmail } from '../email/render-email.ts';
import type { FeedbackRepository } from '../ports/feedback-repository.ts';
import type { Mailer } from '../ports/mailer.ts';
import type { FeedbackRecord } from '../schemas/feedback-record.ts';
import { formatInstant } from './notification-service.ts';

export interface EscalationServiceDependencies {
  repository: FeedbackRepository;
  mailer: Mailer;
  config: StackConfig;
  publicBaseUrl: string;
}

export interface SweepSummary {
  /** Feedback the index returned as due. */
  examined: number;
  sent: number;
  /** Lower levels passed over because a higher one was already due. */
  skipped: number;
  /** Escalations another sweep had claimed. */
  alreadyClaimed: number;
  failed: number;
}

const PAGE_SIZE = 100;

/**
 * The escalation sweep: reads only feedback whose next ladder step is due (sparse
 * `byEscalation` index), sends each step once (claimed with a conditional write before
 * sending, released on failure), and moves the feedback's next step and level forward.
 */
export class EscalationService {
  readonly #deps: EscalationServiceDependencies;
  readonly #calendar: BusinessCalendar;

  constructor(deps: EscalationServiceDependencies) {
    this.#deps = deps;
    this.#calendar = new BusinessCalendar(deps.config.calendar);
  }

  async sweep(now: Date): Promise<SweepSummary> {
    const summary: SweepSummary = { examined: 0, sent: 0, skipped: 0, alreadyClaimed: 0, failed: 0 };
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await this.#deps.repository.dueForEscalation(now.toISOString(), PAGE_SIZE, cursor);
      cursor = page.cursor;
      for (const record of page.items) {
        summary.examined += 1;
        await this.#escalate(record, now, summary);
      }
    } while (cursor);
    return summary;
  }

  async #escalate(record: FeedbackRecord, now: Date, summary: SweepSummary): Promise<void> {
    const context = { policy: this.#deps.config.policy, calendar: this.#calendar };
    for (const step of dueEscalations(record, now, context)) {
      if (!(await this.#deps.repository.claimNotification(record.id, step.kind, now))) {
        summary.alreadyClaimed += 1;
        continue;
      }
      let messageId: string;
      try {
        ({ messageId } = await this.#deps.mailer.send(await this.#compose(record, step)));
      } catch {
        await this.#deps.repository.releaseNotification(record.id, step.kind);
        summary.failed += 1;
        continue;
      }
      await this.#deps.repository.completeNotification(record.id, step.kind, now, messageId, {
        receivedAt: record.receivedAt,
        skippedKinds: step.skippedKinds,
        historyEntry: {
          at: now.toISOString(),
          action: 'escalated',
          actor: 'system:escalation',
          level: step.level,
          deadline: step.deadline,
          due: step.dueAt,
        },
      });
      summary.sent += 1;
      summary.skipped += step.skippedKinds.length;
    }
    await this.#advance(record.id);
  }

  /** Re-reads the feedback and stores its next ladder step and level (retrying a lost race). */
  async #advance(id: string): Promise<void> {
    const context = { policy: this.#deps.config.policy, calendar: this.#calendar };
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const fresh = await this.#deps.repository.get(id);
      if (!fresh) return;
      const next = {
        ...fresh,
        nextEscalation: nextEscalationStep(fresh, context),
        escalationLevel: escalationLevelOf(fresh),
      };
      if (
        JSON.stringify(next.nextEscalation) === JSON.stringify(fresh.nextEscalation) &&
        next.escalationLevel === fresh.escalationLevel
      ) {
        return;
      }
      if (await this.#deps.repository.saveChanges(fresh, next)) return;
    }
  }

  async #compose(record: FeedbackRecord, step: DueEscalation) {
    const { config, publicBaseUrl } = this.#deps;
    const locale = config.staffLanguage;
    const content = await renderEmail('escalation', locale, {
      id: record.id,
      // Stryker disable next-line StringLiteral: a feedback without a priority has no ladder (no deadlines), so never reaches here
      priority: record.priority ?? '',
      level: step.level,
      deadlineName: deadlineName(step.deadline, locale),
      due: formatInstant(step.dueAt, config.calendar.timezone),
      lateness: lateness(step.lateByMs, locale),
      late: step.lateByMs > 0,
      excerpt: excerpt(record.text),
      staffUrl: consoleFeedbackUrl(config, publicBaseUrl, record.id),
    });
    return {
      // Read at send time: a feedback moved to another team escalates to its new team's leads.
      to: escalationRecipients(step.level, config.escalationEmails, teamLeads(teamsOf(config), record.team)),
      ...content,
      tags: { kind: 'escalation', level: String(step.level), feedbackId: record.id },
    };
  }
}
