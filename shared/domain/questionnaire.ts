import type { ErrorIssue } from '../schemas/errors.ts';
import * as z from '../schemas/zod.ts';
import type { Locale } from './text.ts';

/** The question kinds a questionnaire may use (contract §11). */
export const QUESTION_KINDS = ['likert5', 'nps', 'choice', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const MAX_QUESTIONS = 30;
export const MAX_OPTIONS = 20;
export const MAX_TEXT_ANSWER = 2000;

const keySchema = /* @__PURE__ */ z.moduleSchema(() =>
  z
    .string()
    .check(
      z.minLength(1),
      z.maxLength(40),
      z.regex(/^[a-z][a-z0-9_-]{0,39}$/, 'lower-case letters, digits, "_" and "-", starting with a letter'),
    ),
);

/** A label in the languages the pages speak; `zh-TW` falls back to `zh` when absent. */
export const localizedLabelSchema = (max: number) =>
  z.strictObject({
    en: z.string().check(z.trim(), z.minLength(1), z.maxLength(max)),
    zh: z.string().check(z.trim(), z.minLength(1), z.maxLength(max)),
    'zh-TW': z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(max))),
  });

const optionSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.union([
    z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
    z.strictObject({
      id: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
      label: localizedLabelSchema(200),
    }),
  ]),
);

/** One question as an author writes it. `options` only (and always) for `choice`. */
export const questionInputSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.strictObject({
    id: keySchema,
    kind: z.enum(QUESTION_KINDS),
    label: localizedLabelSchema(500),
    dimension: z.withDescription(
      z.optional(keySchema),
      'The service stage a likert5 question measures (attitude, speed, …); averaged per dimension',
    ),
    options: z.optional(z.array(optionSchema).check(z.maxLength(MAX_OPTIONS))),
    required: z.withDescription(z.optional(z.boolean()), 'Default false'),
  }),
);

/** Body of `POST /v1/questionnaires` (contract §11). */
export const questionnaireInputSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z
      .strictObject({
        title: localizedLabelSchema(200),
        questions: z
          .array(questionInputSchema)
          .check(
            z.minLength(1, 'must have at least one question'),
            z.maxLength(MAX_QUESTIONS, `must have at most ${MAX_QUESTIONS} questions`),
          ),
      })
      .check(
        z.superRefine((input, ctx) => {
          const seen = new Set<string>();
          input.questions.forEach((question, index) => {
            if (seen.has(question.id))
              ctx.addIssue({ code: 'custom', path: ['questions', index, 'id'], message: 'is used twice' });
            seen.add(question.id);
            if (question.kind === 'choice' && (question.options?.length ?? 0) < 2)
              ctx.addIssue({
                code: 'custom',
                path: ['questions', index, 'options'],
                message: 'a choice question needs at least two options',
              });
            if (question.kind !== 'choice' && question.options !== undefined)
              ctx.addIssue({
                code: 'custom',
                path: ['questions', index, 'options'],
                message: 'only a choice question has options',
              });
            if (question.kind === 'choice') {
              // Stryker disable next-line ArrayDeclaration: a seeded element is equivalent: without options the question is already refused (at least two options), and one id cannot repeat, so no unique-ids issue either way
              const ids = (question.options ?? []).map((o) => (typeof o === 'string' ? o : o.id));
              if (new Set(ids).size !== ids.length)
                ctx.addIssue({
                  code: 'custom',
                  path: ['questions', index, 'options'],
                  message: 'option ids must be unique',
                });
            }
          });
        }),
      ),
    { id: 'QuestionnaireInput' },
  ),
);
export type QuestionnaireInput = z.infer<typeof questionnaireInputSchema>;

const storedLabel = (max: number) =>
  z.object({
    en: z.string().check(z.maxLength(max)),
    zh: z.string().check(z.maxLength(max)),
    'zh-TW': z.optional(z.string().check(z.maxLength(max))),
  });

export const questionSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.object({
      id: z.string().check(z.maxLength(40)),
      kind: z.enum(QUESTION_KINDS),
      label: storedLabel(500),
      dimension: z.optional(z.string().check(z.maxLength(40))),
      options: z.optional(
        z
          .array(z.object({ id: z.string().check(z.maxLength(100)), label: storedLabel(200) }))
          .check(z.maxLength(MAX_OPTIONS)),
      ),
      required: z.boolean(),
    }),
    { id: 'Question' },
  ),
);
export type Question = z.infer<typeof questionSchema>;

/** A stored questionnaire (`GET /v1/questionnaires/{id}`). */
export const questionnaireSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.object({
      id: z.string().check(z.maxLength(26)),
      title: storedLabel(200),
      questions: z.array(questionSchema).check(z.minLength(1), z.maxLength(MAX_QUESTIONS)),
      createdAt: z.string().check(z.maxLength(30)),
      createdBy: z.string().check(z.maxLength(200)),
    }),
    { id: 'Questionnaire' },
  ),
);
export type Questionnaire = z.infer<typeof questionnaireSchema>;

/** Normalizes an author's input: string options become `{id, label}`, `required` defaults to false. */
export function toQuestionnaire(
  input: QuestionnaireInput,
  meta: { id: string; createdAt: string; createdBy: string },
): Questionnaire {
  return {
    ...meta,
    title: input.title,
    questions: input.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      label: q.label,
      ...(q.dimension ? { dimension: q.dimension } : {}),
      ...(q.kind === 'choice'
        ? {
            options: (q.options ?? []).map((o) =>
              typeof o === 'string' ? { id: o, label: { en: o, zh: o, 'zh-TW': o } } : o,
            ),
          }
        : {}),
      required: q.required ?? false,
    })),
  };
}

/** A label in a locale (`zh-TW` falls back to `zh`). */
export function labelIn(
  label: { en: string; zh: string; 'zh-TW'?: string | undefined },
  locale: Locale,
): string {
  return locale === 'zh-TW' ? (label['zh-TW'] ?? label.zh) : label[locale];
}

/** One answer as stored: a number for likert5 and nps, the option id for choice, text for text. */
export type AnswerValue = number | string;
export type Answers = Record<string, AnswerValue>;

export const answersBodySchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.withMeta(
    z.strictObject({
      answers: z
        .record(
          z.string().check(z.maxLength(40)),
          z.union([z.int().check(z.gte(-1000), z.lte(1000)), z.string().check(z.maxLength(MAX_TEXT_ANSWER))]),
        )
        .check(z.refine((answers) => Object.keys(answers).length <= MAX_QUESTIONS, 'too many answers')),
    }),
    { id: 'CampaignAnswer' },
  ),
);

/** What can be wrong with an answer: the API's messages (English) and the answering page's, by locale. */
type AnswerMessageKey =
  | 'notAQuestion'
  | 'likert5'
  | 'nps'
  | 'option'
  | 'text'
  | 'tooLong'
  | 'required'
  | 'empty';

export const ANSWER_MESSAGES: Record<Locale, Record<AnswerMessageKey, string>> = {
  en: {
    notAQuestion: 'is not a question of this questionnaire',
    likert5: 'must be a whole number from 1 to 5',
    nps: 'must be a whole number from 0 to 10',
    option: 'must be one of the question’s options',
    text: 'must be text',
    tooLong: `must be at most ${MAX_TEXT_ANSWER} characters`,
    required: 'is required',
    empty: 'answer at least one question',
  },
  zh: {
    notAQuestion: '不是本问卷的问题',
    likert5: '请选择 1 到 5 之间的整数',
    nps: '请选择 0 到 10 之间的整数',
    option: '请选择本题的一个选项',
    text: '请填写文字',
    tooLong: `最多 ${MAX_TEXT_ANSWER} 个字`,
    required: '此题必答',
    empty: '请至少回答一个问题',
  },
  'zh-TW': {
    notAQuestion: '不是本問卷的問題',
    likert5: '請選擇 1 到 5 之間的整數',
    nps: '請選擇 0 到 10 之間的整數',
    option: '請選擇本題的一個選項',
    text: '請填寫文字',
    tooLong: `最多 ${MAX_TEXT_ANSWER} 個字`,
    required: '此題必答',
    empty: '請至少回答一個問題',
  },
};

/** An answer issue's message in the page's language (the API's English message when unknown). */
export function answerMessageIn(message: string, locale: Locale): string {
  const key = (Object.keys(ANSWER_MESSAGES.en) as AnswerMessageKey[]).find(
    (k) => ANSWER_MESSAGES.en[k] === message,
  );
  return key ? ANSWER_MESSAGES[locale][key] : message;
}

export type AnswerCheck = { ok: true; answers: Answers } | { ok: false; issues: ErrorIssue[] };

const INTEGER_TEXT = /^\s*-?\d{1,4}\s*$/;

/**
 * Checks answers against their questionnaire: every key a question, every value fitting its
 * question (likert5 1–5, nps 0–10, choice one of its options, text up to 2,000 characters),
 * every required question answered, at least one answered. `from: 'form'` reads every value as
 * the string an HTML form sends (an empty field is no answer).
 */
export function checkAnswers(
  questionnaire: Questionnaire,
  raw: Record<string, unknown>,
  from: 'json' | 'form',
): AnswerCheck {
  const issues: ErrorIssue[] = [];
  const answers: Answers = {};
  const byId = new Map(questionnaire.questions.map((q) => [q.id, q]));
  for (const [key, value] of Object.entries(raw)) {
    const question = byId.get(key);
    if (!question) {
      issues.push({
        path: `answers.${key}`.slice(0, 200),
        message: ANSWER_MESSAGES.en.notAQuestion,
      });
      continue;
    }
    if (from === 'form' && typeof value === 'string' && value.trim() === '') continue;
    const path = `answers.${key}`;
    switch (question.kind) {
      case 'likert5':
      case 'nps': {
        const [min, max] = question.kind === 'likert5' ? [1, 5] : [0, 10];
        const number =
          typeof value === 'number'
            ? value
            : from === 'form' && typeof value === 'string' && INTEGER_TEXT.test(value)
              ? Number(value)
              : Number.NaN;
        if (!Number.isInteger(number) || number < min || number > max)
          issues.push({ path, message: ANSWER_MESSAGES.en[question.kind] });
        else answers[key] = number;
        break;
      }
      case 'choice': {
        // Stryker disable next-line ConditionalExpression: `typeof value !== 'string'` → false is equivalent: option ids are strings, so a value of another type matches none and is refused the same
        if (typeof value !== 'string' || !question.options?.some((o) => o.id === value))
          issues.push({ path, message: ANSWER_MESSAGES.en.option });
        else answers[key] = value;
        break;
      }
      case 'text': {
        // Stryker disable next-line StringLiteral: the fallback text is equivalent: a value that is not a string is refused on the next line before the text is read
        const text = typeof value === 'string' ? value.trim() : '';
        if (typeof value !== 'string') issues.push({ path, message: ANSWER_MESSAGES.en.text });
        else if ([...text].length > MAX_TEXT_ANSWER)
          issues.push({ path, message: ANSWER_MESSAGES.en.tooLong });
        else if (text) answers[key] = text;
        break;
      }
    }
  }
  for (const question of questionnaire.questions) {
    if (
      question.required &&
      answers[question.id] === undefined &&
      !issues.some((i) => i.path === `answers.${question.id}`)
    )
      issues.push({ path: `answers.${question.id}`, message: ANSWER_MESSAGES.en.required });
  }
  if (!issues.length && Object.keys(answers).length === 0)
    issues.push({ path: 'answers', message: ANSWER_MESSAGES.en.empty });
  return issues.length ? { ok: false, issues } : { ok: true, answers };
}
