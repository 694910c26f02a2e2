import { readFileSync } from 'node:fs';
import path from 'node:path';

const EVENTS_DIR = path.resolve(import.meta.dirname, '..', '..', 'events');

/** Loads a sample event from `events/` (e.g. `api/post-feedback.json`), merged with overrides. */
export function loadEvent<T = Record<string, unknown>>(name: string, overrides: Partial<T> = {}): T {
  const event = JSON.parse(readFileSync(path.join(EVENTS_DIR, name), 'utf8')) as T;
  return { ...event, ...overrides };
}
