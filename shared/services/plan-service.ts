import type { StackConfig } from '../config/stack-config.ts';
import { teamsOf } from '../config/team-defaults.ts';
import { DomainError, NotFoundError } from '../domain/errors.ts';
import { newFeedbackId } from '../domain/ids.ts';
import { formatPeriod, periodEndedBefore } from '../domain/period.ts';
import {
  applyPlanAction,
  type Board,
  compareQuarters,
  evaluatePlan,
  MAX_PLANS_LISTED,
  metricInScope,
  newPlan,
  type Plan,
  type PlanAction,
  type PlanCreate,
  type PlanScope,
  recordEvaluation,
  resolvedComplaints,
  scopeKey,
  toBoardPlan,
} from '../domain/plans.ts';
import { routeToTeam } from '../domain/teams.ts';
import type { Locale } from '../domain/text.ts';
import { renderEmail } from '../email/render-email.ts';
import type { Mailer } from '../ports/mailer.ts';
import type { PlanRepository } from '../ports/plan-repository.ts';
import type { ProblemRepository } from '../ports/problem-repository.ts';
import type { EvaluatedPlanLine, SnapshotComputedListener } from '../ports/snapshot-listener.ts';
import type { SnapshotRepository } from '../ports/snapshot-repository.ts';
import { CHANNELS } from '../schemas/common.ts';
import type { Snapshot } from '../schemas/snapshot.ts';

export interface PlanServiceDependencies {
  plans: PlanRepository;
  problems: Pick<ProblemRepository, 'get'>;
  snapshots: Pick<SnapshotRepository, 'get' | 'list'>;
  mailer: Mailer;
  config: StackConfig;
  publicBaseUrl: string;
  now?: () => Date;
}

/** One point of a plan's metric across the stored snapshots. */
export interface TrendPoint {
  period: string;
  value: number | null;
}

const SAVE_ATTEMPTS = 5;

/** `category: safety`, `team: service-desk`, `channel: web`, or `''` for the whole quarter. */
export function scopeLabel(scope: PlanScope): string {
  return Object.entries(scope)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}: ${value}`)
    .join(', ');
}

/**
 * Improvement plans (contract §8): create, read, list, move through the PDCA stages; checked
 * automatically by the target quarter's snapshot ({@link SnapshotComputedListener}); the owner
 * reminded once when the target quarter ends unstarted; the public board.
 */
export class PlanService implements SnapshotComputedListener {
  readonly #deps: PlanServiceDependencies;

  constructor(deps: PlanServiceDependencies) {
    this.#deps = deps;
  }

  #now(): Date {
    return this.#deps.now?.() ?? new Date();
  }

  /** Checks what the schema cannot (known scope, later target, existing problem); then stores. */
  async create(
    input: PlanCreate,
    actor: string,
    mayCreateFor?: (team: string | null) => void,
  ): Promise<Plan> {
    const team = this.#teamOf(input.scope);
    if (compareQuarters(input.targetPeriod, input.baselinePeriod) <= 0) {
      throw new DomainError('validation_error', 'The target period must come after the baseline period.', [
        { path: 'targetPeriod', message: `must come after ${input.baselinePeriod}` },
      ]);
    }
    mayCreateFor?.(team);
    if (input.problemId && !(await this.#deps.problems.get(input.problemId)))
      throw new NotFoundError('problem');
    const now = this.#now();
    const plan = newPlan(newFeedbackId(now), input, team, actor, now);
    await this.#deps.plans.create(plan);
    return plan;
  }

  /** The team whose leads own a scope; `400` for a scope the configuration does not know. */
  #teamOf(scope: PlanScope): string | null {
    scopeKey(scope);
    const teams = teamsOf(this.#deps.config);
    const unknown = (path: string, value: string) =>
      new DomainError('validation_error', `Unknown ${path.split('.')[1]} ${value}.`, [
        { path, message: 'not configured' },
      ]);
    if (scope.category !== undefined) {
      if (!this.#deps.config.policy.taxonomy.some((c) => c.id === scope.category))
        throw unknown('scope.category', scope.category);
      // Stryker disable next-line StringLiteral: no configured team takes a channel named '' or any other non-channel
      return routeToTeam(teams, { category: scope.category, channel: '' }).team;
    }
    if (scope.team !== undefined) {
      if (!teams.some((t) => t.id === scope.team)) throw unknown('scope.team', scope.team);
      return scope.team;
    }
    if (scope.channel !== undefined) {
      if (!(CHANNELS as readonly string[]).includes(scope.channel))
        throw unknown('scope.channel', scope.channel);
      return routeToTeam(teams, { category: null, channel: scope.channel }).team;
    }
    return null;
  }

  async get(id: string): Promise<Plan> {
    const plan = await this.#deps.plans.get(id);
    if (!plan) throw new NotFoundError('plan');
    return plan;
  }

  /** Plans, newest first; only those of `teams` when given (a lead's). */
  async list(teams?: readonly string[]): Promise<Plan[]> {
    return this.#deps.plans.list(MAX_PLANS_LISTED, teams);
  }

  /** The plan's metric in its scope in every stored snapshot, oldest first (the console's chart). */
  async trend(plan: Plan): Promise<TrendPoint[]> {
    const snapshots = await this.#deps.snapshots.list();
    return snapshots.map((snapshot) => ({
      period: snapshot.period,
      value: metricInScope(snapshot, plan.scope, plan.metric),
    }));
  }

  /** A staff action; `409` for a move the stage does not allow, or when someone saved first. */
  async act(id: string, action: PlanAction, actor: string): Promise<Plan> {
    const plan = await this.get(id);
    const next = applyPlanAction(plan, action, actor, this.#now());
    return this.#save(plan, next);
  }

  async #save(previous: Plan, next: Plan): Promise<Plan> {
    const saved = { ...next, updatedAt: this.#now().toISOString(), version: previous.version + 1 };
    if (!(await this.#deps.plans.save(previous, saved)))
      throw new DomainError(
        'conflict',
        'The plan was changed by someone else meanwhile. Reload it and try again.',
      );
    return saved;
  }

  /**
   * Check: every plan targeting the snapshot's quarter is evaluated from the two quarters'
   * figures in its scope. A plan in `do` moves to `check`; a plan checked before records a
   * `re_evaluate` entry only when the figures changed. Unstarted and closed plans are left alone.
   */
  async snapshotComputed(snapshot: Snapshot): Promise<EvaluatedPlanLine[]> {
    const plans = await this.#deps.plans.targeting(snapshot.period);
    const baselines = new Map<string, Promise<Snapshot | undefined>>();
    const baselineOf = (period: string) => {
      let found = baselines.get(period);
      if (!found) {
        found = this.#deps.snapshots.get(period);
        baselines.set(period, found);
      }
      return found;
    };
    const lines: EvaluatedPlanLine[] = [];
    for (const first of plans) {
      let plan: Plan | undefined = first;
      for (let attempt = 0; plan && attempt < SAVE_ATTEMPTS; attempt += 1) {
        if (plan.targetPeriod !== snapshot.period || plan.stage === 'plan' || plan.stage === 'closed') break;
        const evaluation = evaluatePlan(plan, snapshot, await baselineOf(plan.baselinePeriod), this.#now());
        const next = recordEvaluation(plan, evaluation);
        if (!next) {
          // Nothing changed: the stored evaluation has these very figures.
          lines.push(lineOf(plan, evaluation));
          break;
        }
        const saved = { ...next, updatedAt: this.#now().toISOString(), version: plan.version + 1 };
        if (await this.#deps.plans.save(plan, saved)) {
          lines.push(lineOf(saved, evaluation));
          break;
        }
        plan = await this.#deps.plans.get(first.id);
      }
    }
    return lines;
  }

  /**
   * The owner's reminder (contract §8 / issue 13): once per plan, when its target quarter
   * ended while it was still in `plan`. The plan itself is the claim: `reminderSentAt` is saved
   * (versioned) before the email goes out and cleared again if sending fails.
   */
  async remindUnstarted(period: string): Promise<{ reminded: number }> {
    const plans = await this.#deps.plans.targeting(period);
    let reminded = 0;
    for (const plan of plans) {
      if (plan.stage !== 'plan' || plan.reminderSentAt) continue;
      const at = this.#now().toISOString();
      const claimed: Plan = {
        ...plan,
        reminderSentAt: at,
        updatedAt: at,
        version: plan.version + 1,
        history: [...plan.history, { at, action: 'remind_owner', actor: 'system', targetPeriod: period }],
      };
      if (!(await this.#deps.plans.save(plan, claimed))) continue;
      try {
        const locale: Locale = this.#deps.config.staffLanguage;
        const content = await renderEmail('plan-reminder', locale, {
          title: plan.title,
          targetPeriod: period,
          metric: plan.metric,
          scope: scopeLabel(plan.scope),
          planUrl: `${(this.#deps.config.consoleUrl ?? `${this.#deps.publicBaseUrl}/console`).replace(/\/+$/, '')}/plans/${encodeURIComponent(plan.id)}`,
        });
        await this.#deps.mailer.send({ to: [plan.owner], ...content, tags: { kind: 'plan-reminder' } });
        reminded += 1;
      } catch (error) {
        await this.#deps.plans.save(claimed, { ...plan, version: claimed.version + 1 });
        throw error;
      }
    }
    return { reminded };
  }

  /**
   * The public board (contract §8): public plans without owner, problem text or history; and
   * per category the complaints of the previous calendar quarter resolved by its snapshot.
   */
  async board(): Promise<Board> {
    const period = formatPeriod(periodEndedBefore(this.#now(), this.#deps.config.calendar.timezone));
    const [plans, snapshot] = await Promise.all([
      this.#deps.plans.list(MAX_PLANS_LISTED),
      this.#deps.snapshots.get(period),
    ]);
    const labels = new Map(this.#deps.config.policy.taxonomy.map((c) => [c.id, c.label]));
    return {
      plans: plans.filter((plan) => plan.public).map(toBoardPlan),
      resolved: {
        period,
        available: snapshot !== undefined,
        byCategory: Object.entries(snapshot?.byCategory ?? {})
          .filter(([, slice]) => slice.complaints > 0)
          .map(([category, slice]) => ({
            category,
            label: labels.get(category)?.en ?? category,
            complaints: slice.complaints,
            resolved: resolvedComplaints(slice),
          }))
          .sort((a, b) => b.resolved - a.resolved || a.category.localeCompare(b.category)),
      },
    };
  }

  /** Category labels in every language, for the board page. */
  categoryLabels(): Map<string, Record<Locale, string>> {
    return new Map(this.#deps.config.policy.taxonomy.map((c) => [c.id, c.label]));
  }
}

function lineOf(plan: Plan, evaluation: NonNullable<Plan['evaluation']>): EvaluatedPlanLine {
  return {
    id: plan.id,
    title: plan.title,
    metric: plan.metric,
    scope: scopeLabel(plan.scope),
    baseline: evaluation.baseline,
    actual: evaluation.actual,
    goal: evaluation.goal,
    met: evaluation.met,
    change: evaluation.change,
  };
}
