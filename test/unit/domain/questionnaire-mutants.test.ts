import { describe, expect, it } from 'vitest';
import {
  answersBodySchema,
  checkAnswers,
  labelIn,
  type Questionnaire,
  questionnaireInputSchema,
  toQuestionnaire,
} from '../../../shared/domain/questionnaire.ts';

const label = (en: string) => ({ en, zh: en });

const issuesOf = (input: unknown) => {
  const result = questionnaireInputSchema.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((i) => ({ code: i.code, path: i.path, message: i.message }));
};

const choice = (options: unknown[]) => ({
  title: label('T'),
  questions: [{ id: 'pick', kind: 'choice', label: label('Pick'), options }],
});

describe('questionnaire input: custom issues carry their code, path and message', () => {
  it('flags a question id used twice with the custom code', () => {
    // Prepare
    const q = { id: 'a', kind: 'text', label: label('A') };

    // Act
    const issues = issuesOf({ title: label('T'), questions: [q, q] });

    // Assess
    expect(issues).toEqual([{ code: 'custom', path: ['questions', 1, 'id'], message: 'is used twice' }]);
  });

  it('takes a choice question with exactly two options', () => {
    expect(issuesOf(choice(['a', 'b']))).toEqual([]);
  });

  it('flags a choice question with one option with the custom code', () => {
    expect(issuesOf(choice(['a']))).toEqual([
      {
        code: 'custom',
        path: ['questions', 0, 'options'],
        message: 'a choice question needs at least two options',
      },
    ]);
  });

  it('flags options on a question that is not a choice with the custom code', () => {
    const input = {
      title: label('T'),
      questions: [{ id: 'n', kind: 'nps', label: label('N'), options: ['a', 'b'] }],
    };

    expect(issuesOf(input)).toEqual([
      { code: 'custom', path: ['questions', 0, 'options'], message: 'only a choice question has options' },
    ]);
  });

  it.each([
    ['two equal string options', ['a', 'b', 'a']],
    [
      'two options objects with the same id',
      [{ id: 'a', label: label('A') }, 'b', { id: 'a', label: label('B') }],
    ],
    ['a string option and an object option with the same id', ['b', 'a', { id: 'a', label: label('Other') }]],
  ])('refuses %s', (_name, options) => {
    expect(issuesOf(choice(options))).toEqual([
      { code: 'custom', path: ['questions', 0, 'options'], message: 'option ids must be unique' },
    ]);
  });

  it.each([
    ['distinct string options', ['a', 'b', 'c']],
    [
      'distinct option objects sharing a label',
      [
        { id: 'a', label: label('Same') },
        { id: 'b', label: label('Same') },
      ],
    ],
  ])('takes %s', (_name, options) => {
    expect(issuesOf(choice(options))).toEqual([]);
  });

  it('does not check option uniqueness on a question that is not a choice', () => {
    const input = {
      title: label('T'),
      questions: [{ id: 'n', kind: 'likert5', label: label('N'), options: ['a', 'a'] }],
    };

    expect(issuesOf(input)).toEqual([
      { code: 'custom', path: ['questions', 0, 'options'], message: 'only a choice question has options' },
    ]);
  });
});

describe('toQuestionnaire', () => {
  it('gives a choice question without options an empty option list', () => {
    // Act
    const q = toQuestionnaire(
      { title: label('T'), questions: [{ id: 'pick', kind: 'choice', label: label('Pick') }] },
      { id: 'Q1', createdAt: '2026-01-01T00:00:00.000Z', createdBy: 'u' },
    );

    // Assess
    expect(q.questions).toEqual([
      { id: 'pick', kind: 'choice', label: label('Pick'), options: [], required: false },
    ]);
  });
});

describe('toQuestionnaire normalizes options', () => {
  it('turns string options into {id, label} in every language, keeps option objects, and gives other kinds none', () => {
    // Act
    const q = toQuestionnaire(
      {
        title: label('T'),
        questions: [
          {
            id: 'pick',
            kind: 'choice',
            label: label('Pick'),
            options: ['a', { id: 'b', label: label('B') }],
          },
          { id: 'rate', kind: 'likert5', label: label('Rate'), required: true },
        ],
      },
      { id: 'Q1', createdAt: '2026-01-01T00:00:00.000Z', createdBy: 'u' },
    );

    // Assess
    expect(q.questions).toEqual([
      {
        id: 'pick',
        kind: 'choice',
        label: label('Pick'),
        options: [
          { id: 'a', label: { en: 'a', zh: 'a', 'zh-TW': 'a' } },
          { id: 'b', label: label('B') },
        ],
        required: false,
      },
      { id: 'rate', kind: 'likert5', label: label('Rate'), required: true },
    ]);
  });
});

describe('labelIn', () => {
  const both = { en: 'Hello', zh: '你好', 'zh-TW': '妳好' };
  const noTraditional = { en: 'Hello', zh: '你好' };

  it.each([
    ['en', both, 'Hello'],
    ['zh', both, '你好'],
    ['zh-TW', both, '妳好'],
    ['zh-TW', noTraditional, '你好'],
    ['en', noTraditional, 'Hello'],
  ] as const)('in %s gives the right text', (locale, text, expected) => {
    expect(labelIn(text, locale)).toBe(expected);
  });
});

describe('answersBodySchema', () => {
  const answers = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`q${i}`, 1]));

  it('takes 30 answers', () => {
    expect(answersBodySchema.safeParse({ answers: answers(30) }).success).toBe(true);
  });

  it('refuses 31 answers with "too many answers"', () => {
    const result = answersBodySchema.safeParse({ answers: answers(31) });

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => ({ code: i.code, path: i.path, message: i.message }))).toEqual([
      { code: 'custom', path: ['answers'], message: 'too many answers' },
    ]);
  });
});

const Q: Questionnaire = {
  id: 'Q1',
  title: label('T'),
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'u',
  questions: [
    { id: 'rating', kind: 'likert5', label: label('Rating'), required: false },
    { id: 'nps', kind: 'nps', label: label('NPS'), required: false },
    {
      id: 'pick',
      kind: 'choice',
      label: label('Pick'),
      options: [
        { id: 'a', label: label('A') },
        { id: 'b', label: label('B') },
      ],
      required: false,
    },
    { id: 'comment', kind: 'text', label: label('Comment'), required: false },
  ],
};

describe('checkAnswers', () => {
  it('cuts the path of an unknown key to 200 characters', () => {
    // Prepare
    const key = 'k'.repeat(300);

    // Act
    const result = checkAnswers(Q, { [key]: 1 }, 'json');

    // Assess
    expect(result).toEqual({
      ok: false,
      issues: [{ path: `answers.${'k'.repeat(192)}`, message: 'is not a question of this questionnaire' }],
    });
  });

  it('reads a blank form field as no answer', () => {
    expect(checkAnswers(Q, { rating: '  ', nps: '9' }, 'form')).toEqual({ ok: true, answers: { nps: 9 } });
  });

  it('refuses a blank string for a likert5 question from JSON', () => {
    expect(checkAnswers(Q, { rating: '', nps: 9 }, 'json')).toEqual({
      ok: false,
      issues: [{ path: 'answers.rating', message: 'must be a whole number from 1 to 5' }],
    });
  });

  it('takes a number from a form (not a string) as it is', () => {
    expect(checkAnswers(Q, { rating: 3 }, 'form')).toEqual({ ok: true, answers: { rating: 3 } });
  });

  it('refuses a numeric string from JSON', () => {
    expect(checkAnswers(Q, { rating: '3' }, 'json')).toEqual({
      ok: false,
      issues: [{ path: 'answers.rating', message: 'must be a whole number from 1 to 5' }],
    });
  });

  it.each([
    ['rating', 1, true],
    ['rating', 5, true],
    ['rating', 0, false],
    ['rating', 6, false],
    ['nps', 0, true],
    ['nps', 10, true],
    ['nps', -1, false],
    ['nps', 11, false],
    ['rating', 2.5, false],
  ])('%s = %s accepted: %s', (key, value, accepted) => {
    const result = checkAnswers(Q, { [key]: value }, 'json');

    if (accepted) expect(result).toEqual({ ok: true, answers: { [key]: value } });
    else
      expect(result).toEqual({
        ok: false,
        issues: [
          {
            path: `answers.${key}`,
            message:
              key === 'rating' ? 'must be a whole number from 1 to 5' : 'must be a whole number from 0 to 10',
          },
        ],
      });
  });

  it('refuses a number for a choice question', () => {
    expect(checkAnswers(Q, { pick: 1 }, 'json')).toEqual({
      ok: false,
      issues: [{ path: 'answers.pick', message: 'must be one of the question’s options' }],
    });
  });

  it('refuses any answer to a stored choice question that has no options', () => {
    // Prepare
    const bare: Questionnaire = {
      ...Q,
      questions: [{ id: 'pick', kind: 'choice', label: label('Pick'), required: false }],
    };

    // Act / Assess
    expect(checkAnswers(bare, { pick: 'a' }, 'json')).toEqual({
      ok: false,
      issues: [{ path: 'answers.pick', message: 'must be one of the question’s options' }],
    });
  });

  it('refuses a number for a text question', () => {
    expect(checkAnswers(Q, { comment: 5 }, 'json')).toEqual({
      ok: false,
      issues: [{ path: 'answers.comment', message: 'must be text' }],
    });
  });

  it('takes 2,000 characters (counted as code points, after trimming) and stores them trimmed', () => {
    // Prepare
    const text = '😀'.repeat(2000);

    // Act
    const result = checkAnswers(Q, { comment: `  ${text}  ` }, 'json');

    // Assess
    expect(result).toEqual({ ok: true, answers: { comment: text } });
  });

  it('refuses 2,001 characters', () => {
    expect(checkAnswers(Q, { comment: 'x'.repeat(2001) }, 'json')).toEqual({
      ok: false,
      issues: [{ path: 'answers.comment', message: 'must be at most 2000 characters' }],
    });
  });

  it('stores no blank text answer from JSON', () => {
    expect(checkAnswers(Q, { comment: '   ', rating: 4 }, 'json')).toEqual({
      ok: true,
      answers: { rating: 4 },
    });
  });

  it('says "is required" only once for a required question answered wrongly', () => {
    // Prepare
    const required: Questionnaire = {
      ...Q,
      questions: Q.questions.map((q) => (q.id === 'rating' ? { ...q, required: true } : q)),
    };

    // Act / Assess
    expect(checkAnswers(required, { rating: 9 }, 'json')).toEqual({
      ok: false,
      issues: [{ path: 'answers.rating', message: 'must be a whole number from 1 to 5' }],
    });
    expect(checkAnswers(required, { nps: 9 }, 'json')).toEqual({
      ok: false,
      issues: [{ path: 'answers.rating', message: 'is required' }],
    });
  });

  it('still says "is required" when another question has an issue', () => {
    // Prepare
    const required: Questionnaire = {
      ...Q,
      questions: Q.questions.map((q) => (q.id === 'rating' ? { ...q, required: true } : q)),
    };

    // Act / Assess
    expect(checkAnswers(required, { nps: 11 }, 'json')).toEqual({
      ok: false,
      issues: [
        { path: 'answers.nps', message: 'must be a whole number from 0 to 10' },
        { path: 'answers.rating', message: 'is required' },
      ],
    });
  });

  it('asks for at least one answer', () => {
    expect(checkAnswers(Q, {}, 'json')).toEqual({
      ok: false,
      issues: [{ path: 'answers', message: 'answer at least one question' }],
    });
    expect(checkAnswers(Q, { comment: '' }, 'form')).toEqual({
      ok: false,
      issues: [{ path: 'answers', message: 'answer at least one question' }],
    });
  });
});
