import { channelSchema, isoInstantSchema } from '../schemas/common.ts';
import { feedbackIdSchema as ulidSchema } from '../schemas/params.ts';
import type { Snapshot } from '../schemas/snapshot.ts';
import * as z from '../schemas/zod.ts';
import { DomainError } from './errors.ts';
import { formatPeriod, parsePeriod } from './period.ts';

const nonBlank = (max: number) =>
  z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(max));
const quarterSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.string().check(z.maxLength(7), z.regex(/^\d{4}-Q[1-4]$/, 'must be a quarter such as 2026-Q3')),
);

/** The figures a plan may aim at (contract §8), each read from a snapshot or one of its slices. */
export const PLAN_METRICS = [
  'complaints',
  'complaintRate',
  'csat',
  'nps',
  'slaCompliance',
  'closureRate',
] as const;
export const planMetricSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(z.enum(PLAN_METRICS), { id: 'PlanMetric' }),
);
export type PlanMetric = z.infer<typeof planMetricSchema>;

export const PLAN_STAGES = ['plan', 'do', 'check', 'act', 'closed'] as const;
export const planStageSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(z.enum(PLAN_STAGES), { id: 'PlanStage' }),
);
export type PlanStage = z.infer<typeof planStageSchema>;

export const planScopeSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.strictObject({
      category: z.optional(z.string().check(z.maxLength(64), z.regex(/^[a-z0-9_-]{1,64}$/))),
      team: z.optional(z.string().check(z.maxLength(40), z.regex(/^[a-z0-9_-]{1,40}$/))),
      channel: z.optional(channelSchema),
    }),
    {
      id: 'PlanScope',
      description:
        'At most one of category, team or channel (the snapshot has one slice per key); none means the whole quarter',
    },
  ),
);
export type PlanScope = z.infer<typeof planScopeSchema>;

export const planGoalSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.strictObject({
      direction: z.enum(['decrease', 'increase']),
      by: z.withDescription(
        z.number().check(z.gt(0, 'must be more than 0'), z.lte(10, 'must be at most 10')),
        'Relative change aimed at, e.g. 0.3 = 30 % of the baseline',
      ),
    }),
    { id: 'PlanGoal' },
  ),
);
export type PlanGoal = z.infer<typeof planGoalSchema>;

/** `POST /v1/plans` (contract §8). */
export const planCreateSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.strictObject({
      title: nonBlank(200),
      problem: z.withDescription(nonBlank(2000), 'What the quarter’s review found'),
      owner: z.withDescription(
        z.email().check(z.maxLength(254)),
        'The owner’s email address (never shown on the public board)',
      ),
      scope: z._default(planScopeSchema, {}),
      metric: planMetricSchema,
      baselinePeriod: quarterSchema,
      targetPeriod: quarterSchema,
      goal: planGoalSchema,
      measures: z.array(nonBlank(500)).check(z.minLength(1), z.maxLength(20)),
      public: z.optional(z.boolean()),
      problemId: z.optional(ulidSchema),
    }),
    { id: 'PlanCreate' },
  ),
);
export type PlanCreate = z.infer<typeof planCreateSchema>;

/** `POST /v1/plans/{id}/actions`. `revise` may name the next target and a new goal or measures. */
export const planActionSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.strictObject({
      action: z.enum(['start', 'adopt', 'revise', 'close']),
      note: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
      targetPeriod: z.withDescription(
        z.optional(quarterSchema),
        'revise only: the quarter the revised plan is checked by (default: the one after the target)',
      ),
      goal: z.withDescription(z.optional(planGoalSchema), 'revise only: a new goal'),
      measures: z.withDescription(
        z.optional(z.array(nonBlank(500)).check(z.minLength(1), z.maxLength(20))),
        'revise only: new measures',
      ),
    }),
    { id: 'PlanAction' },
  ),
);
export type PlanAction = z.infer<typeof planActionSchema>;

export const planEvaluationSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.object({
      period: z.withDescription(quarterSchema, 'The target quarter whose snapshot was read'),
      baselinePeriod: quarterSchema,
      baseline: z.withDescription(
        z.nullable(z.number()),
        'The metric in scope in the baseline quarter; null without its snapshot',
      ),
      actual: z.withDescription(z.nullable(z.number()), 'The metric in scope in the target quarter'),
      goal: z.withDescription(
        z.nullable(z.number()),
        'The value the goal asks for: baseline ± by × |baseline|',
      ),
      met: z.withDescription(
        z.nullable(z.boolean()),
        'null when the baseline or the actual figure is missing',
      ),
      change: z.withDescription(
        z.nullable(z.number()),
        '(actual − baseline) ÷ |baseline|: the relative change reached (null when not defined)',
      ),
      snapshotAsOf: isoInstantSchema,
      evaluatedAt: isoInstantSchema,
    }),
    { id: 'PlanEvaluation' },
  ),
);
export type PlanEvaluation = z.infer<typeof planEvaluationSchema>;

export const planSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.object({
      id: ulidSchema,
      title: z.string().check(z.maxLength(200)),
      problem: z.string().check(z.maxLength(2000)),
      owner: z.string().check(z.maxLength(254)),
      scope: planScopeSchema,
      team: z.withDescription(
        z.nullable(z.string().check(z.maxLength(40))),
        'The team whose leads see the plan: the scope’s team, or the team its category or channel routes to',
      ),
      metric: planMetricSchema,
      baselinePeriod: quarterSchema,
      targetPeriod: quarterSchema,
      goal: planGoalSchema,
      measures: z.array(z.string().check(z.maxLength(500))).check(z.maxLength(20)),
      public: z.boolean(),
      problemId: z.nullable(ulidSchema),
      stage: planStageSchema,
      decision: z.withDescription(z.nullable(z.enum(['adopt', 'revise'])), 'The Act decision, once taken'),
      evaluation: z.nullable(planEvaluationSchema),
      reminderSentAt: z.nullable(isoInstantSchema),
      createdAt: isoInstantSchema,
      updatedAt: isoInstantSchema,
      history: z
        .array(
          z.looseObject({
            at: isoInstantSchema,
            action: z.string().check(z.regex(/^[a-z_]{1,40}$/), z.maxLength(40)),
            actor: z.string().check(z.maxLength(512)),
          }),
        )
        .check(z.maxLength(500)),
      version: z.int().check(z.gte(1)),
    }),
    { id: 'Plan' },
  ),
);
export type Plan = z.infer<typeof planSchema>;

/** Most plans `GET /v1/plans` lists (the newest). */
export const MAX_PLANS_LISTED = 200;

export const planListSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.object({
      items: z.withDescription(
        z.array(z.omit(planSchema, { history: true })).check(z.maxLength(MAX_PLANS_LISTED)),
        `The newest ${MAX_PLANS_LISTED} the caller may see`,
      ),
    }),
    { id: 'PlanList' },
  ),
);

export const planCreatedSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(z.object({ id: ulidSchema, stage: z.literal('plan') }), {
    id: 'PlanCreated',
  }),
);

/**
 * The stage machine (contract §8): which stage each action may start from and where it leads.
 * `revise` lands in `act` like `adopt` (the Act decision) and moves the target to a later
 * quarter; from a revised `act`, `start` opens the next Do with the revised goal, and the
 * next target quarter's snapshot checks it again. `close` ends a plan after either decision.
 */
export const PLAN_TRANSITIONS: Readonly<
  Record<PlanAction['action'], { from: readonly PlanStage[]; to: PlanStage }>
> = {
  start: { from: ['plan', 'act'], to: 'do' },
  adopt: { from: ['check'], to: 'act' },
  revise: { from: ['check'], to: 'act' },
  close: { from: ['act'], to: 'closed' },
};

/** Refuses an action the plan's stage does not allow (`409`). */
export function assertPlanAllows(plan: Pick<Plan, 'stage' | 'decision'>, action: PlanAction['action']): void {
  const rule = PLAN_TRANSITIONS[action];
  const revisedAct = action !== 'start' || plan.stage !== 'act' || plan.decision === 'revise';
  if (!rule.from.includes(plan.stage) || !revisedAct) {
    throw new DomainError('invalid_transition', `Cannot ${action} a plan in stage ${plan.stage}.`, [
      {
        path: 'action',
        message:
          action === 'start' && plan.stage === 'act'
            ? 'only a revised plan starts again'
            : `allowed from: ${rule.from.join(', ')}`,
      },
    ]);
  }
}

/** The quarter after `period`. */
export function nextQuarter(period: string): string {
  const { year, quarter } = parsePeriod(period);
  return formatPeriod(
    quarter === 4 ? { year: year + 1, quarter: 1 } : { year, quarter: (quarter + 1) as 2 | 3 | 4 },
  );
}

/** Orders two quarters (`2026-Q3` < `2027-Q1`); both already validated. */
export function compareQuarters(a: string, b: string): number {
  const pa = parsePeriod(a);
  const pb = parsePeriod(b);
  return pa.year * 4 + pa.quarter - (pb.year * 4 + pb.quarter);
}

/** The scope key a plan is evaluated by; `400` when it names more than one. */
export function scopeKey(
  scope: PlanScope,
): { slice: 'byCategory' | 'byTeam' | 'byChannel'; key: string } | null {
  const named = (
    [
      ['byCategory', scope.category],
      ['byTeam', scope.team],
      ['byChannel', scope.channel],
    ] as const
  ).filter(([, value]) => value !== undefined);
  if (named.length > 1) {
    throw new DomainError(
      'validation_error',
      'A plan’s scope names one of category, team or channel: each snapshot slice is one of them.',
      [{ path: 'scope', message: 'name at most one of category, team, channel' }],
    );
  }
  const [first] = named;
  return first ? { slice: first[0], key: first[1] as string } : null;
}

type Slice = Snapshot['byChannel'][string];

function fromSlice(slice: Slice | undefined, metric: PlanMetric): number | null {
  // No slice: nothing in that scope was received that quarter.
  if (!slice) return metric === 'complaints' ? 0 : null;
  if (!('slaCompliance' in slice)) {
    // A channel slice of a snapshot computed before v3 kept three figures only.
    if (metric === 'complaints') return slice.complaints;
    if (metric === 'complaintRate') return slice.feedback ? slice.complaints / slice.feedback : null;
    if (metric === 'csat') return slice.csatAverage;
    return null;
  }
  switch (metric) {
    case 'complaints':
      return slice.complaints;
    case 'complaintRate':
      return slice.complaintRate;
    case 'csat':
      return slice.csat.average;
    case 'nps':
      return slice.nps.score;
    case 'slaCompliance':
      return slice.slaCompliance;
    case 'closureRate':
      return slice.closureRate;
  }
}

/** A metric in a scope, read from one snapshot exactly (no second read of the table). */
export function metricInScope(snapshot: Snapshot, scope: PlanScope, metric: PlanMetric): number | null {
  const key = scopeKey(scope);
  if (key) return fromSlice(snapshot[key.slice][key.key], metric);
  switch (metric) {
    case 'complaints':
      return snapshot.totals.complaints;
    case 'complaintRate':
      return snapshot.complaintRate;
    case 'csat':
      return snapshot.csat.average;
    case 'nps':
      return snapshot.nps.score;
    case 'slaCompliance':
      return snapshot.slaCompliance;
    case 'closureRate':
      return snapshot.closureRate;
  }
}

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

/**
 * Check (contract §8): the plan's metric in its scope in the baseline and the target quarter,
 * the value the goal asks for (baseline ± by × |baseline|, so a negative NPS improves upwards
 * too) and whether it was reached. A goal is met only with real movement in its direction:
 * from a baseline of 0 a decrease can never be met, and an increase is met by anything above 0.
 */
export function evaluatePlan(
  plan: Pick<Plan, 'scope' | 'metric' | 'goal' | 'baselinePeriod' | 'targetPeriod'>,
  target: Snapshot,
  baseline: Snapshot | undefined,
  now: Date,
): PlanEvaluation {
  const actualValue = metricInScope(target, plan.scope, plan.metric);
  const baselineValue = baseline ? metricInScope(baseline, plan.scope, plan.metric) : null;
  const sign = plan.goal.direction === 'increase' ? 1 : -1;
  const goal =
    baselineValue === null ? null : round4(baselineValue + sign * plan.goal.by * Math.abs(baselineValue));
  let met: boolean | null = null;
  // Stryker disable next-line ConditionalExpression: `goal !== null` → true and `baselineValue !== null` → true are equivalent (the goal is null exactly when the baseline is); the line’s other conditional mutants are killed by plans-survivors and plans-mutants
  if (goal !== null && actualValue !== null && baselineValue !== null) {
    met =
      plan.goal.direction === 'increase'
        ? actualValue >= goal && actualValue > baselineValue
        : actualValue <= goal && actualValue < baselineValue;
  }
  const change =
    baselineValue === null || actualValue === null || baselineValue === 0
      ? null
      : round4((actualValue - baselineValue) / Math.abs(baselineValue));
  return {
    period: plan.targetPeriod,
    baselinePeriod: plan.baselinePeriod,
    baseline: baselineValue === null ? null : round4(baselineValue),
    actual: actualValue === null ? null : round4(actualValue),
    goal,
    met,
    change,
    snapshotAsOf: target.asOf,
    evaluatedAt: now.toISOString(),
  };
}

/** The figures of two evaluations, without when they were made: equal means nothing changed. */
export function sameEvaluation(a: PlanEvaluation | null, b: PlanEvaluation | null): boolean {
  if (!a || !b) return a === b;
  return (
    a.period === b.period &&
    a.baselinePeriod === b.baselinePeriod &&
    a.baseline === b.baseline &&
    a.actual === b.actual &&
    a.goal === b.goal &&
    a.met === b.met &&
    a.change === b.change
  );
}

/** A new plan in stage `plan`. */
export function newPlan(id: string, input: PlanCreate, team: string | null, actor: string, now: Date): Plan {
  const at = now.toISOString();
  return {
    id,
    title: input.title,
    problem: input.problem,
    owner: input.owner,
    scope: input.scope,
    team,
    metric: input.metric,
    baselinePeriod: input.baselinePeriod,
    targetPeriod: input.targetPeriod,
    goal: input.goal,
    measures: input.measures,
    public: input.public ?? false,
    problemId: input.problemId ?? null,
    stage: 'plan',
    decision: null,
    evaluation: null,
    reminderSentAt: null,
    createdAt: at,
    updatedAt: at,
    history: [{ at, action: 'created', actor }],
    version: 1,
  };
}

/**
 * Applies a staff action to a plan (the caller checked it with {@link assertPlanAllows} and
 * saves the result with its version). Every change is one history entry.
 */
export function applyPlanAction(plan: Plan, action: PlanAction, actor: string, now: Date): Plan {
  assertPlanAllows(plan, action.action);
  const at = now.toISOString();
  const rule = PLAN_TRANSITIONS[action.action];
  const note = action.note ? { note: action.note } : {};
  if (action.action !== 'revise' && (action.targetPeriod || action.goal || action.measures)) {
    throw new DomainError('validation_error', 'targetPeriod, goal and measures go with revise only.', [
      { path: 'action', message: 'only revise changes the target, goal or measures' },
    ]);
  }
  const next: Plan = {
    ...plan,
    stage: rule.to,
    history: [...plan.history, { at, action: action.action, actor, from: plan.stage, to: rule.to, ...note }],
  };
  if (action.action === 'adopt') next.decision = 'adopt';
  // Stryker disable next-line ConditionalExpression: `plan.stage === 'act'` → true is equivalent: a plan is in stage plan only before its first start (no action leads back to it), so its decision is still null
  if (action.action === 'start' && plan.stage === 'act') next.decision = null;
  if (action.action === 'revise') {
    const targetPeriod = action.targetPeriod ?? nextQuarter(plan.targetPeriod);
    if (compareQuarters(targetPeriod, plan.targetPeriod) <= 0) {
      throw new DomainError('validation_error', 'A revised plan is checked by a later quarter.', [
        { path: 'targetPeriod', message: `must come after ${plan.targetPeriod}` },
      ]);
    }
    next.decision = 'revise';
    next.targetPeriod = targetPeriod;
    if (action.goal) next.goal = action.goal;
    if (action.measures) next.measures = action.measures;
    // The last check stays visible (console, board) until the revised target's snapshot replaces it.
    next.reminderSentAt = null;
    next.history[next.history.length - 1] = {
      at,
      action: 'revise',
      actor,
      from: plan.stage,
      to: rule.to,
      previousTarget: plan.targetPeriod,
      targetPeriod,
      previousEvaluation: plan.evaluation,
      ...(action.goal ? { goal: action.goal } : {}),
      ...(action.measures ? { measures: action.measures } : {}),
      ...note,
    };
  }
  return next;
}

/**
 * Records an evaluation: a plan in `do` moves to `check`; one already checked keeps its stage
 * and records a `re_evaluate` entry only when the figures changed. `undefined` when nothing
 * changes (so a recompute with the same figures writes nothing).
 */
export function recordEvaluation(plan: Plan, evaluation: PlanEvaluation): Plan | undefined {
  if (plan.stage === 'plan' || plan.stage === 'closed') return undefined;
  if (plan.stage === 'do') {
    return {
      ...plan,
      stage: 'check',
      evaluation,
      history: [
        ...plan.history,
        { at: evaluation.evaluatedAt, action: 'check', actor: 'system', from: 'do', to: 'check', evaluation },
      ],
    };
  }
  if (sameEvaluation(plan.evaluation, evaluation)) return undefined;
  return {
    ...plan,
    evaluation,
    history: [
      ...plan.history,
      {
        at: evaluation.evaluatedAt,
        action: 're_evaluate',
        actor: 'system',
        previous: plan.evaluation,
        evaluation,
      },
    ],
  };
}

/** What the public board shows of a plan: never the owner, the problem text or who acted. */
export const boardPlanSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.object({
      id: ulidSchema,
      title: z.string().check(z.maxLength(200)),
      stage: planStageSchema,
      scope: planScopeSchema,
      metric: planMetricSchema,
      targetPeriod: quarterSchema,
      goal: planGoalSchema,
      measures: z.array(z.string().check(z.maxLength(500))).check(z.maxLength(20)),
      evaluation: z.nullable(
        z.pick(planEvaluationSchema, { period: true, baseline: true, actual: true, goal: true, met: true }),
      ),
    }),
    { id: 'BoardPlan' },
  ),
);
export type BoardPlan = z.infer<typeof boardPlanSchema>;

export const boardSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.object({
      plans: z.array(boardPlanSchema).check(z.maxLength(MAX_PLANS_LISTED)),
      resolved: z.withDescription(
        z.object({
          period: z.withDescription(quarterSchema, 'The previous calendar quarter'),
          available: z.withDescription(z.boolean(), 'false until that quarter’s snapshot exists'),
          byCategory: z
            .array(
              z.object({
                category: z.string().check(z.maxLength(64)),
                label: z.string().check(z.maxLength(200)),
                complaints: z.int(),
                resolved: z.int(),
              }),
            )
            .check(z.maxLength(100)),
        }),
        'Complaints received in the previous quarter and resolved (or closed) by its snapshot',
      ),
    }),
    { id: 'PublicBoard' },
  ),
);
export type Board = z.infer<typeof boardSchema>;

/** A plan as the public board shows it. */
export function toBoardPlan(plan: Plan): BoardPlan {
  return {
    id: plan.id,
    title: plan.title,
    stage: plan.stage,
    scope: plan.scope,
    metric: plan.metric,
    targetPeriod: plan.targetPeriod,
    goal: plan.goal,
    measures: plan.measures,
    evaluation: plan.evaluation
      ? {
          period: plan.evaluation.period,
          baseline: plan.evaluation.baseline,
          actual: plan.evaluation.actual,
          goal: plan.evaluation.goal,
          met: plan.evaluation.met,
        }
      : null,
  };
}

/** Complaints of a slice resolved or closed by the snapshot's instant (its closure rate × complaints). */
export function resolvedComplaints(slice: { complaints: number; closureRate: number | null }): number {
  // Stryker disable next-line ConditionalExpression: `closureRate === null` → false is equivalent: complaints × null is 0 and rounds to 0
  return slice.closureRate === null ? 0 : Math.round(slice.complaints * slice.closureRate);
}
