/** The API's shapes, as far as the console reads them (docs/openapi.json has them all). */
export interface HistoryEntry {
  at: string;
  action: string;
  actor: string;
  note?: string;
  resolution?: string;
  from?: string;
  to?: string;
  [key: string]: unknown;
}

export interface FeedbackItem {
  id: string;
  channel: string;
  text: string;
  language: string | null;
  status: string;
  receivedAt: string;
  anonymous: boolean;
  customer: { id?: string; email?: string; name?: string; phone?: string; segment?: string } | null;
  sentiment: { label: string; scores: Record<string, number>; source: string } | null;
  type: string | null;
  category: string | null;
  priority: string | null;
  deadlines: { firstResponseDue: string; resolutionDue: string | null } | null;
  firstRespondedAt: string | null;
  escalationLevel: number;
  history: HistoryEntry[];
  repeat: { count: number } | null;
  resolution: string | null;
  ratings?: { csat?: number; nps?: number; ces?: number };
  version: number;
  /** From teams and roles (contract §7), when present. */
  team?: string | null;
  assignee?: string | null;
  /** The problem (contract §10) this feedback is linked to, when any. */
  problemId?: string | null;
}

/** A problem: one cause behind many complaints (contract §10). */
export interface Problem {
  id: string;
  title: string;
  description: string | null;
  status: string;
  feedbackIds: string[];
  linked: number;
  fromHotTopic: string | null;
  rootCause: { whys: string[]; cause: string; correctiveAction: string } | null;
  resolution: string | null;
  createdAt: string;
  /** Teams of its linked feedback (leads see their teams' problems). */
  teams?: string[];
  resolvedFeedback?: number;
  resolvedAt?: string | null;
  closedAt?: string | null;
  version?: number;
}

/** One line of `GET /v1/problems` (no history, no feedback ids). */
export type ProblemSummary = Omit<Problem, 'feedbackIds'>;

/** A hot-topic report (contract §10). */
export interface HotTopic {
  id: string;
  kind: 'category' | 'term';
  key: string;
  keys?: string[];
  count: number;
  expected: number;
  windowStart: string;
  windowEnd: string;
  detectedAt: string;
  feedbackIds: string[];
}

export interface FeedbackPage {
  items: FeedbackItem[];
  nextCursor?: string;
}

export interface SnapshotSummary {
  period: string;
  from: string;
  to: string;
}

export interface ParetoEntry {
  category: string;
  count: number;
  share: number;
  cumulativeShare: number;
  vital: boolean;
}

export interface Snapshot {
  period: string;
  from: string;
  to: string;
  timezone: string;
  computedAt: string;
  totals: { feedback: number; complaints: number };
  csat: { average: number | null; responses: number };
  nps: { score: number | null; responses: number };
  complaintRate: number | null;
  slaCompliance: number | null;
  closureRate: number | null;
  byChannel: Record<string, { feedback: number; complaints: number; csatAverage: number | null }>;
  pareto: ParetoEntry[];
  topCategories: ParetoEntry[];
  /** Per team (contract §7); absent in snapshots computed before teams existed. */
  byTeam?: Record<string, TeamFigures>;
}

export interface TeamFigures {
  feedback: number;
  complaints: number;
  slaCompliance: number | null;
  closureRate: number | null;
  firstResponseMedianHours: number | null;
  csat: { average: number | null; responses: number };
}
