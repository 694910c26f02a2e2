import { z } from 'zod';
import { type StackConfig, stackConfigSchema } from './stack-config.ts';

/** Names of the environment variables every function receives (set by CDK and by the local stack). */
export const ENV = {
  tableName: 'FEEDBACK_TABLE_NAME',
  publicBaseUrl: 'PUBLIC_BASE_URL',
  stackConfig: 'SERVICE_FEEDBACK_CONFIG',
} as const;

/** The environment a function gets: one function used by both the CDK stack and the local stack. */
export function functionEnvironment(
  config: StackConfig,
  resources: { tableName: string; publicBaseUrl: string },
): Record<string, string> {
  return {
    [ENV.tableName]: resources.tableName,
    [ENV.publicBaseUrl]: resources.publicBaseUrl,
    [ENV.stackConfig]: JSON.stringify(config),
    POWERTOOLS_SERVICE_NAME: 'service-feedback',
  };
}

const runtimeEnvSchema = z.object({
  [ENV.tableName]: z.string().min(1),
  [ENV.publicBaseUrl]: z.string().min(1),
  [ENV.stackConfig]: z.string().min(2),
});

/** What a handler needs at run time, parsed once per module from its environment. */
export interface RuntimeConfig {
  tableName: string;
  publicBaseUrl: string;
  stack: StackConfig;
}

/** Reads and validates a function's environment; fails fast at cold start when misconfigured. */
export function runtimeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const parsed = runtimeEnvSchema.parse(env);
  return {
    tableName: parsed[ENV.tableName],
    publicBaseUrl: parsed[ENV.publicBaseUrl].replace(/\/+$/, ''),
    stack: stackConfigSchema.parse(JSON.parse(parsed[ENV.stackConfig])),
  };
}
