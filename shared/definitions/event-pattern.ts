/**
 * A matcher for the subset of Lambda event-filter patterns the stack uses (exact values,
 * `exists`, `prefix`, `anything-but`), so the local poller filters stream records exactly as
 * the deployed event source mapping does with the same pattern.
 */
export type EventPattern = { [key: string]: EventPattern | readonly PatternValue[] };
type PatternValue =
  | string
  | number
  | boolean
  | null
  | { exists: boolean }
  | { prefix: string }
  | { 'anything-but': readonly (string | number)[] };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueMatches(rule: PatternValue, present: boolean, value: unknown): boolean {
  if (isPlainObject(rule)) {
    if ('exists' in rule) return rule.exists === present;
    if (!present) return false;
    if ('prefix' in rule) return typeof value === 'string' && value.startsWith(rule.prefix);
    if ('anything-but' in rule) return !rule['anything-but'].includes(value as string | number);
    return false;
  }
  return present && value === rule;
}

/** True when `event` satisfies every field of `pattern`. */
export function matchesPattern(pattern: EventPattern, event: unknown): boolean {
  const target = isPlainObject(event) ? event : {};
  return Object.entries(pattern).every(([key, rule]) => {
    const present = Object.hasOwn(target, key);
    const value = target[key];
    if (Array.isArray(rule))
      return (rule as readonly PatternValue[]).some((r) => valueMatches(r, present, value));
    return present && matchesPattern(rule as EventPattern, value);
  });
}

/** True when an event passes any of the filters (no filters: every event passes). */
export function passesFilters(filters: readonly EventPattern[] | undefined, event: unknown): boolean {
  return !filters?.length || filters.some((filter) => matchesPattern(filter, event));
}
