import Handlebars from 'handlebars';
import type { Locale } from '../domain/text.ts';

/** One localized template: Handlebars sources for the subject, the HTML part and the text part. */
interface TemplateSource {
  subject: string;
  html: string;
  text: string;
}

export type EmailKind = 'p1-alert';

/** What the P1 alert names: the feedback, its priority, deadline and where to act on it. */
export interface P1AlertData {
  id: string;
  priority: string;
  type: string;
  category: string;
  channel: string;
  receivedAt: string;
  firstResponseDue: string;
  excerpt: string;
  reasons: string[];
  staffUrl: string;
}

export interface EmailData {
  'p1-alert': P1AlertData;
}

// HTML parts use {{ }} (escaped: user text can never inject markup); text parts use {{{ }}}.
const SOURCES: Record<EmailKind, Record<Locale, TemplateSource>> = {
  'p1-alert': {
    en: {
      subject: '[{{{priority}}}] Critical feedback {{{id}}}: first response due {{{firstResponseDue}}}',
      html: `<h1>Critical feedback needs a first response</h1>
<p><strong>{{id}}</strong> — {{priority}}, {{type}}{{#if category}} about {{category}}{{/if}}, via {{channel}}.</p>
<p>Received {{receivedAt}}. <strong>First response due {{firstResponseDue}}.</strong></p>
<blockquote>{{excerpt}}</blockquote>
<p>Why P1: {{#each reasons}}{{this}}{{#unless @last}}; {{/unless}}{{/each}}</p>
<p><a href="{{staffUrl}}">Open the feedback</a></p>`,
      text: `Critical feedback needs a first response

{{{id}}} — {{{priority}}}, {{{type}}}{{#if category}} about {{{category}}}{{/if}}, via {{{channel}}}.
Received {{{receivedAt}}}. First response due {{{firstResponseDue}}}.

"{{{excerpt}}}"

Why P1: {{#each reasons}}{{{this}}}{{#unless @last}}; {{/unless}}{{/each}}
Open: {{{staffUrl}}}`,
    },
    zh: {
      subject: '【{{{priority}}}】紧急反馈 {{{id}}}：须于 {{{firstResponseDue}}} 前首次响应',
      html: `<h1>紧急反馈需要首次响应</h1>
<p><strong>{{id}}</strong> — {{priority}}，{{type}}{{#if category}}（{{category}}）{{/if}}，渠道：{{channel}}。</p>
<p>收到时间 {{receivedAt}}。<strong>首次响应截止 {{firstResponseDue}}。</strong></p>
<blockquote>{{excerpt}}</blockquote>
<p>定级原因：{{#each reasons}}{{this}}{{#unless @last}}；{{/unless}}{{/each}}</p>
<p><a href="{{staffUrl}}">查看反馈</a></p>`,
      text: `紧急反馈需要首次响应

{{{id}}} — {{{priority}}}，{{{type}}}{{#if category}}（{{{category}}}）{{/if}}，渠道：{{{channel}}}。
收到时间 {{{receivedAt}}}。首次响应截止 {{{firstResponseDue}}}。

“{{{excerpt}}}”

定级原因：{{#each reasons}}{{{this}}}{{#unless @last}}；{{/unless}}{{/each}}
查看：{{{staffUrl}}}`,
    },
    'zh-TW': {
      subject: '【{{{priority}}}】緊急反饋 {{{id}}}：須於 {{{firstResponseDue}}} 前首次回應',
      html: `<h1>緊急反饋需要首次回應</h1>
<p><strong>{{id}}</strong> — {{priority}}，{{type}}{{#if category}}（{{category}}）{{/if}}，管道：{{channel}}。</p>
<p>收到時間 {{receivedAt}}。<strong>首次回應截止 {{firstResponseDue}}。</strong></p>
<blockquote>{{excerpt}}</blockquote>
<p>定級原因：{{#each reasons}}{{this}}{{#unless @last}}；{{/unless}}{{/each}}</p>
<p><a href="{{staffUrl}}">查看反饋</a></p>`,
      text: `緊急反饋需要首次回應

{{{id}}} — {{{priority}}}，{{{type}}}{{#if category}}（{{{category}}}）{{/if}}，管道：{{{channel}}}。
收到時間 {{{receivedAt}}}。首次回應截止 {{{firstResponseDue}}}。

「{{{excerpt}}}」

定級原因：{{#each reasons}}{{{this}}}{{#unless @last}}；{{/unless}}{{/each}}
查看：{{{staffUrl}}}`,
    },
  },
};

const LAYOUT = Handlebars.compile(
  '<!doctype html><html lang="{{lang}}"><head><meta charset="utf-8"><title>{{subject}}</title></head>' +
    '<body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:40rem">{{{body}}}</body></html>',
);

type Compiled = {
  subject: HandlebarsTemplateDelegate;
  html: HandlebarsTemplateDelegate;
  text: HandlebarsTemplateDelegate;
};
const compiled = new Map<string, Compiled>();

function templateFor(kind: EmailKind, locale: Locale): Compiled {
  const key = `${kind}:${locale}`;
  let entry = compiled.get(key);
  if (!entry) {
    const source = SOURCES[kind][locale];
    const options = { strict: true };
    entry = {
      subject: Handlebars.compile(source.subject, { ...options, noEscape: true }),
      html: Handlebars.compile(source.html, options),
      text: Handlebars.compile(source.text, { ...options, noEscape: true }),
    };
    compiled.set(key, entry);
  }
  return entry;
}

/** Renders one email in a locale: a one-line subject, a full HTML document and a text part. */
export function renderEmail<K extends EmailKind>(
  kind: K,
  locale: Locale,
  data: EmailData[K],
): { subject: string; html: string; text: string } {
  const template = templateFor(kind, locale);
  const subject = template
    .subject(data)
    .replace(/[\r\n]+/g, ' ')
    .trim();
  const lang = locale === 'zh-TW' ? 'zh-Hant' : locale === 'zh' ? 'zh-Hans' : 'en';
  return { subject, html: LAYOUT({ lang, subject, body: template.html(data) }), text: template.text(data) };
}

/** A short, single-paragraph excerpt of feedback text for staff emails. */
export function excerpt(text: string, max = 280): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
