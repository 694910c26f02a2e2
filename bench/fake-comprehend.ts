import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { scoreLocally } from '../shared/adapters/local-sentiment-detector.ts';
import { guessLanguage } from '../shared/domain/text.ts';

/**
 * A stand-in for Amazon Comprehend's JSON API (BatchDetectDominantLanguage,
 * BatchDetectSentiment) that counts calls and documents. The real SDK and adapter talk to it,
 * so the benchmark measures the calls the deployed code would make.
 */
export async function startFakeComprehend(): Promise<{
  url: string;
  calls: Map<string, number>;
  documents: () => number;
  /** Billed units: one per 100 characters of each document, at least 3 a document. */
  units: () => number;
  reset(): void;
  /** Operations answered with a 400 error until cleared (a test's Comprehend outage). */
  failing: Set<string>;
  stop(): Promise<void>;
}> {
  const failing = new Set<string>();
  const calls = new Map<string, number>();
  let documents = 0;
  let units = 0;
  const server: Server = createServer(async (req, res) => {
    const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? 'unknown';
    calls.set(operation, (calls.get(operation) ?? 0) + 1);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      TextList: string[];
      LanguageCode?: string;
    };
    documents += input.TextList.length;
    for (const text of input.TextList) units += Math.max(3, Math.ceil(text.length / 100));
    let body: unknown;
    if (failing.has(operation)) {
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({ __type: 'InvalidRequestException', message: 'failing on purpose' }));
      return;
    }
    if (operation === 'BatchDetectDominantLanguage') {
      body = {
        ResultList: input.TextList.map((text, Index) => ({
          Index,
          Languages: [{ LanguageCode: guessLanguage(text), Score: 0.99 }],
        })),
        ErrorList: [],
      };
    } else if (operation === 'BatchDetectSentiment') {
      body = {
        ResultList: input.TextList.map((text, Index) => {
          const scored = scoreLocally(text, input.LanguageCode ?? 'en');
          const { positive, negative, neutral, mixed } = scored.scores;
          return {
            Index,
            Sentiment: scored.label,
            SentimentScore: { Positive: positive, Negative: negative, Neutral: neutral, Mixed: mixed },
          };
        }),
        ErrorList: [],
      };
    } else {
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({ __type: 'InvalidRequestException', message: `not faked: ${operation}` }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    documents: () => documents,
    units: () => units,
    failing,
    reset: () => {
      calls.clear();
      documents = 0;
      units = 0;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
