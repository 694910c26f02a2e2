import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/domain/errors.ts';
import { assertProblemAllows, newProblem } from '../../../shared/domain/problems.ts';

const now = new Date('2026-11-24T03:00:00.000Z');

describe('problem errors and creation', () => {
  it('refuses a second resolve with a 409 body listing the statuses it is allowed from', () => {
    // Prepare
    const problem = {
      ...newProblem('01JDQ3ZK6V7M0000000000000P', { title: 'Queue' }, 'staff:li', now),
      status: 'resolved' as const,
    };

    // Act
    let error: DomainError | undefined;
    try {
      assertProblemAllows(problem, 'resolve');
    } catch (caught) {
      if (caught instanceof DomainError) error = caught;
    }

    // Assess
    expect([error?.code, error?.message, error?.issues]).toEqual([
      'invalid_transition',
      'Cannot resolve a problem that is resolved.',
      [{ path: 'action', message: 'allowed from: open, analysed, resolving' }],
    ]);
  });

  it('records the hot topic a problem came from in its created entry', () => {
    // Act
    const problem = newProblem(
      '01JDQ3ZK6V7M0000000000000P',
      { title: 'Queue', fromHotTopic: 'HT-1' },
      'staff:li',
      now,
    );

    // Assess
    expect(problem.fromHotTopic).toBe('HT-1');
    expect(problem.history).toStrictEqual([
      { at: '2026-11-24T03:00:00.000Z', action: 'created', actor: 'staff:li', fromHotTopic: 'HT-1' },
    ]);
  });

  it('records no hot topic for a problem opened by hand', () => {
    // Act
    const problem = newProblem('01JDQ3ZK6V7M0000000000000P', { title: 'Queue' }, 'staff:li', now);

    // Assess
    expect(problem.history).toStrictEqual([
      { at: '2026-11-24T03:00:00.000Z', action: 'created', actor: 'staff:li' },
    ]);
  });

  it('opens a problem with its description, no links and the given teams (none by default)', () => {
    // Act
    const described = newProblem(
      '01JDQ3ZK6V7M0000000000000P',
      { title: 'Queue', description: 'Long waits at the counter' },
      'staff:li',
      now,
    );
    const ofTeams = newProblem('01JDQ3ZK6V7M0000000000000Q', { title: 'Queue' }, 'staff:li', now, [
      'field',
      'billing',
    ]);

    // Assess
    expect(described).toStrictEqual({
      id: '01JDQ3ZK6V7M0000000000000P',
      title: 'Queue',
      description: 'Long waits at the counter',
      status: 'open',
      feedbackIds: [],
      linked: 0,
      teams: [],
      fromHotTopic: null,
      rootCause: null,
      resolution: null,
      resolvedFeedback: 0,
      createdAt: '2026-11-24T03:00:00.000Z',
      updatedAt: '2026-11-24T03:00:00.000Z',
      resolvedAt: null,
      closedAt: null,
      history: [{ at: '2026-11-24T03:00:00.000Z', action: 'created', actor: 'staff:li' }],
      version: 1,
    });
    expect(ofTeams).toMatchObject({ description: null, teams: ['field', 'billing'] });
  });
});
