import { answerMessageIn, labelIn, type Question, type Questionnaire } from '../domain/questionnaire.ts';
import type { Locale } from '../domain/text.ts';
import type { ErrorIssue } from '../schemas/errors.ts';
import { htmlLang, PAGE_STYLE } from './html-response.ts';
import { lazyTemplate } from './lazy-handlebars.ts';

type PageText = Record<
  | 'required'
  | 'optional'
  | 'likertHint'
  | 'npsHint'
  | 'submit'
  | 'thanks'
  | 'answered'
  | 'closed'
  | 'invalid'
  | 'labelSeparator',
  string
>;

const TEXT: Record<Locale, PageText> = {
  en: {
    required: 'required',
    optional: 'optional',
    likertHint: '1 = very dissatisfied, 5 = very satisfied',
    npsHint: '0 = not at all likely, 10 = extremely likely',
    submit: 'Send my answers',
    thanks: 'Thank you! Your answers were recorded.',
    answered: 'This survey was already answered. Thank you!',
    closed: 'This survey has closed. Thank you for your interest.',
    invalid: 'Some answers need another look:',
    labelSeparator: ': ',
  },
  zh: {
    required: '必答',
    optional: '选答',
    likertHint: '1 = 非常不满意，5 = 非常满意',
    npsHint: '0 = 完全不可能，10 = 非常可能',
    submit: '提交答案',
    thanks: '谢谢！您的答案已记录。',
    answered: '此调查已回答过，谢谢！',
    closed: '此调查已结束，感谢您的关注。',
    invalid: '以下答案需要修改：',
    labelSeparator: '：',
  },
  'zh-TW': {
    required: '必答',
    optional: '選答',
    likertHint: '1 = 非常不滿意，5 = 非常滿意',
    npsHint: '0 = 完全不可能，10 = 非常可能',
    submit: '送出答案',
    thanks: '謝謝！您的答案已記錄。',
    answered: '此調查已回答過，謝謝！',
    closed: '此調查已結束，感謝您的關注。',
    invalid: '以下答案需要修改：',
    labelSeparator: '：',
  },
};

interface QuestionView {
  id: string;
  label: string;
  required: boolean;
  requiredText: string;
  error: string;
  hint: string;
  options: { value: string; label: string; checked: boolean; inputId: string }[];
  value: string;
}

// One component per question kind (contract §11). Radios sit in a fieldset whose legend is the
// question, so a screen reader announces the question with each choice; errors are tied to their
// question by aria-describedby.
const SCALE = lazyTemplate(`<fieldset{{#if error}} aria-describedby="{{id}}-error"{{/if}}>
<legend>{{label}} <span class="hint">({{requiredText}})</span></legend>
<p class="hint" id="{{id}}-hint">{{hint}}</p>
{{#if error}}<p class="error" id="{{id}}-error">{{error}}</p>{{/if}}
<div class="scale">
{{#each options}}<label for="{{inputId}}"><input type="radio" id="{{inputId}}" name="{{../id}}" value="{{value}}"{{#if ../required}} required{{/if}}{{#if checked}} checked{{/if}} aria-describedby="{{../id}}-hint">{{label}}</label>{{/each}}
</div>
</fieldset>`);
const CHOICE = lazyTemplate(`<fieldset{{#if error}} aria-describedby="{{id}}-error"{{/if}}>
<legend>{{label}} <span class="hint">({{requiredText}})</span></legend>
{{#if error}}<p class="error" id="{{id}}-error">{{error}}</p>{{/if}}
{{#each options}}<div class="check"><input type="radio" id="{{inputId}}" name="{{../id}}" value="{{value}}"{{#if ../required}} required{{/if}}{{#if checked}} checked{{/if}}><label for="{{inputId}}">{{label}}</label></div>{{/each}}
</fieldset>`);
const TEXTAREA =
  lazyTemplate(`<p><label for="q-{{id}}">{{label}} <span class="hint">({{requiredText}})</span></label>
{{#if error}}<span class="error" id="{{id}}-error">{{error}}</span>{{/if}}
<textarea id="q-{{id}}" name="{{id}}" maxlength="2000"{{#if required}} required{{/if}}{{#if error}} aria-describedby="{{id}}-error" aria-invalid="true"{{/if}}>{{value}}</textarea></p>`);

const COMPONENTS: Record<Question['kind'], (view: QuestionView) => Promise<string>> = {
  likert5: SCALE,
  nps: SCALE,
  choice: CHOICE,
  text: TEXTAREA,
};

// Compiled on the first page: the function answers JSON without loading Handlebars.
const PAGE = lazyTemplate(`<!doctype html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}}</title>
<style>{{{style}}}</style>
</head>
<body>
<main>
<h1>{{title}}</h1>
{{#if message}}<p role="status">{{message}}</p>{{/if}}
{{#if questions}}
<form method="post">
{{#if errorSummary}}<div role="alert"><p class="error">{{errorSummary}}</p><ul>{{#each errorList}}<li><a href="#{{anchor}}">{{text}}</a></li>{{/each}}</ul></div>{{/if}}
{{#each questions}}{{{this}}}
{{/each}}
<button type="submit">{{submit}}</button>
</form>
{{/if}}
</main>
</body>
</html>`);

export type QuestionnairePageState = 'form' | 'invalid' | 'thanks' | 'answered' | 'closed';

/**
 * The campaign questionnaire as an accessible HTML page in the recipient's language: the form
 * (again with each error marked and the values kept, after a bad answer), or what happened.
 */
export async function renderQuestionnairePage(
  locale: Locale,
  questionnaire: Questionnaire,
  state: QuestionnairePageState,
  options: { issues?: readonly ErrorIssue[]; values?: Record<string, unknown> } = {},
): Promise<string> {
  const t = TEXT[locale];
  const showForm = state === 'form' || state === 'invalid';
  const errorOf = (id: string) => {
    const issue = options.issues?.find((i) => i.path === `answers.${id}`);
    return issue ? answerMessageIn(issue.message, locale) : '';
  };
  const previousValue = (id: string) => {
    const value = options.values?.[id];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  };
  const questions = showForm
    ? await Promise.all(
        questionnaire.questions.map((question) => {
          const value = previousValue(question.id);
          const values =
            question.kind === 'likert5'
              ? ['1', '2', '3', '4', '5'].map((v) => ({ value: v, label: v }))
              : question.kind === 'nps'
                ? Array.from({ length: 11 }, (_, i) => ({ value: String(i), label: String(i) }))
                : (question.options ?? []).map((o) => ({ value: o.id, label: labelIn(o.label, locale) }));
          const view: QuestionView = {
            id: question.id,
            label: labelIn(question.label, locale),
            required: question.required,
            requiredText: question.required ? t.required : t.optional,
            error: errorOf(question.id),
            hint: question.kind === 'likert5' ? t.likertHint : question.kind === 'nps' ? t.npsHint : '',
            options: values.map((v, i) => ({
              ...v,
              checked: v.value === value,
              inputId: `${question.id}-${i}`,
            })),
            value,
          };
          return COMPONENTS[question.kind](view);
        }),
      )
    : [];
  const errorList =
    state === 'invalid'
      ? (options.issues ?? []).map((issue) => {
          const id = issue.path.replace(/^answers\.?/, '');
          const question = questionnaire.questions.find((q) => q.id === id);
          const anchor = question ? (question.kind === 'text' ? `q-${id}` : `${id}-0`) : '';
          return {
            anchor,
            // A question's label, else the path (none for the answers as a whole), then the message.
            text: `${question ? labelIn(question.label, locale) + t.labelSeparator : id ? issue.path + t.labelSeparator : ''}${answerMessageIn(issue.message, locale)}`,
          };
        })
      : [];
  const message = { form: '', invalid: '', thanks: t.thanks, answered: t.answered, closed: t.closed }[state];
  return PAGE({
    lang: htmlLang(locale),
    title: labelIn(questionnaire.title, locale),
    style: PAGE_STYLE,
    message,
    questions,
    submit: t.submit,
    errorSummary: state === 'invalid' ? t.invalid : '',
    errorList,
  });
}
