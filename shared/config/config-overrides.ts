import { isDeepStrictEqual } from 'node:util';

// Schema-free on purpose: functions decode their configuration with this module alone, so a cold
// start does not build the configuration's schemas (synth already validated the configuration).

/** A configuration value as JSON carries it. */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `retentionDays` (before contract §11) was how long a record lived: it is read as
 * `recordRetentionDays` when that is not set, so an existing deployment keeps its records as long.
 */
export function withRenamedKeys(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || !('retentionDays' in raw)) return raw;
  const { retentionDays, ...rest } = raw as Record<string, unknown>;
  return 'recordRetentionDays' in rest ? rest : { ...rest, recordRetentionDays: retentionDays };
}

/**
 * What `resolved` changes from `defaults`: plain objects are compared key by key, anything else
 * (arrays included) is taken whole when it differs. {@link withOverrides} inverts it.
 */
export function overridesOf(resolved: unknown, defaults: unknown): Record<string, Json> {
  const overrides: Record<string, Json> = {};
  if (!isPlainObject(resolved)) return overrides;
  const base = isPlainObject(defaults) ? defaults : {};
  for (const [key, value] of Object.entries(resolved)) {
    if (value === undefined || isDeepStrictEqual(value, base[key])) continue;
    overrides[key] =
      isPlainObject(value) && isPlainObject(base[key]) ? overridesOf(value, base[key]) : (value as Json);
  }
  return overrides;
}

/** `defaults` with `overrides` laid over them, plain objects merged key by key. */
export function withOverrides<T>(defaults: T, overrides: unknown): T {
  if (!isPlainObject(overrides) || !isPlainObject(defaults)) return (overrides ?? defaults) as T;
  const merged: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(overrides))
    merged[key] =
      isPlainObject(value) && isPlainObject(defaults[key]) ? withOverrides(defaults[key], value) : value;
  return merged as T;
}
