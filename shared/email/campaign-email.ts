import type { Locale } from '../domain/text.ts';
import type { EmailMessage } from '../ports/mailer.ts';
import { lazyTemplate } from '../web/lazy-handlebars.ts';

const TEXT: Record<
  Locale,
  {
    invite: string;
    reminder: string;
    intro: string;
    remind: string;
    cta: string;
    closes: string;
    sms: string;
    smsReminder: string;
  }
> = {
  en: {
    invite: 'A few questions about our service: {title}',
    reminder: 'Reminder: a few questions about our service: {title}',
    intro: 'We would value your view of our service. Answering takes a few minutes.',
    remind:
      'A few days ago we asked for your view of our service. If you have a few minutes, we would value your answer.',
    cta: 'Answer the questions',
    closes: 'The survey closes on {date}.',
    sms: 'We would value your view of our service: {url}',
    smsReminder: 'Reminder: your view of our service: {url}',
  },
  zh: {
    invite: '服务满意度调查：{title}',
    reminder: '提醒：服务满意度调查：{title}',
    intro: '诚邀您评价我们的服务，只需几分钟。',
    remind: '几天前我们邀请您评价我们的服务。如果您有几分钟时间，我们非常重视您的意见。',
    cta: '开始答题',
    closes: '调查截止日期：{date}。',
    sms: '诚邀您评价我们的服务：{url}',
    smsReminder: '提醒：诚邀您评价我们的服务：{url}',
  },
  'zh-TW': {
    invite: '服務滿意度調查：{title}',
    reminder: '提醒：服務滿意度調查：{title}',
    intro: '誠邀您評價我們的服務，只需幾分鐘。',
    remind: '幾天前我們邀請您評價我們的服務。如果您有幾分鐘時間，我們非常重視您的意見。',
    cta: '開始作答',
    closes: '調查截止日期：{date}。',
    sms: '誠邀您評價我們的服務：{url}',
    smsReminder: '提醒：誠邀您評價我們的服務：{url}',
  },
};

// Compiled on the first invitation: the modules that only import this one do not load Handlebars.
const HTML = lazyTemplate(
  `<!doctype html><html lang="{{lang}}"><head><meta charset="utf-8"><title>{{subject}}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a">
<p>{{lead}}</p>
<p><a href="{{url}}" style="display:inline-block;padding:.6rem 1.2rem;background:#005fcc;color:#fff;border-radius:.5rem;text-decoration:none">{{cta}}</a></p>
<p>{{closes}}</p>
</body></html>`,
);

/** The invitation (or its one reminder) as an email in the recipient's language, with their own link. */
export async function campaignEmail(
  kind: 'invite' | 'reminder',
  locale: Locale,
  data: { to: string; title: string; url: string; closesOn: string; campaignId: string },
): Promise<EmailMessage> {
  const t = TEXT[locale];
  const subject = (kind === 'invite' ? t.invite : t.reminder).replace('{title}', data.title);
  const lead = kind === 'invite' ? t.intro : t.remind;
  const closes = t.closes.replace('{date}', data.closesOn);
  return {
    to: [data.to],
    subject,
    html: await HTML({
      lang: locale === 'zh' ? 'zh-CN' : locale,
      subject,
      lead,
      url: data.url,
      cta: t.cta,
      closes,
    }),
    text: `${lead}\n\n${t.cta}: ${data.url}\n\n${closes}\n`,
    tags: { kind: `campaign-${kind}`, campaign: data.campaignId },
  };
}

/** The invitation (or reminder) as one SMS with the link. */
export function campaignSms(kind: 'invite' | 'reminder', locale: Locale, url: string): string {
  return (kind === 'invite' ? TEXT[locale].sms : TEXT[locale].smsReminder).replace('{url}', url);
}
