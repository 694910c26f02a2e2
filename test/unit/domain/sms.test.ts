import { describe, expect, it } from 'vitest';
import { closureSms, fitsOneSegment, SMS_SEGMENT_LIMITS, smsEncoding } from '../../../shared/domain/sms.ts';

describe('SMS segments', () => {
  it('states the one-segment limits: 160 GSM-7 characters, 70 UCS-2', () => {
    expect(SMS_SEGMENT_LIMITS).toEqual({ gsm7: 160, ucs2: 70 });
  });

  it('counts GSM extension characters twice and switches to UCS-2 for any other character', () => {
    expect(smsEncoding('Price: 5€ [ok]')).toEqual({ encoding: 'gsm7', units: 17 });
    expect(smsEncoding('已处理')).toEqual({ encoding: 'ucs2', units: 3 });
    expect(smsEncoding('It’s done')).toEqual({ encoding: 'ucs2', units: 9 });
  });

  it('writes the closure notice in the feedback’s language', () => {
    expect(closureSms('zh', '我们已在高峰时段增开了一个窗口。', 'SMS-1')).toBe(
      '您的反馈（SMS-1）已处理：我们已在高峰时段增开了一个窗口。',
    );
    expect(closureSms('zh-TW', '已更換櫃檯。', null)).toBe('您的意見已處理：已更換櫃檯。');
    expect(closureSms('en', 'We added a second counter.', 'B-7')).toBe(
      'Your feedback B-7 is resolved: We added a second counter.',
    );
  });

  it('cuts a long resolution to fit one segment, with the ellipsis of its encoding', () => {
    // Prepare
    const english = 'We reviewed the queue at every window and added a second counter at peak hours. '.repeat(
      4,
    );
    const chinese = '我们检查了每个窗口的排队情况，并在高峰时段增开了第二个窗口。'.repeat(4);

    // Act
    const gsm = closureSms('en', english, 'B-7');
    const ucs = closureSms('zh', chinese, 'B-7');

    // Assess
    expect(gsm).toMatch(/^Your feedback B-7 is resolved: We reviewed the queue .*\.\.\.$/);
    expect(smsEncoding(gsm)).toEqual({ encoding: 'gsm7', units: expect.any(Number) });
    expect(smsEncoding(gsm).units).toBeGreaterThan(150);
    expect(smsEncoding(gsm).units).toBeLessThanOrEqual(160);
    expect(ucs).toMatch(/^您的反馈（B-7）已处理：我们检查了.*…$/);
    expect(ucs.length).toBe(70);
    expect(fitsOneSegment(ucs)).toBe(true);
  });
});
