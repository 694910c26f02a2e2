import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { runAsFunction } from '../../shared/adapters/aws-clients.ts';
import { FUNCTIONS, type FunctionName } from '../../shared/definitions/function-definitions.ts';
import { PROJECT_ROOT } from '../project-root.ts';

/** A handler as the Lambda runtime calls it. */
export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/** A Lambda context for one local invocation. */
export function localContext(name: string, timeoutSeconds: number): Context {
  const deadline = Date.now() + timeoutSeconds * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `local-${name}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:local-${name}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/local-${name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * Imports the handler modules named in `FUNCTIONS`, the same entries CDK bundles, and wraps
 * each in an invoker that supplies a fresh context. Call after the environment is set:
 * modules read their configuration at import, as they do at a Lambda cold start.
 */
export async function loadLocalFunctions(): Promise<
  Record<FunctionName, (event: unknown) => Promise<unknown>>
> {
  const loaded = {} as Record<FunctionName, (event: unknown) => Promise<unknown>>;
  for (const [name, definition] of Object.entries(FUNCTIONS) as [
    FunctionName,
    (typeof FUNCTIONS)[FunctionName],
  ][]) {
    const module = (await import(pathToFileURL(path.join(PROJECT_ROOT, definition.entry)).href)) as Record<
      string,
      unknown
    >;
    const handler = module[definition.handler];
    if (typeof handler !== 'function')
      throw new Error(`${definition.entry} does not export ${definition.handler}`);
    // Named, so the AWS calls it makes are recorded under this function when tests ask for it.
    loaded[name] = (event) =>
      runAsFunction(name, () =>
        (handler as LambdaHandler)(event, localContext(name, definition.timeoutSeconds)),
      );
  }
  return loaded;
}
