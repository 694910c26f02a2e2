import { describe, expect, it } from 'vitest';
import { DomainError, NotFoundError } from '../../../shared/domain/errors.ts';

describe('domain errors', () => {
  it('name themselves DomainError, and say what was not found (feedback unless told)', () => {
    // Act
    const feedback = new NotFoundError();
    const plan = new NotFoundError('plan');

    // Assess
    expect(feedback).toBeInstanceOf(DomainError);
    expect([feedback.name, feedback.code, feedback.message, feedback.issues]).toEqual([
      'DomainError',
      'not_found',
      'No feedback was found.',
      undefined,
    ]);
    expect(plan.message).toBe('No plan was found.');
  });
});
