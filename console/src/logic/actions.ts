/** The staff actions, in the order the feedback page shows them. */
export const ACTIONS = [
  'acknowledge',
  'wait_for_customer',
  'resume',
  'resolve',
  'close',
  'reopen',
  'note',
  'record_call',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * Which statuses each action may start from: the same table as the API's
 * (shared/domain/workflow.ts ALLOWED_FROM; a unit test keeps the two equal).
 */
export const ALLOWED_FROM: Record<Action, readonly string[]> = {
  acknowledge: ['open'],
  wait_for_customer: ['open', 'acknowledged'],
  resume: ['waiting_for_customer'],
  resolve: ['open', 'acknowledged', 'waiting_for_customer'],
  close: ['resolved'],
  reopen: ['resolved', 'closed'],
  note: ['open', 'acknowledged', 'waiting_for_customer', 'resolved', 'closed'],
  record_call: ['resolved', 'closed'],
};

/** The actions a status allows. */
export function allowedActions(status: string): Action[] {
  return ACTIONS.filter((action) => ALLOWED_FROM[action].includes(status));
}
