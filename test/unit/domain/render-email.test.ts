import { describe, expect, it } from 'vitest';
import { deadlineName, lateness, renderEmail } from '../../../shared/email/render-email.ts';

const hostile = '<script>alert("x")</script> & 太慢了';
const escalation = {
  id: 'F1',
  priority: 'P2',
  level: 2,
  deadlineName: 'first response',
  due: '2026-11-24 10:00 (Asia/Shanghai)',
  lateness: '2 h late',
  late: true,
  excerpt: hostile,
  staffUrl: 'https://feedback.example.com/v1/feedback/F1',
};
const closure = {
  name: '<b>王芳</b>',
  resolution: hostile,
  trackingUrl: 'https://feedback.example.com/v1/track/T',
  surveyUrl: 'https://feedback.example.com/v1/survey/S',
  reference: 'R-1',
};

describe('renderEmail', () => {
  it.each([
    'en',
    'zh',
    'zh-TW',
  ] as const)('renders every kind in %s with a one-line subject, HTML and text', async (locale) => {
    for (const [kind, data] of [
      ['escalation', escalation],
      ['closure-notice', closure],
    ] as const) {
      const email = await renderEmail(kind, locale, data as never);
      expect(email.subject).not.toMatch(/[\r\n]/);
      expect(email.subject.length).toBeGreaterThan(5);
      expect(email.html).toMatch(/^<!doctype html><html lang="/);
      expect(email.text.length).toBeGreaterThan(20);
    }
  });

  it('escapes user text in HTML and keeps it readable in the text part', async () => {
    const email = await renderEmail('closure-notice', 'en', closure);
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<b>王芳</b>');
    expect(email.html).toContain('&lt;script&gt;');
    expect(email.text).toContain(hostile);
  });

  it('puts the tracking and survey links in both parts', async () => {
    for (const locale of ['en', 'zh', 'zh-TW'] as const) {
      const email = await renderEmail('closure-notice', locale, closure);
      for (const part of [email.html, email.text]) {
        expect(part).toContain(closure.trackingUrl);
        expect(part).toContain(closure.surveyUrl);
      }
    }
  });

  it('speaks the customer’s language', async () => {
    expect((await renderEmail('closure-notice', 'zh', closure)).subject).toBe('您的反馈已处理完毕（R-1）');
    expect((await renderEmail('closure-notice', 'zh-TW', closure)).subject).toBe('您的意見已處理完畢（R-1）');
    expect((await renderEmail('closure-notice', 'en', closure)).subject).toBe(
      'Your feedback has been resolved (R-1)',
    );
  });

  it('names the feedback, priority, deadline and lateness in an escalation', async () => {
    const email = await renderEmail('escalation', 'en', escalation);
    expect(email.subject).toBe('[P2] Level 2 escalation: feedback F1, first response 2 h late');
    expect(email.text).toContain('was due 2026-11-24 10:00 (Asia/Shanghai)');
  });
});

describe('lateness and deadline names', () => {
  it.each([
    [2.5 * 3_600_000, 'en', '2 h 30 min late'],
    [-35 * 60_000, 'en', 'due in 35 min'],
    [26 * 3_600_000, 'zh', '已超时1天2小时'],
    [90 * 60_000, 'zh-TW', '已逾時1小時30分鐘'],
  ] as const)('%i ms in %s → %s', async (ms, locale, expected) => {
    expect(lateness(ms, locale)).toBe(expected);
  });

  it('localizes deadline names', async () => {
    expect(deadlineName('firstResponse', 'zh')).toBe('首次响应');
    expect(deadlineName('resolution', 'en')).toBe('resolution');
  });
});
