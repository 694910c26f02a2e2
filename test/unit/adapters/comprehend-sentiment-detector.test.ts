import {
  BatchDetectDominantLanguageCommand,
  BatchDetectSentimentCommand,
  ComprehendClient,
  TooManyRequestsException,
} from '@aws-sdk/client-comprehend';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  COMPREHEND_MAX_BYTES,
  ComprehendSentimentDetector,
  comprehendLanguageCode,
} from '../../../shared/adapters/comprehend-sentiment-detector.ts';

const comprehend = mockClient(ComprehendClient);
const noSleep = async () => undefined;

function sentimentFor(textList: string[]) {
  return {
    ResultList: textList.map((_, index) => ({
      Index: index,
      Sentiment: 'NEGATIVE' as const,
      SentimentScore: { Positive: 0.01, Negative: 0.95, Neutral: 0.03, Mixed: 0.01 },
    })),
    ErrorList: [],
  };
}

describe('ComprehendSentimentDetector', () => {
  beforeEach(() => comprehend.reset());

  it('scores 60 texts of one language in 3 calls of at most 25 and detects no language it was given', async () => {
    // Prepare
    comprehend.on(BatchDetectSentimentCommand).callsFake((input) => sentimentFor(input.TextList));
    const detector = new ComprehendSentimentDetector(new ComprehendClient({}), { sleep: noSleep });
    const requests = Array.from({ length: 60 }, (_, i) => ({
      id: `f${i}`,
      text: `text ${i}`,
      language: 'en',
    }));

    // Act
    const results = await detector.detect(requests);

    // Assess
    const calls = comprehend.commandCalls(BatchDetectSentimentCommand);
    expect(calls.map((c) => c.args[0].input.TextList?.length)).toEqual([25, 25, 10]);
    expect(comprehend.commandCalls(BatchDetectDominantLanguageCommand)).toHaveLength(0);
    expect(results).toHaveLength(60);
    expect(results[59]).toMatchObject({
      id: 'f59',
      language: 'en',
      sentiment: { label: 'NEGATIVE', source: 'comprehend' },
    });
  });

  it('detects missing languages in batches and groups sentiment calls by language', async () => {
    comprehend.on(BatchDetectDominantLanguageCommand).callsFake((input) => ({
      ResultList: input.TextList.map((text: string, index: number) => ({
        Index: index,
        Languages: /[\u4e00-\u9fff]/.test(text)
          ? [
              { LanguageCode: 'en', Score: 0.1 },
              { LanguageCode: 'zh', Score: 0.9 },
            ]
          : [{ LanguageCode: 'en', Score: 0.99 }],
      })),
      ErrorList: [],
    }));
    comprehend.on(BatchDetectSentimentCommand).callsFake((input) => sentimentFor(input.TextList));
    const detector = new ComprehendSentimentDetector(new ComprehendClient({}), { sleep: noSleep });

    const results = await detector.detect([
      { id: 'a', text: '服务太慢', language: null },
      { id: 'b', text: 'too slow', language: null },
      { id: 'c', text: '櫃檯態度差', language: 'zh-Hant-HK' },
    ]);

    expect(comprehend.commandCalls(BatchDetectDominantLanguageCommand)).toHaveLength(1);
    const codes = comprehend
      .commandCalls(BatchDetectSentimentCommand)
      .map((c) => c.args[0].input.LanguageCode)
      .sort();
    expect(codes).toEqual(['en', 'zh', 'zh-TW']);
    expect(results.map((r) => r.language)).toEqual(['zh', 'en', 'zh-Hant-HK']);
  });

  it('sends a zh, zh-TW and en mix without languages to sentiment only: one document per item', async () => {
    // Prepare
    comprehend.on(BatchDetectSentimentCommand).callsFake((input) => sentimentFor(input.TextList));
    const detector = new ComprehendSentimentDetector(new ComprehendClient({}), { sleep: noSleep });

    // Act
    const results = await detector.detect([
      { id: 'zh', text: '服务太慢了，等了一个小时！', language: null },
      { id: 'tw', text: '櫃檯人員態度很差，等了很久。', language: null },
      { id: 'en1', text: 'The staff were rude and the queue was very long.', language: null },
      { id: 'en2', text: 'What are your opening hours on Saturday?', language: null },
    ]);

    // Assess
    expect(comprehend.commandCalls(BatchDetectDominantLanguageCommand)).toHaveLength(0);
    const documents = comprehend
      .commandCalls(BatchDetectSentimentCommand)
      .map((c) => [c.args[0].input.LanguageCode, c.args[0].input.TextList?.length]);
    expect(documents.sort()).toEqual([
      ['en', 2],
      ['zh', 1],
      ['zh-TW', 1],
    ]);
    expect(results.map((r) => [r.id, r.language, r.sentiment?.label])).toEqual([
      ['zh', 'zh', 'NEGATIVE'],
      ['tw', 'zh-TW', 'NEGATIVE'],
      ['en1', 'en', 'NEGATIVE'],
      ['en2', 'en', 'NEGATIVE'],
    ]);
  });

  it('asks Comprehend for the language of mixed-script and too-short texts only', async () => {
    // Prepare
    comprehend.on(BatchDetectDominantLanguageCommand).callsFake((input) => ({
      ResultList: input.TextList.map((_: string, index: number) => ({
        Index: index,
        Languages: [{ LanguageCode: 'en', Score: 0.97 }],
      })),
      ErrorList: [],
    }));
    comprehend.on(BatchDetectSentimentCommand).callsFake((input) => sentimentFor(input.TextList));
    const detector = new ComprehendSentimentDetector(new ComprehendClient({}), { sleep: noSleep });

    // Act
    const results = await detector.detect([
      { id: 'mixed', text: 'The app 很好 but the queue 太长了', language: null },
      { id: 'short', text: 'bad!', language: null },
      { id: 'zh', text: '非常感谢你们的耐心帮助，服务很好。', language: null },
      { id: 'en', text: 'Thank you for the quick and friendly help!', language: null },
    ]);

    // Assess
    const detected = comprehend.commandCalls(BatchDetectDominantLanguageCommand);
    expect(detected.map((c) => c.args[0].input.TextList)).toEqual([
      ['The app 很好 but the queue 太长了', 'bad!'],
    ]);
    expect(results.map((r) => [r.id, r.language])).toEqual([
      ['mixed', 'en'],
      ['short', 'en'],
      ['zh', 'zh'],
      ['en', 'en'],
    ]);
    const sentimentDocuments = comprehend
      .commandCalls(BatchDetectSentimentCommand)
      .reduce((n, c) => n + (c.args[0].input.TextList?.length ?? 0), 0);
    expect(sentimentDocuments).toBe(4);
  });

  it('cuts long texts to the byte limit on a character boundary', async () => {
    comprehend.on(BatchDetectSentimentCommand).callsFake((input) => sentimentFor(input.TextList));
    const detector = new ComprehendSentimentDetector(new ComprehendClient({}), { sleep: noSleep });

    await detector.detect([{ id: 'long', text: '好'.repeat(5000), language: 'zh' }]);

    const sent = comprehend.commandCalls(BatchDetectSentimentCommand)[0]?.args[0].input.TextList?.[0] ?? '';
    expect(Buffer.byteLength(sent)).toBeLessThanOrEqual(COMPREHEND_MAX_BYTES);
    expect(sent).toBe('好'.repeat(1666));
  });

  it('retries throttling with backoff and then succeeds', async () => {
    const throttled = new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {} });
    comprehend
      .on(BatchDetectSentimentCommand)
      .rejectsOnce(throttled)
      .rejectsOnce(throttled)
      .callsFake((input) => sentimentFor(input.TextList));
    const delays: number[] = [];
    const detector = new ComprehendSentimentDetector(new ComprehendClient({}), {
      baseDelayMs: 100,
      sleep: async (ms) => {
        delays.push(ms);
      },
    });

    const [result] = await detector.detect([{ id: 'x', text: 'bad', language: 'en' }]);

    expect(result?.sentiment?.label).toBe('NEGATIVE');
    expect(comprehend.commandCalls(BatchDetectSentimentCommand)).toHaveLength(3);
    expect(delays).toHaveLength(2);
    expect(delays[1]).toBeGreaterThanOrEqual(100);
  });

  it('reports every text unavailable when Comprehend stays down, and never throws', async () => {
    comprehend
      .on(BatchDetectSentimentCommand)
      .rejects(new TooManyRequestsException({ message: 'down', $metadata: {} }));
    comprehend.on(BatchDetectDominantLanguageCommand).rejects(new Error('connect ETIMEDOUT'));
    const detector = new ComprehendSentimentDetector(new ComprehendClient({}), {
      sleep: noSleep,
      maxAttempts: 3,
    });

    const results = await detector.detect([
      { id: 'a', text: 'x', language: 'en' },
      { id: 'b', text: 'y', language: null },
    ]);

    expect(results).toEqual([
      { id: 'a', language: 'en', sentiment: null, reason: 'unavailable' },
      { id: 'b', language: null, sentiment: null, reason: 'unavailable' },
    ]);
    expect(comprehend.commandCalls(BatchDetectSentimentCommand)).toHaveLength(3);
  });

  it('marks per-document errors unavailable and unsupported languages as final', async () => {
    comprehend.on(BatchDetectSentimentCommand).resolves({
      ResultList: [
        {
          Index: 0,
          Sentiment: 'POSITIVE',
          SentimentScore: { Positive: 0.9, Negative: 0, Neutral: 0.1, Mixed: 0 },
        },
      ],
      ErrorList: [{ Index: 1, ErrorCode: 'INTERNAL_SERVER_ERROR', ErrorMessage: 'x' }],
    });
    const detector = new ComprehendSentimentDetector(new ComprehendClient({}), { sleep: noSleep });

    const results = await detector.detect([
      { id: 'ok', text: 'great', language: 'en' },
      { id: 'err', text: 'meh', language: 'en' },
      { id: 'ru', text: 'плохо', language: 'ru' },
    ]);

    expect(results.map((r) => [r.id, r.sentiment?.label ?? ('reason' in r ? r.reason : '')])).toEqual([
      ['ok', 'POSITIVE'],
      ['err', 'unavailable'],
      ['ru', 'unsupported_language'],
    ]);
  });

  it.each([
    ['zh', 'zh'],
    ['zh-CN', 'zh'],
    ['zh-TW', 'zh-TW'],
    ['zh-Hant', 'zh-TW'],
    ['zh-HK', 'zh-TW'],
    ['en-GB', 'en'],
    ['pt-BR', 'pt'],
  ])('maps %s to Comprehend code %s', (tag, code) => {
    expect(comprehendLanguageCode(tag)).toBe(code);
  });
});
