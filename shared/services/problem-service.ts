import type { StackConfig } from '../config/stack-config.ts';
import { BusinessCalendar } from '../domain/calendar.ts';
import { DomainError, NotFoundError } from '../domain/errors.ts';
import { newFeedbackId } from '../domain/ids.ts';
import {
  assertProblemAllows,
  newProblem,
  type Problem,
  type ProblemAction,
  type ProblemCreate,
  problemTeamsWith,
  RESOLVABLE_FEEDBACK,
} from '../domain/problems.ts';
import { applyAction } from '../domain/workflow.ts';
import type { FeedbackRepository } from '../ports/feedback-repository.ts';
import type { HotTopicRepository } from '../ports/hot-topic-repository.ts';
import type { ProblemRepository } from '../ports/problem-repository.ts';
import type { FeedbackRecord } from '../schemas/feedback-record.ts';

export interface ProblemServiceDependencies {
  problems: ProblemRepository;
  feedback: FeedbackRepository;
  hotTopics: Pick<HotTopicRepository, 'getReport'>;
  config: StackConfig;
  now?: () => Date;
}

/** The caller's record-level access check (contract §7): throws when they may not use the feedback. */
export type FeedbackAccess = (record: FeedbackRecord) => void;

/** Feedback resolved side by side per batch: bounded work per step, and a retry resumes at the first unresolved one. */
export const RESOLVE_BATCH_SIZE = 25;
const SAVE_ATTEMPTS = 5;

/**
 * Problems (contract §10): one cause behind many complaints. Linking marks each feedback with
 * `problemId` (a feedback belongs to at most one problem); resolving resolves every linked
 * feedback still open, each with its own history entry, and the notify stream function sends
 * each its closure notice once, as for any resolution.
 */
export class ProblemService {
  readonly #deps: ProblemServiceDependencies;
  readonly #calendar: BusinessCalendar;

  constructor(deps: ProblemServiceDependencies) {
    this.#deps = deps;
    this.#calendar = new BusinessCalendar(deps.config.calendar);
  }

  #now(): Date {
    return this.#deps.now?.() ?? new Date();
  }

  /**
   * Opens a problem. `mayUse` is asked for every feedback to link (it throws for another
   * team's feedback when the caller is limited to their own, answered as `404`).
   * `creatorTeams` are the problem's teams when it links no feedback (a lead's own teams), so
   * the lead who opened it still sees it.
   */
  async create(
    input: ProblemCreate,
    actor: string,
    mayUse?: FeedbackAccess,
    creatorTeams: readonly string[] = [],
  ): Promise<Problem> {
    const ids = new Set(input.feedbackIds ?? []);
    if (input.fromHotTopic) {
      const topic = await this.#deps.hotTopics.getReport(input.fromHotTopic);
      if (!topic) throw new NotFoundError('hot topic');
      for (const id of topic.feedbackIds) ids.add(id);
    }
    // Everything is checked before anything is written: a refused request changes nothing.
    const records = await this.#readLinkable([...ids], undefined, mayUse);
    const now = this.#now();
    const teams = records.some((record) => record.team) ? [] : creatorTeams;
    const problem = newProblem(newFeedbackId(now), input, actor, now, teams);
    await this.#deps.problems.create(problem);
    if (!records.length) return problem;
    return this.#link(problem, records, actor);
  }

  async get(id: string): Promise<Problem> {
    const problem = await this.#deps.problems.get(id);
    if (!problem) throw new NotFoundError('problem');
    return problem;
  }

  /** The newest problems; with `teams`, only those of one of these teams (a lead's list). */
  async list(limit = 100, teams?: readonly string[]): Promise<Problem[]> {
    return this.#deps.problems.list(limit, teams);
  }

  /** Links more feedback; `409` when one belongs to another problem, `404` when one is unknown. */
  async link(
    id: string,
    feedbackIds: readonly string[],
    actor: string,
    mayUse?: FeedbackAccess,
  ): Promise<Problem> {
    const problem = await this.get(id);
    assertProblemAllows(problem, 'link');
    const records = await this.#readLinkable([...new Set(feedbackIds)], id, mayUse);
    return this.#link(problem, records, actor);
  }

  async act(id: string, action: ProblemAction, actor: string): Promise<Problem> {
    const problem = await this.get(id);
    assertProblemAllows(problem, action.action);
    const at = this.#now().toISOString();
    switch (action.action) {
      case 'analyse':
        return this.#save(problem, {
          ...problem,
          status: 'analysed',
          rootCause: action.rootCause,
          history: [...problem.history, { at, action: 'analyse', actor, rootCause: action.rootCause }],
        });
      case 'close':
        return this.#save(problem, {
          ...problem,
          status: 'closed',
          closedAt: at,
          history: [
            ...problem.history,
            {
              at,
              action: 'close',
              actor,
              from: problem.status,
              ...(action.note ? { note: action.note } : {}),
            },
          ],
        });
      case 'resolve':
        return this.#resolve(problem, action.resolution, actor);
    }
  }

  /**
   * Marks the problem `resolving` (so a second resolve is told apart from a retry), resolves
   * its open feedback in batches, then marks it `resolved`. A call cut short leaves it
   * `resolving`; the retried call carries on with the stored resolution, and feedback already
   * resolved are skipped, so none is resolved (or notified) twice.
   */
  async #resolve(problem: Problem, resolution: string, actor: string): Promise<Problem> {
    let current = problem;
    if (current.status !== 'resolving') {
      current = await this.#save(current, {
        ...current,
        status: 'resolving',
        resolution,
        history: [
          ...current.history,
          { at: this.#now().toISOString(), action: 'resolve', actor, resolution },
        ],
      });
    }
    const stored = current.resolution ?? resolution;
    let resolved = 0;
    // Stryker disable next-line EqualityOperator: `<=` adds one pass over an empty batch, which does nothing
    for (let i = 0; i < current.feedbackIds.length; i += RESOLVE_BATCH_SIZE) {
      const batch = current.feedbackIds.slice(i, i + RESOLVE_BATCH_SIZE);
      const results = await Promise.all(batch.map((id) => this.#resolveFeedback(id, current, stored, actor)));
      resolved += results.filter(Boolean).length;
    }
    const at = this.#now().toISOString();
    return this.#save(current, {
      ...current,
      status: 'resolved',
      resolvedAt: at,
      resolvedFeedback: current.resolvedFeedback + resolved,
      history: [...current.history, { at, action: 'resolved', actor, resolvedFeedback: resolved }],
    });
  }

  /** Resolves one linked feedback if it is still open; true when this call resolved it. */
  async #resolveFeedback(id: string, problem: Problem, resolution: string, actor: string): Promise<boolean> {
    for (let attempt = 0; attempt < SAVE_ATTEMPTS; attempt += 1) {
      const record = await this.#deps.feedback.get(id);
      if (!record || record.problemId !== problem.id || !RESOLVABLE_FEEDBACK.has(record.status)) return false;
      const next = applyAction(
        record,
        { action: 'resolve', resolution, actor },
        { policy: this.#deps.config.policy, calendar: this.#calendar, now: this.#now() },
      );
      const entry = next.history[next.history.length - 1];
      // Stryker disable next-line ConditionalExpression: applyAction always appends an entry; the check only narrows the type
      if (entry) next.history = [...next.history.slice(0, -1), { ...entry, problemId: problem.id }];
      if (await this.#deps.feedback.saveChanges(record, next)) return true;
    }
    throw new DomainError('conflict', `Feedback ${id} kept changing while the problem was resolved; retry.`);
  }

  /** Reads feedback to link; refuses unknown ones (404) and ones linked to another problem (409). */
  async #readLinkable(
    ids: readonly string[],
    problemId: string | undefined,
    mayUse: FeedbackAccess | undefined,
  ): Promise<FeedbackRecord[]> {
    const records: FeedbackRecord[] = [];
    // Stryker disable next-line EqualityOperator: `<=` adds one pass over an empty batch, which does nothing
    for (let i = 0; i < ids.length; i += RESOLVE_BATCH_SIZE) {
      records.push(
        ...(await Promise.all(
          ids.slice(i, i + RESOLVE_BATCH_SIZE).map(async (id) => {
            const record = await this.#deps.feedback.get(id);
            if (!record) throw new NotFoundError(`feedback ${id}`);
            mayUse?.(record);
            return record;
          }),
        )),
      );
    }
    const taken = records.filter((record) => record.problemId && record.problemId !== problemId);
    if (taken.length) {
      throw new DomainError(
        'conflict',
        'A feedback belongs to another problem already.',
        taken.map((record) => ({
          path: `feedbackIds.${ids.indexOf(record.id)}`,
          message: `${record.id} belongs to problem ${record.problemId}`,
        })),
      );
    }
    return records;
  }

  async #link(problem: Problem, records: readonly FeedbackRecord[], actor: string): Promise<Problem> {
    const added: string[] = [];
    const addedTeams = records.map((record) => record.team ?? null);
    for (const first of records) {
      let record: FeedbackRecord | undefined = first;
      for (let attempt = 0; ; attempt += 1) {
        if (!record) throw new NotFoundError(`feedback ${first.id}`);
        if (record.problemId === problem.id) break;
        if (record.problemId)
          throw new DomainError('conflict', `${record.id} belongs to problem ${record.problemId}`);
        const at = this.#now().toISOString();
        const next: FeedbackRecord = {
          ...record,
          problemId: problem.id,
          updatedAt: at,
          history: [...record.history, { at, action: 'link_problem', actor, problemId: problem.id }],
        };
        if (await this.#deps.feedback.saveChanges(record, next)) break;
        if (attempt >= SAVE_ATTEMPTS)
          throw new DomainError('conflict', `Feedback ${record.id} kept changing; retry.`);
        record = await this.#deps.feedback.get(first.id);
      }
      added.push(first.id);
    }
    for (let attempt = 0; ; attempt += 1) {
      const ids = [...new Set([...problem.feedbackIds, ...added])];
      const at = this.#now().toISOString();
      const next: Problem = {
        ...problem,
        feedbackIds: ids,
        linked: ids.length,
        teams: problemTeamsWith(problem.teams, addedTeams),
        updatedAt: at,
        version: problem.version + 1,
        history: [...problem.history, { at, action: 'link', actor, feedbackIds: added }],
      };
      if (await this.#deps.problems.save(problem, next)) return next;
      if (attempt >= SAVE_ATTEMPTS) throw new DomainError('conflict', 'The problem kept changing; retry.');
      problem = await this.get(problem.id);
    }
  }

  async #save(previous: Problem, next: Problem): Promise<Problem> {
    const saved = { ...next, updatedAt: this.#now().toISOString(), version: previous.version + 1 };
    if (!(await this.#deps.problems.save(previous, saved)))
      throw new DomainError(
        'conflict',
        'The problem was changed by someone else meanwhile. Reload it and try again.',
      );
    return saved;
  }
}
