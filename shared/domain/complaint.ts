import type { FeedbackType } from '../schemas/common.ts';

/**
 * The feedback types that count as a complaint, everywhere: triage, repeat detection,
 * escalation and every snapshot figure (contract §2: `complaint` or `emotional`).
 */
export const COMPLAINT_TYPES: readonly FeedbackType[] = ['complaint', 'emotional'];

const COMPLAINTS: ReadonlySet<string | null | undefined> = new Set(COMPLAINT_TYPES);

/** Whether a feedback of this type (null: not triaged yet) is a complaint. */
export function isComplaint(type: string | null | undefined): boolean {
  return COMPLAINTS.has(type);
}
