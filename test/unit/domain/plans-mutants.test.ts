import { describe, expect, it } from 'vitest';
import {
  applyPlanAction,
  assertPlanAllows,
  evaluatePlan,
  newPlan,
  nextQuarter,
  type Plan,
  type PlanCreate,
  type PlanEvaluation,
  planCreateSchema,
  recordEvaluation,
  resolvedComplaints,
  sameEvaluation,
  scopeKey,
} from '../../../shared/domain/plans.ts';
import type { Snapshot } from '../../../shared/schemas/snapshot.ts';

/* The plan rules at their edges, with every refusal's body written down (contract §8). */

const NOW = new Date('2027-01-01T01:00:10.000Z');
const ID = '01JD0000000000000000000000';
const input = (overrides: Partial<PlanCreate> = {}): PlanCreate =>
  planCreateSchema.parse({
    title: 'Fewer billing complaints',
    problem: 'Billing was the top complaint category in 2026-Q3',
    owner: 'owner@example.com',
    scope: { category: 'billing_payment' },
    metric: 'complaints',
    baselinePeriod: '2026-Q3',
    targetPeriod: '2026-Q4',
    goal: { direction: 'decrease', by: 0.3 },
    measures: ['Itemised bills'],
    ...overrides,
  });
const planIn = (stage: Plan['stage'], decision: Plan['decision'] = null): Plan => ({
  ...newPlan(ID, input(), 'billing', 'staff:ana', NOW),
  stage,
  decision,
});

describe('a new plan', () => {
  it('is private, tied to no problem, and has one created entry by its author', () => {
    expect(newPlan(ID, input(), null, 'staff:ana', NOW)).toMatchObject({
      public: false,
      problemId: null,
      stage: 'plan',
      decision: null,
      history: [{ at: '2027-01-01T01:00:10.000Z', action: 'created', actor: 'staff:ana' }],
    });
    expect(newPlan(ID, input({ public: true, problemId: ID }), null, 'staff:ana', NOW)).toMatchObject({
      public: true,
      problemId: ID,
    });
  });
});

describe('stage refusals say what is allowed', () => {
  it.each([
    ['adopt', 'plan', null, 'Cannot adopt a plan in stage plan.', 'allowed from: check'],
    ['start', 'do', null, 'Cannot start a plan in stage do.', 'allowed from: plan, act'],
    ['start', 'act', 'adopt', 'Cannot start a plan in stage act.', 'only a revised plan starts again'],
    ['close', 'check', null, 'Cannot close a plan in stage check.', 'allowed from: act'],
  ] as const)('%s from %s (%s)', (action, stage, decision, message, detail) => {
    expect(() => assertPlanAllows({ stage, decision }, action)).toThrow(
      expect.objectContaining({
        code: 'invalid_transition',
        message,
        issues: [{ path: 'action', message: detail }],
      }),
    );
  });

  it('lets a revised plan start again, clearing its decision', () => {
    const started = applyPlanAction(planIn('act', 'revise'), { action: 'start' }, 'staff:ana', NOW);
    expect(started).toMatchObject({ stage: 'do', decision: null });
  });

  it('keeps the decision when a plan starts from plan', () => {
    expect(applyPlanAction(planIn('plan'), { action: 'start' }, 'staff:ana', NOW).decision).toBeNull();
    const adopted = applyPlanAction(planIn('check'), { action: 'adopt', note: 'worked' }, 'staff:bo', NOW);
    expect(adopted).toMatchObject({ stage: 'act', decision: 'adopt' });
    expect(adopted.history.at(-1)).toEqual({
      at: '2027-01-01T01:00:10.000Z',
      action: 'adopt',
      actor: 'staff:bo',
      from: 'check',
      to: 'act',
      note: 'worked',
    });
    expect(applyPlanAction(adopted, { action: 'close' }, 'staff:bo', NOW)).toMatchObject({
      stage: 'closed',
      decision: 'adopt',
    });
  });
});

describe('revise', () => {
  it('moves the target a quarter on by default, across the year', () => {
    expect(nextQuarter('2026-Q3')).toBe('2026-Q4');
    expect(nextQuarter('2026-Q4')).toBe('2027-Q1');
    const revised = applyPlanAction(planIn('check'), { action: 'revise' }, 'staff:ana', NOW);
    expect(revised).toMatchObject({ stage: 'act', decision: 'revise', targetPeriod: '2027-Q1' });
    expect(revised.goal).toEqual({ direction: 'decrease', by: 0.3 });
    expect(revised.measures).toEqual(['Itemised bills']);
    expect(revised.history.at(-1)).toEqual({
      at: '2027-01-01T01:00:10.000Z',
      action: 'revise',
      actor: 'staff:ana',
      from: 'check',
      to: 'act',
      previousTarget: '2026-Q4',
      targetPeriod: '2027-Q1',
      previousEvaluation: null,
    });
  });

  it('takes a new goal and measures and records them', () => {
    const revised = applyPlanAction(
      planIn('check'),
      {
        action: 'revise',
        targetPeriod: '2027-Q2',
        goal: { direction: 'decrease', by: 0.5 },
        measures: ['Call back'],
      },
      'staff:ana',
      NOW,
    );
    expect(revised).toMatchObject({
      targetPeriod: '2027-Q2',
      goal: { direction: 'decrease', by: 0.5 },
      measures: ['Call back'],
    });
    expect(revised.history.at(-1)).toMatchObject({
      goal: { direction: 'decrease', by: 0.5 },
      measures: ['Call back'],
    });
  });

  it.each([
    '2026-Q4',
    '2026-Q3',
  ])('refuses a target of %s (not after the current 2026-Q4)', (targetPeriod) => {
    expect(() =>
      applyPlanAction(planIn('check'), { action: 'revise', targetPeriod }, 'staff:ana', NOW),
    ).toThrow(
      expect.objectContaining({
        code: 'validation_error',
        message: 'A revised plan is checked by a later quarter.',
        issues: [{ path: 'targetPeriod', message: 'must come after 2026-Q4' }],
      }),
    );
  });

  it('refuses a goal, target or measures with any other action', () => {
    expect(() =>
      applyPlanAction(planIn('check'), { action: 'adopt', measures: ['x'] }, 'staff:ana', NOW),
    ).toThrow(
      expect.objectContaining({
        code: 'validation_error',
        message: 'targetPeriod, goal and measures go with revise only.',
        issues: [{ path: 'action', message: 'only revise changes the target, goal or measures' }],
      }),
    );
  });
});

describe('scope and metric', () => {
  it('refuses a scope naming two slices', () => {
    expect(() => scopeKey({ category: 'billing_payment', team: 'billing' })).toThrow(
      expect.objectContaining({
        code: 'validation_error',
        message: 'A plan’s scope names one of category, team or channel: each snapshot slice is one of them.',
        issues: [{ path: 'scope', message: 'name at most one of category, team, channel' }],
      }),
    );
    expect(scopeKey({ channel: 'web' })).toEqual({ slice: 'byChannel', key: 'web' });
    expect(scopeKey({})).toBeNull();
  });

  // A channel slice as snapshots before v3 stored it: three figures only.
  const oldShape = (slice: object) =>
    ({ asOf: '2026-10-01T00:00:00.000Z', byChannel: { web: slice } }) as unknown as Snapshot;
  const plan = (metric: PlanCreate['metric']) => ({
    ...input({ metric, scope: { channel: 'web' }, goal: { direction: 'increase', by: 0.1 } }),
  });

  it.each([
    ['complaints', 4],
    ['complaintRate', 0.4],
    ['csat', 3.5],
    ['nps', null],
  ] as const)('reads %s from a pre-v3 channel slice as %s', (metric, expected) => {
    const evaluation = evaluatePlan(
      plan(metric),
      oldShape({ feedback: 10, complaints: 4, csatAverage: 3.5 }),
      undefined,
      NOW,
    );
    expect(evaluation.actual).toBe(expected);
  });
});

describe('evaluation edges', () => {
  const snapshotWith = (complaints: number, asOf = '2027-01-01T01:00:00.000Z') =>
    ({
      asOf,
      byCategory: {
        billing_payment: {
          feedback: 10,
          complaints,
          complaintRate: complaints / 10,
          slaCompliance: null,
          closureRate: null,
          notifiedRate: null,
          firstResponseMedianHours: null,
          csat: { average: null, responses: 0 },
          nps: { score: null, responses: 0 },
          csatAverage: null,
        },
      },
    }) as unknown as Snapshot;

  it('is unknown (met null, change null) without a baseline quarter', () => {
    expect(evaluatePlan(input(), snapshotWith(2), undefined, NOW)).toEqual({
      period: '2026-Q4',
      baselinePeriod: '2026-Q3',
      baseline: null,
      actual: 2,
      goal: null,
      met: null,
      change: null,
      snapshotAsOf: '2027-01-01T01:00:00.000Z',
      evaluatedAt: '2027-01-01T01:00:10.000Z',
    });
  });

  it('needs real movement upwards: an increase that equals the baseline is not met', () => {
    const up = input({ metric: 'complaints', goal: { direction: 'increase', by: 0.5 } });
    // baseline 0: the goal is 0 + 0.5 · 0 = 0, and an actual of 0 has not moved
    expect(evaluatePlan(up, snapshotWith(0), snapshotWith(0), NOW)).toMatchObject({
      goal: 0,
      met: false,
      change: null,
    });
    expect(evaluatePlan(up, snapshotWith(1), snapshotWith(0), NOW)).toMatchObject({
      goal: 0,
      met: true,
      change: null,
    });
    expect(evaluatePlan(up, snapshotWith(6), snapshotWith(4), NOW)).toMatchObject({
      goal: 6,
      met: true,
      change: 0.5,
    });
  });
});

describe('recording an evaluation', () => {
  const evaluation = (overrides: Partial<PlanEvaluation> = {}): PlanEvaluation => ({
    period: '2026-Q4',
    baselinePeriod: '2026-Q3',
    baseline: 4,
    actual: 2,
    goal: 2.8,
    met: true,
    change: -0.5,
    snapshotAsOf: '2027-01-01T01:00:00.000Z',
    evaluatedAt: '2027-01-01T01:00:10.000Z',
    ...overrides,
  });

  it.each([
    ['period', { period: '2027-Q1' }],
    ['baselinePeriod', { baselinePeriod: '2026-Q2' }],
    ['baseline', { baseline: 5 }],
    ['actual', { actual: 3 }],
    ['goal', { goal: 3.5 }],
    ['met', { met: false }],
    ['change', { change: -0.25 }],
  ] as const)('sees a change of %s', (_, change) => {
    expect(sameEvaluation(evaluation(), evaluation(change))).toBe(false);
  });

  it('ignores when the evaluation was made, and compares missing ones', () => {
    expect(
      sameEvaluation(
        evaluation(),
        evaluation({ evaluatedAt: '2027-02-01T00:00:00.000Z', snapshotAsOf: 'x' }),
      ),
    ).toBe(true);
    expect(sameEvaluation(null, null)).toBe(true);
    expect(sameEvaluation(evaluation(), null)).toBe(false);
    expect(sameEvaluation(null, evaluation())).toBe(false);
  });

  it('writes a re-evaluation by the system, naming the previous figures', () => {
    const checked = { ...planIn('check'), evaluation: evaluation() };
    const again = recordEvaluation(checked, evaluation({ actual: 3, met: false, change: -0.25 }));
    expect(again?.history.at(-1)).toEqual({
      at: '2027-01-01T01:00:10.000Z',
      action: 're_evaluate',
      actor: 'system',
      previous: evaluation(),
      evaluation: evaluation({ actual: 3, met: false, change: -0.25 }),
    });
    expect(recordEvaluation(checked, evaluation())).toBeUndefined();
  });
});

describe('resolved complaints on the public board', () => {
  it.each([
    [{ complaints: 5, closureRate: 0.8 }, 4],
    [{ complaints: 3, closureRate: 0.6667 }, 2],
    [{ complaints: 5, closureRate: null }, 0],
    [{ complaints: 0, closureRate: null }, 0],
  ])('%j → %i', (slice, expected) => {
    expect(resolvedComplaints(slice)).toBe(expected);
  });
});
