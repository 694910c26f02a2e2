import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { AWS_CALL_LOG_ENV, AWS_CALL_LOG_ROOT_ENV } from '../../shared/adapters/aws-clients.ts';
import { SNAPSHOT_RUNS_BUCKET_ENV } from '../../shared/adapters/s3-snapshot-checkpoints.ts';
import { CAMPAIGN_QUEUE_URL_ENV } from '../../shared/adapters/sqs-send-queue.ts';
import { STAFF_DIRECTORY_ENV } from '../../shared/adapters/static-staff-directory.ts';
import { functionEnvironment } from '../../shared/config/function-environment.ts';
import { ENV } from '../../shared/config/runtime-config.ts';
import { parseStackConfig, type StackConfig } from '../../shared/config/stack-config.ts';
import { ROUTES } from '../../shared/definitions/route-definitions.ts';
import { FEEDBACK_TABLE } from '../../shared/definitions/table-definition.ts';
import {
  asksToRunAgain,
  QUEUE_TRIGGERS,
  SCHEDULES,
  type ScheduledInvocation,
  STREAM_TRIGGERS,
} from '../../shared/definitions/trigger-definitions.ts';
import { openApiDocument } from '../openapi/openapi-document.ts';
import { AwsCapture } from './aws-capture.ts';
import { CONSOLE_DIST } from './console-build.ts';
import { consoleFiles } from './console-files.ts';
import {
  LOCAL_AWS_CREDENTIALS,
  LOCAL_AWS_REGION,
  localDynamoDbClient,
  type RunningDynamoDbLocal,
  startDynamoDbLocal,
} from './dynamodb-local.ts';
import { loadLocalFunctions } from './local-functions.ts';
import { type LocalControlRoute, startLocalHttpServer } from './local-http-server.ts';
import { LocalQueue } from './local-queue.ts';
import { LOCAL_INBOUND_BUCKET, LOCAL_SNAPSHOT_RUNS_BUCKET, LocalS3, objectCreatedEvent } from './local-s3.ts';
import { ensureLocalTable } from './local-tables.ts';
import { startSesCapture } from './ses-capture.ts';
import { type LocalStaffTokens, staffDirectoryJson } from './staff-tokens.ts';
import { StreamPoller } from './stream-poller.ts';

/** The SES configuration set name the local functions send through. */
export const LOCAL_CONFIGURATION_SET = 'local-feedback';

export interface LocalStackOptions {
  host?: string;
  port: number;
  dynamoDbPort: number;
  sesPort: number;
  apiKey: string;
  staffToken: string;
  /** `LOCAL_STAFF_TOKENS` (contract §7): tokens of people with a role and teams. */
  staffTokens?: LocalStaffTokens;
  escalationEmails?: string[];
  /** Persist DynamoDB data here; in memory when absent. */
  dataDir?: string | undefined;
  /** Extra deploy-time configuration, as the CDK context `serviceFeedback` would carry it. */
  config?: Record<string, unknown>;
  /** `local` (default: Comprehend is not reachable here) or `comprehend` against `comprehendEndpoint`. */
  sentimentProvider?: 'local' | 'comprehend';
  comprehendEndpoint?: string;
  /** Where the functions reach DynamoDB (e.g. a counting proxy); DynamoDB Local itself by default. */
  functionsDynamoDbEndpoint?: string;
  onError?: (message: string, error: unknown) => void;
}

export interface RunningLocalStack {
  apiUrl: string;
  dynamoDbEndpoint: string;
  sesUrl: string;
  config: StackConfig;
  poller: StreamPoller;
  stop(): Promise<void>;
  /** Synchronously kills child processes; for `process.on('exit')`, where nothing async runs. */
  killNow(): void;
}

/**
 * Starts the whole stack on this machine: DynamoDB Local with the deployed table definition,
 * the SES capture server, the same handlers behind an API Gateway stand-in, the stream poller
 * and the local control routes. `stop()` ends every piece, the Java process included.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<RunningLocalStack> {
  const host = options.host ?? '127.0.0.1';
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const step of stops.splice(0).reverse()) await step().catch(() => undefined);
  };
  try {
    const [dynamo, ses] = await Promise.all([
      startDynamoDbLocal({ port: options.dynamoDbPort, dataDir: options.dataDir }).then((running) => {
        stops.push(running.stop);
        return running;
      }),
      startSesCapture({ host, port: options.sesPort }).then((running) => {
        stops.push(running.stop);
        return running;
      }),
    ]);

    const setupClient = localDynamoDbClient(dynamo.endpoint);
    const streamArn = await ensureLocalTable(setupClient, FEEDBACK_TABLE);
    setupClient.destroy();

    const apiUrl = `http://${host}:${options.port}`;
    const configInput = {
      ...options.config,
      sentimentProvider: options.sentimentProvider ?? 'local',
      publicBaseUrl: apiUrl,
      ...(options.escalationEmails ? { escalationEmails: options.escalationEmails } : {}),
    };
    const config = parseStackConfig(configInput);
    // Tests record every AWS call the functions make, per sentiment provider (the IAM proof).
    const callLogRoot = process.env[AWS_CALL_LOG_ROOT_ENV];
    Object.assign(process.env, {
      ...(callLogRoot ? { [AWS_CALL_LOG_ENV]: path.join(callLogRoot, config.sentimentProvider) } : {}),
      ...functionEnvironment(configInput, { tableName: FEEDBACK_TABLE.logicalName, publicBaseUrl: apiUrl }),
      [STAFF_DIRECTORY_ENV]: staffDirectoryJson(options.staffTokens ?? {}),
      AWS_REGION: LOCAL_AWS_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_AWS_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_AWS_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: options.functionsDynamoDbEndpoint ?? dynamo.endpoint,
      AWS_ENDPOINT_URL_SESV2: ses.url,
      // As deployed: mail goes through the stack's configuration set (the capture server ignores it).
      [ENV.sesConfigurationSet]: LOCAL_CONFIGURATION_SET,
      // SMS and domain events reach the capture routes of this server (listed at /_local/sms, /_local/events).
      AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2: `${apiUrl}/_local/aws/sms`,
      AWS_ENDPOINT_URL_EVENTBRIDGE: `${apiUrl}/_local/aws/events`,
      // Received mail is read from the local S3 stand-in (POST /_local/inbound-email stores it);
      // a snapshot paused between runs keeps its checkpoint there.
      AWS_ENDPOINT_URL_S3: `${apiUrl}/_local/aws/s3`,
      [SNAPSHOT_RUNS_BUCKET_ENV]: LOCAL_SNAPSHOT_RUNS_BUCKET,
      EVENT_BUS_NAME: 'service-feedback-local',
      // Campaign sends fan out through a local queue behind the same SQS calls (QUEUE_TRIGGERS).
      AWS_ENDPOINT_URL_SQS: `${apiUrl}/_local/aws/sqs`,
      [CAMPAIGN_QUEUE_URL_ENV]: `${apiUrl}/_local/aws/sqs/000000000000/campaign-sends`,
      ...(options.comprehendEndpoint ? { AWS_ENDPOINT_URL_COMPREHEND: options.comprehendEndpoint } : {}),
    });
    const functions = await loadLocalFunctions();

    const streams = new DynamoDBStreamsClient({
      endpoint: dynamo.endpoint,
      region: LOCAL_AWS_REGION,
      credentials: LOCAL_AWS_CREDENTIALS,
    });
    const poller = new StreamPoller({
      client: streams,
      streamArn,
      startAt: options.dataDir ? 'LATEST' : 'TRIM_HORIZON',
      consumers: STREAM_TRIGGERS.map((trigger) => ({
        name: trigger.function,
        batchSize: trigger.batchSize,
        maxBatchingWindowMs: trigger.maxBatchingWindowSeconds * 1000,
        retryAttempts: trigger.retryAttempts,
        filters: trigger.filters,
        invoke: (event: DynamoDBStreamEvent) =>
          functions[trigger.function](event) as Promise<DynamoDBBatchResponse | undefined>,
      })),
      ...(options.onError ? { onError: options.onError } : {}),
    });
    poller.start();
    stops.push(async () => {
      await poller.stop();
      streams.destroy();
    });

    const capture = new AwsCapture();
    for (const trigger of QUEUE_TRIGGERS) {
      capture.queues.set(
        trigger.queue,
        new LocalQueue({
          name: trigger.queue,
          batchSize: trigger.batchSize,
          maxConcurrency: trigger.maxConcurrency(config),
          maxReceiveCount: trigger.maxReceiveCount,
          invoke: (event: SQSEvent) =>
            functions[trigger.function](event) as Promise<SQSBatchResponse | undefined>,
          ...(options.onError ? { onError: options.onError } : {}),
        }),
      );
    }
    const s3 = new LocalS3();
    const control = localControlRoutes({ dynamo, sesUrl: ses.url, poller, functions, apiUrl, capture, s3 });
    const { server } = await startLocalHttpServer({
      host,
      port: options.port,
      routes: ROUTES,
      functions,
      apiKey: options.apiKey,
      staffToken: options.staffToken,
      ...(options.staffTokens ? { staffTokens: options.staffTokens } : {}),
      control,
      publicFormThrottle: config.publicFormThrottle,
      staticFiles: consoleFiles({ timezone: config.calendar.timezone }),
      ...(options.onError ? { onError: options.onError } : {}),
    });
    stops.push(() => closeServer(server));

    const killNow = () => {
      if (dynamo.process.exitCode === null && dynamo.process.signalCode === null)
        dynamo.process.kill('SIGKILL');
    };
    return { apiUrl, dynamoDbEndpoint: dynamo.endpoint, sesUrl: ses.url, config, poller, stop, killNow };
  } catch (error) {
    await stop();
    throw error;
  }
}

interface ControlDeps {
  dynamo: RunningDynamoDbLocal;
  sesUrl: string;
  poller: StreamPoller;
  functions: Awaited<ReturnType<typeof loadLocalFunctions>>;
  apiUrl: string;
  capture: AwsCapture;
  s3: LocalS3;
}

/** The local-only routes of contract §1 (never deployed), plus the generated OpenAPI document. */
function localControlRoutes(deps: ControlDeps): LocalControlRoute {
  return async (method, url, body) => {
    if (method === 'GET' && url.pathname === '/openapi.json') {
      return { status: 200, body: openApiDocument(deps.apiUrl) };
    }
    if (method === 'GET' && url.pathname === '/_local/health') {
      const healthy = await isHealthy(deps);
      return healthy
        ? { status: 200, body: { status: 'ok' } }
        : {
            status: 503,
            body: { error: { code: 'internal_error', message: 'A local piece is not answering.' } },
          };
    }
    if (method === 'POST' && url.pathname === '/_local/stream/settle') {
      const started = Date.now();
      await deps.poller.settle();
      return {
        status: 200,
        body: { settled: true, tookMs: Date.now() - started, deadLetters: deps.poller.deadLetters.length },
      };
    }
    if (method === 'POST' && url.pathname === '/_local/stream/replay') return replayStream(deps, body);
    const captured =
      deps.capture.handle(method, url.pathname, body) ?? deps.s3.handle(method, url.pathname, body);
    if (captured) return captured;
    if (method === 'POST' && url.pathname === '/_local/inbound-email') return receiveEmail(deps, url, body);
    const schedule = /^\/_local\/schedules\/([^/]+)$/.exec(url.pathname);
    if (schedule && method === 'POST') return runSchedule(deps, decodeURIComponent(schedule[1] ?? ''), body);
    return undefined;
  };
}

/**
 * `POST /_local/inbound-email` with a raw message (`message/rfc822`) as body: what the SES
 * receipt rule and the S3 notification do when deployed. The message is stored under
 * `inbound/<uuid>` (or `?key=inbound/…`) in the local S3 stand-in and the inboundEmail function
 * is invoked with the `ObjectCreated` event; answers what became of it. An empty body with
 * `?key=` of a stored message delivers that event again (a retried S3 event).
 */
async function receiveEmail(
  deps: ControlDeps,
  url: URL,
  body: Buffer,
): Promise<{ status: number; body: unknown }> {
  const key = url.searchParams.get('key') ?? `inbound/${randomUUID()}`;
  const refuse = (message: string) => ({
    status: 400,
    body: { error: { code: 'validation_error', message, issues: [{ path: 'body', message }] } },
  });
  if (!key.startsWith('inbound/') || key.length > 512) return refuse('key must start with inbound/');
  if (body.byteLength) deps.s3.put(LOCAL_INBOUND_BUCKET, key, body);
  else if (!deps.s3.has(LOCAL_INBOUND_BUCKET, key)) return refuse('send the raw message as the body');
  const event = objectCreatedEvent(
    LOCAL_INBOUND_BUCKET,
    key,
    deps.s3.sizeOf(LOCAL_INBOUND_BUCKET, key),
    new Date(),
  );
  return { status: 200, body: await deps.functions.inboundEmail(event) };
}

/**
 * `POST /_local/stream/replay` with `{"ids":["<feedback id>", …]}` (or `{}` for everything;
 * a hot-topic report's or problem's id replays that item's records):
 * redelivers those feedback's stream records to every stream function, then settles.
 */
async function replayStream(deps: ControlDeps, body: Buffer): Promise<{ status: number; body: unknown }> {
  let ids: string[] | undefined;
  try {
    const parsed = body.byteLength ? (JSON.parse(body.toString('utf8')) as { ids?: unknown }) : {};
    if (parsed.ids !== undefined) {
      if (!Array.isArray(parsed.ids) || !parsed.ids.every((id) => typeof id === 'string')) throw new Error();
      ids = parsed.ids as string[];
    }
  } catch {
    return {
      status: 400,
      body: {
        error: {
          code: 'validation_error',
          message: 'Send {"ids":["<feedback id>"]} or {}.',
          issues: [{ path: 'ids', message: 'must be a list of feedback ids' }],
        },
      },
    };
  }
  const keys = ids ? new Set(ids.map((id) => `FEEDBACK#${id}`)) : undefined;
  // A hot-topic report or problem is named by its id, which is its item's sort key.
  const sortKeys = new Set(ids ?? []);
  const replayed = await deps.poller.replay(
    (record) =>
      !keys ||
      keys.has(String(record.dynamodb?.Keys?.[FEEDBACK_TABLE.partitionKey]?.S ?? '')) ||
      sortKeys.has(String(record.dynamodb?.Keys?.[FEEDBACK_TABLE.sortKey]?.S ?? '')),
  );
  await deps.poller.settle();
  return { status: 200, body: { replayed } };
}

async function runSchedule(
  deps: ControlDeps,
  name: string,
  body: Buffer,
): Promise<{ status: number; body: unknown }> {
  const definition = SCHEDULES.find((s) => s.name === name);
  if (!definition) {
    const known = SCHEDULES.map((s) => s.name).join(', ') || 'none yet';
    return {
      status: 404,
      body: { error: { code: 'not_found', message: `No schedule named ${name} (known: ${known}).` } },
    };
  }
  let now: string;
  try {
    const parsed = body.byteLength ? (JSON.parse(body.toString('utf8')) as { now?: unknown }) : {};
    now = typeof parsed.now === 'string' ? new Date(parsed.now).toISOString() : new Date().toISOString();
  } catch {
    return {
      status: 400,
      body: {
        error: {
          code: 'validation_error',
          message: 'Send {"now":"<ISO-8601 instant>"}.',
          issues: [{ path: 'now', message: 'must be an ISO-8601 instant' }],
        },
      },
    };
  }
  const started = Date.now();
  const input: ScheduledInvocation = { schedule: definition.name, scheduledTime: now };
  let result = await deps.functions[definition.function](input);
  // What the deployed Step Functions loop does (RunUntilDone): run again while it asks to.
  let runs = 1;
  while (definition.runsUntilDone && asksToRunAgain(result)) {
    result = await deps.functions[definition.function](result.next);
    runs += 1;
  }
  await settleAll(deps);
  return {
    status: 200,
    body: {
      schedule: name,
      now,
      result,
      ...(definition.runsUntilDone ? { runs } : {}),
      tookMs: Date.now() - started,
    },
  };
}

/** Waits until the stream and every local queue are idle (queued sends can write, writes can queue). */
async function settleAll(deps: ControlDeps): Promise<void> {
  await deps.poller.settle();
  const busy = [...deps.capture.queues.values()].filter((queue) => !queue.idle);
  if (!busy.length) return;
  await Promise.all(busy.map((queue) => queue.settle()));
  await deps.poller.settle();
}

async function isHealthy(deps: ControlDeps): Promise<boolean> {
  const client = localDynamoDbClient(deps.dynamo.endpoint);
  try {
    const { ListTablesCommand } = await import('@aws-sdk/client-dynamodb');
    await client.send(new ListTablesCommand({ Limit: 1 }));
    const ses = await fetch(`${deps.sesUrl}/health-check`);
    return ses.ok && existsSync(path.join(CONSOLE_DIST, 'index.html'));
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
