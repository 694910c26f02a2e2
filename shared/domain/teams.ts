import { DEFAULT_TEAM_ID } from '../config/team-defaults.ts';
import type { TeamDefinition } from '../config/teams-config.ts';
import type { FeedbackRecord, HistoryEntry } from '../schemas/feedback-record.ts';
import { DomainError } from './errors.ts';

/** Where triage sent a feedback, and why (recorded in the `triaged` history entry). */
export interface TeamRouting {
  team: string;
  /** `category:<id>`, `channel:<channel>`, or `default` (no team matched: the first team). */
  reason: string;
}

/**
 * Contract §7: the first team (in configured order) whose categories or channels match the
 * feedback, else the first team.
 */
export function routeToTeam(
  teams: readonly TeamDefinition[] | undefined,
  feedback: { category: string | null; channel: string },
): TeamRouting {
  for (const team of teams ?? []) {
    // No team has the null category: an uncategorised feedback routes by its channel.
    if ((team.categories as readonly (string | null)[]).includes(feedback.category))
      return { team: team.id, reason: `category:${feedback.category}` };
    if ((team.channels as readonly string[]).includes(feedback.channel))
      return { team: team.id, reason: `channel:${feedback.channel}` };
  }
  return { team: teams?.[0]?.id ?? DEFAULT_TEAM_ID, reason: 'default' };
}

/** The lead addresses of a team; the first team's when the id is unknown (a removed team). */
export function teamLeads(teams: readonly TeamDefinition[], teamId: string | null): string[] {
  const team = teams.find((t) => t.id === teamId) ?? teams[0];
  return team ? [...team.leadEmails] : [];
}

/** An `assign` change, after `me` was resolved to the caller's staff id. */
export interface AssignmentChange {
  team?: string;
  /** A staff id, or null to leave it unassigned. */
  assignee?: string | null;
}

export interface AssignmentContext {
  teams: readonly TeamDefinition[];
  /** The teams a staff id belongs to; undefined for an id nobody has. */
  teamsOfStaff: (staffId: string) => readonly string[] | undefined;
  actor: string;
  now: Date;
}

/**
 * The feedback after an `assign` (contract §7), pure. An unknown team, or an assignee who is not
 * a member of the feedback's team after the move, is a `validation_error` (400). Moving to
 * another team without naming an assignee keeps the assignee only if they belong to the new
 * team. A change that changes nothing answers the record as it was (no history entry).
 */
export function applyAssignment(
  record: FeedbackRecord,
  change: AssignmentChange,
  context: AssignmentContext,
): FeedbackRecord {
  if (record.status === 'received') {
    throw new DomainError('invalid_transition', 'Cannot assign a feedback before triage has routed it.', [
      { path: 'action', message: 'allowed once the feedback is open' },
    ]);
  }
  if (change.team !== undefined && !context.teams.some((t) => t.id === change.team)) {
    throw new DomainError('validation_error', 'The team is not known.', [
      { path: 'team', message: `must be one of: ${context.teams.map((t) => t.id).join(', ')}` },
    ]);
  }
  const team = change.team ?? record.team;
  let assignee: string | null;
  if (change.assignee === undefined) {
    assignee = memberOf(context, record.assignee, team) ? record.assignee : null;
  } else {
    assignee = change.assignee;
    if (assignee !== null && !memberOf(context, assignee, team)) {
      throw new DomainError('validation_error', 'The assignee does not belong to the feedback’s team.', [
        { path: 'assignee', message: `must be a member of team ${team ?? '(none)'}` },
      ]);
    }
  }
  if (team === record.team && assignee === record.assignee) return record;
  const at = context.now.toISOString();
  const entry: HistoryEntry = {
    at,
    action: 'assign',
    actor: context.actor,
    team,
    assignee,
    ...(team !== record.team ? { previousTeam: record.team } : {}),
    ...(assignee !== record.assignee ? { previousAssignee: record.assignee } : {}),
  };
  return { ...record, team, assignee, updatedAt: at, history: [...record.history, entry] };
}

/** Whether a staff id belongs to a team; nobody belongs to no team. */
function memberOf(context: AssignmentContext, staffId: string | null, team: string | null): boolean {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: a guard for the types: no staff id is null and no staff belongs to a null team
  if (staffId === null || team === null) return false;
  return context.teamsOfStaff(staffId)?.includes(team) ?? false;
}

/**
 * The team a feedback belonged to at `asOf`, replayed from its history (the `triaged` entry and
 * later `assign` entries), so a snapshot for a given `asOf` never moves when work is reassigned
 * afterwards. Feedback routed before teams existed counts for `fallback`.
 */
export function teamAsOf(record: FeedbackRecord, asOf: string, fallback: string): string {
  let team: string | null = null;
  for (const entry of record.history) {
    if (entry.at > asOf) break;
    if ((entry.action === 'triaged' || entry.action === 'assign') && typeof entry.team === 'string') {
      team = entry.team;
    }
  }
  return team ?? record.team ?? fallback;
}
