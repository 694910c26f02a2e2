import type { PublicForm } from '../config/stack-config.ts';
import type { Locale } from '../domain/text.ts';
import { htmlLang, PAGE_STYLE } from './html-response.ts';
import { lazyTemplate } from './lazy-handlebars.ts';

const TEXT: Record<Locale, Record<string, string>> = {
  en: {
    intro:
      'Your feedback goes straight to the team responsible. Fields other than your feedback are optional.',
    text: 'Your feedback',
    textHint: 'Up to 5000 characters.',
    rating: 'How satisfied are you? (optional)',
    scale: '1 = very dissatisfied, 5 = very satisfied',
    email: 'Email (optional)',
    consent: 'You may contact me by email about this feedback',
    anonymous: 'Send anonymously (we keep no name or email)',
    honeypot: 'Leave this field empty',
    submit: 'Send feedback',
    thanksTitle: 'Thank you',
    thanks: 'We received your feedback.',
    track: 'Follow your feedback',
    errorTitle: 'Please check your feedback',
    textRequired: 'Please write your feedback (1 to 5000 characters).',
    csatInvalid: 'Choose a rating from 1 to 5, or none.',
    emailInvalid: 'Enter a valid email address, or leave it empty.',
    tooLarge: 'Your feedback is too long.',
  },
  zh: {
    intro: '您的反馈会直接送达负责的团队。除反馈内容外，其他栏位均为选填。',
    text: '您的反馈',
    textHint: '最多 5000 字。',
    rating: '您的满意度（选填）',
    scale: '1 = 非常不满意，5 = 非常满意',
    email: '电子邮箱（选填）',
    consent: '同意通过电子邮件就此反馈联系我',
    anonymous: '匿名提交（不保存姓名或邮箱）',
    honeypot: '请勿填写此栏',
    submit: '提交反馈',
    thanksTitle: '谢谢',
    thanks: '我们已收到您的反馈。',
    track: '查看反馈进度',
    errorTitle: '请检查您的反馈',
    textRequired: '请填写反馈内容（1 至 5000 字）。',
    csatInvalid: '请选择 1 到 5 分，或不选。',
    emailInvalid: '请输入有效的电子邮箱，或留空。',
    tooLarge: '您的反馈太长了。',
  },
  'zh-TW': {
    intro: '您的意見會直接送達負責的團隊。除意見內容外，其他欄位均為選填。',
    text: '您的意見',
    textHint: '最多 5000 字。',
    rating: '您的滿意度（選填）',
    scale: '1 = 非常不滿意，5 = 非常滿意',
    email: '電子郵件（選填）',
    consent: '同意透過電子郵件就此意見聯繫我',
    anonymous: '匿名送出（不保存姓名或電子郵件）',
    honeypot: '請勿填寫此欄',
    submit: '送出意見',
    thanksTitle: '謝謝',
    thanks: '我們已收到您的意見。',
    track: '查看意見進度',
    errorTitle: '請檢查您的意見',
    textRequired: '請填寫意見內容（1 至 5000 字）。',
    csatInvalid: '請選擇 1 到 5 分，或不選。',
    emailInvalid: '請輸入有效的電子郵件，或留空。',
    tooLarge: '您的意見太長了。',
  },
};

/** Why a form submission was refused, as shown to the person who sent it. */
export type FormError = 'textRequired' | 'csatInvalid' | 'emailInvalid' | 'tooLarge';

/** What the person typed, to put back in the form after an error. */
export interface FormValues {
  text?: string;
  csat?: string;
  email?: string;
  consent?: boolean;
  anonymous?: boolean;
}

const FORM = lazyTemplate(
  `<!doctype html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{#if errors.length}}{{t.errorTitle}} – {{/if}}{{title}}</title>
<style>{{{style}}}</style>
</head>
<body>
<main>
<h1>{{title}}</h1>
<p>{{t.intro}}</p>
{{#if errors.length}}<div class="error" role="alert"><p>{{t.errorTitle}}</p><ul>{{#each errors}}<li>{{this}}</li>{{/each}}</ul></div>{{/if}}
<form method="post" action="{{action}}" accept-charset="utf-8">
<input type="hidden" name="nonce" value="{{nonce}}">
<p><label for="text">{{t.text}}</label><br>
<span class="hint" id="text-hint">{{t.textHint}}</span><br>
<textarea id="text" name="text" required maxlength="5000" aria-describedby="text-hint"{{#if textError}} aria-invalid="true"{{/if}}>{{values.text}}</textarea></p>
<fieldset>
<legend>{{t.rating}}</legend>
<p class="hint" id="scale-hint">{{t.scale}}</p>
<div class="scale" role="radiogroup" aria-describedby="scale-hint">
{{#each scores}}<label><input type="radio" name="csat" value="{{value}}"{{#if checked}} checked{{/if}}>{{value}}</label>{{/each}}
</div>
</fieldset>
<p><label for="email">{{t.email}}</label><br>
<input type="email" id="email" name="email" autocomplete="email" maxlength="254" value="{{values.email}}"{{#if emailError}} aria-invalid="true"{{/if}}></p>
<p class="check"><input type="checkbox" id="consent" name="consent" value="true"{{#if values.consent}} checked{{/if}}><label for="consent">{{t.consent}}</label></p>
<p class="check"><input type="checkbox" id="anonymous" name="anonymous" value="true"{{#if values.anonymous}} checked{{/if}}><label for="anonymous">{{t.anonymous}}</label></p>
<div class="hp" aria-hidden="true"><label for="website">{{t.honeypot}}</label><input type="text" id="website" name="website" tabindex="-1" autocomplete="off"></div>
<button type="submit">{{t.submit}}</button>
</form>
</main>
</body>
</html>`,
  { strict: false },
);

const THANKS = lazyTemplate(
  `<!doctype html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{t.thanksTitle}} – {{title}}</title>
<style>{{{style}}}</style>
</head>
<body>
<main>
<h1>{{t.thanksTitle}}</h1>
<p role="status">{{t.thanks}}</p>
{{#if trackingUrl}}<p><a href="{{trackingUrl}}">{{t.track}}</a></p>{{/if}}
</main>
</body>
</html>`,
  { strict: false },
);

/** The public feedback form, optionally with errors and the values to put back. */
export async function renderPublicForm(
  form: PublicForm,
  locale: Locale,
  options: { action: string; nonce: string; values?: FormValues; errors?: readonly FormError[] },
): Promise<string> {
  const t = TEXT[locale];
  const errors = options.errors ?? [];
  return FORM({
    lang: htmlLang(locale),
    style: PAGE_STYLE,
    t,
    title: form.title[locale],
    action: options.action,
    nonce: options.nonce,
    values: options.values ?? {},
    errors: errors.map((error) => t[error]),
    textError: errors.includes('textRequired') || errors.includes('tooLarge'),
    emailError: errors.includes('emailInvalid'),
    scores: [1, 2, 3, 4, 5].map((value) => ({ value, checked: options.values?.csat === String(value) })),
  });
}

/** The thank-you page after a submission, with the tracking link when there is one. */
export async function renderFormThanks(
  form: PublicForm,
  locale: Locale,
  trackingUrl: string | undefined,
): Promise<string> {
  return THANKS({
    lang: htmlLang(locale),
    style: PAGE_STYLE,
    t: TEXT[locale],
    title: form.title[locale],
    trackingUrl,
  });
}
