import { policyConfigSchema } from '../../shared/config/policy-config.ts';
import { calendarConfigSchema } from '../../shared/config/stack-config.ts';
import { BusinessCalendar } from '../../shared/domain/calendar.ts';
import { newFeedbackRecord } from '../../shared/domain/feedback.ts';
import { deadlinesFor } from '../../shared/domain/priority-policy.ts';
import type { Priority } from '../../shared/schemas/common.ts';
import type { FeedbackRecord } from '../../shared/schemas/feedback-record.ts';

export const policy = policyConfigSchema.parse({});
export const calendar = new BusinessCalendar(calendarConfigSchema.parse({}));

/** A triaged (open) feedback received at `receivedAt`, with the policy's deadlines for `priority`. */
export function openFeedback(
  priority: Priority,
  receivedAt: string,
  overrides: Partial<FeedbackRecord> = {},
): FeedbackRecord {
  const record = newFeedbackRecord(
    {
      channel: 'web',
      text: 'The counter was closed.',
      customer: { email: 'c@example.com' },
      consent: { contact: true },
    },
    '01JDQ3ZK6V7M0000000000000A',
    new Date(receivedAt),
    { integrationId: 'k1' },
  );
  return {
    ...record,
    status: 'open',
    type: 'complaint',
    priority,
    deadlines: deadlinesFor(priority, new Date(receivedAt), policy, calendar),
    clockStartedAt: receivedAt,
    version: 2,
    ...overrides,
  };
}
