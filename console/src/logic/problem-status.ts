/** A problem's actions (contract §10), in the order the problem page offers them. */
export const PROBLEM_ACTIONS = ['link', 'analyse', 'resolve', 'close'] as const;
export type ProblemActionName = (typeof PROBLEM_ACTIONS)[number];

/**
 * Which problem statuses each action may start from: the same table as the API's
 * (shared/domain/problems.ts PROBLEM_ALLOWED_FROM; a unit test keeps the two equal).
 */
export const PROBLEM_ALLOWED_FROM: Record<ProblemActionName, readonly string[]> = {
  link: ['open', 'analysed'],
  analyse: ['open', 'analysed'],
  resolve: ['open', 'analysed', 'resolving'],
  close: ['open', 'analysed', 'resolved'],
};

/** Whether a problem in `status` allows `action`. */
export function problemAllows(status: string, action: ProblemActionName): boolean {
  return PROBLEM_ALLOWED_FROM[action].includes(status);
}

/**
 * Whether a hot topic is still active at `now`: its report's window reaches into the current
 * window (detected less than one window length ago).
 */
export function isActiveHotTopic(topic: { windowStart: string; windowEnd: string }, now: number): boolean {
  const end = Date.parse(topic.windowEnd);
  const length = end - Date.parse(topic.windowStart);
  return now < end + length;
}
