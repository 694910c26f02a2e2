import { gunzipSync } from 'node:zlib';
import * as z from '../schemas/zod.ts';
import { withOverrides, withRenamedKeys } from './config-overrides.ts';
import type { StackConfig } from './stack-config.ts';
import { STACK_CONFIG_DEFAULTS } from './stack-config-defaults.ts';

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

/** The prefix of a gzip+base64 configuration (see `encodeConfig`). */
export const GZIP_PREFIX = 'gz:';

/**
 * Decodes `encodeConfig`'s output: the overrides laid over the schema's defaults. No schema runs
 * here: `encodeConfig` validated the configuration at synth and checked that these overrides
 * rebuild it exactly, and building the schemas would cost every cold start ~10 ms.
 */
export function decodeConfig(encoded: string): StackConfig {
  const json = encoded.startsWith(GZIP_PREFIX)
    ? gunzipSync(Buffer.from(encoded.slice(GZIP_PREFIX.length), 'base64')).toString('utf8')
    : encoded;
  const overrides: unknown = withRenamedKeys(JSON.parse(json));
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides))
    throw new Error(`${ENV.stackConfig} must be a JSON object`);
  return withOverrides(STACK_CONFIG_DEFAULTS, overrides);
}

const runtimeEnvSchema = /* @__PURE__ */ z.moduleSchema(() =>
  z.object({
    [ENV.tableName]: z.string().check(z.minLength(1)),
    [ENV.publicBaseUrl]: z.string().check(z.minLength(1)),
    [ENV.stackConfig]: z.string().check(z.minLength(2)),
  }),
);

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
