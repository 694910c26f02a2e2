import { describe, expect, it } from 'vitest';
import { checkAnswers, type Questionnaire, toQuestionnaire } from '../../../shared/domain/questionnaire.ts';
import { renderQuestionnairePage } from '../../../shared/web/questionnaire-page.ts';

const QUESTIONNAIRE: Questionnaire = toQuestionnaire(
  {
    title: { en: 'How was our service?', zh: '服务满意度调查', 'zh-TW': '服務滿意度調查' },
    questions: [
      {
        id: 'attitude',
        kind: 'likert5',
        label: { en: 'Staff were courteous', zh: '工作人员态度友好', 'zh-TW': '工作人員態度友好' },
        required: true,
      },
      {
        id: 'recommend',
        kind: 'nps',
        label: { en: 'Recommend us?', zh: '推荐我们吗？', 'zh-TW': '推薦我們嗎？' },
      },
    ],
  },
  { id: '01JD0000000000000000000009', createdAt: '2026-11-01T00:00:00.000Z', createdBy: 'staff:a' },
);

/** The page's error texts: the summary's items and the messages marked at each question. */
function errorTexts(html: string): string[] {
  return [...html.matchAll(/<(?:li><a href="#[^"]*"|p class="error" id="[^"]*")>([^<]*)</g)].map(
    (m) => m[1] ?? '',
  );
}

describe('the answering page’s error messages', () => {
  // A form with the required question unanswered and the NPS out of range
  const checked = checkAnswers(QUESTIONNAIRE, { attitude: '', recommend: '11' }, 'form');
  const issues = checked.ok ? [] : checked.issues;

  it('keeps the API’s messages in English', () => {
    expect(issues).toEqual([
      { path: 'answers.recommend', message: 'must be a whole number from 0 to 10' },
      { path: 'answers.attitude', message: 'is required' },
    ]);
  });

  it.each([
    [
      'zh',
      [
        '推荐我们吗？：请选择 0 到 10 之间的整数',
        '工作人员态度友好：此题必答',
        '此题必答',
        '请选择 0 到 10 之间的整数',
      ],
    ],
    [
      'zh-TW',
      [
        '推薦我們嗎？：請選擇 0 到 10 之間的整數',
        '工作人員態度友好：此題必答',
        '此題必答',
        '請選擇 0 到 10 之間的整數',
      ],
    ],
    [
      'en',
      [
        'Recommend us?: must be a whole number from 0 to 10',
        'Staff were courteous: is required',
        'is required',
        'must be a whole number from 0 to 10',
      ],
    ],
  ] as const)('shows them in the page’s language (%s)', async (locale, expected) => {
    const html = await renderQuestionnairePage(locale, QUESTIONNAIRE, 'invalid', {
      issues,
      values: { recommend: '11' },
    });

    expect(errorTexts(html)).toEqual(expected);
  });

  it('words an empty answer in the page’s language too', async () => {
    const html = await renderQuestionnairePage('zh', QUESTIONNAIRE, 'invalid', {
      issues: [{ path: 'answers', message: 'answer at least one question' }],
    });

    expect(errorTexts(html)).toEqual(['请至少回答一个问题']);
  });
});
