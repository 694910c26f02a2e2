import type { FeedbackType } from '../schemas/common.ts';

/**
 * The feedback types that count as a complaint, everywhere: triage, repeat detection,
 * escalation and every snapshot figure (contract §2: `complaint` or `emotional`).
 */
export const COMPLAINT_TYPES: readonly FeedbackType[] = ['complaint', 'emotional'];

/** Whether a feedback of this type (null: not triaged yet) is a complaint. */
export function isComplaint(type: FeedbackType | null | undefined): boolean {
  return type !== null && type !== undefined && COMPLAINT_TYPES.includes(type);
}
