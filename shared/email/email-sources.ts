import type { Locale } from '../domain/text.ts';
import type { EmailKind, TemplateSource } from './render-email.ts';

// The e-mails' sources, loaded with Handlebars on the first render (`renderEmail`): functions that
// may mail but mostly do not (notify, the sweeps, the snapshot and plan routes) keep ~17 KB of
// template text out of their cold start.
// HTML parts use {{ }} (escaped: user text can never inject markup); text parts use {{{ }}}.

const SUMMARY_HTML = (
  title: string,
  figure: string,
  change: string,
  top: string,
  open: string,
  teamsTitle: string,
  teamHeads: readonly string[],
  plansTitle: string = PLANS_TITLE.en,
) => `<h1>${title} {{period}}</h1>
<table><thead><tr><th scope="col">${figure}</th><th scope="col"></th>{{#if hasPrevious}}<th scope="col">${change}</th>{{/if}}</tr></thead><tbody>
{{#each lines}}<tr><th scope="row" style="text-align:left">{{label}}</th><td>{{value}}</td>{{#if ../hasPrevious}}<td>{{delta}}</td>{{/if}}</tr>{{/each}}
</tbody></table>
{{#if categories.length}}<h2>${top}</h2><ol>{{#each categories}}<li>{{name}}: {{count}} ({{share}})</li>{{/each}}</ol>{{/if}}
{{#if teams.length}}<h2>${teamsTitle}</h2><table><thead><tr>${teamHeads.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>
{{#each teams}}<tr><th scope="row" style="text-align:left">{{name}}</th><td>{{feedback}}</td><td>{{complaints}}</td><td>{{slaCompliance}}</td><td>{{closureRate}}</td><td>{{firstResponseMedianHours}}</td><td>{{csat}}</td></tr>{{/each}}
</tbody></table>{{/if}}
{{#if plans.length}}<h2>${plansTitle}</h2><ul>{{#each plans}}<li><strong>{{title}}</strong>: {{verdict}}</li>{{/each}}</ul>{{/if}}
<p><a href="{{snapshotUrl}}">${open}</a></p>`;
const SUMMARY_TEXT = (
  title: string,
  top: string,
  teamsTitle: string,
  teamHeads: readonly string[],
  plansTitle: string = PLANS_TITLE.en,
) => `${title} {{{period}}}

{{#each lines}}{{{label}}}: {{{value}}}{{#if ../hasPrevious}} ({{{delta}}}){{/if}}
{{/each}}
{{#if categories.length}}${top}:
{{#each categories}}{{{rank}}}. {{{name}}}: {{{count}}} ({{{share}}})
{{/each}}{{/if}}
{{#if teams.length}}${teamsTitle}:
{{#each teams}}{{{name}}}: ${teamHeads[1]} {{{feedback}}}, ${teamHeads[2]} {{{complaints}}}, ${teamHeads[3]} {{{slaCompliance}}}, ${teamHeads[4]} {{{closureRate}}}, ${teamHeads[5]} {{{firstResponseMedianHours}}}, ${teamHeads[6]} {{{csat}}}
{{/each}}{{/if}}
{{#if plans.length}}${plansTitle}:
{{#each plans}}- {{{title}}}: {{{verdict}}}
{{/each}}{{/if}}
{{{snapshotUrl}}}`;

const PLANS_TITLE = {
  en: 'Improvement plans checked',
  zh: '已检查的改进计划',
  'zh-TW': '已檢查的改進計畫',
} as const;

const REMINDER = {
  en: {
    subject: 'Improvement plan not started: {{{title}}} ({{{targetPeriod}}})',
    body: 'The target quarter {{targetPeriod}} of the improvement plan “{{title}}” ({{metric}}{{#if scope}}, {{scope}}{{/if}}) has ended, and the plan was never started. Start it, or revise its target, so the next snapshot can check it.',
    open: 'Open the plan',
  },
  zh: {
    subject: '改进计划尚未启动：{{{title}}}（{{{targetPeriod}}}）',
    body: '改进计划“{{title}}”（{{metric}}{{#if scope}}，{{scope}}{{/if}}）的目标季度 {{targetPeriod}} 已结束，但计划从未启动。请启动计划或调整目标，以便下一次快照进行检查。',
    open: '查看计划',
  },
  'zh-TW': {
    subject: '改進計畫尚未啟動：{{{title}}}（{{{targetPeriod}}}）',
    body: '改進計畫「{{title}}」（{{metric}}{{#if scope}}，{{scope}}{{/if}}）的目標季度 {{targetPeriod}} 已結束，但計畫從未啟動。請啟動計畫或調整目標，以便下一次快照進行檢查。',
    open: '查看計畫',
  },
} as const;

function reminderSource(locale: Locale): TemplateSource {
  const r = REMINDER[locale];
  return {
    subject: r.subject,
    html: `<p>${r.body}</p>\n<p><a href="{{planUrl}}">${r.open}</a></p>`,
    text: `${r.body.replace(/\{\{(\w+)\}\}/g, '{{{$1}}}').replace('{{#if scope}}', '{{#if scope}}')}\n\n${r.open}: {{{planUrl}}}`,
  };
}

const TEAM_HEADS = {
  en: [
    'Team',
    'Feedback',
    'Complaints',
    'SLA compliance',
    'Closure rate',
    'First response, median (h)',
    'CSAT',
  ],
  zh: ['团队', '反馈', '投诉', '时限达标率', '闭环率', '首次响应中位数（小时）', '满意度'],
  'zh-TW': ['團隊', '意見', '投訴', '時限達標率', '閉環率', '首次回應中位數（小時）', '滿意度'],
} as const;

const DIGEST_HTML = (title: string, heads: readonly string[], open: string) => `<h1>${title}</h1>
<table><thead><tr>${heads.map((h) => `<th scope="col">${h}</th>`).join('')}<th scope="col"></th></tr></thead><tbody>
{{#each complaints}}<tr><th scope="row" style="text-align:left">{{id}}</th><td>{{priority}}</td><td>{{category}}</td><td>{{firstResponseDue}}</td><td><a href="{{staffUrl}}">${open}</a></td></tr>{{/each}}
</tbody></table>`;
const DIGEST_TEXT = (title: string, heads: readonly string[]) => `${title}

{{#each complaints}}{{{id}}} — {{{priority}}}, ${heads[2]}: {{{category}}}, ${heads[3]}: {{{firstResponseDue}}}
  {{{staffUrl}}}
{{/each}}`;

const DIGEST_HEADS = {
  en: ['Feedback', 'Priority', 'category', 'first response due'],
  zh: ['反馈', '优先级', '类别', '首次响应截止'],
  'zh-TW': ['反饋', '優先級', '類別', '首次回應截止'],
} as const;

/** Every e-mail's Handlebars sources, by kind and locale. */
export const EMAIL_SOURCES: Record<EmailKind, Record<Locale, TemplateSource>> = {
  'plan-reminder': { en: reminderSource('en'), zh: reminderSource('zh'), 'zh-TW': reminderSource('zh-TW') },
  'complaint-digest': {
    en: {
      subject: 'Complaint digest for {{{team}}}: {{{count}}} new',
      html: DIGEST_HTML('New complaints for {{team}}', DIGEST_HEADS.en, 'Open'),
      text: DIGEST_TEXT('New complaints for {{{team}}}', DIGEST_HEADS.en),
    },
    zh: {
      subject: '{{{team}}} 投诉日报：{{{count}}} 条新投诉',
      html: DIGEST_HTML('{{team}} 的新投诉', DIGEST_HEADS.zh, '查看'),
      text: DIGEST_TEXT('{{{team}}} 的新投诉', DIGEST_HEADS.zh),
    },
    'zh-TW': {
      subject: '{{{team}}} 投訴日報：{{{count}}} 則新投訴',
      html: DIGEST_HTML('{{team}} 的新投訴', DIGEST_HEADS['zh-TW'], '查看'),
      text: DIGEST_TEXT('{{{team}}} 的新投訴', DIGEST_HEADS['zh-TW']),
    },
  },
  'snapshot-summary': {
    en: {
      subject: 'Service quality snapshot {{{period}}}',
      html: SUMMARY_HTML(
        'Service quality snapshot',
        'Figure',
        'Change',
        'Top complaint categories (80 %)',
        'Open the snapshot',
        'By team',
        TEAM_HEADS.en,
      ),
      text: SUMMARY_TEXT(
        'Service quality snapshot',
        'Top complaint categories (80 %)',
        'By team',
        TEAM_HEADS.en,
      ),
    },
    zh: {
      subject: '服务质量季度快照 {{{period}}}',
      html: SUMMARY_HTML(
        '服务质量季度快照',
        '指标',
        '环比变化',
        '主要投诉类别（80%）',
        '查看快照',
        '各团队',
        TEAM_HEADS.zh,
        PLANS_TITLE.zh,
      ),
      text: SUMMARY_TEXT('服务质量季度快照', '主要投诉类别（80%）', '各团队', TEAM_HEADS.zh, PLANS_TITLE.zh),
    },
    'zh-TW': {
      subject: '服務品質季度快照 {{{period}}}',
      html: SUMMARY_HTML(
        '服務品質季度快照',
        '指標',
        '較上季變化',
        '主要投訴類別（80%）',
        '查看快照',
        '各團隊',
        TEAM_HEADS['zh-TW'],
        PLANS_TITLE['zh-TW'],
      ),
      text: SUMMARY_TEXT(
        '服務品質季度快照',
        '主要投訴類別（80%）',
        '各團隊',
        TEAM_HEADS['zh-TW'],
        PLANS_TITLE['zh-TW'],
      ),
    },
  },
  escalation: {
    en: {
      subject:
        '[{{{priority}}}] Level {{{level}}} escalation: feedback {{{id}}}, {{{deadlineName}}} {{#if late}}{{{lateness}}}{{else}}due {{{due}}}{{/if}}',
      html: `<h1>{{#if late}}Deadline missed{{else}}Deadline approaching{{/if}} (level {{level}})</h1>
<p>Feedback <strong>{{id}}</strong> ({{priority}}): the {{deadlineName}} was due <strong>{{due}}</strong> — {{lateness}}.</p>
<blockquote>{{excerpt}}</blockquote>
<p><a href="{{staffUrl}}">Open the feedback</a></p>`,
      text: `{{#if late}}Deadline missed{{else}}Deadline approaching{{/if}} (level {{{level}}})

Feedback {{{id}}} ({{{priority}}}): the {{{deadlineName}}} was due {{{due}}} — {{{lateness}}}.

"{{{excerpt}}}"

Open: {{{staffUrl}}}`,
    },
    zh: {
      subject:
        '【{{{priority}}}】{{{level}}}级升级：反馈 {{{id}}} {{{deadlineName}}}{{#if late}}{{{lateness}}}{{else}}将于 {{{due}}} 到期{{/if}}',
      html: `<h1>{{#if late}}已超时{{else}}即将到期{{/if}}（{{level}}级）</h1>
<p>反馈 <strong>{{id}}</strong>（{{priority}}）：{{deadlineName}}截止 <strong>{{due}}</strong>，{{lateness}}。</p>
<blockquote>{{excerpt}}</blockquote>
<p><a href="{{staffUrl}}">查看反馈</a></p>`,
      text: `{{#if late}}已超时{{else}}即将到期{{/if}}（{{{level}}}级）

反馈 {{{id}}}（{{{priority}}}）：{{{deadlineName}}}截止 {{{due}}}，{{{lateness}}}。

“{{{excerpt}}}”

查看：{{{staffUrl}}}`,
    },
    'zh-TW': {
      subject:
        '【{{{priority}}}】{{{level}}}級升級：反饋 {{{id}}} {{{deadlineName}}}{{#if late}}{{{lateness}}}{{else}}將於 {{{due}}} 到期{{/if}}',
      html: `<h1>{{#if late}}已逾時{{else}}即將到期{{/if}}（{{level}}級）</h1>
<p>反饋 <strong>{{id}}</strong>（{{priority}}）：{{deadlineName}}截止 <strong>{{due}}</strong>，{{lateness}}。</p>
<blockquote>{{excerpt}}</blockquote>
<p><a href="{{staffUrl}}">查看反饋</a></p>`,
      text: `{{#if late}}已逾時{{else}}即將到期{{/if}}（{{{level}}}級）

反饋 {{{id}}}（{{{priority}}}）：{{{deadlineName}}}截止 {{{due}}}，{{{lateness}}}。

「{{{excerpt}}}」

查看：{{{staffUrl}}}`,
    },
  },
  'closure-notice': {
    en: {
      subject: 'Your feedback has been resolved{{#if reference}} ({{{reference}}}){{/if}}',
      html: `<p>{{#if name}}Dear {{name}},{{else}}Hello,{{/if}}</p>
<p>Thank you for your feedback. We have resolved it:</p>
<blockquote>{{resolution}}</blockquote>
<p>You can follow every step here: <a href="{{trackingUrl}}">track your feedback</a>.</p>
<p><strong>How satisfied are you with how we handled it?</strong> <a href="{{surveyUrl}}">Answer one question</a> (it takes ten seconds).</p>
<p>If this does not solve your problem, answer the question with 1 or 2 and we will reopen it.</p>`,
      text: `{{#if name}}Dear {{{name}}},{{else}}Hello,{{/if}}

Thank you for your feedback. We have resolved it:

{{{resolution}}}

Track your feedback: {{{trackingUrl}}}
How satisfied are you with how we handled it? Answer one question: {{{surveyUrl}}}

If this does not solve your problem, answer 1 or 2 and we will reopen it.`,
    },
    zh: {
      subject: '您的反馈已处理完毕{{#if reference}}（{{{reference}}}）{{/if}}',
      html: `<p>{{#if name}}尊敬的{{name}}：{{else}}您好：{{/if}}</p>
<p>感谢您的反馈，我们已处理完毕：</p>
<blockquote>{{resolution}}</blockquote>
<p>您可以在此查看处理进展：<a href="{{trackingUrl}}">查看反馈进度</a>。</p>
<p><strong>您对本次处理是否满意？</strong><a href="{{surveyUrl}}">请回答一个问题</a>（只需十秒钟）。</p>
<p>如果问题仍未解决，请选择 1 或 2 分，我们将重新处理。</p>`,
      text: `{{#if name}}尊敬的{{{name}}}：{{else}}您好：{{/if}}

感谢您的反馈，我们已处理完毕：

{{{resolution}}}

查看反馈进度：{{{trackingUrl}}}
您对本次处理是否满意？请回答一个问题：{{{surveyUrl}}}

如果问题仍未解决，请选择 1 或 2 分，我们将重新处理。`,
    },
    'zh-TW': {
      subject: '您的意見已處理完畢{{#if reference}}（{{{reference}}}）{{/if}}',
      html: `<p>{{#if name}}親愛的{{name}}：{{else}}您好：{{/if}}</p>
<p>感謝您的意見，我們已處理完畢：</p>
<blockquote>{{resolution}}</blockquote>
<p>您可以在此查看處理進度：<a href="{{trackingUrl}}">查看意見進度</a>。</p>
<p><strong>您對本次處理是否滿意？</strong><a href="{{surveyUrl}}">請回答一個問題</a>（只需十秒鐘）。</p>
<p>如果問題仍未解決，請選擇 1 或 2 分，我們將重新處理。</p>`,
      text: `{{#if name}}親愛的{{{name}}}：{{else}}您好：{{/if}}

感謝您的意見，我們已處理完畢：

{{{resolution}}}

查看意見進度：{{{trackingUrl}}}
您對本次處理是否滿意？請回答一個問題：{{{surveyUrl}}}

如果問題仍未解決，請選擇 1 或 2 分，我們將重新處理。`,
    },
  },
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
