/** `npm run bench:console`: the console's figures alone, on a fresh local stack. */
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { buildConsole } from '../infra/local/console-build.ts';
import { localDynamoDbClient } from '../infra/local/dynamodb-local.ts';
import { startLocalStack } from '../infra/local/local-stack.ts';
import { freePort } from '../infra/local/local-tools.ts';
import { measureConsole } from './console.ts';

process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
await buildConsole({ onlyIfStale: true });
const stack = await startLocalStack({
  port: await freePort(),
  dynamoDbPort: await freePort(),
  sesPort: await freePort(),
  apiKey: 'bench-key',
  staffToken: 'bench-staff',
});
const client = DynamoDBDocumentClient.from(localDynamoDbClient(stack.dynamoDbEndpoint), {
  marshallOptions: { removeUndefinedValues: true },
});
try {
  const figures = await measureConsole({ apiUrl: stack.apiUrl, staffToken: 'bench-staff', client });
  console.log(JSON.stringify({ console: figures }, null, 2));
} finally {
  client.destroy();
  await stack.stop();
}
