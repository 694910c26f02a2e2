import { isDeepStrictEqual } from 'node:util';
import { gzipSync } from 'node:zlib';
import { overridesOf, withOverrides } from './config-overrides.ts';
import { ENV, GZIP_PREFIX } from './runtime-config.ts';
import { parseStackConfig } from './stack-config.ts';
import { STACK_CONFIG_DEFAULTS } from './stack-config-defaults.ts';

// The synth side of a function's configuration (the CDK stack, the local stack, tests and the
// bench): it needs the schemas, which the functions themselves never load.

/** Lambda allows 4 KB of environment in all; the configuration may use this much of it. */
const CONFIG_ENV_BUDGET = 3000;

/**
 * Validates the deployer's configuration and encodes it for an environment variable: only what
 * differs from the schema's defaults (`decodeConfig` lays it over them at cold start without
 * running the schema), gzip+base64 when plain JSON is too long. Throws at synth when the
 * configuration is invalid or its overrides would not rebuild it exactly.
 */
export function encodeConfig(input: unknown): string {
  const resolved = parseStackConfig(input);
  const overrides = overridesOf(resolved, STACK_CONFIG_DEFAULTS);
  if (!isDeepStrictEqual(withOverrides(STACK_CONFIG_DEFAULTS, overrides), resolved))
    throw new Error(
      'serviceFeedback configuration: its overrides do not rebuild it (a bug: please report it)',
    );
  const json = JSON.stringify(overrides);
  if (json.length <= 1500) return json;
  const packed = `${GZIP_PREFIX}${gzipSync(json).toString('base64')}`;
  if (packed.length > CONFIG_ENV_BUDGET) {
    throw new Error(
      `serviceFeedback configuration is too large for a Lambda environment (${packed.length} bytes compressed); shorten the taxonomy or holiday list`,
    );
  }
  return packed;
}

/**
 * The environment a function gets: one function used by both the CDK stack and the local stack.
 * `configInput` is the configuration as the deployer wrote it (validated again here).
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
