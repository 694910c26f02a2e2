import { describe, expect, it } from 'vitest';
import {
  assertProblemAllows,
  newProblem,
  problemActionSchema,
  problemCreateSchema,
  problemTeamFor,
  problemTeamsWith,
} from '../../../shared/domain/problems.ts';

const problem = newProblem(
  '01JPROBLEM0000000000000001',
  { title: 'Card reader' },
  'staff:lead',
  new Date('2026-12-01T08:00:00Z'),
);

describe('problem requests', () => {
  it.each([
    [{ action: 'resolve', resolution: '   ' }, 'resolution'],
    [{ action: 'resolve' }, 'resolution'],
    [{ action: 'analyse', rootCause: { whys: [], cause: 'x', correctiveAction: 'y' } }, 'rootCause.whys'],
    [{ action: 'analyse' }, 'rootCause'],
    [{ action: 'reopen' }, 'action'],
  ])('refuses %j at %s', (body, path) => {
    const result = problemActionSchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });

  it('needs a title and accepts a hot topic to link', () => {
    expect(problemCreateSchema.safeParse({ title: ' ' }).success).toBe(false);
    expect(problemCreateSchema.parse({ title: 'Reader', fromHotTopic: 'HT-1' })).toEqual({
      title: 'Reader',
      fromHotTopic: 'HT-1',
    });
  });
});

describe('problem transitions', () => {
  it('a new problem is open with its creation in the history', () => {
    expect(problem).toMatchObject({
      status: 'open',
      linked: 0,
      feedbackIds: [],
      history: [{ at: '2026-12-01T08:00:00.000Z', action: 'created', actor: 'staff:lead' }],
    });
  });

  it.each([
    ['open', 'resolve', true],
    ['resolving', 'resolve', true],
    ['resolved', 'resolve', false],
    ['closed', 'resolve', false],
    ['resolved', 'link', false],
    ['resolving', 'close', false],
    ['resolved', 'close', true],
    ['closed', 'analyse', false],
  ] as const)('%s → %s allowed: %s', (status, action, allowed) => {
    const act = () => assertProblemAllows({ ...problem, status }, action);
    if (allowed) expect(act).not.toThrow();
    else expect(act).toThrow(expect.objectContaining({ code: 'invalid_transition' }));
  });
});

describe('problem teams (contract §7: a lead sees the problems of their teams)', () => {
  it('grows as feedback of new teams is linked, sorted, without repeats or untriaged (null) teams', () => {
    expect(problemTeamsWith(['delivery'], ['billing', null, 'delivery', 'billing'])).toEqual([
      'billing',
      'delivery',
    ]);
    expect(problemTeamsWith([], [null])).toEqual([]);
  });

  it.each([
    [['billing', 'delivery'], ['delivery'], 'delivery'],
    [['billing'], ['delivery'], 'billing'],
    [[], ['delivery'], null],
  ])('problem of %j asked by a member of %j → %s', (teams, callerTeams, expected) => {
    expect(problemTeamFor({ teams }, callerTeams)).toBe(expected);
  });
});
