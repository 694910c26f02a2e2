import type { FeedbackRecord, TrackingView } from '../schemas/feedback-record.ts';

/**
 * The customer's view of a feedback: status, dates and public updates. It never carries
 * personal data, staff names or internal notes; a resolution is shown because it is the
 * answer the customer is owed.
 */
export function toTrackingView(record: FeedbackRecord): TrackingView {
  const updates: TrackingView['updates'] = [];
  let resolvedAt: string | undefined;
  for (const entry of record.history) {
    // Status changes are public; notes, escalations and other internal entries change none.
    if (!entry.to) continue;
    const update: TrackingView['updates'][number] = { at: entry.at, status: entry.to };
    if (entry.action === 'resolve') {
      resolvedAt = entry.at;
      if (entry.resolution) update.message = entry.resolution;
    }
    if (entry.action === 'reopen') resolvedAt = undefined;
    updates.push(update);
  }
  return {
    status: record.status,
    receivedAt: record.receivedAt,
    firstResponseDue: record.deadlines?.firstResponseDue ?? null,
    ...(resolvedAt ? { resolvedAt } : {}),
    updates,
  };
}
