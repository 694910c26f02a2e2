import { describe, expect, it } from 'vitest';
import { closureSms } from '../../../shared/domain/sms.ts';

// One segment: 160 GSM-7 units or 70 UCS-2 units; a long resolution is cut with `...` (GSM)
// or `…` (UCS-2). Frames: "Your feedback is resolved: " is 27 characters, "您的反馈已处理：" 8.

/** 59 UCS-2 units: two 30-character sentences without the last full stop. */
const CHINESE_59 =
  '我们检查了每个窗口的排队情况，并在高峰时段增开了第二个窗口。我们检查了每个窗口的排队情况，并在高峰时段增开了第二个窗口';

describe('closureSms', () => {
  it('folds runs of white space into one space and trims the resolution', () => {
    expect(closureSms('en', '  We fixed\n\tthe   lamp.  ', null)).toBe(
      'Your feedback is resolved: We fixed the lamp.',
    );
  });

  it('keeps the first 20 characters of a long reference, and treats an empty one as none', () => {
    expect(closureSms('en', 'Done.', 'REF-0123456789-ABCDEFGHIJ')).toBe(
      'Your feedback REF-0123456789-ABCDE is resolved: Done.',
    );
    expect(closureSms('en', 'Done.', '')).toBe('Your feedback is resolved: Done.');
  });

  it('cuts GSM text where it fits and drops the space before the ellipsis', () => {
    // Prepare: 20 × "Ten chars " (199 characters once trimmed); 160 − 27 − 3 leaves 130 for the
    // text, and the 130th character is a space, so 129 are kept.
    const resolution = 'Ten chars '.repeat(20);

    // Act
    const sms = closureSms('en', resolution, null);

    // Assess
    expect(sms).toBe(
      'Your feedback is resolved: Ten chars Ten chars Ten chars Ten chars Ten chars Ten chars Ten chars Ten chars Ten chars Ten chars Ten chars Ten chars Ten chars...',
    );
    expect(sms).toHaveLength(159);
  });

  it('ends UCS-2 text with "…" even where "..." would fill the segment exactly', () => {
    // Prepare: 59 units, a space, then an emoji (2 units). Keeping the emoji needs 8 + 62 + 1 = 71
    // units; without it the text is 59 units: "…" makes 68, "..." would make 70 and still fit.
    const resolution = `${CHINESE_59} 🙂 谢谢您的耐心等待。`;

    // Act
    const sms = closureSms('zh', resolution, null);

    // Assess
    expect(sms).toBe(`您的反馈已处理：${CHINESE_59}…`);
    expect(sms).toHaveLength(68);
  });
});
