import { buildConsole } from './console-build.ts';
import { startLocalStack } from './local-stack.ts';
import { parseLocalStaffTokens } from './staff-tokens.ts';

/**
 * `npm start`: the whole stack on this machine (contract §1). Prints one `ready` line with the
 * API URL once every piece answers; Ctrl-C or SIGTERM stops every child process.
 */
const env = process.env;
const port = (name: string, fallback: number) => {
  const value = Number(env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new Error(`${name} must be a port number`);
  return value;
};

process.env.POWERTOOLS_LOG_LEVEL ??= env.LOG_LEVEL ?? 'WARN';
// Local runs use the machine's Node (20 here); Lambda runs Node.js 24, so the SDK's notice is noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
let staffTokens: ReturnType<typeof parseLocalStaffTokens>;
try {
  staffTokens = parseLocalStaffTokens(env.LOCAL_STAFF_TOKENS);
} catch (error) {
  console.error(`[local] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const started = Date.now();
// The console at /console/ is served from a fresh build: rebuilt only when its sources changed.
const consoleBuild = await buildConsole({ onlyIfStale: true }).catch((error: unknown) => {
  console.error(
    `[local] could not build the console: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
if (consoleBuild === 'built') console.log(`[local] console built in ${Date.now() - started} ms`);
const stack = await startLocalStack({
  port: port('PORT', 3000),
  dynamoDbPort: port('DYNAMODB_PORT', 8000),
  sesPort: port('SES_PORT', 8005),
  apiKey: env.LOCAL_API_KEY ?? 'local-dev-key',
  staffToken: env.LOCAL_STAFF_TOKEN ?? 'local-staff-token',
  staffTokens,
  escalationEmails: (env.ESCALATION_EMAILS ?? 'lead@example.com,manager@example.com')
    .split(',')
    .map((address) => address.trim())
    .filter(Boolean),
  dataDir: env.LOCAL_DATA_DIR || undefined,
  config: env.LOCAL_CONFIG ? (JSON.parse(env.LOCAL_CONFIG) as Record<string, unknown>) : {},
  onError: (message, error) => console.error(`[local] ${message}:`, error),
}).catch((error: unknown) => {
  console.error(`[local] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

console.log(
  `Service Feedback Stack ready at ${stack.apiUrl} in ${Date.now() - started} ms ` +
    `(console ${stack.apiUrl}/console/, DynamoDB Local ${stack.dynamoDbEndpoint}, SES capture ${stack.sesUrl}, OpenAPI ${stack.apiUrl}/openapi.json)`,
);

let stopping = false;
const shutdown = async (reason: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`[local] ${reason}: stopping`);
  await stack.stop();
  process.exit(0);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
  process.on(signal, () => void shutdown(signal));
// `npm start` runs us under `sh -c`, which does not pass SIGTERM on: if whoever started us
// goes away, stop too rather than leave DynamoDB Local running.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void shutdown('parent process exited');
}, 500).unref();
// Last resort for an exit that skips the graceful path: never leave the Java process behind.
process.on('exit', () => stack.killNow());
