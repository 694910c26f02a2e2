/** `source` of every domain event (contract §9). */
export const DOMAIN_EVENT_SOURCE = 'service-feedback';

/** `detail-type`s published (contract §9); v3 adds `HotTopicDetected` and `ProblemResolved`. */
export const DOMAIN_EVENT_TYPES = [
  'FeedbackReceived',
  'FeedbackTriaged',
  'FeedbackAcknowledged',
  'FeedbackWaiting',
  'FeedbackResumed',
  'FeedbackAssigned',
  'FeedbackEscalated',
  'FeedbackResolved',
  'FeedbackClosed',
  'FeedbackReopened',
  'SurveyAnswered',
  'SnapshotComputed',
  'HotTopicDetected',
  'ProblemResolved',
] as const;
export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number];

/** An event as published: ids and figures, never a customer's identity or their words. */
export interface DomainEvent {
  detailType: DomainEventType;
  /** When the change happened. */
  time: string;
  detail: { idempotencyId: string } & Record<string, unknown>;
}

/** A stored item as the stream shows it (unmarshalled). */
export type Item = Record<string, unknown>;

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

const STATUS_EVENTS: Partial<Record<string, DomainEventType>> = {
  open: 'FeedbackTriaged',
  acknowledged: 'FeedbackAcknowledged',
  waiting_for_customer: 'FeedbackWaiting',
  resolved: 'FeedbackResolved',
  closed: 'FeedbackClosed',
};

/**
 * The events one change of a feedback item stands for, pure. Each carries an idempotency id
 * derived from the change itself (feedback id, version or ladder level, event type), so a
 * redelivered stream record yields the same ids and a consumer can tell a repeat.
 */
export function feedbackEvents(before: Item | undefined, after: Item | undefined): DomainEvent[] {
  if (after?.entity !== 'feedback') return [];
  const id = String(after.id);
  const version = num(after.version) ?? 0;
  const time = str(after.updatedAt) ?? str(after.receivedAt) ?? new Date(0).toISOString();
  const base = {
    feedbackId: id,
    version,
    channel: str(after.channel),
    status: str(after.status),
    priority: str(after.priority),
    type: str(after.type),
    category: str(after.category),
    escalationLevel: num(after.escalationLevel) ?? 0,
    ...(after.team !== undefined ? { team: str(after.team) } : {}),
  };
  const event = (
    detailType: DomainEventType,
    key: string,
    extra: Record<string, unknown> = {},
  ): DomainEvent => ({
    detailType,
    time,
    detail: { idempotencyId: `feedback/${id}/${key}/${detailType}`, ...base, ...extra },
  });

  if (!before) {
    return after.status === 'received'
      ? [event('FeedbackReceived', `v${version}`, { receivedAt: str(after.receivedAt) })]
      : [];
  }
  if (before.entity !== 'feedback') return [];
  const events: DomainEvent[] = [];
  const from = str(before.status);
  const to = str(after.status);
  if (from !== to && to) {
    const extra = { previousStatus: from };
    if (to === 'open' && (from === 'resolved' || from === 'closed')) {
      events.push(
        event('FeedbackReopened', `v${version}`, { ...extra, reopenCount: num(after.reopenCount) }),
      );
    } else if (from === 'waiting_for_customer' && (to === 'open' || to === 'acknowledged')) {
      events.push(event('FeedbackResumed', `v${version}`, extra));
    } else {
      const type = STATUS_EVENTS[to];
      if (type === 'FeedbackTriaged') {
        events.push(event(type, `v${version}`, { ...extra, deadlines: after.deadlines ?? null }));
      } else if (type) {
        events.push(event(type, `v${version}`, extra));
      }
    }
  }
  const levelBefore = num(before.escalationLevel) ?? 0;
  const levelAfter = num(after.escalationLevel) ?? 0;
  if (levelAfter > levelBefore) {
    // The ladder restarts after a reopen: the level alone would repeat, so the round is in the id.
    events.push(
      event('FeedbackEscalated', `round${num(after.reopenCount) ?? 0}-level${levelAfter}`, {
        previousLevel: levelBefore,
      }),
    );
  }
  if (
    (after.team !== before.team && after.team !== undefined) ||
    (after.assignee !== before.assignee && after.assignee !== undefined)
  ) {
    // The assignee is a staff identity: the event says that it changed, not who it is.
    events.push(event('FeedbackAssigned', `v${version}`, { previousTeam: str(before.team) }));
  }
  const answerBefore = (before.survey as Item | undefined)?.answer;
  const survey = (after.survey ?? {}) as Item;
  const answer = survey.answer as Item | undefined;
  if (answer && !answerBefore) {
    events.push(
      event('SurveyAnswered', `round${num(survey.round) ?? 1}`, {
        csat: num(answer.csat),
        round: num(survey.round),
      }),
    );
  }
  return events;
}

/** `SnapshotComputed` for a stored snapshot whose computation is new (anonymous figures only). */
export function snapshotEvents(before: Item | undefined, after: Item | undefined): DomainEvent[] {
  if (after?.entity !== 'snapshot') return [];
  const snapshot = (after.snapshot ?? {}) as Item;
  const computedAt = str(snapshot.computedAt);
  if (!computedAt) return [];
  if (str((before?.snapshot as Item | undefined)?.computedAt) === computedAt) return [];
  const totals = (snapshot.totals ?? {}) as Item;
  const csat = (snapshot.csat ?? {}) as Item;
  const nps = (snapshot.nps ?? {}) as Item;
  const period = String(snapshot.period);
  return [
    {
      detailType: 'SnapshotComputed',
      time: computedAt,
      detail: {
        idempotencyId: `snapshot/${period}/${computedAt}/SnapshotComputed`,
        period,
        from: str(snapshot.from),
        to: str(snapshot.to),
        timezone: str(snapshot.timezone),
        asOf: str(snapshot.asOf),
        computedAt,
        feedback: num(totals.feedback),
        complaints: num(totals.complaints),
        csatAverage: num(csat.average),
        csatResponses: num(csat.responses),
        npsScore: num(nps.score),
        complaintRate: num(snapshot.complaintRate),
        slaCompliance: num(snapshot.slaCompliance),
        closureRate: num(snapshot.closureRate),
      },
    },
  ];
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/**
 * `HotTopicDetected` when a hot-topic report is first marked sent (contract §10): the report is
 * claimed, its email sent, then marked; a report released after a failed send never becomes an
 * event. Detail: the report's ids, keys and figures as `GET /v1/hot-topics` lists them (its
 * key terms are words counted across many complaints, no one's identity).
 */
export function hotTopicEvents(before: Item | undefined, after: Item | undefined): DomainEvent[] {
  if (after?.entity !== 'hot-topic' || after.status !== 'sent') return [];
  if (before?.status === 'sent') return [];
  const report = (after.report ?? {}) as Item;
  const id = str(report.id);
  if (!id) return [];
  const detectedAt = str(report.detectedAt) ?? new Date(0).toISOString();
  return [
    {
      detailType: 'HotTopicDetected',
      time: detectedAt,
      detail: {
        idempotencyId: `hot-topic/${id}/HotTopicDetected`,
        hotTopicId: id,
        kind: str(report.kind),
        key: str(report.key),
        ...(Array.isArray(report.keys) ? { keys: strings(report.keys) } : {}),
        count: num(report.count),
        expected: num(report.expected),
        windowStart: str(report.windowStart),
        windowEnd: str(report.windowEnd),
        detectedAt,
        feedbackIds: strings(report.feedbackIds),
      },
    },
  ];
}

/**
 * `ProblemResolved` when a problem's status first becomes `resolved` (contract §10). Its title,
 * description, root cause and resolution are free text staff typed, so they stay out: the
 * event carries ids, counts and instants only.
 */
export function problemEvents(before: Item | undefined, after: Item | undefined): DomainEvent[] {
  if (after?.entity !== 'problem') return [];
  const problem = after.problem as Item | undefined;
  if (problem?.status !== 'resolved') return [];
  if ((before?.problem as Item | undefined)?.status === 'resolved') return [];
  const id = String(problem.id);
  const resolvedAt = str(problem.resolvedAt) ?? str(problem.updatedAt) ?? new Date(0).toISOString();
  return [
    {
      detailType: 'ProblemResolved',
      time: resolvedAt,
      detail: {
        idempotencyId: `problem/${id}/ProblemResolved`,
        problemId: id,
        status: 'resolved',
        linked: num(problem.linked),
        resolvedFeedback: num(problem.resolvedFeedback),
        fromHotTopic: str(problem.fromHotTopic),
        hasRootCause: problem.rootCause !== null && problem.rootCause !== undefined,
        createdAt: str(problem.createdAt),
        resolvedAt,
      },
    },
  ];
}
