import { AsyncLocalStorage } from 'node:async_hooks';
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { ComprehendClient } from '@aws-sdk/client-comprehend';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * When set (tests only), every AWS SDK command a function sends is appended to
 * `<dir>/<function>.jsonl`, once per distinct call shape. The IAM proof test reads these files.
 */
export const AWS_CALL_LOG_ENV = 'SERVICE_FEEDBACK_AWS_CALL_LOG';

/** Tests: the local stack records into `<this>/<sentimentProvider>/` (set once per run in vitest.config.ts). */
export const AWS_CALL_LOG_ROOT_ENV = 'SERVICE_FEEDBACK_AWS_CALL_LOG_ROOT';

/** One AWS SDK command as a function sent it: what IAM authorizes, nothing of the data. */
export interface RecordedAwsCall {
  service: 'dynamodb' | 'ses' | 'comprehend' | 'cognito-idp' | 's3' | 'sms-voice' | 'events' | 'sqs';
  /** The API operation, e.g. `UpdateItem`, `SendEmail`, `BatchDetectSentiment`. */
  command: string;
  table?: string;
  index?: string;
  /** The operations inside `TransactWriteItems` / `BatchWriteItem`, each on its table. */
  items?: { operation: string; table: string }[];
  from?: string;
  configurationSet?: string;
  /** Domains of the recipients (the SES sandbox authorizes each recipient's identity too). */
  recipientDomains?: string[];
  /** S3: the object's key (the bucket is the stack's import bucket). */
  key?: string;
  /** SMS: the origination identity sent from, when one is named. */
  originationIdentity?: string;
  /** EventBridge: whether the entries name a bus (else the account's default bus). */
  eventBus?: string;
}

const invocation = new AsyncLocalStorage<string>();

/**
 * Runs `fn` as the named function, so calls it makes are recorded under that name. The local
 * stack runs every function in one process; a deployed function or a bundle loaded alone is
 * named by `AWS_LAMBDA_FUNCTION_NAME`.
 */
export function runAsFunction<T>(name: string, fn: () => T): T {
  return invocation.run(name, fn);
}

type Input = Record<string, unknown>;

function describeCall(
  service: RecordedAwsCall['service'],
  commandName: string,
  input: Input,
): RecordedAwsCall {
  const command = commandName.replace(/Command$/, '');
  const call: RecordedAwsCall = { service, command };
  if (typeof input.TableName === 'string') call.table = input.TableName;
  if (typeof input.IndexName === 'string') call.index = input.IndexName;
  if (Array.isArray(input.TransactItems)) {
    call.items = (input.TransactItems as Record<string, { TableName?: string }>[]).flatMap((item) =>
      Object.entries(item).map(([operation, body]) => ({ operation, table: body.TableName ?? '' })),
    );
  }
  if (input.RequestItems && typeof input.RequestItems === 'object') {
    call.items = Object.entries(input.RequestItems as Record<string, Record<string, unknown>[]>).flatMap(
      ([table, requests]) =>
        Array.isArray(requests)
          ? requests.flatMap((request) => Object.keys(request).map((operation) => ({ operation, table })))
          : [{ operation: 'Get', table }],
    );
  }
  if (typeof input.Key === 'string') call.key = input.Key;
  if (typeof input.OriginationIdentity === 'string') call.originationIdentity = input.OriginationIdentity;
  if (Array.isArray(input.Entries)) {
    const buses = (input.Entries as { EventBusName?: string }[]).map((e) => e.EventBusName ?? 'default');
    call.eventBus = [...new Set(buses)].sort().join(',');
  }
  if (typeof input.FromEmailAddress === 'string') call.from = input.FromEmailAddress;
  if (typeof input.ConfigurationSetName === 'string') call.configurationSet = input.ConfigurationSetName;
  const destination = input.Destination as { ToAddresses?: string[]; CcAddresses?: string[] } | undefined;
  if (destination) {
    const addresses = [...(destination.ToAddresses ?? []), ...(destination.CcAddresses ?? [])];
    call.recipientDomains = [...new Set(addresses.map((a) => a.split('@')[1] ?? a))].sort();
  }
  if (call.items) {
    const seen = new Set<string>();
    call.items = call.items.filter((item) => {
      const key = `${item.operation}:${item.table}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
  return call;
}

const written = new Set<string>();

function record(dir: string, call: RecordedAwsCall): void {
  const fn = invocation.getStore() ?? process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'unknown';
  const line = JSON.stringify(call);
  const key = `${fn}\n${line}`;
  if (written.has(key)) return;
  written.add(key);
  mkdirSync(dir, { recursive: true });
  appendFileSync(path.join(dir, `${fn}.jsonl`), `${line}\n`);
}

interface MiddlewareClient {
  middlewareStack: {
    add(
      middleware: (
        next: (args: { input: object }) => Promise<unknown>,
        context: { commandName?: string },
      ) => (args: { input: object }) => Promise<unknown>,
      options: { step: 'initialize'; name: string },
    ): void;
  };
}

/**
 * Installs the recording middleware when {@link AWS_CALL_LOG_ENV} is set; a no-op otherwise.
 * Every client a function builds goes through this (here and in channel-clients.ts).
 */
export function instrument<C>(client: C, service: RecordedAwsCall['service']): C {
  const dir = process.env[AWS_CALL_LOG_ENV];
  if (!dir) return client;
  (client as unknown as MiddlewareClient).middlewareStack.add(
    (next, context) => async (args) => {
      record(dir, describeCall(service, context.commandName ?? 'Unknown', args.input as Input));
      return next(args);
    },
    { step: 'initialize', name: 'recordAwsCalls' },
  );
  return client;
}

/**
 * The DynamoDB document client a function module builds once at cold start. Endpoints come
 * from the standard SDK variables (`AWS_ENDPOINT_URL_DYNAMODB` in the local stack).
 */
export function createDocumentClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(instrument(new DynamoDBClient({ maxAttempts: 4 }), 'dynamodb'), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

/** The Comprehend client; retries are the adapter's own, so the SDK makes one try. */
export function createComprehendClient(): ComprehendClient {
  return instrument(new ComprehendClient({ maxAttempts: 1 }), 'comprehend');
}

/** The Cognito client that reads the staff user pool (the deployed staff directory). */
export function createCognitoClient(): CognitoIdentityProviderClient {
  return instrument(new CognitoIdentityProviderClient({ maxAttempts: 3 }), 'cognito-idp');
}
