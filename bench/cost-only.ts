/**
 * `npm run bench:cost`: the life of BENCH_LIFECYCLE_ITEMS feedback items (default 200) on a fresh
 * local stack with every request counted, and the cost per million items those counts give.
 */
import { startLocalStack } from '../infra/local/local-stack.ts';
import { freePort } from '../infra/local/local-tools.ts';
import { costInputsOf, costPerMillion } from './cost-model.ts';
import { startCountingProxy } from './counting-proxy.ts';
import { startFakeComprehend } from './fake-comprehend.ts';
import { measureLifecycle } from './lifecycle.ts';

process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const comprehend = await startFakeComprehend();
const dynamoPort = await freePort();
const proxy = await startCountingProxy(() => `http://127.0.0.1:${dynamoPort}`);
const stack = await startLocalStack({
  port: await freePort(),
  dynamoDbPort: dynamoPort,
  sesPort: await freePort(),
  apiKey: 'bench-key',
  staffToken: 'bench-staff',
  sentimentProvider: 'comprehend',
  comprehendEndpoint: comprehend.url,
  functionsDynamoDbEndpoint: proxy.url,
});
try {
  const lifecycle = await measureLifecycle({
    apiUrl: stack.apiUrl,
    sesUrl: stack.sesUrl,
    apiKey: 'bench-key',
    staffToken: 'bench-staff',
    poller: stack.poller,
    proxy,
    comprehend,
    items: Number(process.env.BENCH_LIFECYCLE_ITEMS ?? 200),
  });
  const cost = costPerMillion(costInputsOf(lifecycle.arrival));
  const costFullLife = costPerMillion(costInputsOf(lifecycle.fullLife));
  console.log(
    JSON.stringify(
      {
        lifecycle,
        cost: { total: cost.total, lines: cost.lines },
        costFullLife: { total: costFullLife.total, lines: costFullLife.lines },
      },
      null,
      2,
    ),
  );
} finally {
  await stack.stop();
  await proxy.stop();
  await comprehend.stop();
}
