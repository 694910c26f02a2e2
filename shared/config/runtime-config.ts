import { gunzipSync, gzipSync } from 'node:zlib';
import * as z from '../schemas/zod.ts';
import { type StackConfig, stackConfigSchema, withRenamedKeys } from './stack-config.ts';

/** Names of the environment variables every function receives (set by CDK and by the local stack). */
export const ENV = {
  tableName: 'FEEDBACK_TABLE_NAME',
  publicBaseUrl: 'PUBLIC_BASE_URL',
  stackConfig: 'SERVICE_FEEDBACK_CONFIG',
  /** Set only for functions that send email (their grant names this configuration set). */
  sesConfigurationSet: 'SES_CONFIGURATION_SET',
  /** The deployed console's URL (the CloudFront one), when `consoleUrl` is not configured. */
  consoleUrl: 'CONSOLE_URL',
  /** The console's origin: API responses allow it (CORS), and only it. */
  consoleOrigin: 'CONSOLE_ORIGIN',
} as const;

/** Lambda allows 4 KB of environment in all; the configuration may use this much of it. */
const CONFIG_ENV_BUDGET = 3000;
const GZIP_PREFIX = 'gz:';

/**
 * Encodes the deployer's configuration (overrides only: defaults are applied again by the same
 * schema at cold start) for an environment variable, gzip+base64 when plain JSON is too long.
 */
export function encodeConfig(input: unknown): string {
  const json = JSON.stringify(input ?? {});
  if (json.length <= 1500) return json;
  const packed = `${GZIP_PREFIX}${gzipSync(json).toString('base64')}`;
  if (packed.length > CONFIG_ENV_BUDGET) {
    throw new Error(
      `serviceFeedback configuration is too large for a Lambda environment (${packed.length} bytes compressed); shorten the taxonomy or holiday list`,
    );
  }
  return packed;
}

/** Decodes {@link encodeConfig}'s output and applies the schema (defaults included). */
export function decodeConfig(encoded: string): StackConfig {
  const json = encoded.startsWith(GZIP_PREFIX)
    ? gunzipSync(Buffer.from(encoded.slice(GZIP_PREFIX.length), 'base64')).toString('utf8')
    : encoded;
  return stackConfigSchema.parse(withRenamedKeys(JSON.parse(json)));
}

/**
 * The environment a function gets: one function used by both the CDK stack and the local stack.
 * `configInput` is the configuration as the deployer wrote it (already validated).
 */
export function functionEnvironment(
  configInput: unknown,
  resources: { tableName: string; publicBaseUrl: string },
): Record<string, string> {
  return {
    [ENV.tableName]: resources.tableName,
    [ENV.publicBaseUrl]: resources.publicBaseUrl,
    [ENV.stackConfig]: encodeConfig(configInput),
    POWERTOOLS_SERVICE_NAME: 'service-feedback',
  };
}

const runtimeEnvSchema = z.object({
  [ENV.tableName]: z.string().check(z.minLength(1)),
  [ENV.publicBaseUrl]: z.string().check(z.minLength(1)),
  [ENV.stackConfig]: z.string().check(z.minLength(2)),
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
  const stack = decodeConfig(parsed[ENV.stackConfig]);
  const consoleUrl = env[ENV.consoleUrl];
  return {
    tableName: parsed[ENV.tableName],
    publicBaseUrl: parsed[ENV.publicBaseUrl].replace(/\/+$/, ''),
    stack: stack.consoleUrl || !consoleUrl ? stack : { ...stack, consoleUrl },
  };
}

/**
 * The staff console's link to one feedback, for staff emails: the configured `consoleUrl`
 * (deployed: the CloudFront URL by default), else the local stack's `/console/`.
 */
export function consoleFeedbackUrl(
  config: { consoleUrl?: string | undefined },
  publicBaseUrl: string,
  id: string,
): string {
  const base = (config.consoleUrl ?? `${publicBaseUrl}/console`).replace(/\/+$/, '');
  return `${base}/feedback/${encodeURIComponent(id)}`;
}
