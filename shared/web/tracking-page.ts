import type { Locale } from '../domain/text.ts';
import type { FeedbackStatus } from '../schemas/common.ts';
import type { TrackingView } from '../schemas/feedback-record.ts';
import { htmlLang, PAGE_STYLE } from './html-response.ts';
import { lazyTemplate } from './lazy-handlebars.ts';

const STATUS_WORDS: Record<Locale, Record<FeedbackStatus, string>> = {
  en: {
    received: 'Received',
    open: 'Open',
    acknowledged: 'Acknowledged',
    waiting_for_customer: 'Waiting for your reply',
    resolved: 'Resolved',
    closed: 'Closed',
  },
  zh: {
    received: '已收到',
    open: '处理中',
    acknowledged: '已受理',
    waiting_for_customer: '等待您的回复',
    resolved: '已解决',
    closed: '已结案',
  },
  'zh-TW': {
    received: '已收到',
    open: '處理中',
    acknowledged: '已受理',
    waiting_for_customer: '等待您的回覆',
    resolved: '已解決',
    closed: '已結案',
  },
};

const TEXT: Record<Locale, Record<string, string>> = {
  en: {
    title: 'Your feedback',
    status: 'Status',
    received: 'Received',
    firstResponse: 'We will respond by',
    resolved: 'Resolved on',
    updates: 'Updates',
    resolution: 'Our answer',
    none: 'No updates yet.',
    thanks: 'Thank you for telling us. This page shows where your feedback stands.',
  },
  zh: {
    title: '您的反馈',
    status: '状态',
    received: '收到时间',
    firstResponse: '预计首次答复',
    resolved: '解决时间',
    updates: '处理进度',
    resolution: '处理结果',
    none: '暂无进度。',
    thanks: '感谢您的反馈。此页面显示您的反馈的处理进度。',
  },
  'zh-TW': {
    title: '您的意見',
    status: '狀態',
    received: '收到時間',
    firstResponse: '預計首次答覆',
    resolved: '解決時間',
    updates: '處理進度',
    resolution: '處理結果',
    none: '暫無進度。',
    thanks: '感謝您的意見。此頁面顯示您的意見的處理進度。',
  },
};

const PAGE = lazyTemplate(
  `<!doctype html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{t.title}}</title>
<style>{{{style}}}</style>
</head>
<body>
<main>
<h1>{{t.title}}</h1>
<p>{{t.thanks}}</p>
<dl>
<dt>{{t.status}}</dt><dd><span class="status">{{status}}</span></dd>
<dt>{{t.received}}</dt><dd><time datetime="{{receivedAt.iso}}">{{receivedAt.text}}</time></dd>
{{#if firstResponseDue}}<dt>{{t.firstResponse}}</dt><dd><time datetime="{{firstResponseDue.iso}}">{{firstResponseDue.text}}</time></dd>{{/if}}
{{#if resolvedAt}}<dt>{{t.resolved}}</dt><dd><time datetime="{{resolvedAt.iso}}">{{resolvedAt.text}}</time></dd>{{/if}}
</dl>
{{#if resolution}}<h2>{{t.resolution}}</h2><p class="resolution">{{resolution}}</p>{{/if}}
<h2>{{t.updates}}</h2>
{{#if updates.length}}<ol class="timeline">
{{#each updates}}<li><time datetime="{{at.iso}}">{{at.text}}</time> — <strong>{{status}}</strong>{{#if message}}<br>{{message}}{{/if}}</li>
{{/each}}</ol>{{else}}<p>{{t.none}}</p>{{/if}}
</main>
</body>
</html>`,
  { strict: false },
);

/** A status in words, in a locale. */
export function statusInWords(locale: Locale, status: FeedbackStatus): string {
  return STATUS_WORDS[locale][status];
}

function dateIn(locale: Locale, timeZone: string) {
  const format = new Intl.DateTimeFormat(htmlLang(locale), {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone,
  });
  return (iso: string) => ({ iso, text: format.format(new Date(iso)) });
}

/**
 * The tracking page (contract §5): status in words, received and expected dates, the public
 * updates and the resolution, in the feedback's language and the configured time zone.
 * Everything shown comes from the {@link TrackingView}, which holds no personal data.
 */
export async function renderTrackingPage(
  view: TrackingView,
  locale: Locale,
  timeZone: string,
): Promise<string> {
  const date = dateIn(locale, timeZone);
  const resolution = view.resolvedAt
    ? [...view.updates].reverse().find((update) => update.status === 'resolved')?.message
    : undefined;
  return PAGE({
    lang: htmlLang(locale),
    style: PAGE_STYLE,
    t: TEXT[locale],
    status: statusInWords(locale, view.status),
    receivedAt: date(view.receivedAt),
    firstResponseDue: view.firstResponseDue ? date(view.firstResponseDue) : undefined,
    resolvedAt: view.resolvedAt ? date(view.resolvedAt) : undefined,
    resolution,
    updates: view.updates.map((update) => ({
      at: date(update.at),
      status: statusInWords(locale, update.status),
      message: update.message,
    })),
  });
}
