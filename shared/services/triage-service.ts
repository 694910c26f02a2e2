import type { PolicyConfig } from '../config/policy-config.ts';
import type { CalendarConfig } from '../config/stack-config.ts';
import type { TeamDefinition } from '../config/teams-config.ts';
import { BusinessCalendar } from '../domain/calendar.ts';
import { customerKeyOf } from '../domain/customer-key.ts';
import { rescoreFeedback, type TriageOutcome, triageFeedback } from '../domain/triage.ts';
import type { FeedbackRepository } from '../ports/feedback-repository.ts';
import type { SentimentDetector, SentimentResult } from '../ports/sentiment-detector.ts';
import type { FeedbackRecord } from '../schemas/feedback-record.ts';

export interface TriageServiceDependencies {
  repository: FeedbackRepository;
  detector: SentimentDetector;
  policy: PolicyConfig;
  calendar: CalendarConfig;
  /** Teams triage routes to (contract §7); the default team when absent. */
  teams?: readonly TeamDefinition[];
  now?: () => Date;
}

const DAY_MS = 86_400_000;

/**
 * Triage of received feedback: sentiment is scored for a whole batch at once (Comprehend's
 * batch APIs), then each feedback is opened with one conditional write.
 */
export class TriageService {
  readonly #deps: TriageServiceDependencies;
  readonly #calendar: BusinessCalendar;

  constructor(deps: TriageServiceDependencies) {
    this.#deps = deps;
    this.#calendar = new BusinessCalendar(deps.calendar);
  }

  /** Scores every received feedback of a batch in as few detector calls as it allows. */
  async scoreBatch(records: readonly FeedbackRecord[]): Promise<Map<string, SentimentResult>> {
    const received = records.filter((record) => record.status === 'received');
    const results = received.length
      ? await this.#deps.detector.detect(
          received.map((r) => ({ id: r.id, text: r.text, language: r.language })),
        )
      : [];
    return new Map(results.map((result) => [result.id, result]));
  }

  /**
   * Triages one feedback. Answers the outcome, or undefined when there was nothing to do
   * (not `received`, or already triaged by an earlier delivery of the same record).
   */
  async triage(
    record: FeedbackRecord,
    scored: Map<string, SentimentResult>,
  ): Promise<TriageOutcome | undefined> {
    if (record.status !== 'received') return undefined;
    const now = this.#deps.now?.() ?? new Date();
    const sentiment = scored.get(record.id) ?? {
      id: record.id,
      language: record.language,
      sentiment: null,
      reason: 'unavailable' as const,
    };
    const customerKey = customerKeyOf(record);
    const since = new Date(
      new Date(record.receivedAt).getTime() - this.#deps.policy.repeat.windowDays * DAY_MS,
    ).toISOString();
    const priorComplaints = customerKey
      ? await this.#deps.repository.priorComplaints(customerKey, since, record)
      : [];
    const outcome = triageFeedback(
      { record, sentiment, priorComplaints },
      {
        policy: this.#deps.policy,
        calendar: this.#calendar,
        now,
        ...(this.#deps.teams ? { teams: this.#deps.teams } : {}),
      },
    );
    const applied = await this.#deps.repository.applyTriage(record.id, outcome, now, record.receivedAt);
    return applied ? outcome : undefined;
  }

  /**
   * Scores feedback whose sentiment was left pending (oldest first, `limit` at a time).
   * Answers how many were scored and how many are still pending.
   */
  async rescorePending(limit = 100): Promise<{ scored: number; raised: number; stillPending: number }> {
    const pending = await this.#deps.repository.pendingSentiment(limit);
    const results = await this.scoreBatch(
      pending.map((record) => ({ ...record, status: 'received' as const })),
    );
    let scored = 0;
    let raised = 0;
    for (const record of pending) {
      const result = results.get(record.id);
      if (!result?.sentiment) continue;
      const now = this.#deps.now?.() ?? new Date();
      const rescore = rescoreFeedback(
        record,
        { ...result, sentiment: result.sentiment },
        {
          policy: this.#deps.policy,
          calendar: this.#calendar,
          now,
        },
      );
      if (await this.#deps.repository.applyRescore(record.id, rescore, now, record.receivedAt)) {
        scored += 1;
        if (rescore.raised) raised += 1;
      }
    }
    return { scored, raised, stillPending: pending.length - scored };
  }
}
