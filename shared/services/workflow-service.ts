import type { StackConfig } from '../config/stack-config.ts';
import { teamsOf } from '../config/team-defaults.ts';
import { BusinessCalendar } from '../domain/calendar.ts';
import { DomainError, NotFoundError } from '../domain/errors.ts';
import { feedbackIdFromToken, tokensMatch } from '../domain/ids.ts';
import { type AssignmentChange, applyAssignment } from '../domain/teams.ts';
import { type ActionRequest, answerSurvey, applyAction, type SurveyAnswer } from '../domain/workflow.ts';
import type { FeedbackRepository } from '../ports/feedback-repository.ts';
import type { StaffDirectory } from '../ports/staff-directory.ts';
import type { FeedbackRecord } from '../schemas/feedback-record.ts';

export interface WorkflowServiceDependencies {
  repository: FeedbackRepository;
  config: StackConfig;
  /** Who belongs to which team (for `assign`); nobody when absent. */
  directory?: StaffDirectory;
  now?: () => Date;
}

/**
 * The caller's rights, from the access policy: checked on the feedback as read, before anything
 * changes (another team's feedback → 404, an assignment the role may not make → 403).
 */
export interface CallerRights {
  /** The caller's staff id (what `assignee: "me"` means). */
  id: string;
  mayAct(record: FeedbackRecord): void;
  mayAssign(record: FeedbackRecord, change: AssignmentChange): void;
}

const CONFLICT_MESSAGE = 'The feedback was changed by someone else meanwhile. Reload it and try again.';

/**
 * Staff actions and survey answers: read the feedback, apply the pure transition, write the
 * change under the version read. A concurrent change answers `conflict` (409), never a lost write.
 */
export class WorkflowService {
  readonly #deps: WorkflowServiceDependencies;
  readonly #calendar: BusinessCalendar;

  constructor(deps: WorkflowServiceDependencies) {
    this.#deps = deps;
    this.#calendar = new BusinessCalendar(deps.config.calendar);
  }

  #context() {
    return {
      policy: this.#deps.config.policy,
      calendar: this.#calendar,
      now: this.#deps.now?.() ?? new Date(),
    };
  }

  /** Applies a staff action; `staff` is the authenticated identity (`staff:<who>`). */
  async act(
    id: string,
    request: ActionRequest,
    staff: string,
    caller?: CallerRights,
  ): Promise<FeedbackRecord> {
    // One Query of the item collection: the record and its history, which the answer carries.
    const record = await this.#deps.repository.getWithHistory(id);
    if (!record) throw new NotFoundError();
    caller?.mayAct(record);
    if (request.version !== undefined && request.version !== record.version) {
      throw new DomainError(
        'conflict',
        `The feedback is at version ${record.version}, not ${request.version}. Reload it.`,
      );
    }
    if (request.action === 'assign') return this.#assign(record, request, staff, caller);
    const next = applyAction(
      record,
      {
        action: request.action,
        ...(request.note ? { note: request.note } : {}),
        ...(request.resolution ? { resolution: request.resolution } : {}),
        actor: staff,
        ...(request.actor ? { claimedActor: request.actor } : {}),
      },
      this.#context(),
    );
    if (!(await this.#deps.repository.saveChanges(record, next)))
      throw new DomainError('conflict', CONFLICT_MESSAGE);
    return { ...next, version: record.version + 1 };
  }

  async #assign(
    record: FeedbackRecord,
    request: ActionRequest,
    actor: string,
    caller: CallerRights | undefined,
  ): Promise<FeedbackRecord> {
    const change: AssignmentChange = {
      ...(request.team !== undefined ? { team: request.team } : {}),
      ...(request.assignee !== undefined
        ? { assignee: request.assignee === 'me' && caller ? caller.id : request.assignee }
        : {}),
    };
    const teams = teamsOf(this.#deps.config);
    if (change.team !== undefined && !teams.some((t) => t.id === change.team)) {
      throw new DomainError('validation_error', 'The team is not known.', [
        { path: 'team', message: `must be one of: ${teams.map((t) => t.id).join(', ')}` },
      ]);
    }
    caller?.mayAssign(record, change);
    const people = [change.assignee, record.assignee].filter((p): p is string => typeof p === 'string');
    const memberships = new Map<string, readonly string[] | undefined>();
    for (const person of new Set(people))
      memberships.set(person, await this.#deps.directory?.teamsOf(person));
    const next = applyAssignment(record, change, {
      teams,
      teamsOfStaff: (staffId) => memberships.get(staffId),
      actor,
      now: this.#context().now,
    });
    if (next === record) return record;
    if (!(await this.#deps.repository.saveChanges(record, next)))
      throw new DomainError('conflict', CONFLICT_MESSAGE);
    return { ...next, version: record.version + 1 };
  }

  /** The feedback behind a survey token, or `not_found` (malformed, unknown or superseded). */
  async surveyFor(token: string): Promise<FeedbackRecord> {
    const id = feedbackIdFromToken(token);
    const record = id ? await this.#deps.repository.get(id) : undefined;
    if (!record?.survey || !tokensMatch(token, record.survey.token)) throw new NotFoundError('survey');
    return record;
  }

  /** Records the customer's answer (once); an answer of 1 or 2 reopens the feedback. */
  async answer(token: string, answer: SurveyAnswer): Promise<FeedbackRecord> {
    const record = await this.surveyFor(token);
    const next = answerSurvey(record, answer, this.#context());
    if (!(await this.#deps.repository.saveChanges(record, next))) {
      throw new DomainError('conflict', 'This survey was just answered. Thank you!');
    }
    return next;
  }
}
