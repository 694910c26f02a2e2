import type { Locale } from '../domain/text.ts';
import { lazyTemplate, loadHandlebars } from '../web/lazy-handlebars.ts';

/** One localized template: Handlebars sources for the subject, the HTML part and the text part. */
export interface TemplateSource {
  subject: string;
  html: string;
  text: string;
}

export type EmailKind =
  | 'p1-alert'
  | 'escalation'
  | 'closure-notice'
  | 'snapshot-summary'
  | 'complaint-digest'
  | 'plan-reminder';

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

/** What an escalation names: the feedback, its priority, which deadline, and how late it is. */
export interface EscalationData {
  id: string;
  priority: string;
  level: number;
  /** Localized: "first response" / "resolution". */
  deadlineName: string;
  due: string;
  /** Localized: "in 2 h 10 min" / "2 h 10 min late". */
  lateness: string;
  late: boolean;
  excerpt: string;
  staffUrl: string;
}

/** What the customer's closure notice carries. */
export interface ClosureNoticeData {
  name: string;
  resolution: string;
  trackingUrl: string;
  surveyUrl: string;
  reference: string;
}

/** The quarter's summary for staff: figure lines with deltas, and the vital-few categories. */
export interface SnapshotSummaryData {
  period: string;
  lines: { label: string; value: string; delta: string }[];
  categories: { rank: number; name: string; count: number; share: string }[];
  hasPrevious: boolean;
  snapshotUrl: string;
  /** Per-team figures (contract §7), formatted. */
  teams: {
    name: string;
    feedback: number;
    complaints: number;
    slaCompliance: string;
    closureRate: string;
    firstResponseMedianHours: string;
    csat: string;
  }[];
  /** Improvement plans this snapshot evaluated (contract §8), each line already worded. */
  plans: { title: string; verdict: string }[];
}

/** The owner's reminder: the plan's target quarter ended and it was never started. */
export interface PlanReminderData {
  title: string;
  targetPeriod: string;
  metric: string;
  scope: string;
  planUrl: string;
}

/** A team's daily complaint digest: the complaints it received since its previous digest. */
export interface ComplaintDigestData {
  team: string;
  count: number;
  complaints: {
    id: string;
    priority: string;
    category: string;
    firstResponseDue: string;
    staffUrl: string;
  }[];
}

export interface EmailData {
  'p1-alert': P1AlertData;
  escalation: EscalationData;
  'closure-notice': ClosureNoticeData;
  'snapshot-summary': SnapshotSummaryData;
  'complaint-digest': ComplaintDigestData;
  'plan-reminder': PlanReminderData;
}

const LAYOUT = lazyTemplate(
  '<!doctype html><html lang="{{lang}}"><head><meta charset="utf-8"><title>{{subject}}</title></head>' +
    '<body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:40rem">{{{body}}}</body></html>',
);

type Compiled = {
  subject: HandlebarsTemplateDelegate;
  html: HandlebarsTemplateDelegate;
  text: HandlebarsTemplateDelegate;
};
const compiled = new Map<string, Compiled>();

async function templateFor(kind: EmailKind, locale: Locale): Promise<Compiled> {
  const key = `${kind}:${locale}`;
  let entry = compiled.get(key);
  if (!entry) {
    const [Handlebars, { EMAIL_SOURCES }] = await Promise.all([
      loadHandlebars(),
      import('./email-sources.ts'),
    ]);
    const source = EMAIL_SOURCES[kind][locale];
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

/**
 * Renders one email in a locale: a one-line subject, a full HTML document and a text part.
 * Asynchronous because Handlebars loads on the first render.
 */
export async function renderEmail<K extends EmailKind>(
  kind: K,
  locale: Locale,
  data: EmailData[K],
): Promise<{ subject: string; html: string; text: string }> {
  const template = await templateFor(kind, locale);
  const subject = template
    .subject(data)
    .replace(/[\r\n]+/g, ' ')
    .trim();
  const lang = locale === 'zh-TW' ? 'zh-Hant' : locale === 'zh' ? 'zh-Hans' : 'en';
  return {
    subject,
    html: await LAYOUT({ lang, subject, body: template.html(data) }),
    text: template.text(data),
  };
}

const DEADLINE_NAMES: Record<Locale, Record<'firstResponse' | 'resolution', string>> = {
  en: { firstResponse: 'first response', resolution: 'resolution' },
  zh: { firstResponse: '首次响应', resolution: '问题解决' },
  'zh-TW': { firstResponse: '首次回應', resolution: '問題解決' },
};

/** The localized name of a deadline. */
export function deadlineName(deadline: 'firstResponse' | 'resolution', locale: Locale): string {
  return DEADLINE_NAMES[locale][deadline];
}

/** "2 h 10 min late" / "due in 35 min", localized; `lateByMs` negative means still ahead. */
export function lateness(lateByMs: number, locale: Locale): string {
  const minutes = Math.round(Math.abs(lateByMs) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts =
    locale === 'en'
      ? [days ? `${days} d` : '', hours ? `${hours} h` : '', mins || (!days && !hours) ? `${mins} min` : '']
      : [
          days ? `${days}天` : '',
          hours ? `${hours}小时` : '',
          mins || (!days && !hours) ? `${mins}分钟` : '',
        ];
  const span = parts.filter(Boolean).join(locale === 'en' ? ' ' : '');
  const text = locale === 'zh-TW' ? span.replace('小时', '小時').replace('分钟', '分鐘') : span;
  if (lateByMs > 0)
    return locale === 'en' ? `${text} late` : locale === 'zh' ? `已超时${text}` : `已逾時${text}`;
  return locale === 'en' ? `due in ${text}` : locale === 'zh' ? `还剩${text}` : `還剩${text}`;
}

/** A short, single-paragraph excerpt of feedback text for staff emails. */
export function excerpt(text: string, max = 280): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
