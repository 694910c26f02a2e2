import type { FeedbackInput } from '../schemas/feedback-input.ts';
import type { FeedbackRecord, HistoryEntry } from '../schemas/feedback-record.ts';
import { newAccessToken } from './ids.ts';

/** Who submitted a feedback: the channel integration that called the API. */
export interface Submitter {
  /** The API key id (deployed) or `local` (local stack). */
  integrationId: string;
}

/**
 * Builds the stored record for a newly accepted feedback. Pure: the id and clock are given.
 * Anonymous feedback keeps no identity (only the non-identifying segment, which the policy
 * uses), and customer emails need explicit consent.
 */
export function newFeedbackRecord(
  input: FeedbackInput,
  id: string,
  now: Date,
  submitter: Submitter,
): FeedbackRecord {
  const receivedAt = now.toISOString();
  const anonymous = input.anonymous === true;
  const customer = anonymous ? anonymousCustomer(input.customer?.segment) : (input.customer ?? null);
  const received: HistoryEntry = {
    at: receivedAt,
    action: 'received',
    actor: `channel:${submitter.integrationId}`,
    to: 'received',
  };
  return {
    id,
    channel: input.channel,
    text: input.text,
    language: input.language ?? null,
    status: 'received',
    receivedAt,
    updatedAt: receivedAt,
    anonymous,
    customer,
    consent: { contact: !anonymous && input.consent?.contact === true },
    ratings: input.ratings ?? {},
    severity: input.severity ?? null,
    serviceType: input.serviceType ?? null,
    reference: input.reference ?? null,
    occurredAt: input.occurredAt ?? null,
    metadata: input.metadata ?? null,
    sentiment: null,
    sentimentPending: false,
    type: null,
    category: null,
    priority: null,
    team: null,
    assignee: null,
    deadlines: null,
    escalationLevel: 0,
    nextEscalation: null,
    clockStartedAt: null,
    firstRespondedAt: null,
    waitingSince: null,
    resolvedAt: null,
    closedAt: null,
    resolution: null,
    reopenCount: 0,
    survey: null,
    repeat: null,
    history: [received],
    trackingToken: newAccessToken(id),
    notifications: {},
    version: 1,
  };
}

function anonymousCustomer(segment: string | undefined): FeedbackRecord['customer'] {
  return segment ? { segment } : null;
}
