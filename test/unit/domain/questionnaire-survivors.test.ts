import { describe, expect, it } from 'vitest';
import { checkAnswers, type Questionnaire } from '../../../shared/domain/questionnaire.ts';

/*
 * A form answer is text (issue 20: the mutation run found the check that a form value is a
 * string unguarded): a value of another shape is never read as a number, even when it would
 * print as one.
 */

const label = (en: string) => ({ en, zh: en });
const Q: Questionnaire = {
  id: 'Q1',
  title: label('T'),
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'u',
  questions: [
    { id: 'rating', kind: 'likert5', label: label('Rating'), required: false },
    { id: 'nps', kind: 'nps', label: label('NPS'), required: false },
  ],
};

describe('a form answer that is not text', () => {
  it.each([
    ['rating', ['4'], 'must be a whole number from 1 to 5'],
    ['rating', [4], 'must be a whole number from 1 to 5'],
    ['nps', ['9'], 'must be a whole number from 0 to 10'],
  ])('%s = %j is refused', (key, value, message) => {
    // Act
    const result = checkAnswers(Q, { [key]: value }, 'form');
    // Assess
    expect(result).toEqual({ ok: false, issues: [{ path: `answers.${key}`, message }] });
  });

  it('takes the same answer sent as text', () => {
    expect(checkAnswers(Q, { rating: ' 4 ', nps: '9' }, 'form')).toEqual({
      ok: true,
      answers: { rating: 4, nps: 9 },
    });
  });
});
