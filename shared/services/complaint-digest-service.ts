import { DIGEST_NOTIFICATION } from '../adapters/feedback-item.ts';
import type { StackConfig } from '../config/stack-config.ts';
import { teamsOf } from '../config/team-defaults.ts';
import { renderEmail } from '../email/render-email.ts';
import type { FeedbackRepository } from '../ports/feedback-repository.ts';
import type { Mailer } from '../ports/mailer.ts';
import type { FeedbackRecord } from '../schemas/feedback-record.ts';
import { formatInstant } from './notification-service.ts';

export interface ComplaintDigestDependencies {
  repository: FeedbackRepository;
  mailer: Mailer;
  config: StackConfig;
  publicBaseUrl: string;
}

export interface DigestSummary {
  /** Per team: how many complaints its digest carried (0: no email). */
  teams: Record<string, number>;
  emails: number;
  /** Complaints another run had already claimed (a retried or overlapping schedule). */
  alreadyClaimed: number;
  failed: number;
}

/**
 * The daily complaint digest (contract §7): each team's leads get the complaints the team
 * received since its previous digest. A complaint waits in the sparse `byDigest` index until a
 * digest carried it; each is claimed with a conditional write before the email goes out (and
 * given back if sending fails), so however often the schedule is retried, a complaint is in
 * exactly one digest, and a team with nothing new gets no email.
 */
export class ComplaintDigestService {
  readonly #deps: ComplaintDigestDependencies;

  constructor(deps: ComplaintDigestDependencies) {
    this.#deps = deps;
  }

  /** Sends every team's digest of the complaints received up to `now`. */
  async run(now: Date): Promise<DigestSummary> {
    const summary: DigestSummary = { teams: {}, emails: 0, alreadyClaimed: 0, failed: 0 };
    for (const team of teamsOf(this.#deps.config)) {
      summary.teams[team.id] = 0;
      const pending = await this.#deps.repository.undigestedComplaints(team.id, now.toISOString());
      const claimed: FeedbackRecord[] = [];
      for (const record of pending) {
        if (await this.#deps.repository.claimNotification(record.id, DIGEST_NOTIFICATION, now))
          claimed.push(record);
        else summary.alreadyClaimed += 1;
      }
      if (claimed.length === 0) continue;
      let messageId: string;
      try {
        ({ messageId } = await this.#deps.mailer.send(await this.#compose(team, claimed)));
      } catch {
        for (const record of claimed)
          await this.#deps.repository.releaseNotification(record.id, DIGEST_NOTIFICATION);
        summary.failed += 1;
        continue;
      }
      for (const record of claimed) await this.#deps.repository.completeDigest(record.id, now, messageId);
      summary.teams[team.id] = claimed.length;
      summary.emails += 1;
    }
    return summary;
  }

  async #compose(team: ReturnType<typeof teamsOf>[number], complaints: readonly FeedbackRecord[]) {
    const { config, publicBaseUrl } = this.#deps;
    const locale = config.staffLanguage;
    const ordered = [...complaints].sort((a, b) =>
      `${a.receivedAt}#${a.id}`.localeCompare(`${b.receivedAt}#${b.id}`),
    );
    const content = await renderEmail('complaint-digest', locale, {
      team: locale === 'en' ? team.name.en : team.name.zh,
      count: ordered.length,
      complaints: ordered.map((record) => ({
        id: record.id,
        priority: record.priority ?? '',
        category: record.category ?? '—',
        firstResponseDue: formatInstant(record.deadlines?.firstResponseDue ?? '', config.calendar.timezone),
        staffUrl: `${publicBaseUrl}/v1/feedback/${record.id}`,
      })),
    });
    return {
      to: [...team.leadEmails],
      ...content,
      tags: { kind: 'complaint-digest', team: team.id },
    };
  }
}
