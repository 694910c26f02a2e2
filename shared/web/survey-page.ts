import type { Locale } from '../domain/text.ts';
import { lazyTemplate } from './lazy-handlebars.ts';

const TEXT: Record<Locale, Record<string, string>> = {
  en: {
    lang: 'en',
    title: 'How did we do?',
    question: 'How satisfied are you with how we handled your feedback?',
    scale: '1 = very dissatisfied, 5 = very satisfied',
    comment: 'Anything else you want to tell us? (optional)',
    submit: 'Send my answer',
    thanks: 'Thank you! Your answer was recorded.',
    reopened:
      'We are sorry it did not solve your problem. We have reopened your feedback and will get back to you.',
    answered: 'This survey was already answered. Thank you!',
    invalid: 'Please choose a score from 1 to 5.',
    track: 'Follow your feedback',
  },
  zh: {
    lang: 'zh-Hans',
    title: '满意度调查',
    question: '您对我们处理您反馈的方式是否满意？',
    scale: '1 = 非常不满意，5 = 非常满意',
    comment: '还有什么想告诉我们的吗？（选填）',
    submit: '提交',
    thanks: '谢谢！您的评价已记录。',
    reopened: '很抱歉问题没有解决。我们已重新处理您的反馈，会尽快与您联系。',
    answered: '此调查已回答过，谢谢！',
    invalid: '请选择 1 到 5 分。',
    track: '查看反馈进度',
  },
  'zh-TW': {
    lang: 'zh-Hant',
    title: '滿意度調查',
    question: '您對我們處理您意見的方式是否滿意？',
    scale: '1 = 非常不滿意，5 = 非常滿意',
    comment: '還有什麼想告訴我們的嗎？（選填）',
    submit: '送出',
    thanks: '謝謝！您的評價已記錄。',
    reopened: '很抱歉問題沒有解決。我們已重新處理您的意見，會盡快與您聯繫。',
    answered: '此調查已回答過，謝謝！',
    invalid: '請選擇 1 到 5 分。',
    track: '查看意見進度',
  },
};

const PAGE = lazyTemplate(
  `<!doctype html>
<html lang="{{t.lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{t.title}}</title>
<style>
body{font-family:system-ui,sans-serif;line-height:1.5;max-width:34rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
fieldset{border:0;padding:0;margin:0 0 1rem}legend{font-weight:600;margin-bottom:.5rem}
.scale{display:flex;gap:.5rem;flex-wrap:wrap}.scale label{display:flex;flex-direction:column;align-items:center;border:2px solid #767676;border-radius:.5rem;padding:.5rem .9rem;cursor:pointer;min-width:2.75rem}
.scale input{margin:0 0 .25rem}.scale input:focus-visible{outline:3px solid #005fcc;outline-offset:2px}
textarea{width:100%;min-height:6rem;font:inherit}button{font:inherit;padding:.6rem 1.2rem;border-radius:.5rem;border:0;background:#005fcc;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}.hint{color:#4a4a4a}.error{color:#b00020;font-weight:600}
</style>
</head>
<body>
<main>
<h1>{{t.title}}</h1>
{{#if message}}<p role="status">{{message}}</p>{{/if}}
{{#if showForm}}
<form method="post">
{{#if error}}<p class="error" role="alert">{{error}}</p>{{/if}}
<fieldset>
<legend>{{t.question}}</legend>
<p class="hint" id="scale-hint">{{t.scale}}</p>
<div class="scale" role="radiogroup" aria-describedby="scale-hint">
{{#each scores}}<label><input type="radio" name="csat" value="{{this}}" required>{{this}}</label>{{/each}}
</div>
</fieldset>
<p><label for="comment">{{t.comment}}</label><br><textarea id="comment" name="comment" maxlength="2000"></textarea></p>
<button type="submit">{{t.submit}}</button>
</form>
{{/if}}
{{#if trackingUrl}}<p><a href="{{trackingUrl}}">{{t.track}}</a></p>{{/if}}
</main>
</body>
</html>`,
  { strict: false },
);

export type SurveyPageState = 'form' | 'invalid' | 'thanks' | 'reopened' | 'answered';

/** The survey page in a locale: the form, or what happened after an answer. */
export async function renderSurveyPage(
  locale: Locale,
  state: SurveyPageState,
  trackingUrl?: string,
): Promise<string> {
  const t = TEXT[locale];
  const message =
    state === 'thanks'
      ? t.thanks
      : state === 'reopened'
        ? t.reopened
        : state === 'answered'
          ? t.answered
          : '';
  return PAGE({
    t,
    message,
    showForm: state === 'form' || state === 'invalid',
    error: state === 'invalid' ? t.invalid : '',
    scores: [1, 2, 3, 4, 5],
    trackingUrl,
  });
}
