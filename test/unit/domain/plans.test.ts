import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/domain/errors.ts';
import {
  applyPlanAction,
  evaluatePlan,
  newPlan,
  type Plan,
  type PlanAction,
  type PlanCreate,
  type PlanMetric,
  type PlanScope,
  type PlanStage,
  planCreateSchema,
  recordEvaluation,
  toBoardPlan,
} from '../../../shared/domain/plans.ts';
import { type Snapshot, snapshotSchema } from '../../../shared/schemas/snapshot.ts';

const fixture = (name: string): Snapshot =>
  snapshotSchema.parse(
    JSON.parse(readFileSync(new URL(`../../../events/snapshots/${name}.json`, import.meta.url), 'utf8')),
  );
const Q3 = fixture('2026-Q3');
const Q4 = fixture('2026-Q4');
const NOW = new Date('2027-01-01T01:00:10.000Z');
const ID = '01JD0000000000000000000000';

function input(overrides: Partial<PlanCreate> = {}): PlanCreate {
  return planCreateSchema.parse({
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
}

describe('evaluatePlan: the metric in scope, from the two quarters’ snapshots', () => {
  // Hand-computed from events/snapshots/2026-Q3.json and 2026-Q4.json.
  const cases: {
    name: string;
    scope: PlanScope;
    metric: PlanMetric;
    direction: 'decrease' | 'increase';
    by: number;
    expected: {
      baseline: number | null;
      actual: number | null;
      goal: number | null;
      met: boolean | null;
      change: number | null;
    };
  }[] = [
    {
      name: 'whole quarter, complaints 10 → 6, −30 %',
      scope: {},
      metric: 'complaints',
      direction: 'decrease',
      by: 0.3,
      expected: { baseline: 10, actual: 6, goal: 7, met: true, change: -0.4 },
    },
    {
      name: 'whole quarter, complaint rate 0.25 → 0.12, −50 %',
      scope: {},
      metric: 'complaintRate',
      direction: 'decrease',
      by: 0.5,
      expected: { baseline: 0.25, actual: 0.12, goal: 0.125, met: true, change: -0.52 },
    },
    {
      name: 'whole quarter, CSAT 3.5 → 4.2, +10 %',
      scope: {},
      metric: 'csat',
      direction: 'increase',
      by: 0.1,
      expected: { baseline: 3.5, actual: 4.2, goal: 3.85, met: true, change: 0.2 },
    },
    {
      name: 'whole quarter, NPS −20 → −10, +30 % of |−20|',
      scope: {},
      metric: 'nps',
      direction: 'increase',
      by: 0.3,
      expected: { baseline: -20, actual: -10, goal: -14, met: true, change: 0.5 },
    },
    {
      name: 'whole quarter, SLA 0.8 → 0.9 misses +20 %',
      scope: {},
      metric: 'slaCompliance',
      direction: 'increase',
      by: 0.2,
      expected: { baseline: 0.8, actual: 0.9, goal: 0.96, met: false, change: 0.125 },
    },
    {
      name: 'whole quarter, closure 0.6 → 1, +50 %',
      scope: {},
      metric: 'closureRate',
      direction: 'increase',
      by: 0.5,
      expected: { baseline: 0.6, actual: 1, goal: 0.9, met: true, change: 0.6667 },
    },
    {
      name: 'category, billing complaints 8 → 6 misses −30 %',
      scope: { category: 'billing_payment' },
      metric: 'complaints',
      direction: 'decrease',
      by: 0.3,
      expected: { baseline: 8, actual: 6, goal: 5.6, met: false, change: -0.25 },
    },
    {
      name: 'category absent from the target: no complaints',
      scope: { category: 'staff_attitude' },
      metric: 'complaints',
      direction: 'decrease',
      by: 0.5,
      expected: { baseline: 2, actual: 0, goal: 1, met: true, change: -1 },
    },
    {
      name: 'category without CSAT answers: undecided',
      scope: { category: 'staff_attitude' },
      metric: 'csat',
      direction: 'increase',
      by: 0.1,
      expected: { baseline: null, actual: null, goal: null, met: null, change: null },
    },
    {
      name: 'team, CSAT 3.5 → 4.2 misses +25 %',
      scope: { team: 'service-desk' },
      metric: 'csat',
      direction: 'increase',
      by: 0.25,
      expected: { baseline: 3.5, actual: 4.2, goal: 4.375, met: false, change: 0.2 },
    },
    {
      name: 'team, complaint rate 0.25 → 0.12',
      scope: { team: 'service-desk' },
      metric: 'complaintRate',
      direction: 'decrease',
      by: 0.4,
      expected: { baseline: 0.25, actual: 0.12, goal: 0.15, met: true, change: -0.52 },
    },
    {
      name: 'channel, web NPS −50 → −40 misses +30 %',
      scope: { channel: 'web' },
      metric: 'nps',
      direction: 'increase',
      by: 0.3,
      expected: { baseline: -50, actual: -40, goal: -35, met: false, change: 0.2 },
    },
    {
      name: 'channel, web SLA 0.5 → 0.6, +20 %',
      scope: { channel: 'web' },
      metric: 'slaCompliance',
      direction: 'increase',
      by: 0.2,
      expected: { baseline: 0.5, actual: 0.6, goal: 0.6, met: true, change: 0.2 },
    },
    {
      name: 'channel, web closure 0.5 → 0.8',
      scope: { channel: 'web' },
      metric: 'closureRate',
      direction: 'increase',
      by: 0.5,
      expected: { baseline: 0.5, actual: 0.8, goal: 0.75, met: true, change: 0.6 },
    },
    {
      name: 'channel in a pre-v3 baseline: complaint rate from its counts (2 ÷ 20)',
      scope: { channel: 'phone' },
      metric: 'complaintRate',
      direction: 'decrease',
      by: 0.5,
      expected: { baseline: 0.1, actual: 0.05, goal: 0.05, met: true, change: -0.5 },
    },
    {
      name: 'channel in a pre-v3 baseline: no SLA figure there',
      scope: { channel: 'phone' },
      metric: 'slaCompliance',
      direction: 'increase',
      by: 0.1,
      expected: { baseline: null, actual: 1, goal: null, met: null, change: null },
    },
    {
      name: 'channel never seen: no complaints either quarter, a decrease cannot be met',
      scope: { channel: 'social' },
      metric: 'complaints',
      direction: 'decrease',
      by: 0.1,
      expected: { baseline: 0, actual: 0, goal: 0, met: false, change: null },
    },
  ];
  it.each(cases)('$name', ({ scope, metric, direction, by, expected }) => {
    // Prepare
    const plan = {
      scope,
      metric,
      goal: { direction, by },
      baselinePeriod: '2026-Q3',
      targetPeriod: '2026-Q4',
    };
    // Act
    const evaluation = evaluatePlan(plan, Q4, Q3, NOW);
    // Assess
    expect(evaluation).toEqual({
      period: '2026-Q4',
      baselinePeriod: '2026-Q3',
      ...expected,
      snapshotAsOf: '2027-01-01T01:00:00.000Z',
      evaluatedAt: '2027-01-01T01:00:10.000Z',
    });
  });

  it('has no baseline, goal or verdict when the baseline quarter has no snapshot', () => {
    const plan = {
      scope: {},
      metric: 'complaints' as const,
      goal: { direction: 'decrease' as const, by: 0.3 },
      baselinePeriod: '2026-Q3',
      targetPeriod: '2026-Q4',
    };

    const evaluation = evaluatePlan(plan, Q4, undefined, NOW);

    expect(evaluation).toMatchObject({ baseline: null, actual: 6, goal: null, met: null, change: null });
  });

  it('meets an increase from a baseline of 0 with anything above it (staff-attitude complaints 0 → 2)', () => {
    const plan = {
      scope: { category: 'staff_attitude' },
      metric: 'complaints' as const,
      goal: { direction: 'increase' as const, by: 1 },
      baselinePeriod: '2026-Q4',
      targetPeriod: '2027-Q1',
    };

    const evaluation = evaluatePlan(plan, Q3, Q4, NOW);

    expect(evaluation).toMatchObject({ baseline: 0, actual: 2, goal: 0, met: true, change: null });
  });

  it('refuses a scope naming two slices', () => {
    const plan = {
      scope: { category: 'billing_payment', channel: 'web' as const },
      metric: 'complaints' as const,
      goal: { direction: 'decrease' as const, by: 0.3 },
      baselinePeriod: '2026-Q3',
      targetPeriod: '2026-Q4',
    };

    expect(() => evaluatePlan(plan, Q4, Q3, NOW)).toThrow(DomainError);
  });
});

describe('plan input', () => {
  it.each([
    ['a goal of 0', { goal: { direction: 'decrease', by: 0 } }, 'goal.by'],
    ['a goal above 10', { goal: { direction: 'increase', by: 10.5 } }, 'goal.by'],
    ['an unknown metric', { metric: 'happiness' }, 'metric'],
    ['a period that does not parse', { baselinePeriod: '2026-Q5' }, 'baselinePeriod'],
    ['an unknown scope key', { scope: { region: 'north' } }, 'scope'],
    ['an owner that is not an address', { owner: 'Ms Li' }, 'owner'],
  ])('refuses %s', (_name, overrides, path) => {
    const result = planCreateSchema.safeParse({ ...input(), ...overrides });

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('accepts a goal of exactly 10', () => {
    expect(planCreateSchema.safeParse({ ...input(), goal: { direction: 'increase', by: 10 } }).success).toBe(
      true,
    );
  });
});

function planIn(stage: PlanStage, decision: Plan['decision'] = null): Plan {
  return { ...newPlan(ID, input(), 'service-desk', 'analyst-1', NOW), stage, decision };
}

describe('the stage machine', () => {
  const ILLEGAL = 409;
  const rows: [string, Plan, PlanAction['action'], PlanStage | typeof ILLEGAL][] = [
    ['plan', planIn('plan'), 'start', 'do'],
    ['plan', planIn('plan'), 'adopt', ILLEGAL],
    ['plan', planIn('plan'), 'revise', ILLEGAL],
    ['plan', planIn('plan'), 'close', ILLEGAL],
    ['do', planIn('do'), 'start', ILLEGAL],
    ['do', planIn('do'), 'adopt', ILLEGAL],
    ['do', planIn('do'), 'revise', ILLEGAL],
    ['do', planIn('do'), 'close', ILLEGAL],
    ['check', planIn('check'), 'start', ILLEGAL],
    ['check', planIn('check'), 'adopt', 'act'],
    ['check', planIn('check'), 'revise', 'act'],
    ['check', planIn('check'), 'close', ILLEGAL],
    ['act (adopted)', planIn('act', 'adopt'), 'start', ILLEGAL],
    ['act (adopted)', planIn('act', 'adopt'), 'adopt', ILLEGAL],
    ['act (adopted)', planIn('act', 'adopt'), 'revise', ILLEGAL],
    ['act (adopted)', planIn('act', 'adopt'), 'close', 'closed'],
    ['act (revised)', planIn('act', 'revise'), 'start', 'do'],
    ['act (revised)', planIn('act', 'revise'), 'adopt', ILLEGAL],
    ['act (revised)', planIn('act', 'revise'), 'close', 'closed'],
    ['closed', planIn('closed', 'adopt'), 'start', ILLEGAL],
    ['closed', planIn('closed', 'adopt'), 'adopt', ILLEGAL],
    ['closed', planIn('closed', 'adopt'), 'revise', ILLEGAL],
    ['closed', planIn('closed', 'adopt'), 'close', ILLEGAL],
  ];
  it.each(rows)('from %s, %s → %s', (_label, plan, action, expected) => {
    const act = () => applyPlanAction(plan, { action }, 'lead-1', NOW);

    if (expected === ILLEGAL) {
      expect(act).toThrow(expect.objectContaining({ code: 'invalid_transition' }));
      return;
    }
    const next = act();
    expect(next.stage).toBe(expected);
    expect(next.history.at(-1)).toMatchObject({ action, actor: 'lead-1', from: plan.stage, to: expected });
    expect(next.history).toHaveLength(plan.history.length + 1);
  });

  it('revise moves the target to the next quarter by default; the last evaluation stays, and is in the history', () => {
    const checked = { ...planIn('check'), evaluation: evaluatePlan(planIn('check'), Q4, Q3, NOW) };

    const revised = applyPlanAction(
      checked,
      { action: 'revise', note: 'Bills still confuse' },
      'lead-1',
      NOW,
    );

    expect(revised).toMatchObject({
      stage: 'act',
      decision: 'revise',
      targetPeriod: '2027-Q1',
      evaluation: { period: '2026-Q4', actual: 6 },
    });
    expect(revised.history.at(-1)).toMatchObject({
      action: 'revise',
      previousTarget: '2026-Q4',
      targetPeriod: '2027-Q1',
      previousEvaluation: { baseline: 8, actual: 6, met: false },
      note: 'Bills still confuse',
    });
  });

  it('revise takes a later target, a new goal and new measures; an earlier target is refused', () => {
    const revised = applyPlanAction(
      planIn('check'),
      {
        action: 'revise',
        targetPeriod: '2027-Q2',
        goal: { direction: 'decrease', by: 0.5 },
        measures: ['Call back'],
      },
      'lead-1',
      NOW,
    );
    expect(revised).toMatchObject({ targetPeriod: '2027-Q2', goal: { by: 0.5 }, measures: ['Call back'] });
    expect(() =>
      applyPlanAction(planIn('check'), { action: 'revise', targetPeriod: '2026-Q4' }, 'lead-1', NOW),
    ).toThrow(expect.objectContaining({ code: 'validation_error' }));
  });

  it('refuses a new target on any action but revise', () => {
    expect(() =>
      applyPlanAction(planIn('plan'), { action: 'start', targetPeriod: '2027-Q1' }, 'lead-1', NOW),
    ).toThrow(expect.objectContaining({ code: 'validation_error' }));
  });
});

describe('recordEvaluation', () => {
  const evaluation = evaluatePlan(planIn('do'), Q4, Q3, NOW);

  it('moves a plan in do to check, with a system history entry', () => {
    const next = recordEvaluation(planIn('do'), evaluation);

    expect(next?.stage).toBe('check');
    expect(next?.evaluation).toEqual(evaluation);
    expect(next?.history.at(-1)).toMatchObject({ action: 'check', actor: 'system', from: 'do', to: 'check' });
  });

  it('changes nothing when the figures are the same (a recompute)', () => {
    const checked = { ...planIn('check'), evaluation };
    const later = { ...evaluation, evaluatedAt: '2027-01-02T00:00:00.000Z' };

    expect(recordEvaluation(checked, later)).toBeUndefined();
  });

  it('records a changed evaluation once, keeping the stage', () => {
    const checked = { ...planIn('act', 'adopt'), evaluation };
    const changed = { ...evaluation, actual: 5, met: true, change: -0.375 };

    const next = recordEvaluation(checked, changed);

    expect(next?.stage).toBe('act');
    expect(next?.history.at(-1)).toMatchObject({
      action: 're_evaluate',
      previous: { actual: 6 },
      evaluation: { actual: 5 },
    });
  });

  it('leaves unstarted and closed plans alone', () => {
    expect(recordEvaluation(planIn('plan'), evaluation)).toBeUndefined();
    expect(recordEvaluation(planIn('closed', 'adopt'), evaluation)).toBeUndefined();
  });
});

describe('the board', () => {
  it('shows a plan without its owner, problem text or history', () => {
    const shown = JSON.stringify(toBoardPlan({ ...planIn('check'), public: true }));

    expect(shown).not.toContain('owner@example.com');
    expect(shown).not.toContain('top complaint category');
    expect(shown).not.toContain('analyst-1');
  });
});
