import { describe, expect, it } from 'vitest';
import {
  assertPlanAllows,
  evaluatePlan,
  newPlan,
  type Plan,
  type PlanCreate,
  planCreateSchema,
  toBoardPlan,
} from '../../../shared/domain/plans.ts';
import type { Snapshot } from '../../../shared/schemas/snapshot.ts';

/*
 * The plan rules the mutation run found unguarded (issue 20): the refusal detail of an Act
 * decision taken twice, a check whose target quarter has no figure for the metric, and the
 * evaluation the public board shows.
 */

const NOW = new Date('2027-01-01T01:00:10.000Z');
const ID = '01JD0000000000000000000000';
const input = (overrides: Partial<PlanCreate> = {}): PlanCreate =>
  planCreateSchema.parse({
    title: 'Happier customers',
    problem: 'CSAT fell in 2026-Q3',
    owner: 'owner@example.com',
    scope: {},
    metric: 'csat',
    baselinePeriod: '2026-Q3',
    targetPeriod: '2026-Q4',
    goal: { direction: 'increase', by: 0.1 },
    measures: ['Call back'],
    ...overrides,
  });

describe('an Act decision asked for in stage act', () => {
  it.each([
    ['adopt', 'adopt'],
    ['revise', 'adopt'],
    ['adopt', 'revise'],
  ] as const)('%s (decision %s) is refused with the stages it is allowed from', (action, decision) => {
    expect(() => assertPlanAllows({ stage: 'act', decision }, action)).toThrow(
      expect.objectContaining({
        code: 'invalid_transition',
        message: `Cannot ${action} a plan in stage act.`,
        issues: [{ path: 'action', message: 'allowed from: check' }],
      }),
    );
  });
});

describe('a check with no figure in the target quarter', () => {
  // The quarter's CSAT average: null when nobody rated
  const snapshot = (average: number | null) =>
    ({
      asOf: '2027-01-01T01:00:00.000Z',
      csat: { average, responses: average === null ? 0 : 8 },
    }) as unknown as Snapshot;

  it.each([
    ['increase', 4.4],
    ['decrease', 3.6],
  ] as const)('is unknown (met null, change null) for a %s goal', (direction, goal) => {
    // Prepare: baseline CSAT 4, nobody rated in the target quarter
    const plan = input({ goal: { direction, by: 0.1 } });
    // Act
    const evaluation = evaluatePlan(plan, snapshot(null), snapshot(4), NOW);
    // Assess
    expect(evaluation).toEqual({
      period: '2026-Q4',
      baselinePeriod: '2026-Q3',
      baseline: 4,
      actual: null,
      goal,
      met: null,
      change: null,
      snapshotAsOf: '2027-01-01T01:00:00.000Z',
      evaluatedAt: '2027-01-01T01:00:10.000Z',
    });
  });

  it('is judged when both quarters have a figure', () => {
    expect(evaluatePlan(input(), snapshot(4.5), snapshot(4), NOW)).toMatchObject({
      goal: 4.4,
      met: true,
      change: 0.125,
    });
  });
});

describe('the public board', () => {
  const plan = (evaluation: Plan['evaluation']): Plan => ({
    ...newPlan(ID, input({ public: true }), null, 'staff:ana', NOW),
    stage: 'check',
    evaluation,
  });

  it('shows the check’s period, baseline, actual, goal and whether it was met, nothing more', () => {
    // Prepare
    const evaluation = {
      period: '2026-Q4',
      baselinePeriod: '2026-Q3',
      baseline: 4,
      actual: 4.5,
      goal: 4.4,
      met: true,
      change: 0.125,
      snapshotAsOf: '2027-01-01T01:00:00.000Z',
      evaluatedAt: '2027-01-01T01:00:10.000Z',
    };
    // Act
    const board = toBoardPlan(plan(evaluation));
    // Assess
    expect(board).toEqual({
      id: ID,
      title: 'Happier customers',
      stage: 'check',
      scope: {},
      metric: 'csat',
      targetPeriod: '2026-Q4',
      goal: { direction: 'increase', by: 0.1 },
      measures: ['Call back'],
      evaluation: { period: '2026-Q4', baseline: 4, actual: 4.5, goal: 4.4, met: true },
    });
  });

  it('shows no evaluation before the first check', () => {
    expect(toBoardPlan(plan(null)).evaluation).toBeNull();
  });
});
